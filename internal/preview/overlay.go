package preview

import (
	"bytes"
	_ "embed"
	"html"
	"html/template"
	"strings"

	"disclose/internal/diag"
)

//go:embed assets/overlay.html
var overlaySource string

var overlayTemplate = template.Must(template.New("overlay.html").Parse(overlaySource))

// problem is one line of the overlay: the position, bold, then the message.
type problem struct {
	At, Text string
	Warning  bool
}

// overlay renders the problems of st as the box shown over every page.
func overlay(st *state) []byte {
	data := struct {
		HaveSite bool
		Problems []problem
	}{HaveSite: st.files != nil}
	for _, d := range st.problems {
		data.Problems = append(data.Problems, problemOf(d))
	}
	if st.failure != "" {
		data.Problems = append(data.Problems, problem{At: "构建 (build):", Text: st.failure})
	}
	var buf bytes.Buffer
	if err := overlayTemplate.Execute(&buf, data); err != nil {
		// Only a bug of ours gets here: still show the problems.
		return []byte(html.EscapeString(st.problems.Error() + "\n" + st.failure))
	}
	return buf.Bytes()
}

// problemOf splits d's "path:line:col: message" at its position.
func problemOf(d diag.Diagnostic) problem {
	at := d.Where()
	return problem{At: at + ":", Text: strings.TrimPrefix(d.String(), at+": "), Warning: !d.Blocks()}
}

// failurePage is what every URL shows while the site has never built: the
// overlay and the reload script are added to it as to any page.
//
//go:embed assets/failure.html
var failurePage string

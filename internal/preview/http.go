package preview

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"path"
	"strings"
)

// Reserved is the URL path below which the preview serves its own files.
// It is outside any site's pages: no year or slug starts with "_".
const Reserved = "/_disclose/"

var (
	//go:embed assets/reload.js
	reloadJS []byte
	//go:embed assets/preview.css
	previewCSS []byte
)

// ServeHTTP serves the current state: the site's files below its base
// path, with a redirect from / to the base path, and the preview's own
// files below Reserved.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store") // every load shows the last build
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case Reserved + "reload.js":
		serveBytes(w, r, "reload.js", reloadJS)
		return
	case Reserved + "preview.css":
		serveBytes(w, r, "preview.css", previewCSS)
		return
	case Reserved + "events":
		s.events(w, r)
		return
	}
	s.servePage(w, r, s.state.Load())
}

func (s *Server) servePage(w http.ResponseWriter, r *http.Request, st *state) {
	p := r.URL.Path
	switch {
	case p+"/" == st.base || (p == "/" && st.base != "/"):
		redirect(w, r, st.base)
	case st.files == nil:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write(decorate([]byte(failurePage), st))
	case st.lookup(p) != "":
		rel := st.lookup(p)
		data := st.files[rel]
		if path.Ext(rel) == ".html" {
			data = decorate(data, st)
		}
		serveBytes(w, r, rel, data)
	case !strings.HasSuffix(p, "/") && st.lookup(p+"/") != "":
		redirect(w, r, p+"/")
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if r.Method == http.MethodGet {
			w.Write(decorate(st.files["404.html"], st))
		}
	}
}

func redirect(w http.ResponseWriter, r *http.Request, to string) {
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, to, http.StatusFound)
}

func serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

// decorate adds to a page, before its </body>, what the preview shows:
// the problems, when the last build failed, and the script that reloads
// the page. It is the only place the script is added: a built page never
// holds it.
func decorate(page []byte, st *state) []byte {
	var add bytes.Buffer
	err := decorateTemplate.Execute(&add, struct {
		Overlay           template.HTML // made by overlayTemplate
		Reserved, Version string
	}{template.HTML(st.overlay), Reserved, st.version})
	if err != nil { // only a bug of ours gets here: the page, undecorated
		return page
	}
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+add.Len())
	return append(append(append(out, page[:i]...), add.Bytes()...), page[i:]...)
}

//go:embed assets/decorate.html
var decorateSource string

var decorateTemplate = template.Must(template.New("decorate.html").Parse(decorateSource))

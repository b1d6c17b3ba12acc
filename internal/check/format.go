package check

import (
	"encoding/json"
	"fmt"
	"io"

	"disclose/internal/diag"
)

// Text writes the report for a terminal: the changes made, one finding per
// line as "path:line:col: severity: message (hint) [rule]", then a count.
func (r Report) Text(w io.Writer) error {
	ew := &errWriter{w: w}
	for _, c := range r.Changes {
		ew.printf("%s:%d:%d: fixed: %s [%s]\n", c.Path, c.Line, c.Col, describe(c), c.Rule)
	}
	for _, d := range r.Problems {
		ew.printf("%s\n", line(d))
	}
	if len(r.Changes) > 0 {
		ew.printf("fixed %d problem(s) (已自动修正 %d 处标点)\n", len(r.Changes), len(r.Changes))
	}
	errs := r.Errors()
	switch {
	case len(r.Problems) == 0:
		ew.printf("%s checked: no problems (未发现问题)\n", plural(r.Notices, "notice"))
	default:
		ew.printf("%s checked: %s, %s%s\n", plural(r.Notices, "notice"), plural(errs, "error"),
			plural(len(r.Problems)-errs-r.Accepted(), "warning"), acceptedCount(r.Accepted()))
	}
	return ew.err
}

// line formats one finding.
func line(d diag.Diagnostic) string {
	s := d.Path
	if d.Line > 0 {
		s += fmt.Sprintf(":%d:%d", d.Line, max(d.Col, 1))
	}
	s += ": "
	if d.Accepted != "" {
		s += "accepted "
	}
	s += d.Severity.String() + ": " + d.Message
	if d.Hint != "" {
		s += " (" + d.Hint + ")"
	}
	s += " [" + d.Rule + "]"
	if d.Accepted != "" {
		s += " (理由: " + d.Accepted + ")"
	}
	return s
}

// acceptedCount writes how many findings were accepted, when any were.
func acceptedCount(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %d accepted", n)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// jsonReport is the JSON form of a report, for editors and CI.
type jsonReport struct {
	Notices  int           `json:"notices"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
	Accepted int           `json:"accepted"`
	Problems []jsonProblem `json:"problems"`
	Fixed    []jsonChange  `json:"fixed"`
}

type jsonProblem struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	Accepted string `json:"accepted,omitempty"` // the reason, when the notice accepted the finding
}

type jsonChange struct {
	Path string `json:"path"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Rule string `json:"rule"`
	Old  string `json:"old"`
	New  string `json:"new"`
}

// JSON writes the report as one JSON object.
func (r Report) JSON(w io.Writer) error {
	errs := r.Errors()
	accepted := r.Accepted()
	out := jsonReport{Notices: r.Notices, Errors: errs, Warnings: len(r.Problems) - errs - accepted, Accepted: accepted,
		Problems: []jsonProblem{}, Fixed: []jsonChange{}}
	for _, d := range r.Problems {
		out.Problems = append(out.Problems, jsonProblem{Path: d.Path, Line: d.Line, Col: d.Col,
			Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message, Hint: d.Hint, Accepted: d.Accepted})
	}
	for _, c := range r.Changes {
		out.Fixed = append(out.Fixed, jsonChange{Path: c.Path, Line: c.Line, Col: c.Col, Rule: c.Rule, Old: c.Old, New: c.New})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

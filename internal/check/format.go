package check

import (
	"encoding/json"
	"fmt"
	"io"
)

// Text writes the report for a terminal: the changes made, one finding per
// line as "path:line:col: severity: message (hint) [rule]", then a count.
func (r Report) Text(w io.Writer) error {
	ew := &errWriter{w: w}
	for _, c := range r.Changes {
		ew.printf("%s:%d:%d: fixed: 已修正 %s [%s]\n", c.Path, c.Line, c.Col, describe(c), c.Rule)
	}
	for _, d := range r.Problems {
		ew.printf("%s\n", d.Report())
	}
	if len(r.Changes) > 0 {
		ew.printf("已自动修正 %[1]d 处标点; fixed %[1]d problem(s)\n", len(r.Changes))
	}
	ew.printf("已检查 %d 篇通报; %s checked\n%s\n", r.Notices, plural(r.Notices, "notice"), r.Problems.Summary())
	return ew.err
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
	InDrafts int           `json:"errors_in_drafts"`
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
	Draft    bool   `json:"draft,omitempty"`
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
	c := r.Problems.Count()
	out := jsonReport{Notices: r.Notices, Errors: c.Errors, InDrafts: c.InDrafts, Warnings: c.Warnings,
		Accepted: c.Accepted, Problems: []jsonProblem{}, Fixed: []jsonChange{}}
	for _, d := range r.Problems {
		out.Problems = append(out.Problems, jsonProblem{Path: d.Path, Line: d.Line, Col: d.Col,
			Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message, Hint: d.Hint, Draft: d.Draft, Accepted: d.Accepted})
	}
	for _, c := range r.Changes {
		out.Fixed = append(out.Fixed, jsonChange{Path: c.Path, Line: c.Line, Col: c.Col, Rule: c.Rule, Old: c.Old, New: c.New})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// expectation is a NAME.expect.toml of testdata/real: what a careful person
// fills in for the notice NAME.txt, written by hand before looking at what
// the importer makes of it. A key left out is not compared.
type expectation struct {
	Title       *string  `toml:"title"`
	Date        *string  `toml:"date"` // "2026-10-15 16:20", "2023-05-04 08:46:31" or "2024-07-26"
	Source      *string  `toml:"source"`
	Draft       *bool    `toml:"draft"`
	Punctuation *string  `toml:"punctuation"`
	Encoding    string   `toml:"encoding"` // "GBK": import must say it converted the file
	Dropped     []string `toml:"dropped"`  // page chrome: out of the text, and named by import
	Absent      []string `toml:"absent"`   // lines that must not stay in the text (title lines, 政府信息公开 labels)
	ContactLine string   `toml:"contact_line"`
	Errors      []string `toml:"errors"` // rules check may legitimately report as errors
	Shapes      []string `toml:"shapes"`

	Statistics []statistic       `toml:"statistics"`
	Inspection map[string]any    `toml:"inspection"`
	Contact    map[string]string `toml:"contact"`
	Signature  map[string]any    `toml:"signature"`
	Disclosure map[string]any    `toml:"disclosure"`
	Slips      []slip            `toml:"slip"`
	Planted    []plantedFinding  `toml:"planted"`
	hasStats   bool              // statistics was given, possibly empty
}

type statistic struct {
	Label string  `toml:"label"`
	Value float64 `toml:"value"`
	Unit  string  `toml:"unit"`
}

func (s statistic) String() string {
	return s.Label + strconv.FormatFloat(s.Value, 'f', -1, 64) + s.Unit
}

// slip is a planted mistake: replacing Old by New in the imported source
// must make check report Rule with at least Severity.
type slip struct {
	Rule     string `toml:"rule"`
	Severity string `toml:"severity"`
	Old      string `toml:"old"`
	New      string `toml:"new"`
	Why      string `toml:"why"`
}

// plantedFinding is a mistake the notice itself carries: check must report
// Rule with at least Severity on a line of the source containing Text.
type plantedFinding struct {
	Rule     string `toml:"rule"`
	Severity string `toml:"severity"`
	Text     string `toml:"text"`
	Why      string `toml:"why"`
}

func readExpectation(data []byte) (*expectation, error) {
	var e expectation
	md, err := toml.Decode(string(data), &e)
	if err != nil {
		return nil, err
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		return nil, fmt.Errorf("unknown keys %v", undecoded)
	}
	e.hasStats = md.IsDefined("statistics")
	switch e.ContactLine {
	case "block", "text", "none":
	default:
		return nil, fmt.Errorf("contact_line = %q: write block, text or none", e.ContactLine)
	}
	for _, s := range e.Slips {
		if s.Rule == "" || s.Old == "" || severityRank(s.Severity) < 0 {
			return nil, fmt.Errorf("slip %+v: rule, old and severity (error or warning) are required", s)
		}
	}
	return &e, nil
}

func severityRank(s string) int {
	return slices.Index([]string{"warning", "error"}, s)
}

// show formats a TOML value the way the expect files write it, so that a
// front matter's 2024-07-26 and an expectation's "2024-07-26" compare equal.
func show(v any) string {
	switch v := v.(type) {
	case nil:
		return "(missing)"
	case string:
		return strconv.Quote(v)
	case time.Time:
		return showTime(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// showTime writes a date as a date, a time without seconds unless it has
// some: the way the header of a notice gives it.
func showTime(t time.Time) string {
	switch {
	case t.Location().String() == "date-local":
		return t.Format(time.DateOnly)
	case t.Second() != 0:
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("2006-01-02 15:04")
}

// frontMatter splits an imported source into its front matter, decoded,
// and its body.
func frontMatter(src string) (map[string]any, string, error) {
	rest, ok := strings.CutPrefix(src, "+++\n")
	if !ok {
		return nil, "", fmt.Errorf("the source does not start with +++")
	}
	head, body, ok := strings.Cut(rest, "\n+++\n")
	if !ok {
		return nil, "", fmt.Errorf("the front matter is not closed by +++")
	}
	fm := map[string]any{}
	if _, err := toml.Decode(head, &fm); err != nil {
		return nil, "", fmt.Errorf("the front matter is not TOML: %v", err)
	}
	return fm, body, nil
}

// table returns the front matter's table name, or an empty one.
func table(fm map[string]any, name string) map[string]any {
	t, _ := fm[name].(map[string]any)
	if t == nil {
		return map[string]any{}
	}
	return t
}

// compareTable reports every key of want whose value differs in got, as
// "NAME: name.key: got X, want Y".
func compareTable(name string, got, want map[string]any) []string {
	var diffs []string
	for _, k := range sortedKeys(want) {
		g, w := show(got[k]), show(want[k])
		if want[k] == "" && got[k] == nil {
			continue // an empty string: nothing to fill in, absent is as good
		}
		if g != w {
			diffs = append(diffs, fmt.Sprintf("%s.%s: got %s, want %s", name, k, g, w))
		}
	}
	return diffs
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// compareFields compares the imported notice with the expectation, field
// by field. report is what import printed, to standard output and error.
func compareFields(e *expectation, fm map[string]any, body, report string) []string {
	var diffs []string
	top := map[string]any{}
	if e.Title != nil {
		top["title"] = *e.Title
	}
	if e.Source != nil {
		top["source"] = *e.Source
	}
	if e.Punctuation != nil {
		top["punctuation"] = *e.Punctuation
	}
	diffs = append(diffs, compareTable("front matter", fm, top)...)
	if got := show(fm["date"]); e.Date != nil && got != *e.Date {
		diffs = append(diffs, fmt.Sprintf("date: got %s, want %s", got, *e.Date))
	}
	if e.Draft != nil {
		if got, _ := fm["draft"].(bool); got != *e.Draft {
			diffs = append(diffs, fmt.Sprintf("draft: got %v, want %v", got, *e.Draft))
		}
	}
	diffs = append(diffs, compareTable("inspection", table(fm, "inspection"), e.Inspection)...)
	diffs = append(diffs, compareTable("signature", table(fm, "signature"), e.Signature)...)
	diffs = append(diffs, compareTable("disclosure", table(fm, "disclosure"), e.Disclosure)...)
	diffs = append(diffs, compareStatistics(e, fm)...)
	diffs = append(diffs, compareContact(e, table(fm, "contact"), body)...)
	diffs = append(diffs, compareText(e, fm, body, report)...)
	return diffs
}

// compareStatistics compares the [[statistics]] entries as sets.
func compareStatistics(e *expectation, fm map[string]any) []string {
	if !e.hasStats {
		return nil
	}
	var got []string
	entries, _ := fm["statistics"].([]map[string]any)
	for _, s := range entries {
		got = append(got, strings.Trim(show(s["label"]), `"`)+show(s["value"])+strings.Trim(show(s["unit"]), `"`))
	}
	var diffs []string
	for _, w := range e.Statistics {
		if i := slices.Index(got, w.String()); i >= 0 {
			got = slices.Delete(got, i, i+1)
		} else {
			diffs = append(diffs, fmt.Sprintf("statistics: got no entry %s, want one", w))
		}
	}
	for _, g := range got {
		diffs = append(diffs, fmt.Sprintf("statistics: got entry %s, want none", g))
	}
	return diffs
}

// compareContact: "block" wants the parts in [contact] (and text, when the
// expectation gives it) and the line out of the text; "text" wants [contact] empty and every part still in the text;
// "none" wants [contact] empty.
func compareContact(e *expectation, got map[string]any, body string) []string {
	var diffs []string
	parts := []string{"phone", "mailbox", "email"}
	if e.ContactLine == "block" {
		want := map[string]any{}
		for _, k := range append(parts, "invitation") {
			want[k] = e.Contact[k]
		}
		if text, ok := e.Contact["text"]; ok {
			want["text"] = text // the line as published, which the page prints
		}
		diffs = compareTable("contact", got, want)
		if p := e.Contact["phone"]; p != "" && strings.Contains(body, p) {
			diffs = append(diffs, fmt.Sprintf("contact: got the contact line (%s) still in the text, want it in [contact] only", p))
		}
		return diffs
	}
	for _, k := range parts {
		if g := got[k]; g != nil && g != "" {
			diffs = append(diffs, fmt.Sprintf("contact.%s: got %s, want (missing): the contact line stays in the text", k, show(g)))
		}
	}
	for _, k := range sortedKeys(e.Contact) {
		if v := e.Contact[k]; e.ContactLine == "text" && !strings.Contains(body, v) {
			diffs = append(diffs, fmt.Sprintf("contact: got a text without %q, want the contact line kept in the text", v))
		}
	}
	return diffs
}

// compareText checks what must not be in the text: page chrome (which
// import must also name), title lines, 政府信息公开 lines; and that the
// encoding was said.
func compareText(e *expectation, fm map[string]any, body, report string) []string {
	var diffs []string
	lines := strings.Split(body, "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	for _, s := range append(slices.Clone(e.Dropped), e.Absent...) {
		if i := slices.Index(lines, strings.TrimSpace(s)); i >= 0 {
			diffs = append(diffs, fmt.Sprintf("text: got %q still in the text (line %d of the body), want it out", s, i+1))
		}
	}
	for _, s := range e.Dropped {
		if src, _ := fm["source"].(string); strings.Contains(src, s) {
			diffs = append(diffs, fmt.Sprintf("source: got %q, want no page chrome in it", src))
		}
		if !strings.Contains(report, strings.TrimSpace(s)) {
			diffs = append(diffs, fmt.Sprintf("import report: got no mention of dropping %q, want import to say what it dropped", s))
		}
	}
	if e.Title != nil && slices.Contains(lines, *e.Title) {
		diffs = append(diffs, fmt.Sprintf("text: got the title %q in the text too, want it shown once", *e.Title))
	}
	if e.Encoding != "" && !(strings.Contains(report, "encoding") && strings.Contains(report, "GB")) {
		diffs = append(diffs, fmt.Sprintf("encoding: got no report of the conversion, want import to say it read %s", e.Encoding))
	}
	return diffs
}

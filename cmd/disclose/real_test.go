package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The real-notice corpus (docs/corpus.md): notices as editors copy them
// from websites, each with what a careful person expects import to make of
// it and check to say about it.
const realDir = "testdata/real"

// finding is one problem of "disclose check --format json".
type finding struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", f.Path, f.Line, f.Col, f.Severity, f.Message, f.Rule)
}

// realFigures are what the corpus measures, logged at the end.
type realFigures struct {
	notices, refused, fieldDiffs  int
	shapes                        map[string]bool
	errors, warnings, falseErrors int
	draftErrors                   int
	slips, slipsCaught            int
	planted, plantedCaught        int
	mismatchKinds                 map[string]int
}

// TestRealNotices imports every notice of testdata/real into a site of its
// own, compares the source with NAME.md and the front matter with
// NAME.expect.toml, checks the site (findings compared with NAME.findings),
// and plants each slip of the expectation to see check catch it. Run one
// notice with -run TestRealNotices/NAME; rewrite the goldens with -update.
func TestRealNotices(t *testing.T) {
	names := realNames(t)
	fig := &realFigures{shapes: map[string]bool{}, mismatchKinds: map[string]int{}}
	for _, name := range names {
		t.Run(name, func(t *testing.T) { realNotice(t, name, fig) })
	}
	t.Logf("corpus: %d notices, %d shapes; import refused %d, %d field mismatches; notices by kind of mismatch: %v",
		fig.notices, len(fig.shapes), fig.refused, fig.fieldDiffs, fig.mismatchKinds)
	t.Logf("check on the notices as imported: %d errors, %d warnings (%d of them errors lowered for a draft), %d false errors; planted mistakes caught %d/%d; slips caught %d/%d",
		fig.errors, fig.warnings, fig.draftErrors, fig.falseErrors, fig.plantedCaught, fig.planted, fig.slipsCaught, fig.slips)
}

// realNames lists the notices: NAME for every NAME.txt.
func realNames(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join(realDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no notices in %s: %v", realDir, err)
	}
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".txt"))
	}
	return names
}

func realNotice(t *testing.T, name string, fig *realFigures) {
	e := loadExpectation(t, name)
	fig.notices++
	for _, s := range e.Shapes {
		fig.shapes[s] = true
	}
	src, report, ok := importNotice(t, name)
	if !ok {
		fig.refused++
		fig.mismatchKinds["import refused"]++
		return
	}
	compareGolden(t, name+".md", src)
	fm, body, err := frontMatter(src)
	if err != nil {
		t.Fatalf("%s: imported source: %v", name, err)
	}
	kinds := map[string]bool{}
	for _, d := range compareFields(e, fm, body, report) {
		t.Errorf("%s: %s", name, d)
		fig.fieldDiffs++
		kinds[strings.SplitN(d, ":", 2)[0]] = true
	}
	for k := range kinds {
		fig.mismatchKinds[k]++ // notices with a mismatch of this kind
	}
	site := newRealSite(t, name, fm)
	findings := checkSite(t, site, src)
	compareGolden(t, name+".findings", formatFindings(findings))
	judgeFindings(t, name, e, findings, src, fig)
	for _, s := range e.Slips {
		fig.slips++
		if plantSlip(t, name, site, src, s) {
			fig.slipsCaught++
		}
	}
}

func loadExpectation(t *testing.T, name string) *expectation {
	data, err := os.ReadFile(filepath.Join(realDir, name+".expect.toml"))
	if err != nil {
		t.Fatalf("%s: every notice needs its NAME.expect.toml: %v", name, err)
	}
	e, err := readExpectation(data)
	if err != nil {
		t.Fatalf("%s.expect.toml: %v", name, err)
	}
	return e
}

// importNotice runs "disclose import --out -" on the notice and returns the
// source it wrote and everything it said.
func importNotice(t *testing.T, name string) (string, string, bool) {
	var stdout, stderr bytes.Buffer
	args := []string{"import", "--out", "-", "--slug", realSlug(name), filepath.Join(realDir, name+".txt")}
	code := run(context.Background(), args, &stdout, &stderr)
	if code != exitOK || stdout.Len() == 0 {
		t.Errorf("%s: import: got exit %d and no notice, want a notice written (a draft if need be): %s",
			name, code, strings.TrimSpace(stderr.String()))
		return "", "", false
	}
	return stdout.String(), stderr.String(), true
}

// realSlug is the notice's file name as a slug: county-lands.gbk → county-lands-gbk.
func realSlug(name string) string {
	return strings.ReplaceAll(name, ".", "-")
}

// newRealSite makes a site of the corpus site.toml and this notice alone,
// filed under the year of its date (2000 when it has none).
func newRealSite(t *testing.T, name string, fm map[string]any) string {
	dir := t.TempDir()
	year := "2000"
	if d := show(fm["date"]); len(d) >= 4 && d[0] != '(' {
		year = d[:4]
	}
	siteToml, err := os.ReadFile(filepath.Join(realDir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", year), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "site.toml"), siteToml, 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "content", year, realSlug(name)+".md")
}

// checkSite writes src as the site's notice and runs "disclose check".
func checkSite(t *testing.T, notice, src string) []finding {
	if err := os.WriteFile(notice, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	siteDir := filepath.Dir(filepath.Dir(filepath.Dir(notice)))
	var stdout, stderr bytes.Buffer
	run(context.Background(), []string{"check", "--site", siteDir, "--format", "json"}, &stdout, &stderr)
	var r struct {
		Problems []finding `json:"problems"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("check --format json: %v; stderr: %s", err, stderr.String())
	}
	return r.Problems
}

func formatFindings(findings []finding) string {
	var b strings.Builder
	for _, f := range findings {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

// compareGolden compares got with testdata/real/file, or rewrites the file
// with -update.
func compareGolden(t *testing.T, file, got string) {
	path := filepath.Join(realDir, file)
	if *updateScripts {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%s: no golden file (run with -update, then review it): %v", file, err)
		return
	}
	if got != string(want) {
		t.Errorf("%s: got a different result than the golden file (run with -update and review the diff):\n%s",
			file, firstDifference(got, string(want)))
	}
}

// firstDifference shows the first line where got and want differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		gl, wl := lineAt(g, i), lineAt(w, i)
		if gl != wl {
			return fmt.Sprintf("line %d: got  %q\nline %d: want %q", i+1, gl, i+1, wl)
		}
	}
	return "(same lines)"
}

func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(end of file)"
}

// judgeFindings fails on an error the expectation does not allow (a false
// alarm on a correct notice) and on a planted mistake check did not catch.
func judgeFindings(t *testing.T, name string, e *expectation, findings []finding, src string, fig *realFigures) {
	for _, f := range findings {
		if f.Severity != "error" {
			fig.warnings++
			if strings.HasPrefix(f.Message, "draft: ") && !slices.Contains(e.Errors, f.Rule) {
				fig.draftErrors++ // an error lowered because the notice is a draft
			}
			continue
		}
		fig.errors++
		if !slices.Contains(e.Errors, f.Rule) {
			fig.falseErrors++
			fig.mismatchKinds["false error "+f.Rule]++
			t.Errorf("%s: check: got error [%s] at line %d: %s; want none: the notice is correct there",
				name, f.Rule, f.Line, f.Message)
		}
	}
	lines := strings.Split(src, "\n")
	for _, p := range e.Planted {
		fig.planted++
		if caught(findings, p.Rule, p.Severity, func(f finding) bool {
			return f.Line > 0 && f.Line <= len(lines) && strings.Contains(unescapeMarkdown(lines[f.Line-1]), p.Text)
		}) {
			fig.plantedCaught++
			continue
		}
		fig.mismatchKinds["planted missed "+p.Rule]++
		t.Errorf("%s: planted mistake not caught: want a %s [%s] on the line with %q (%s); got:\n%s",
			name, p.Severity, p.Rule, p.Text, p.Why, formatFindings(findings))
	}
}

// caught says whether a finding of rule, at least as severe as severity,
// and accepted by where, is among findings.
func caught(findings []finding, rule, severity string, where func(finding) bool) bool {
	for _, f := range findings {
		if f.Rule == rule && severityRank(f.Severity) >= severityRank(severity) && where(f) {
			return true
		}
	}
	return false
}

// weaker says when rule was reported, but only as a warning: the draft
// rule of check lowers errors, or the rule is a warning.
func weaker(findings []finding, rule string) string {
	if caught(findings, rule, "warning", func(finding) bool { return true }) {
		return ", but got it only as a warning"
	}
	return ""
}

// plantSlip applies one slip to the imported source, checks, and reports
// whether check caught it.
func plantSlip(t *testing.T, name, notice, src string, s slip) bool {
	if n := strings.Count(src, s.Old); n != 1 {
		t.Errorf("%s: slip [%s]: old %q occurs %d times in the imported source, want exactly once", name, s.Rule, s.Old, n)
		return false
	}
	findings := checkSite(t, notice, strings.Replace(src, s.Old, s.New, 1))
	if caught(findings, s.Rule, s.Severity, func(finding) bool { return true }) {
		return true
	}
	t.Errorf("%s: slip not caught: %q → %q (%s): want a %s [%s]%s; got:\n%s",
		name, s.Old, s.New, s.Why, s.Severity, s.Rule, weaker(findings, s.Rule), formatFindings(findings))
	return false
}

// TestRealSlips checks that every slip of the corpus applies to the golden
// source of its notice: its old text occurs there exactly once.
func TestRealSlips(t *testing.T) {
	for _, name := range realNames(t) {
		e := loadExpectation(t, name)
		if len(e.Slips) == 0 {
			continue
		}
		src, err := os.ReadFile(filepath.Join(realDir, name+".md"))
		if err != nil {
			t.Errorf("%s: no golden %s.md to plant slips in (run TestRealNotices with -update): %v", name, name, err)
			continue
		}
		for _, s := range e.Slips {
			if n := strings.Count(string(src), s.Old); n != 1 {
				t.Errorf("%s: slip [%s]: old %q occurs %d times in %s.md, want exactly once", name, s.Rule, s.Old, n, name)
			}
		}
	}
}

// unescapeMarkdown undoes the backslashes import writes before ASCII
// punctuation of the text (yjscjgj\#163.com), so that a planted mistake is
// found on its line as the notice published it.
func unescapeMarkdown(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		if line[i] == '\\' && i+1 < len(line) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", line[i+1]) >= 0 {
			i++
		}
		b.WriteByte(line[i])
	}
	return b.String()
}

func TestUnescapeMarkdown(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`电子邮箱：yjscjgj\#163.com。`, "电子邮箱：yjscjgj#163.com。"},
		{`a\_b\*c`, "a_b*c"},
		{`\\#`, `\#`},
		{`a\b`, `a\b`},
		{`tail\`, `tail\`},
	} {
		if got := unescapeMarkdown(tt.in); got != tt.want {
			t.Errorf("unescapeMarkdown(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

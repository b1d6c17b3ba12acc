package importer_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"disclose/internal/build"
	"disclose/internal/importer"
	"disclose/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// page is what a reader of a built notice page sees: the title, and the
// article's text, one line per paragraph, heading, line break or table row.
type page struct {
	Title    string
	Lines    []string
	Sections []string // the titles notice.json gives the sections and items
}

// buildPage builds a site holding the imported notice alone, with the real
// pipeline into memory, and returns the notice page's text.
func buildPage(t *testing.T, r *importer.Result) page {
	t.Helper()
	settings, err := os.ReadFile("../../content/site.toml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/site.toml": {Data: settings},
		filepath.ToSlash(filepath.Join("content", itoa(r.Year), r.Slug+".md")): {Data: r.Source},
	}
	files := map[string][]byte{}
	var mu sync.Mutex // the build emits from several goroutines
	problems, err := build.Run(fsys, site.Options{}, func(path string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[path] = bytes.Clone(data)
		return nil
	})
	if err != nil {
		t.Fatalf("building the imported notice: %v\n%v\n%s", err, problems, r.Source)
	}
	html, ok := files[itoa(r.Year)+"/"+r.Slug+"/index.html"]
	if !ok {
		t.Fatalf("no page for the notice; built %v", keys(files))
	}
	p := pageText(t, html)
	var data struct {
		Sections []struct{ Title string }
	}
	if err := json.Unmarshal(files[itoa(r.Year)+"/"+r.Slug+"/notice.json"], &data); err != nil {
		t.Fatal(err)
	}
	for _, s := range data.Sections {
		p.Sections = append(p.Sections, s.Title)
	}
	return p
}

// checkSections checks that each section's title in notice.json reads as
// the start of a line of the page, as the reader sees it.
func checkSections(t *testing.T, p page) {
	t.Helper()
	for _, s := range p.Sections {
		if !slices.ContainsFunc(p.Lines, func(l string) bool { return strings.HasPrefix(l, s) }) {
			t.Errorf("section title %q starts no line of the page", s)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// pageText reads the h1 and the article of a notice page.
func pageText(t *testing.T, src []byte) page {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var p page
	var article *html.Node
	for n := range doc.Descendants() {
		switch n.DataAtom {
		case atom.H1:
			p.Title = text(n)
		case atom.Article:
			article = n
		}
	}
	if article == nil {
		t.Fatalf("the page has no <article>:\n%s", src)
	}
	for n := article.FirstChild; n != nil; n = n.NextSibling {
		switch n.Type {
		case html.TextNode:
			if strings.TrimSpace(n.Data) != "" {
				t.Errorf("text outside a block in the article: %q", n.Data)
			}
		case html.ElementNode:
			p.Lines = append(p.Lines, blockLines(n)...)
		}
	}
	return p
}

// blockLines is the text of one block: its lines at <br>, or a table's rows
// with their cells joined by tabs.
func blockLines(n *html.Node) []string {
	if n.DataAtom == atom.Table {
		var rows []string
		for tr := range n.Descendants() {
			if tr.DataAtom != atom.Tr {
				continue
			}
			var cells []string
			for c := tr.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					cells = append(cells, text(c))
				}
			}
			rows = append(rows, strings.Join(cells, "\t"))
		}
		return rows
	}
	return strings.Split(text(n), "\n")
}

// text is the text of n's descendants, a <br> as a line break; the "\n"
// goldmark writes after a <br> is its source's line end, not text.
func text(n *html.Node) string {
	var b strings.Builder
	skipNL := false
	for d := range n.Descendants() {
		switch {
		case d.Type == html.ElementNode && d.DataAtom == atom.Br:
			b.WriteString("\n")
			skipNL = true
		case d.Type == html.TextNode:
			s := d.Data
			if skipNL {
				s = strings.TrimPrefix(s, "\n")
			}
			b.WriteString(s)
			skipNL = false
		}
	}
	return b.String()
}

// inputLines are the lines of a text as a reader sees them: trimmed, blank
// ones left out.
func inputLines(s string) []string {
	var out []string
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimFunc(l, unicode.IsSpace); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// headerDateRE is the date and time at the start of a website's header line.
var headerDateRE = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?: \d{2}:\d{2})?(?: |$)`)

// pageHeader is a header line "2025-06-17 09:00 某网站" as the page writes
// it: the date once, as GB/T 9704 writes dates, "2025年6月17日 某网站".
func pageHeader(line string) string {
	m := headerDateRE.FindStringSubmatch(line)
	if m == nil {
		return line
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	return strings.TrimSpace(fmt.Sprintf("%d年%d月%d日 ", n(m[1]), n(m[2]), n(m[3])) + line[len(m[0]):])
}

// asPage is the lines of a notice whose first is its header line, as the
// page writes them.
func asPage(lines []string) []string {
	if len(lines) > 0 {
		lines[0] = pageHeader(lines[0])
	}
	return lines
}

// expectedPage is the page a notice's lines make: the title the import
// took (or the one it made) as the title; the header, on one line or two,
// as the page writes it; disclosure lines and page chrome not in the
// article; every other line as it is.
func expectedPage(r *importer.Result, madeTitle string) page {
	p := page{Title: madeTitle}
	header := false
	for _, l := range r.Lines {
		switch {
		case l.Role == importer.Title:
			p.Title = r.Title
		case l.Role == importer.Header && !header:
			p.Lines = append(p.Lines, r.Header)
			header = true
		case l.Role == importer.Header, l.Role == importer.Disclosure, l.Role == importer.Chrome:
		case l.Table != nil:
			for _, row := range l.Table {
				p.Lines = append(p.Lines, strings.Join(row, "\t"))
			}
		default:
			p.Lines = append(p.Lines, l.Text)
		}
	}
	return p
}

// diffLines fails t at the first lines where got and want differ.
func diffLines(t *testing.T, got, want []string) {
	t.Helper()
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, g, w)
			return
		}
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test -update and review the diff.\ngot:\n%s", path, got)
	}
}

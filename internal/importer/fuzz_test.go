package importer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"disclose/internal/importer"
	"disclose/internal/markdown"
	"disclose/internal/notice"
)

// bodyLines renders the imported body with the site's Markdown converter
// and returns its text, one line per block, line break or table row.
func bodyLines(t *testing.T, body []byte) []string {
	t.Helper()
	doc, err := markdown.New(markdown.Options{}).Convert(body)
	if err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(bytes.NewReader(doc.HTML))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for n := range root.Descendants() {
		if n.DataAtom != atom.Body {
			continue
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				lines = append(lines, blockLines(c)...)
			} else if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
				t.Errorf("text outside a block: %q", c.Data)
			}
		}
	}
	return lines
}

// checkImport checks what every import must give: a file that reads back,
// a body that renders each of its lines as written, and, for a notice
// complete enough to publish, a page that reads as the input.
func checkImport(t *testing.T, r *importer.Result) {
	n, problems := notice.Parse("content/2025/x.md", r.Source)
	if n == nil {
		t.Fatalf("the imported file does not parse: %v\n%s", problems, r.Source)
	}
	var want []string
	for _, l := range r.Lines {
		switch {
		case l.Role != importer.Body:
		case l.Table != nil:
			for _, row := range l.Table {
				want = append(want, strings.Join(row, "\t"))
			}
		default:
			want = append(want, l.Text)
		}
	}
	diffLines(t, bodyLines(t, n.Body), want)
	if r.Complete && r.Year >= 1900 && r.Year < 2200 {
		p := buildPage(t, r)
		diffLines(t, p.Lines, expectedPage(r, "").Lines)
		checkSections(t, p)
	}
}

func addFiles(f *testing.F, pattern string) {
	names, _ := filepath.Glob(pattern)
	for _, name := range names {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
}

// FuzzText imports any bytes as a text notice: never a panic; an error or
// a result; and the result keeps every character of the input's lines.
func FuzzText(f *testing.F) {
	addFiles(f, "testdata/*.txt")
	if seed, err := os.ReadFile(seedPath); err == nil {
		f.Add(seed)
	}
	for _, s := range []string{"", "\xff\xfe\x00", "\xef\xbb\xbf一、*a*\r\n(一)_b_\r\\", "2025-01-01 09:00 来源:x\n联系方式:电话1。\n中共X\n2025年1月1日",
		"一、关于\n1. a\n- b\n<b>\n    c\n\x01\x7f\u0085", "\x81\x30\x81\x30\xd6\xd0", "索引号:1 文号:2\n成文日期:2025-13-01"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, problems := importer.Text("in.txt", data, importer.Options{})
		if r == nil {
			if !problems.HasErrors() {
				t.Fatal("no result and no error")
			}
			return
		}
		if r.Encoding == importer.UTF8 && !bytes.HasPrefix(data, []byte("\uFEFF")) {
			var got []string
			for _, l := range r.Lines {
				got = append(got, l.Text)
			}
			noControls := strings.Map(func(r rune) rune {
				if unicode.IsControl(r) && !strings.ContainsRune("\t\r\n", r) {
					return -1
				}
				return r
			}, string(data))
			diffLines(t, got, inputLines(noControls))
		}
		checkImport(t, r)
	})
}

// FuzzDocx imports documents whose body and numbering are any XML text.
func FuzzDocx(f *testing.F) {
	f.Add(para(-1, "2025-04-10 15:00 网站")+para(-2, "关于“*”问题")+para(1, "甲。", "\n", "（一）乙")+para(3, "<丙>"), chineseNumbering)
	f.Add(`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a|b</w:t></w:r></w:p></w:tc></w:tr><w:tr/></w:tbl>`, "")
	f.Fuzz(func(t *testing.T, body, numbering string) {
		r, problems := importer.Docx("in.docx", makeDocx(t, body, numbering, headingStyle), importer.Options{})
		if r == nil {
			if !problems.HasErrors() {
				t.Fatal("no result and no error")
			}
			return
		}
		checkImport(t, r)
	})
}

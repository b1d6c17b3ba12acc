package templates_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"disclose/internal/pdf"
)

// trueTypeFaces are faces with TrueType outlines that the print
// stylesheet prefers for 仿宋 and 小标宋 where Windows' own are missing:
// with one of them installed, Chromium embeds CID fonts, never Type 3.
var trueTypeFaces = []string{"FangSong", "仿宋", "SimSun", "AR PL UMing CN"}

// needTrueTypeFace skips the test when no TrueType face of the print
// stylesheet's 仿宋 stack is installed.
func needTrueTypeFace(t *testing.T) {
	fcList := needTool(t, "fc-list", "apt-get install fontconfig")
	out, err := exec.Command(fcList, ":lang=zh", "family").Output()
	if err != nil {
		t.Fatalf("fc-list: %v", err)
	}
	for _, face := range trueTypeFaces {
		if bytes.Contains(out, []byte(face)) {
			return
		}
	}
	t.Skip("skipping: no TrueType face of the 仿宋 stack is installed (apt-get install fonts-arphic-uming)")
}

// printedNotice is a notice printed to PDF: its file, its pages and its
// page as served.
type printedNotice struct {
	file  string
	data  []byte
	pages []string // pdftotext's text of each page
	doc   *html.Node
}

// printNotice prints the notice page of s with the default stylesheet.
func printNotice(t *testing.T, tab context.Context, s testSite, base string) printedNotice {
	t.Helper()
	data, err := pdf.Print(tab, base+s.page("notice"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), s.name+".pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	return printedNotice{file: file, data: data, pages: pages, doc: parsePage(t, s, s.page("notice")+"index.html")}
}

var (
	pageNumberLine = regexp.MustCompile(`(?m)^\s*— \d+ —\s*$`)
	space          = regexp.MustCompile(`\s+`)
)

// flat is s without its white space and page numbers: pdftotext breaks
// lines where the page did, and a paragraph is compared across them.
func flat(s string) string {
	return space.ReplaceAllString(pageNumberLine.ReplaceAllString(s, ""), "")
}

// blocks are the paragraphs and headings of the printed notice: the
// <article>'s children, as the page holds them.
func blocks(doc *html.Node) (paras, headings []string, dateline string) {
	for _, a := range find(doc, tag("article")) {
		for c := range a.ChildNodes() {
			if c.Type != html.ElementNode {
				continue
			}
			switch {
			case hasClass("dateline")(c):
				dateline = flat(text(c))
			case c.Data == "p":
				paras = append(paras, flat(text(c)))
			case strings.HasPrefix(c.Data, "h"):
				headings = append(headings, flat(text(c)))
				paras = append(paras, flat(text(c)))
			}
		}
	}
	return paras, headings, dateline
}

// TestPrintedNotice prints each test site's notice and reads the PDF back
// with poppler: every font a subset CID font (no Type 3) when a TrueType
// face of the 仿宋 stack is installed; every paragraph extracted exactly,
// in order; no web dateline; each heading whole on one page with text
// after it; at most 100 KB a page.
func TestPrintedNotice(t *testing.T) {
	needTool(t, "pdftotext", "apt-get install poppler-utils")
	pdffonts := needTool(t, "pdffonts", "apt-get install poppler-utils")
	needTrueTypeFace(t)
	tab := startPrinter(t)
	for _, s := range buildSites(t) {
		t.Run(s.name, func(t *testing.T) {
			p := printNotice(t, tab, s, s.serve(t))
			checkFonts(t, pdffonts, p.file)
			if perPage := len(p.data) / len(p.pages); perPage > 100<<10 {
				t.Errorf("%d bytes on %d pages: %d a page, want at most 100 KB", len(p.data), len(p.pages), perPage)
			}
			paras, headings, dateline := blocks(p.doc)
			if len(paras) < 5 || len(headings) == 0 || dateline == "" {
				t.Fatalf("the notice page has %d paragraphs, %d headings and dateline %q: want a whole notice", len(paras), len(headings), dateline)
			}
			all := flat(strings.Join(p.pages, ""))
			rest := all
			for _, para := range paras {
				i := strings.Index(rest, para)
				if i < 0 {
					t.Errorf("paragraph not extracted as written (or out of order): %s", para)
					continue
				}
				rest = rest[i+len(para):]
			}
			if strings.Contains(all, dateline) {
				t.Errorf("the web dateline %q is printed", dateline)
			}
			checkHeadings(t, p.pages, headings)
			checkTitleLines(t, p)
		})
	}
}

// checkFonts runs pdffonts on file: every font must be embedded, a subset
// and a CID font.
func checkFonts(t *testing.T, pdffonts, file string) {
	out, err := exec.Command(pdffonts, file).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	if len(lines) == 0 {
		t.Fatal("pdffonts lists no font")
	}
	for _, l := range lines {
		f := strings.Fields(l)
		if strings.Contains(l, "Type 3") || !strings.Contains(l, "CID") || !strings.Contains(f[0], "+") {
			t.Errorf("font %q: want a subset CID font, not Type 3 (pdffonts: %s)", f[0], l)
		}
	}
	t.Logf("pdffonts:\n%s", out)
}

// checkHeadings: a heading is printed whole on one page and is never that
// page's last text (GB/T 9704 keeps a heading with what it heads).
func checkHeadings(t *testing.T, pages []string, headings []string) {
	for _, h := range headings {
		found := false
		for i, page := range pages {
			text := flat(page)
			at := strings.Index(text, h)
			if at < 0 {
				continue
			}
			found = true
			if at+len(h) == len(text) {
				t.Errorf("page %d ends with the heading %s", i+1, h)
			}
		}
		if !found {
			t.Errorf("heading split across pages or missing: %s", h)
		}
	}
}

// TestNumberedItemsPrintPlain: GB/T 9704 7.3.3 sets 1. and (1) items in
// 仿宋 like the text around them; the stylesheet marks neither their lead
// sentence nor the whole item, on paper or on screen.
func TestNumberedItemsPrintPlain(t *testing.T) {
	tab := startPrinter(t)
	s := buildSites(t)[1] // testsite: all four outline levels
	base := s.serve(t)
	for _, media := range []string{"print", "screen"} {
		_, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		if err == nil {
			err = chromedp.Do(tab, chromedp.Navigate(base+s.page("notice")))
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := style(tab, ".notice > p:not(.dateline)", "font-weight", "font-family")
		if err != nil {
			t.Fatal(err)
		}
		for _, sel := range []string{".notice .ol3 .lead", ".notice .ol4 .lead", ".notice .ol3", ".notice .ol4"} {
			got, err := style(tab, sel, "font-weight", "font-family")
			if err != nil {
				t.Fatalf("%s: %v", sel, err)
			}
			if got["font-weight"] != "400" || got["font-family"] != body["font-family"] {
				t.Errorf("%s, %s: font-weight %s, font %s; want 400 in the body's %s", media, sel, got["font-weight"], got["font-family"], body["font-family"])
			}
		}
	}
	chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
}

// checkTitleLines: the printed title's lines are the page's title lines,
// each on a line of its own, broken between words (GB/T 9704 7.3.3).
func checkTitleLines(t *testing.T, p printedNotice) {
	var want []string
	for _, n := range find(p.doc, hasClass("title-line")) {
		want = append(want, flat(text(n)))
	}
	if len(want) < 2 {
		t.Fatalf("the title is cut into %d lines, want at least 2 for a title this long", len(want))
	}
	var got []string
	for _, l := range strings.Split(p.pages[0], "\n") {
		if l = flat(l); l != "" {
			got = append(got, l)
		}
	}
	if len(got) < len(want) || strings.Join(got[:len(want)], "|") != strings.Join(want, "|") {
		t.Errorf("page 1 begins %q, want the title's lines %q", got[:min(len(got), len(want))], want)
	}
}

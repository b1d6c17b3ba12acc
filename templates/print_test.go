package templates_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"disclose/internal/pdf"
)

// GB/T 9704-2012 5.2.1 and 5.2.2: A4, top margin 37 mm, left 28 mm, type
// area 156 × 225 mm, 22 lines of 28 characters of 16 pt. 7.5: page numbers
// in 4号 (14 pt) with an em dash each side, one character in from the outer
// edge of the type area, 7 mm under it.
const (
	mmPerPt      = 25.4 / 72
	wantTop      = 37.0
	wantLeft     = 28.0
	wantWidth    = 156.0
	wantHeight   = 225.0
	wantLines    = 22
	wantChars    = 28
	pageNumberPt = 14.0
	tolerance    = 1.0 // mm
)

// calibration is a page printed with the site's stylesheet and no page
// margin, with one line of body text whose line box starts exactly at
// (calibLeft, calibTop) mm. Where pdftotext puts that line tells how far
// its boxes, drawn from each font's own metrics, lie from the line box
// Chromium laid out; the notice's lines are measured net of that offset.
const (
	calibLeft = 50.0
	calibTop  = 100.0
	calibPage = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>calibration</title>
<link rel="stylesheet" href="%s"><style>@page { margin: 0 } .notice p.calib { position: absolute; top: %vmm; left: %vmm; margin: 0; text-indent: 0 }</style>
</head><body><main><article class="notice"><p class="calib">国国国国</p></article></main></body></html>`
)

// TestPrintGeometry prints the sample notice with Chromium and measures the
// PDF with poppler's pdftotext -bbox-layout: margins, type area, lines per
// page, characters per line and page numbers as GB/T 9704 sets them. The
// figures are logged (go test -run TestPrintGeometry -v) and recorded in
// docs/print.md.
func TestPrintGeometry(t *testing.T) {
	pdftotext := needTool(t, "pdftotext", "apt-get install poppler-utils")
	needChineseSerif(t)
	tab := startBrowser(t)
	s := buildSites(t)[0]
	css := cssPath(t, s.files)
	s.files["calibrate.html"] = &fstest.MapFile{Data: fmt.Appendf(nil, calibPage, s.base+css, calibTop, calibLeft)}
	base := s.serve(t)

	calib := printPages(t, tab, pdftotext, base+"calibrate.html", "")
	if len(calib) != 1 || len(calib[0]) != 1 {
		t.Fatalf("calibration page: got %v, want one page of one line", calib)
	}
	offX, offY := calib[0][0].xMin-calibLeft, calib[0][0].yMin-calibTop
	t.Logf("calibration: pdftotext boxes lie %+.2f mm across and %+.2f mm down from the line box", offX, offY)

	pages := printPages(t, tab, pdftotext, base+s.page("notice"), "sample-notice")
	if len(pages) < 3 {
		t.Fatalf("the sample notice printed on %d pages, want at least 3", len(pages))
	}
	m := measure(pages, offX, offY)
	t.Log(m)
	m.check(t)
	checkSignature(t, pages[len(pages)-1], m, offX)
}

// checkSignature finds the signature and date on the last page: one blank
// line under the text, the organisation two characters from the right, the
// date two characters right of the organisation's first character.
func checkSignature(t *testing.T, last []textLine, g geometry, offX float64) {
	char := wantWidth / wantChars
	i := slices.IndexFunc(last, func(l textLine) bool { return l.text == "中共浙江省妇女联合会党组" })
	if i < 1 || i+1 >= len(last) || last[i+1].text != "2025年6月17日" {
		t.Fatalf("the last page has no signature followed by its date: %v", last)
	}
	sig, date, before := last[i], last[i+1], last[i-1]
	t.Logf("signature ends %.2f mm from the right edge; the date starts %.2f mm right of it; %.2f line pitches under the text",
		g.right-(sig.xMax-offX), date.xMin-sig.xMin, (sig.yMin-before.yMin)/g.pitch)
	if got := g.right - (sig.xMax - offX); abs(got-2*char) > tolerance {
		t.Errorf("signature ends %.2f mm from the right edge, want two characters, %.2f mm", got, 2*char)
	}
	if got := date.xMin - sig.xMin; abs(got-2*char) > tolerance {
		t.Errorf("date starts %.2f mm right of the signature, want two characters, %.2f mm", got, 2*char)
	}
	if got := (sig.yMin - before.yMin) / g.pitch; abs(got-2) > 0.1 {
		t.Errorf("signature is %.2f lines under the text, want 2 (one blank line)", got)
	}
}

// needChineseSerif skips the test when no face of the 仿宋 stack is
// installed: a fallback face has other advances, and the geometry would
// measure the fallback.
func needChineseSerif(t *testing.T) {
	fcList := needTool(t, "fc-list", "apt-get install fontconfig")
	out, err := exec.Command(fcList, ":lang=zh", "family").Output()
	if err != nil {
		t.Fatalf("fc-list: %v", err)
	}
	for _, face := range []string{"FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC"} {
		if bytes.Contains(out, []byte(face)) {
			return
		}
	}
	t.Skip("skipping: no face of the 仿宋 stack is installed (apt-get install fonts-noto-cjk)")
}

// cssPath is the name of the built stylesheet.
func cssPath(t *testing.T, files fstest.MapFS) string {
	for name := range files {
		if strings.HasPrefix(name, "style.") && strings.HasSuffix(name, ".css") {
			return name
		}
	}
	t.Fatal("the build wrote no stylesheet")
	return ""
}

// printPages prints url to PDF, keeps the PDF and its first page as
// artefacts under name (unless name is empty), and returns the text lines
// of each page.
func printPages(t *testing.T, tab context.Context, pdftotext, url, name string) [][]textLine {
	t.Helper()
	data, err := pdf.Print(tab, url)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "page.pdf")
	if name != "" {
		file = filepath.Join(artifacts(t), name+".pdf")
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if name != "" {
		firstPagePNG(t, file, filepath.Join(artifacts(t), name+"-page1"))
	}
	out, err := exec.Command(pdftotext, "-bbox-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages, err := parseBBox(out)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// firstPagePNG renders the printed first page for a reviewer, when poppler's
// pdftoppm is there.
func firstPagePNG(t *testing.T, pdfFile, prefix string) {
	if pdftoppm, err := exec.LookPath("pdftoppm"); err == nil {
		cmd := exec.Command(pdftoppm, "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", pdfFile, prefix)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("pdftoppm: %v\n%s", err, out)
		}
	}
}

// textLine is one line of text on a printed page, in mm from the page's
// top left corner.
type textLine struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

func (l textLine) String() string {
	return fmt.Sprintf("%q at (%.1f, %.1f)-(%.1f, %.1f) mm", l.text, l.xMin, l.yMin, l.xMax, l.yMax)
}

// parseBBox reads the XHTML of pdftotext -bbox-layout.
func parseBBox(data []byte) ([][]textLine, error) {
	type word struct {
		Text string `xml:",chardata"`
	}
	type line struct {
		XMin  float64 `xml:"xMin,attr"`
		YMin  float64 `xml:"yMin,attr"`
		XMax  float64 `xml:"xMax,attr"`
		YMax  float64 `xml:"yMax,attr"`
		Words []word  `xml:"word"`
	}
	var doc struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Lines  []line  `xml:"flow>block>line"`
		} `xml:"body>doc>page"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("reading pdftotext -bbox-layout: %w", err)
	}
	var pages [][]textLine
	for i, p := range doc.Pages {
		if w, h := p.Width*mmPerPt, p.Height*mmPerPt; abs(w-210) > 0.5 || abs(h-297) > 0.5 {
			return nil, fmt.Errorf("page %d is %.1f × %.1f mm, want A4 (210 × 297 mm)", i+1, w, h)
		}
		var lines []textLine
		for _, l := range p.Lines {
			var words []string
			for _, w := range l.Words {
				words = append(words, w.Text)
			}
			lines = append(lines, textLine{strings.Join(words, " "),
				l.XMin * mmPerPt, l.YMin * mmPerPt, l.XMax * mmPerPt, l.YMax * mmPerPt})
		}
		slices.SortStableFunc(lines, func(a, b textLine) int {
			if a.yMin != b.yMin {
				return int((a.yMin - b.yMin) * 1000)
			}
			return int((a.xMin - b.xMin) * 1000)
		})
		pages = append(pages, lines)
	}
	return pages, nil
}

var pageNumberRE = regexp.MustCompile(`^—\s*(\d+)\s*—$`)

// geometry is what TestPrintGeometry measures, in mm.
type geometry struct {
	pages                    int
	left, top, width, height float64  // type area, from the full pages
	right, widest            float64  // the right edge of most lines, and of the widest
	pitch                    float64  // line pitch on the first full page
	linesPerPage             []int    // body lines on each full page: all but the first and the last two
	beforeLast               int      // body lines on the page before the last
	heldBack                 []int    // body lines on pages ended early to keep a heading with its text
	fullLines, keptLines     int      // full unindented lines of wide characters: of 28, and shorter by the line-breaking rules
	oddLines                 []string // such lines of another length
	numbers                  []pageNumber
}

type pageNumber struct {
	text                string
	n                   int
	left, right, middle float64 // mm: x of its ends, y of its middle
}

// nominalPitch is the stylesheet's line pitch, 28.9 pt.
const nominalPitch = 28.9 * mmPerPt

// slots counts the lines a page's body spans, first to last, at the
// stylesheet's pitch. pdftotext's line boxes come from each face's own
// metrics: a heading set in 黑体 sits up to 2 mm off the 仿宋 lines around
// it, and pdftotext at times joins it with a neighbour, so its lines are
// not counted one by one.
func slots(body []textLine) int {
	return int((body[len(body)-1].yMin-body[0].yMin)/nominalPitch+0.5) + 1
}

// headingStart is how a 一、 or (一) heading begins.
var headingStart = regexp.MustCompile(`^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])`)

// startsWithHeading reports whether a page's first line starts a heading.
func startsWithHeading(lines []textLine) bool {
	for _, l := range lines {
		if !pageNumberRE.MatchString(l.text) {
			return headingStart.MatchString(l.text)
		}
	}
	return false
}

func measure(pages [][]textLine, offX, offY float64) geometry {
	g := geometry{pages: len(pages), left: 1e9}
	var tops, bottoms, rights []float64
	for i, lines := range pages {
		var body []textLine
		for _, l := range lines {
			if mm := pageNumberRE.FindStringSubmatch(l.text); mm != nil {
				n, _ := strconv.Atoi(mm[1])
				g.numbers = append(g.numbers, pageNumber{l.text, n, l.xMin - offX, l.xMax - offX, (l.yMin+l.yMax)/2 - offY})
				continue
			}
			body = append(body, l)
			g.left = min(g.left, l.xMin-offX)
			rights = append(rights, l.xMax-offX)
		}
		switch {
		case i == 0 || i == len(pages)-1 || len(body) == 0:
			continue
		case i == len(pages)-2:
			// The signature and date keep with the last lines of text, so
			// the page before theirs may end early.
			g.beforeLast = slots(body)
			continue
		case startsWithHeading(pages[i+1]):
			// A heading keeps with its text on the next page, so this
			// page may end early.
			g.heldBack = append(g.heldBack, slots(body))
			continue
		}
		g.linesPerPage = append(g.linesPerPage, slots(body))
		tops = append(tops, body[0].yMin-offY)
		bottoms = append(bottoms, body[len(body)-1].yMin-offY)
		if g.pitch == 0 {
			g.pitch = (body[len(body)-1].yMin - body[0].yMin) / float64(len(body)-1)
		}
	}
	g.top = slices.Min(tops)
	g.right = commonest(rights) // justified lines end at the right edge
	g.widest = slices.Max(rights)
	g.width = g.right - g.left
	g.height = slices.Max(bottoms) + g.pitch - g.top
	g.fullLines, g.keptLines, g.oddLines = countChars(pages, g.left+offX, g.right+offX)
	return g
}

// countChars counts the characters of every full line (ending at the right
// edge) that starts at the left edge and holds only full-width characters:
// half-width digits and punctuation are narrower, so lines holding them
// hold more characters. Such a line holds 28, or fewer where the Chinese
// line-breaking rules moved its last characters down: a closing mark (》。)
// may not start a line and an opening one (“《) may not end one, so the
// character before the mark goes down with it. It returns the counts of
// the other lines.
func countChars(pages [][]textLine, left, right float64) (full, kept int, odd []string) {
	var lines []textLine
	for _, p := range pages {
		lines = append(lines, p...)
	}
	for i, l := range lines {
		if abs(l.xMin-left) > 0.5 || abs(l.xMax-right) > 0.5 || !allWide(l.text) {
			continue
		}
		n := utf8.RuneCountInString(l.text)
		switch {
		case n == wantChars:
			full++
		case n < wantChars && i+1 < len(lines) && keptTogether(lines[i+1].text):
			kept++
		default:
			odd = append(odd, fmt.Sprintf("%d characters: %s", n, l.text))
		}
	}
	return full, kept, odd
}

// keptTogether reports whether a line starts with characters the line
// breaking rules keep with a mark: an opening mark, or a character and a
// closing mark.
func keptTogether(next string) bool {
	r := []rune(next)
	return len(r) > 0 && strings.ContainsRune("“‘《（〈「『【", r[0]) ||
		len(r) > 1 && strings.ContainsRune("”’》）〉」』】。，、；：？！", r[1])
}

// allWide reports whether every character of s is a full-width one: a Han
// character, or CJK or full-width punctuation.
func allWide(s string) bool {
	for _, r := range s {
		wide := unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff01 && r <= 0xff60)
		if !wide {
			return false
		}
	}
	return s != ""
}

func abs(f float64) float64 { return max(f, -f) }

// commonest is the most common of values rounded to 0.1 mm.
func commonest(values []float64) float64 {
	count := map[float64]int{}
	best := 0.0
	for _, v := range values {
		r := float64(int(v*10+0.5)) / 10
		count[r]++
		if count[r] > count[best] || (count[r] == count[best] && r > best) {
			best = r
		}
	}
	return best
}

func (g geometry) String() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "pages: %d\n", g.pages)
	fmt.Fprintf(&b, "left margin: %.2f mm (want %v)\n", g.left, wantLeft)
	fmt.Fprintf(&b, "top margin: %.2f mm (want %v)\n", g.top, wantTop)
	fmt.Fprintf(&b, "type area: %.2f × %.2f mm (want %v × %v)\n", g.width, g.height, wantWidth, wantHeight)
	fmt.Fprintf(&b, "right margin: %.2f mm, bottom margin: %.2f mm\n", 210-g.right, 297-g.top-g.height)
	fmt.Fprintf(&b, "widest line box (pdftotext, glyph advances): ends at %.2f mm\n", g.widest)
	fmt.Fprintf(&b, "line pitch: %.3f mm (%.2f pt)\n", g.pitch, g.pitch/mmPerPt)
	fmt.Fprintf(&b, "body lines on each full page: %v (want %d)\n", g.linesPerPage, wantLines)
	fmt.Fprintf(&b, "body lines on pages ended early to keep a heading with its text: %v\n", g.heldBack)
	fmt.Fprintf(&b, "body lines on the page before the last: %d (at most %d: the signature keeps with text)\n", g.beforeLast, wantLines)
	fmt.Fprintf(&b, "full lines of full-width text: %d of %d characters, %d shorter by the line-breaking rules, %d of another length\n",
		g.fullLines, wantChars, g.keptLines, len(g.oddLines))
	for _, n := range g.numbers {
		fmt.Fprintf(&b, "page number %q: x %.2f–%.2f mm, middle at y %.2f mm\n", n.text, n.left, n.right, n.middle)
	}
	return b.String()
}

func (g geometry) check(t *testing.T) {
	near := func(what string, got, want float64) {
		if abs(got-want) > tolerance {
			t.Errorf("%s: got %.2f mm, want %v ± %v mm", what, got, want, tolerance)
		}
	}
	near("left margin", g.left, wantLeft)
	near("top margin", g.top, wantTop)
	near("type area width", g.width, wantWidth)
	near("type area height", g.height, wantHeight)
	if len(g.linesPerPage) < 3 || g.beforeLast > wantLines {
		t.Errorf("got %v lines on the full pages and %d on the page before the last, want at least 3 full pages and at most %d lines", g.linesPerPage, g.beforeLast, wantLines)
	}
	for _, n := range g.heldBack {
		if n > wantLines || n < wantLines-3 {
			t.Errorf("a page before a heading holds %d lines, want %d less at most the heading's 3", n, wantLines)
		}
	}
	for i, n := range g.linesPerPage {
		if n != wantLines {
			t.Errorf("page %d: got %d body lines, want %d", i+2, n, wantLines)
		}
	}
	if g.fullLines < 10 || g.fullLines < 3*g.keptLines {
		t.Errorf("got %d full lines of %d full-width characters and %d shorter ones, want at least 10 and most of them",
			g.fullLines, wantChars, g.keptLines)
	}
	for _, l := range g.oddLines {
		t.Errorf("a full line holds %s; want %d", l, wantChars)
	}
	g.checkNumbers(t)
}

// checkNumbers checks every page's number: — n —, right on odd pages and
// left on even ones, one 4号 character in from the type area's edge, under
// the type area.
func (g geometry) checkNumbers(t *testing.T) {
	if len(g.numbers) != g.pages {
		t.Fatalf("got %d page numbers on %d pages, want one on each", len(g.numbers), g.pages)
	}
	inset := pageNumberPt * mmPerPt
	bottom := g.top + wantHeight
	for i, n := range g.numbers {
		if n.n != i+1 {
			t.Errorf("page %d is numbered %q", i+1, n.text)
		}
		// pdftotext draws the number's box from the face's ascent and
		// descent, which differ from face to face (AR PL UMing's lie
		// 2 mm higher than Noto Serif CJK's): "under the type area" is
		// what is measured.
		if n.middle < bottom+1 || n.middle > bottom+15 {
			t.Errorf("page %d: number's middle at %.1f mm, want 1 to 15 mm under the type area (%.1f mm)", i+1, n.middle, bottom)
		}
		if (i+1)%2 == 1 && abs(n.right-(g.left+wantWidth-inset)) > tolerance {
			t.Errorf("page %d: number ends at %.2f mm, want %.2f (one character in from the right)", i+1, n.right, g.left+wantWidth-inset)
		}
		if (i+1)%2 == 0 && abs(n.left-(g.left+inset)) > tolerance {
			t.Errorf("page %d: number starts at %.2f mm, want %.2f (one character in from the left)", i+1, n.left, g.left+inset)
		}
	}
}

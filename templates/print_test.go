package templates_test

import (
	"bytes"
	"cmp"
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
// margin, with one line whose line box starts exactly at (calibLeft,
// calibTop) mm: body text in 仿宋, then the same in the faces the notice
// sets some of its lines in, 楷体 and 黑体, all on one baseline. Where
// pdftotext puts the 仿宋 text tells how far its boxes, drawn from each
// font's own metrics, lie from the line box Chromium laid out; the
// notice's lines are measured net of that offset. How far the box of each
// other face lies from the 仿宋 one on the same baseline tells where each
// piece of text has its baseline: a line set in two faces (a 楷体 lead
// sentence, then 仿宋) is one line, not two (see baselines).
const (
	calibLeft = 50.0
	calibTop  = 100.0
	calibPage = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>calibration</title>
<link rel="stylesheet" href="%s"><style>@page { margin: 0 } .notice p.calib { position: absolute; top: %vmm; left: %vmm; margin: 0; text-indent: 0 }</style>
</head><body><main><article class="notice"><p class="calib">国国国国<span class="ol2"><span class="lead">国国国国</span></span><span class="ol1">国国国国</span></p></article></main></body></html>`
)

// TestPrintGeometry prints the sample notice with Chromium and measures the
// PDF with poppler's pdftotext -bbox-layout: margins, type area, lines per
// page, characters per line and page numbers as GB/T 9704 sets them. The
// figures are logged (go test -run TestPrintGeometry -v) and recorded in
// docs/print.md.
func TestPrintGeometry(t *testing.T) {
	pdftotext := needTool(t, "pdftotext", "apt-get install poppler-utils")
	needChineseSerif(t)
	tab := startPrinter(t)
	s := buildSites(t)[0]
	css := cssPath(t, s.files)
	s.files["calibrate.html"] = &fstest.MapFile{Data: fmt.Appendf(nil, calibPage, s.base+css, calibTop, calibLeft)}
	base := s.serve(t)

	words := printPages(t, tab, pdftotext, base+"calibrate.html", "")
	if len(words) != 1 || len(words[0]) == 0 {
		t.Fatalf("calibration page: got %v, want one page of text", words)
	}
	faces, err := faceShifts(words[0])
	if err != nil {
		t.Fatal(err)
	}
	calib := baselines(words, faces)
	if len(calib[0]) != 1 {
		t.Fatalf("calibration page: got %v, want one line", calib[0])
	}
	offX, offY := calib[0][0].xMin-calibLeft, calib[0][0].yMin-calibTop
	t.Logf("calibration: pdftotext boxes lie %+.2f mm across and %+.2f mm down from the line box; faces (box height: shift of its box from the 仿宋 one on the same baseline): %v", offX, offY, faces)

	pages := baselines(printPages(t, tab, pdftotext, base+s.page("notice"), "sample-notice"), faces)
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
// artefacts under name (unless name is empty), and returns the words of
// each page as pdftotext boxes them (see baselines).
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

// parseBBox reads the XHTML of pdftotext -bbox-layout: the words of each
// page, each with its box. A word is a run of text in one face: pdftotext
// starts a new one where the face changes.
func parseBBox(data []byte) ([][]textLine, error) {
	type word struct {
		Text string  `xml:",chardata"`
		XMin float64 `xml:"xMin,attr"`
		YMin float64 `xml:"yMin,attr"`
		XMax float64 `xml:"xMax,attr"`
		YMax float64 `xml:"yMax,attr"`
	}
	var doc struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Words  []word  `xml:"flow>block>line>word"`
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
		words := []textLine{}
		for _, w := range p.Words {
			words = append(words, textLine{w.Text, w.XMin * mmPerPt, w.YMin * mmPerPt, w.XMax * mmPerPt, w.YMax * mmPerPt})
		}
		pages = append(pages, words)
	}
	return pages, nil
}

// faceShift is where pdftotext boxes the text of one face: a box of this
// height (mm) lies shift mm lower than the 仿宋 one on the same baseline.
// Within one face at one size, a box lies a fixed distance from the
// baseline, whatever the text.
type faceShift struct{ height, shift float64 }

func (f faceShift) String() string { return fmt.Sprintf("%.2f mm: %+.2f mm", f.height, f.shift) }

// faceShifts reads the calibration line's words, the first in 仿宋, all on
// one baseline.
// Two faces whose boxes are as high but lie apart cannot be told apart by
// their boxes: an error.
func faceShifts(words []textLine) ([]faceShift, error) {
	first := slices.MinFunc(words, func(a, b textLine) int { return cmp.Compare(a.xMin, b.xMin) })
	var faces []faceShift
	for _, w := range words {
		f := faceShift{w.yMax - w.yMin, w.yMin - first.yMin}
		i := slices.IndexFunc(faces, func(g faceShift) bool { return abs(g.height-f.height) < 0.05 })
		switch {
		case i < 0:
			faces = append(faces, f)
		case abs(faces[i].shift-f.shift) > 0.3:
			return nil, fmt.Errorf("two faces box their text %.2f mm high but %.2f mm apart on one baseline: the test cannot tell their lines apart", f.height, abs(faces[i].shift-f.shift))
		}
	}
	return faces, nil
}

// baselines groups each page's words into the lines they were set on, by
// baseline: a line set in two faces has two boxes of different tops, one
// for each face's metrics, but one baseline. A word's box is moved by its
// face's shift to where the 仿宋 box on its baseline lies (a face the
// calibration did not print is left where it is); the words whose moved
// boxes lie within 1.5 mm of one another (a line pitch is about 10 mm) are
// one line, its text theirs from left to right. A line's yMin is so the
// 仿宋 box's top on its baseline.
func baselines(pages [][]textLine, faces []faceShift) [][]textLine {
	var out [][]textLine
	for _, words := range pages {
		moved := make([]textLine, len(words))
		for i, w := range words {
			shift := 0.0
			if i := slices.IndexFunc(faces, func(f faceShift) bool { return abs(f.height-(w.yMax-w.yMin)) < 0.05 }); i >= 0 {
				shift = faces[i].shift
			}
			w.yMin, w.yMax = w.yMin-shift, w.yMax-shift
			moved[i] = w
		}
		slices.SortStableFunc(moved, func(a, b textLine) int { return cmp.Compare(a.yMin, b.yMin) })
		var lines []textLine
		for start := 0; start < len(moved); {
			end := start + 1
			for end < len(moved) && moved[end].yMin-moved[start].yMin < 1.5 {
				end++
			}
			lines = append(lines, joinLine(moved[start:end]))
			start = end
		}
		slices.SortStableFunc(lines, func(a, b textLine) int {
			if c := cmp.Compare(a.yMin, b.yMin); c != 0 {
				return c
			}
			return cmp.Compare(a.xMin, b.xMin)
		})
		out = append(out, lines)
	}
	return out
}

// joinLine makes one line of the words on one baseline: their text from
// left to right, a space where a gap parts two words, and the box around
// them, its top the highest (moved) top.
func joinLine(words []textLine) textLine {
	words = slices.Clone(words)
	slices.SortFunc(words, func(a, b textLine) int { return cmp.Compare(a.xMin, b.xMin) })
	l := words[0]
	var text strings.Builder
	text.WriteString(l.text)
	for i, w := range words[1:] {
		if w.xMin-words[i].xMax > 0.7 {
			text.WriteByte(' ')
		}
		text.WriteString(w.text)
		l.yMin, l.xMax, l.yMax = min(l.yMin, w.yMin), max(l.xMax, w.xMax), max(l.yMax, w.yMax)
	}
	l.text = text.String()
	return l
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

// TestBaselines: a line whose lead sentence is set in 楷体 and the rest in
// 仿宋 is one line, though pdftotext boxes its two faces with different
// tops; the next line is another. The faces are those of fonts-arphic-ukai
// and fonts-cwtex-fs as the calibration measured them.
func TestBaselines(t *testing.T) {
	calib := []textLine{
		{"国国国国", 50, 96.7, 72, 111.37},
		{"国国国国", 72, 101.93, 94, 108.16},
		{"国国国国", 94, 101.93, 116, 108.16},
	}
	faces, err := faceShifts(calib)
	if err != nil {
		t.Fatal(err)
	}
	if len(faces) != 2 || abs(faces[1].shift-5.23) > 0.01 {
		t.Fatalf("faces: got %v, want two, the second 5.23 mm lower", faces)
	}
	page := []textLine{
		{"（六）做好妇女领域风险防范工作。", 39.19, 38.96, 122.84, 45.19}, // 楷体
		{"严格落实意识形态工作责任制。", 122.84, 33.73, 184.21, 48.40},  // 仿宋, same baseline
		{"下一行。", 28.05, 43.78, 184.21, 58.45},             // 仿宋, the next line
	}
	got := baselines([][]textLine{page}, faces)[0]
	if len(got) != 2 || got[0].text != "（六）做好妇女领域风险防范工作。严格落实意识形态工作责任制。" || got[1].text != "下一行。" {
		t.Fatalf("got %v, want the 楷体 and 仿宋 words on one line, then the next line", got)
	}
	if abs(got[0].yMin-33.73) > 0.01 || abs(got[0].xMin-39.19) > 0.01 || abs(got[0].xMax-184.21) > 0.01 {
		t.Errorf("the line's box: got %v, want the 仿宋 top 33.73 and the words' width", got[0])
	}
	calib[2].yMin, calib[2].yMax = 103, 109.23
	if _, err := faceShifts(calib); err == nil {
		t.Error("two faces as high but 1 mm apart: no error")
	}
}

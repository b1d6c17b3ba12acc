package markdown

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Most of a notice is paragraphs of plain Chinese text: no backslash and no
// byte on which an inline parser starts (` [ ] ! < * _). goldmark's inline
// pass still reads such a paragraph byte by byte, and makes of each line
// one Text node, cut where the line ends. That pass was most of the time a
// notice's conversion took. A plain top-level paragraph's lines are set
// aside once it is final (takePlain), so that goldmark's inline pass finds
// nothing to read in it; our AST transformer (outlineMarker), the first to
// read paragraphs, puts them back and makes the Text nodes as goldmark
// would have made them (restoreLines, lineTexts), or, for a block of one
// line, none: what its one Text node would be is kept beside it (bareBlock)
// and written by our renderer (writeBare). Any paragraph with a
// byte that may start anything else, or not at the top of the document, is
// left to goldmark. TestPlainTextAsGoldmark and FuzzPlainTextAsGoldmark
// hold the Doc to what goldmark alone makes.

// inlineStarts marks the bytes on which goldmark's inline pass may do more
// than cut a line into one Text node: the triggers of the inline parsers,
// and the backslash, which escapes and may make a hard line break.
type inlineStarts struct {
	starts [256]bool
	// either marks those and the bytes the HTML text writer acts on
	// (writerActs): a plain paragraph with none of them is clean, and its
	// text is written as it is without being read again (renderState).
	either [256]bool
}

// newInlineStarts returns the inlineStarts of the inline parsers, or nil
// when one of them starts at a space, which every line has where goldmark
// looks (its first byte), or at a byte that is not ASCII: then no
// paragraph is plain.
func newInlineStarts(parsers []util.PrioritizedValue) *inlineStarts {
	var s inlineStarts
	s.starts['\\'] = true
	for _, p := range parsers {
		for _, c := range p.Value.(parser.InlineParser).Trigger() {
			if util.IsSpace(c) || c >= utf8.RuneSelf { // noneOf reads ASCII bytes only
				return nil
			}
			s.starts[c] = true
		}
	}
	for c := range s.either {
		s.either[c] = s.starts[c] || writerActs[c]
	}
	return &s
}

// plain reports whether no line of p has a byte in s, every line but the
// last ends with a line break, and none has padding (a tab expanded); and
// whether, plain, it is clean: none has a byte the writer acts on either.
func (s *inlineStarts) plain(lines *text.Segments, src []byte) (plain, clean bool) {
	clean = true
	for i := range lines.Len() {
		seg := lines.At(i)
		if seg.Padding != 0 || seg.Stop <= seg.Start {
			return false, false
		}
		if line := src[seg.Start:seg.Stop]; !noneOf(&s.either, line) {
			if !noneOf(&s.starts, line) {
				return false, false
			}
			clean = false
		}
		if i < lines.Len()-1 && src[seg.Stop-1] != '\n' {
			return false, false
		}
	}
	return true, clean
}

// setAside are the plain paragraphs of one parse whose lines were set
// aside, with their lines.
type setAside struct {
	paras []ast.Node
	lines []text.Segments // copies: a block holds its lines as a value
	none  text.Segments   // what they hold meanwhile: no line
	clean []int           // where the clean ones' first lines start
	// cleans says of each of paras whether it is clean
	cleans []bool
}

// takePlain sets the lines of the paragraph or heading p aside, for
// restoreLines to give it its Text nodes, when it is plain and at the top
// of the document. p must be final: no parser or transformer changes its
// lines afterwards.
func (s *inlineStarts) takePlain(p ast.Node, src []byte, pc parser.Context) {
	if s == nil || (p.Kind() != ast.KindParagraph && p.Kind() != ast.KindHeading) || p.HasChildren() {
		return
	}
	if parent := p.Parent(); parent == nil || parent.Kind() != ast.KindDocument {
		return
	}
	lines := p.Lines()
	if lines.Len() == 0 {
		return
	}
	plain, clean := s.plain(lines, src)
	if !plain {
		return
	}
	a := &scratchOf(pc).aside
	if clean {
		a.clean = append(a.clean, lines.At(0).Start)
	}
	a.paras = append(a.paras, p)
	a.cleans = append(a.cleans, clean)
	a.lines = append(a.lines, *lines)
	p.SetLines(&a.none)
}

// restoreLines puts back the lines of the paragraphs takePlain set aside.
// A block of one line, most of a notice's (every heading, and a paragraph
// written on one line), is left bare: it gets no Text node, and what
// goldmark's would be is kept in s.bare, for the outline (outlineMarker)
// and the renderer (writeBare) to read in its stead. A block of several
// lines gets its Text nodes, one a line. They are made only now: goldmark's
// inline pass walks every child of a block, and would take Text nodes for
// blocks.
func restoreLines(pc parser.Context, src []byte) {
	s := scratchOf(pc)
	a := &s.aside
	n := 0
	for i := range a.lines {
		if l := a.lines[i].Len(); l > 1 {
			n += l
		}
	}
	texts := s.lineTexts(n) // one slice for all: a notice has hundreds of lines
	s.bare = s.bare[:0]
	for i, p := range a.paras {
		p.SetLines(&a.lines[i])
		if a.lines[i].Len() == 1 {
			t, hard, soft := lineText(a.lines[i].At(0), src)
			s.bare = append(s.bare, bareBlock{n: p, text: t, hard: hard, soft: soft, clean: a.cleans[i]})
			continue
		}
		texts = lineTexts(p, &a.lines[i], src, texts)
	}
	slices.Sort(a.clean) // in the order of the document, as they are rendered
	// In the order of the document, as outlineMarker and the renderer
	// meet them. takePlain takes a paragraph split at an outline number
	// after its later parts: each first part moves back past its own
	// parts alone.
	b := s.bare
	for i := 1; i < len(b); i++ {
		for j := i; j > 0 && b[j].text.Start < b[j-1].text.Start; j-- {
			b[j], b[j-1] = b[j-1], b[j]
		}
	}
}

// bareBlock is a plain top-level paragraph or heading of one line, left
// with no Text node (restoreLines): text, hard and soft are the segment
// and the line breaks of the one Text node goldmark would have given it.
// lead and cut say how outlineMarker marks its run-in lead (markLead).
type bareBlock struct {
	n          ast.Node
	text       text.Segment
	hard, soft bool
	// clean: the text has no byte the HTML writer acts on (inlineStarts.plain),
	// and is written, and read for the outline, as it is
	clean bool
	lead  leadKind
	cut   int // leadCut: where the lead ends in the source
}

// textOf appends the text of b's first n bytes to buf, as the reader
// sees it (appendUnescaped).
func (b *bareBlock) textOf(buf, src []byte, n int) []byte {
	v := b.text.Value(src)[:n]
	if b.clean {
		return append(buf, v...)
	}
	return appendUnescaped(buf, v)
}

// leadKind says how much of a bare paragraph is its lead.
type leadKind uint8

const (
	leadNone  leadKind = iota // no lead
	leadWhole                 // all of the text
	leadCut                   // the text up to cut, "。" included
)

// bareOf returns the bare block of n, or nil when n has Text nodes (or
// none it would have).
func (s *scratch) bareOf(n ast.Node) *bareBlock {
	for i := range s.bare {
		if s.bare[i].n == n {
			return &s.bare[i]
		}
	}
	return nil
}

// lineTexts appends to p the Text nodes goldmark's inline pass
// (parser.parseBlock) makes of lines with no byte of inlineStarts, one
// a line (lineText). The nodes are taken from the start of texts; the rest
// is returned.
func lineTexts(p ast.Node, lines *text.Segments, src []byte, texts []ast.Text) []ast.Text {
	for i := range lines.Len() {
		v, hard, soft := lineText(lines.At(i), src)
		t := &texts[0] // as ast.NewTextSegment makes it
		texts = texts[1:]
		t.Segment = v
		t.SetSoftLineBreak(soft)
		t.SetHardLineBreak(hard)
		p.AppendChild(p, t)
	}
	return texts
}

// lineText is the Text node goldmark's inline pass makes of the line seg
// with no byte of inlineStarts: its segment, up to its line break,
// trailing spaces cut, and whether it breaks hard (a line ending in two
// spaces and a line break) or soft (any other line break).
func lineText(seg text.Segment, src []byte) (v text.Segment, hard, soft bool) {
	line := src[seg.Start:seg.Stop]
	length := len(line)
	newline := line[length-1] == '\n'
	switch {
	case length >= 3 && line[length-3] == ' ' && line[length-2] == ' ' && newline: // [space][space]\n
		length -= 3
		hard = true
	case length >= 4 && line[length-4] == ' ' && line[length-3] == ' ' && line[length-2] == '\r' && newline: // [space][space]\r\n
		length -= 4
		hard = true
	case newline:
		soft = true
	}
	n := length
	if soft {
		n-- // a line holds no line break but its last byte
	}
	v = text.NewSegment(seg.Start, seg.Start+n)
	return v.TrimRightSpace(src), hard, soft
}

// linkRefs is goldmark's transformer of link reference definitions
// ("[label]: /url" at the start of a paragraph), which skips a paragraph
// whose first line has no "[": no definition starts there, and goldmark's
// transformer would make a reader and read the line to learn it.
type linkRefs struct{ parser.ParagraphTransformer }

// Transform implements parser.ParagraphTransformer.
func (t linkRefs) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if lines := p.Lines(); lines.Len() > 0 {
		first := lines.At(0)
		if bytes.IndexByte(first.Value(reader.Source()), '[') < 0 {
			return
		}
	}
	t.ParagraphTransformer.Transform(p, reader, pc)
}

// paragraphs is goldmark's paragraph parser, which hands each top-level
// paragraph it closes to takePlain. A paragraph that a setext heading
// underline (setextHeadings) makes a heading of is closed too, and then
// taken by the heading: that one is left as it is.
type paragraphs struct {
	parser.BlockParser
	starts *inlineStarts
}

// Open implements parser.BlockParser: goldmark's Open, the paragraph
// taken from the conversion's scratch rather than made new.
func (b paragraphs) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	if util.IsBlank(line) {
		return nil, parser.NoChildren
	}
	node := scratchOf(pc).paragraph()
	node.Lines().Append(segment)
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

// Close implements parser.BlockParser.
func (b paragraphs) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	b.BlockParser.Close(node, reader, pc)
	if pc.Get(headingParagraphKey) == node {
		pc.Set(headingParagraphKey, nil)
		return
	}
	b.starts.takePlain(node, reader.Source(), pc)
}

// atxHeadings is goldmark's ATX heading parser ("## 一、…"), which hands
// each heading it closes to takePlain: a notice's section headings are
// plain text, and goldmark's inline pass would read them byte by byte. A
// heading's one line has no line break: its Text node is the line, as
// goldmark makes it. (A setext heading takes a paragraph's lines when the
// paragraph closes, and is left to goldmark.)
type atxHeadings struct {
	parser.BlockParser
	starts *inlineStarts
}

// Close implements parser.BlockParser.
func (b atxHeadings) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	b.BlockParser.Close(node, reader, pc)
	b.starts.takePlain(node, reader.Source(), pc)
}

// SetOption implements parser.SetOptioner, for goldmark's options of
// headings (ids, attributes).
func (b atxHeadings) SetOption(name parser.OptionName, value any) {
	if so, ok := b.BlockParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

// setextHeadings is goldmark's setext heading parser, which tells the
// paragraph parser which paragraph it is about to make a heading of.
type setextHeadings struct{ parser.BlockParser }

var headingParagraphKey = parser.NewContextKey()

// Open implements parser.BlockParser.
func (b setextHeadings) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	last := pc.LastOpenedBlock().Node
	node, state := b.BlockParser.Open(parent, reader, pc)
	if node != nil && state&parser.RequireParagraph != 0 {
		pc.Set(headingParagraphKey, last)
	}
	return node, state
}

// SetOption implements parser.SetOptioner, for goldmark's options of
// headings (ids, attributes).
func (b setextHeadings) SetOption(name parser.OptionName, value any) {
	if so, ok := b.BlockParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

// noneOf reports whether no byte of b is marked in table, which marks
// ASCII bytes only. Most of a Chinese text is parts of multi-byte
// characters, with a digit or a stop among them: 32 bytes with none that
// is ASCII are passed over at once, and of eight bytes with some, only
// those are looked up.
func noneOf(table *[256]bool, b []byte) bool {
	const high = 0x8080808080808080
	for len(b) >= 32 {
		w0 := binary.LittleEndian.Uint64(b)
		w1 := binary.LittleEndian.Uint64(b[8:])
		w2 := binary.LittleEndian.Uint64(b[16:])
		w3 := binary.LittleEndian.Uint64(b[24:])
		if w0&w1&w2&w3&high != high && !(noneOf8(table, w0, b) && noneOf8(table, w1, b[8:]) &&
			noneOf8(table, w2, b[16:]) && noneOf8(table, w3, b[24:])) {
			return false
		}
		b = b[32:]
	}
	for len(b) >= 8 {
		if !noneOf8(table, binary.LittleEndian.Uint64(b), b) {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if table[c] {
			return false
		}
	}
	return true
}

// noneOf8 is noneOf for the eight bytes at the start of b, w.
func noneOf8(table *[256]bool, w uint64, b []byte) bool {
	for ascii := ^w & 0x8080808080808080; ascii != 0; ascii &= ascii - 1 {
		if table[b[bits.TrailingZeros64(ascii)>>3]] {
			return false
		}
	}
	return true
}

package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"disclose/internal/numbering"
)

// Entry is one numbered section or item of a notice.
type Entry struct {
	Level  int    // 1 一、, 2 (一), 3 1., 4 (1)
	Number int    // the number written
	Marker string // as written: "(一)"
	ID     string // the anchor: "s1", "s1-2", "s1-2-3"
	Title  string // a heading's text, or an item's lead sentence, marker included
	Offset int    // byte offset of the marker in the body
	// FullWidth says the marker's brackets or stop are full-width: "（一）",
	// "1．" (numbering.Marker.FullWidth).
	FullWidth bool
}

var outlineKey = parser.NewContextKey()

func outlineOf(pc parser.Context) []Entry {
	entries, _ := pc.Get(outlineKey).([]Entry)
	return entries
}

// outlineSplitter starts a new paragraph at every line that begins with an
// outline number: in a notice, a numbered item always begins a paragraph,
// even where the author left no blank line before it.
// The paragraphs it makes are final, and never closed by goldmark: each
// is handed to takePlain as it is made.
type outlineSplitter struct{ starts *inlineStarts }

// Transform implements parser.ParagraphTransformer.
func (s outlineSplitter) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	sc := scratchOf(pc)
	for para := splitAtMarker(p, src, sc); para != nil; {
		next := splitAtMarker(para, src, sc)
		s.starts.takePlain(para, src, pc)
		para = next
	}
}

// splitAtMarker moves the lines of p from the first numbered line after its
// first line into a new paragraph after p, taken from s, and returns the
// new paragraph.
func splitAtMarker(p *ast.Paragraph, src []byte, s *scratch) *ast.Paragraph {
	lines := p.Lines()
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := bytes.TrimLeft(seg.Value(src), " \t")
		if !numbering.StartsWithMarker(line) {
			continue
		}
		next := s.paragraph()
		for j := i; j < lines.Len(); j++ {
			next.Lines().Append(lines.At(j))
		}
		rest := text.NewSegments()
		for j := range i {
			rest.Append(lines.At(j))
		}
		p.SetLines(rest)
		p.Parent().InsertAfter(p.Parent(), p, next)
		return next
	}
	return nil
}

// outlineMarker gives every numbered heading and paragraph of the document
// its level and a stable anchor, marks the run-in lead sentence of numbered
// items, and collects the outline and, in the same walk, the paragraphs and
// blocks of the Prose.
type outlineMarker struct{}

// Transform implements parser.ASTTransformer.
func (outlineMarker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	restoreLines(pc, src) // first: what follows reads the paragraphs' lines and text
	s := scratchOf(pc)
	s.used.reset()
	ids := anchors{used: &s.used}
	blocks := doc.ChildCount() // at most this many paragraphs: room made once
	// The ids and titles of the entries are written one after the other
	// into text, which is made one string once all are written: one
	// allocation, not two an entry. spans holds where each one's are.
	text, spans := s.text[:0], s.spans[:0]
	anchored := &s.anchored
	attrs := anchored.attrs[:0]
	prose := proseOf(pc)
	prose.Paras = make([]Span, 0, blocks)
	// The paragraphs and headings that may be numbered, with the start of
	// their text, at most a marker long, written one after the other into
	// starts: its one string is read for their markers, which are then
	// cut from it, not each made a string of its own.
	cands, starts := s.cands[:0], s.starts[:0]
	bare := s.bare // in the order of the document
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		readProse(prose, n, src)
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			h.Level = 2 // the page's one h1 is the notice's title
		}
		c := candidate{n: n}
		if len(bare) > 0 && bare[0].n == n {
			c.bare, bare = &bare[0], bare[1:]
			c.first = c.bare.text
		} else if first, ok := n.FirstChild().(*ast.Text); ok && (n.Kind() == ast.KindParagraph || n.Kind() == ast.KindHeading) {
			c.first = first.Segment
		} else {
			continue
		}
		v := c.first.Value(src)
		starts = append(starts, v[:min(len(v), numbering.MaxLen)]...)
		c.end = len(starts)
		cands = append(cands, c)
	}
	s.cands, s.starts = cands, starts
	// the Doc's, never nil; room for every candidate, made once (and
	// not copied from the scratch)
	entries := make([]Entry, 0, len(cands))
	markers, from := string(starts), 0
	for _, c := range cands {
		n := c.n
		m, ok := numbering.Parse(markers[from:c.end]) // as numbering.ParseBytes(c.first.Value(src))
		from = c.end
		if !ok {
			continue
		}
		e := Entry{Level: m.Level, Number: m.Number, Marker: m.Text, Offset: c.first.Start, FullWidth: m.FullWidth}
		var at entrySpans
		at.id = len(text)
		text = ids.appendNext(text, m)
		at.title = len(text)
		// the attributes the renderer writes: ` id="s1-2" class="ol2"`
		attrs = append(attrs, ` id="`...)
		attrs = append(attrs, text[at.id:at.title]...)
		attrs = append(attrs, `" class="ol`...)
		attrs = append(attrs, "012345"[m.Level], '"')
		anchored.attrEnds = append(anchored.attrEnds, len(attrs))
		anchored.nodes = append(anchored.nodes, n)
		h, heading := n.(*ast.Heading)
		if heading {
			h.Level = m.Level + 1
		}
		switch {
		case c.bare != nil && (heading || m.Level == 1):
			text = c.bare.textOf(text, src, c.first.Len())
		case c.bare != nil:
			text = c.bare.markLead(text, src)
		case heading:
			text = appendPlainText(text, h, src)
		default:
			text = markLead(text, n, m, src, &s.leads)
		}
		at.end = len(text)
		spans = append(spans, at)
		entries = append(entries, e)
	}
	s.text, s.spans = text, spans
	all := string(text)
	for i, at := range spans {
		entries[i].ID, entries[i].Title = all[at.id:at.title], all[at.title:at.end]
	}
	pc.Set(outlineKey, entries)
	anchored.attrs = attrs
}

// candidate is a paragraph or heading that may be numbered: its first
// Text node's segment (or what it would be: a bare block's), and where the
// start of its text ends in the scratch's starts.
type candidate struct {
	n     ast.Node
	bare  *bareBlock // nil: n has Text nodes
	first text.Segment
	end   int
}

// entrySpans is where the id and the title of an entry are written: the
// id from id to title, the title from title to end.
type entrySpans struct{ id, title, end int }

// anchoredNodes are the numbered paragraphs and headings of a document,
// in order, with their entries, for the renderer to write each one's id
// and class (<p id="s1-2" class="ol2">). They are kept once in the scratch,
// which the renderer reaches through its writer (renderState), rather than
// as attributes of each node: goldmark gives a node's first attribute room
// for ten, and a notice has dozens of numbered paragraphs.
type anchoredNodes struct {
	nodes []ast.Node
	// attrs are the id and class attributes of each, as written:
	// ` id="s1-2" class="ol2"`, one after the other, each ending at its
	// attrEnds. They are the scratch's: the Doc does not keep them.
	attrs    []byte
	attrEnds []int
	next     int // the renderer goes through the nodes in order
}

// anchorOf returns the id and class attributes of n when it is a numbered
// paragraph or heading, which the renderer, writing into w, reaches in
// the order of the document.
func anchorOf(w util.BufWriter, n ast.Node) ([]byte, bool) {
	d, ok := w.(*direct)
	if !ok || d.state == nil || d.state.anchored == nil {
		return nil, false
	}
	a := d.state.anchored
	if a.next >= len(a.nodes) || a.nodes[a.next] != n {
		return nil, false
	}
	start := 0
	if a.next > 0 {
		start = a.attrEnds[a.next-1]
	}
	a.next++
	return a.attrs[start:a.attrEnds[a.next-1]], true
}

// anchors makes ids from the numbers written: the second item (二) of
// section 一 is "s1-2". Numbering the author repeated gets a suffix, so
// every id stays unique.
type anchors struct {
	path [5]int // the current number at each level
	// used counts the ids made, by their numbers (the zeros of path left
	// out), 16 bits each: "s1-2" is 1<<16 | 2. Numbers this small are
	// all a notice writes, and no two lists of them make one id.
	used *idCounts
	// long counts the ids with a number of 16 bits or more, by id.
	long map[string]int
}

// appendNext appends to buf the id of the entry numbered m.
func (a *anchors) appendNext(buf []byte, m numbering.Marker) []byte {
	a.path[m.Level] = m.Number
	for l := m.Level + 1; l < len(a.path); l++ {
		a.path[l] = 0
	}
	start := len(buf)
	buf = append(buf, 's')
	var key uint64
	small := true
	for _, n := range a.path[1 : m.Level+1] {
		if n != 0 {
			if len(buf) > start+1 {
				buf = append(buf, '-')
			}
			buf = strconv.AppendInt(buf, int64(n), 10)
			small = small && n > 0 && n < 1<<16
			key = key<<16 | uint64(n)&0xFFFF
		}
	}
	var k int
	if small {
		k = a.used.add(key)
	} else {
		if a.long == nil {
			a.long = map[string]int{}
		}
		id := string(buf[start:])
		a.long[id]++
		k = a.long[id]
	}
	if k > 1 {
		buf = append(buf, '_')
		buf = strconv.AppendInt(buf, int64(k), 10)
	}
	return buf
}

// markLead wraps the run-in lead of a numbered paragraph, its marker and
// first sentence up to "。", in a Lead node, and appends the lead's text
// to buf. A paragraph of one sentence is all lead. A level-1 paragraph has
// no lead: its text is appended.
func markLead(buf []byte, p ast.Node, m numbering.Marker, src []byte, leads *slab[leadNodes]) []byte {
	if m.Level == 1 {
		return appendPlainText(buf, p, src)
	}
	nodes := leads.take()
	lead := &nodes.lead
	for c := p.FirstChild(); c != nil; c = p.FirstChild() {
		t, ok := c.(*ast.Text)
		i := -1
		if ok {
			i = bytes.Index(t.Segment.Value(src), []byte("。"))
		}
		if i < 0 || t.Segment.Start+i+len("。") == t.Segment.Stop {
			p.RemoveChild(p, c)
			lead.AppendChild(lead, c)
			if i < 0 {
				continue
			}
		} else {
			cut := t.Segment.Start + i + len("。")
			nodes.cut.Segment = t.Segment.WithStop(cut) // as ast.NewTextSegment makes it
			lead.AppendChild(lead, &nodes.cut)
			t.Segment = t.Segment.WithStart(cut)
		}
		break
	}
	if first := p.FirstChild(); first != nil {
		p.InsertBefore(p, first, lead)
	} else {
		p.AppendChild(p, lead)
	}
	return appendPlainText(buf, lead, src)
}

// markLead is markLead for a bare paragraph of a numbered item below
// level 1: it records how much of the paragraph's text is its lead, for
// the renderer, and appends the lead's text to buf. markLead would make a
// Lead node of the paragraph's one Text node when its first "。" ends it,
// or there is none, and cut the Text node after its first "。" otherwise.
func (b *bareBlock) markLead(buf []byte, src []byte) []byte {
	v := b.text.Value(src)
	i := bytes.Index(v, []byte("。"))
	if i < 0 || i+len("。") == len(v) {
		b.lead = leadWhole
		return b.textOf(buf, src, len(v))
	}
	b.lead, b.cut = leadCut, b.text.Start+i+len("。")
	return b.textOf(buf, src, i+len("。"))
}

// leadNodes are the nodes markLead makes, taken together: the lead and
// the text it may cut.
type leadNodes struct {
	lead Lead
	cut  ast.Text
}

// KindLead is the kind of Lead nodes.
var KindLead = ast.NewNodeKind("Lead")

// Lead is the run-in lead sentence of a numbered item: "(一)推进新型婚育文化建设。"
type Lead struct{ ast.BaseInline }

// Kind implements ast.Node.
func (*Lead) Kind() ast.NodeKind { return KindLead }

// Dump implements ast.Node.
func (l *Lead) Dump(src []byte, level int) { ast.DumpHelper(l, src, level, nil, nil) }

// idCounts counts keys, as a map[uint64]int would, in a table of open
// addressing that a scratch keeps for the next conversion: a notice's
// few dozen ids are counted without hashing them through a map, and the
// table is emptied by clearing a few hundred bytes.
type idCounts struct {
	slots []idSlot // a power of two of them, at least twice the keys
	n     int      // the keys counted
}

// idSlot is a key and its count; a count of 0 is an empty slot.
type idSlot struct {
	key   uint64
	count int
}

// reset empties the table.
func (c *idCounts) reset() {
	clear(c.slots)
	c.n = 0
}

// add counts key once more and returns its count.
func (c *idCounts) add(key uint64) int {
	if 2*(c.n+1) > len(c.slots) {
		c.grow()
	}
	s := c.slot(key)
	if s.count == 0 {
		s.key = key
		c.n++
	}
	s.count++
	return s.count
}

// slot returns the slot of key, or the empty slot where it goes.
func (c *idCounts) slot(key uint64) *idSlot {
	mask := uint64(len(c.slots) - 1)
	for i := key * 0x9E37_79B9_7F4A_7C15 >> 32 & mask; ; i = (i + 1) & mask {
		if s := &c.slots[i]; s.count == 0 || s.key == key {
			return s
		}
	}
}

// grow doubles the table, 64 slots at first.
func (c *idCounts) grow() {
	old := c.slots
	c.slots = make([]idSlot, max(64, 2*len(old)))
	for _, s := range old {
		if s.count > 0 {
			*c.slot(s.key) = s
		}
	}
}

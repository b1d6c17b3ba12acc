package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// scratch is the memory one conversion works in: the nodes our parser and
// transformers make (paragraphs, the Text nodes of plain lines, leads),
// the anchors used, the paragraphs set aside (plaintext.go), the outline
// being collected. A Converter keeps the scratches of finished conversions
// (Converter.scratches) for the next ones, so that a build converting
// thousands of bodies on a few goroutines makes these a few times, not
// once a body: they were most of the memory a conversion took, and so of
// the garbage collector's work. Nothing of a scratch outlives its
// conversion: the AST does not leave it, and the Doc holds copies.
type scratch struct {
	paras    slab[ast.Paragraph]
	leads    slab[leadNodes]
	texts    []ast.Text
	bare     []bareBlock // the plain blocks of one line, in order (restoreLines)
	used     idCounts    // the ids made (anchors)
	aside    setAside
	anchored anchoredNodes
	text     []byte       // the ids and titles of the entries
	spans    []entrySpans // where each entry's are in text
	cands    []candidate  // the paragraphs and headings that may be numbered
	starts   []byte       // the start of each one's text
	render   renderState
	out      direct // the writer the renderer is handed
}

var scratchKey = parser.NewContextKey()

// scratchOf returns the scratch of the conversion pc belongs to; one made
// now when pc has none (a parser used on its own, as tests do).
func scratchOf(pc parser.Context) *scratch {
	s, _ := pc.Get(scratchKey).(*scratch)
	if s == nil {
		s = &scratch{}
		s.reset()
		pc.Set(scratchKey, s)
	}
	return s
}

// reset makes s ready for the next conversion. The values handed out are
// zeroed as they are taken again.
func (s *scratch) reset() {
	s.paras.reset()
	s.leads.reset()
	clear(s.aside.paras)
	s.aside.paras, s.aside.lines, s.aside.clean = s.aside.paras[:0], s.aside.lines[:0], s.aside.clean[:0]
	s.aside.cleans = s.aside.cleans[:0]
	s.render, s.out = renderState{}, direct{}
	clear(s.anchored.nodes)
	s.anchored = anchoredNodes{nodes: s.anchored.nodes[:0], attrs: s.anchored.attrs[:0], attrEnds: s.anchored.attrEnds[:0]}
	s.text, s.spans = s.text[:0], s.spans[:0]
	clear(s.cands)
	clear(s.bare)
	s.bare = s.bare[:0]
	s.cands, s.starts = s.cands[:0], s.starts[:0]
}

// paragraph returns a new paragraph, as ast.NewParagraph makes it, but
// for the room for lines that the paragraph last taken from the same place
// had: its lines are appended without making room again. Within one
// conversion a paragraph is the only node that appends to its lines (a
// setext heading or a table that takes them appends to them no more), and
// the nodes of the last conversion are no longer used.
func (s *scratch) paragraph() *ast.Paragraph {
	p := s.paras.taken()
	lines := *p.Lines()
	lines.SetSliced(0, 0)
	*p = ast.Paragraph{}
	p.SetLines(&lines)
	return p
}

// lineTexts returns n zeroed Text nodes.
func (s *scratch) lineTexts(n int) []ast.Text {
	if cap(s.texts) < n {
		s.texts = make([]ast.Text, n)
	}
	s.texts = s.texts[:n]
	clear(s.texts)
	return s.texts
}

// slab hands out zeroed values of T, from chunks it keeps for the next
// conversion: a chunk is never moved, so a value stays where the AST
// links to it.
type slab[T any] struct {
	chunks      [][]T
	chunk, next int // where the next value is taken
}

// slabChunk is the number of values of a chunk: a notice has dozens of
// paragraphs and numbered items.
const slabChunk = 32

// take returns a zeroed value.
func (s *slab[T]) take() *T {
	v := s.taken()
	var zero T
	*v = zero
	return v
}

// taken returns the next value as the last conversion left it, for the
// caller to make new.
func (s *slab[T]) taken() *T {
	if s.chunk == len(s.chunks) {
		s.chunks = append(s.chunks, make([]T, slabChunk))
	}
	c := s.chunks[s.chunk]
	v := &c[s.next]
	if s.next++; s.next == len(c) {
		s.chunk, s.next = s.chunk+1, 0
	}
	return v
}

// reset hands out the values again, from the first.
func (s *slab[T]) reset() { s.chunk, s.next = 0, 0 }

package markdown

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Prose is what the proofreader reads of a body, as goldmark parsed it, in
// byte offsets into the body: the blocks of text a reader reads, and what
// inside them is not prose. The proofreader then never reads Markdown
// itself, and sees a paragraph, a code span or a link exactly where the
// page shows one.
type Prose struct {
	// Paras are the paragraphs, headings and table cells, in the order of
	// the document: each from the start of its first line's text to the end
	// of its last line's, line break excluded. They never overlap.
	Paras []Span
	// NotProse are the parts of the body that are not prose: code blocks
	// (indented or fenced), HTML blocks, code spans, autolinks, raw HTML,
	// and the part of a link or image after its text, "(destination)". A
	// code or HTML block covers its lines; the rest covers what goldmark
	// parsed, delimiters included. In the order goldmark met them.
	NotProse []Span
}

// Span is bytes Off to End of a body.
type Span struct{ Off, End int }

var proseKey = parser.NewContextKey()

// proseOf returns the Prose being collected in pc, made on first use.
func proseOf(pc parser.Context) *Prose {
	return pc.ComputeIfAbsent(proseKey, func() any { return &Prose{} }).(*Prose)
}

// readProse collects the paragraphs and code and HTML blocks under n, a
// block, into p; the inline parsers (notProseParser) have collected the
// rest.
func readProse(p *Prose, n ast.Node, src []byte) {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading, extast.KindTableCell:
		if s, ok := linesOf(n, src); ok {
			p.Paras = append(p.Paras, s)
		}
	case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
		if s, ok := linesOf(n, src); ok {
			p.NotProse = append(p.NotProse, s)
		}
		if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
			p.NotProse = append(p.NotProse, Span{h.ClosureLine.Start, h.ClosureLine.Stop})
		}
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() == ast.TypeBlock {
				readProse(p, c, src)
			}
		}
	}
}

// linesOf returns the span of n's lines, without the last line break, or
// false when n has no text.
func linesOf(n ast.Node, src []byte) (Span, bool) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return Span{}, false
	}
	s := Span{lines.At(0).Start, lines.At(lines.Len() - 1).Stop}
	for s.End > s.Off && (src[s.End-1] == '\n' || src[s.End-1] == '\r') {
		s.End--
	}
	return s, s.End > s.Off
}

// notProseParser is one of goldmark's inline parsers whose finds are not
// prose: code spans, links and images, autolinks, raw HTML. It records
// where each find starts and ends, which goldmark's nodes do not keep,
// from the reader's position before and after the parse.
type notProseParser struct{ parser.InlineParser }

// notProseParsers are goldmark's default inline parsers, those whose finds
// may not be prose wrapped in a notProseParser (a notProseCloser for the
// one that forgets something as a block closes: goldmark calls every
// parser that has CloseBlock once for every block).
func notProseParsers() []util.PrioritizedValue {
	parsers := parser.DefaultInlineParsers()
	for i, p := range parsers {
		switch p.Priority {
		case 100, 200, 300, 400: // code span, link, autolink, raw HTML
			np := notProseParser{p.Value.(parser.InlineParser)}
			parsers[i].Value = np
			if cb, ok := np.InlineParser.(parser.CloseBlocker); ok {
				parsers[i].Value = notProseCloser{np, cb}
			}
		}
	}
	return parsers
}

// Parse implements parser.InlineParser.
func (np notProseParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	_, from := block.Position()
	n := np.InlineParser.Parse(parent, block, pc)
	start := from.Start
	switch n.(type) {
	case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML:
	case *ast.Link, *ast.Image: // parsed at its "]": what follows is not prose
		start++
	default: // nothing, a "[" that may open a link, or a "`" that opens no code span
		return n
	}
	_, to := block.Position()
	if to.Start > start {
		p := proseOf(pc)
		p.NotProse = append(p.NotProse, Span{start, to.Start})
	}
	return n
}

// notProseCloser is a notProseParser of a parser that implements
// parser.CloseBlocker (the link parser forgets its open brackets).
type notProseCloser struct {
	notProseParser
	closer parser.CloseBlocker
}

// CloseBlock implements parser.CloseBlocker.
func (np notProseCloser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	np.closer.CloseBlock(parent, block, pc)
}

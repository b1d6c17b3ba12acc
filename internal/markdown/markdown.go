// Package markdown turns a notice's Markdown body into HTML with goldmark,
// configured once per site: Chinese line breaks (no stray space where a line
// of Chinese text is wrapped), raw HTML shown as text unless the site allows
// it, and the Chinese outline levels (一、 (一) 1. (1)) recognised whether
// written as headings or as run-in paragraph leads, each given a stable
// anchor. It never changes a character of the text: numbering stays as the
// author wrote it, so "1." never becomes a list that renumbers itself.
// From the same parse it tells the proofreader which parts of the body are
// paragraphs and which are not prose (Prose), so that the two never read a
// body two ways. The Text nodes of plain paragraphs, most of a notice, are
// made without goldmark's byte-by-byte inline pass, as that pass makes
// them, and a plain block of one line gets none: its text is written as
// goldmark would write its Text node (plaintext.go).
//
// It sits beside the domain packages and below the renderer.
package markdown

import (
	"bufio"
	"bytes"
	stdhtml "html"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures a Converter.
type Options struct {
	UnsafeHTML bool // pass raw HTML through; otherwise it is shown as text
}

// Converter converts notice bodies. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
	// scratches holds the *scratch of finished conversions, for the
	// next ones (scratch.go).
	scratches sync.Pool
}

// New returns a Converter configured by opts.
func New(opts Options) *Converter { return newConverter(opts, true) }

// newConverter is New, making the Text nodes of plain paragraphs itself
// when plain is set (plaintext.go), or leaving them all to goldmark.
func newConverter(opts Options, plain bool) *Converter {
	rendererOpts := []renderer.Option{
		html.WithEastAsianLineBreaks(html.EastAsianLineBreaksCSS3Draft),
		html.WithWriter(textWriter{html.DefaultWriter}),
		renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{unsafe: opts.UnsafeHTML}, 100)),
	}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithParser(newParser(plain)),
		goldmark.WithRendererOptions(rendererOpts...),
		goldmark.WithExtensions(extension.Table),
	)
	return &Converter{md: md}
}

// newParser is goldmark's CommonMark parser with two changes: ordered lists
// are not recognised (a notice writes its numbers itself), and a line that
// starts with an outline number starts a new paragraph. It also records,
// for the proofreader, what of the body is prose (Prose).
//
// With plain set, the Text nodes of plain top-level paragraphs and ATX
// headings ("## 一、…") are made without goldmark's inline pass, and a paragraph that cannot start with
// a link reference definition is not read for one (plaintext.go); the Doc
// is the same.
func newParser(plain bool) parser.Parser {
	inlines := notProseParsers()
	var starts *inlineStarts
	if plain {
		starts = newInlineStarts(inlines)
	}
	blocks := parser.DefaultBlockParsers()
	for i, b := range blocks {
		switch b.Priority {
		case 100: // the setext heading parser
			blocks[i].Value = setextHeadings{b.Value.(parser.BlockParser)}
		case 300: // the list parser
			blocks[i].Value = bulletsOnly{b.Value.(parser.BlockParser)}
		case 600: // the ATX heading parser
			blocks[i].Value = atxHeadings{b.Value.(parser.BlockParser), starts}
		case 1000: // the paragraph parser
			blocks[i].Value = paragraphs{b.Value.(parser.BlockParser), starts}
		}
	}
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(append(paragraphTransformers(plain),
			util.Prioritized(outlineSplitter{starts}, 200))...),
		parser.WithASTTransformers(util.Prioritized(outlineMarker{}, 100)),
	)
}

// paragraphTransformers are goldmark's paragraph transformers, with
// plain its transformer of link reference definitions as linkRefs.
func paragraphTransformers(plain bool) []util.PrioritizedValue {
	pts := parser.DefaultParagraphTransformers()
	for i, pt := range pts {
		if plain && pt.Value == parser.LinkReferenceParagraphTransformer {
			pts[i].Value = linkRefs{parser.LinkReferenceParagraphTransformer}
		}
	}
	return pts
}

// Doc is a converted body.
type Doc struct {
	HTML    []byte
	Outline []Entry // every numbered section and item, in order
	Summary string  // the text of the first paragraph
	Prose   Prose   // what the proofreader reads
}

// Convert converts one body. src is the body alone; offsets in Entry and
// Prose are relative to it.
func (c *Converter) Convert(src []byte) (Doc, error) {
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4) // the HTML is the text and a little markup
	return c.ConvertTo(&buf, src)
}

// ConvertTo is Convert writing the HTML into buf, which the Doc's HTML
// then shares.
// A body nested deeper than MaxNesting is not converted: the error is a
// *NestingError.
func (c *Converter) ConvertTo(buf *bytes.Buffer, src []byte) (Doc, error) {
	if err := Nesting(src); err != nil {
		return Doc{}, err
	}
	pc, s := c.context()
	defer c.scratches.Put(s)
	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	s.render.clean, s.render.bare, s.render.anchored = s.aside.clean, s.bare, &s.anchored
	s.out = direct{buf, &s.render}
	err := c.md.Renderer().Render(&s.out, src, root)
	s.out = direct{} // the scratch keeps no caller's buffer
	if err != nil {
		return Doc{}, err
	}
	return Doc{HTML: buf.Bytes(), Outline: outlineOf(pc), Summary: summary(root, src, s), Prose: *proseOf(pc)}, nil
}

// context returns the parser context of one conversion, with its scratch,
// which the caller hands back to c.scratches once the AST is not used.
func (c *Converter) context() (parser.Context, *scratch) {
	s, _ := c.scratches.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	s.reset()
	pc := parser.NewContext()
	pc.Set(scratchKey, s)
	return pc, s
}

// direct is a bytes.Buffer goldmark's renderer writes into directly: as a
// util.BufWriter, it gets no bufio.Writer in between, and no copy. It
// carries the conversion's renderState to our node renderers and writer;
// the scratch holds it, so that handing it to the renderer makes nothing.
type direct struct {
	*bytes.Buffer
	state *renderState
}

// renderState tells the text writer whether the paragraph or heading
// being rendered is clean (inlineStarts.plain): its text has no byte the
// writer acts on, and is written as it is, not read again for them.
type renderState struct {
	clean []int // where the clean blocks' first lines start, in order
	next  int   // the first of them not yet reached
	in    bool  // in a clean block
	// bare are the blocks with no Text node (restoreLines), in order;
	// nextBare the first of them not yet rendered.
	bare     []bareBlock
	nextBare int
	anchored *anchoredNodes // the numbered blocks (outlineMarker)
}

// bareAt returns the bare block of n, the paragraph or heading being
// entered, or nil when it has Text nodes.
func bareAt(w util.BufWriter, n ast.Node) *bareBlock {
	d, ok := w.(*direct)
	if !ok || d.state == nil {
		return nil
	}
	st := d.state
	if st.nextBare < len(st.bare) && st.bare[st.nextBare].n == n {
		st.nextBare++
		return &st.bare[st.nextBare-1]
	}
	return nil
}

// enter is called as the renderer enters (or leaves) the paragraph or
// heading n.
func enter(w util.BufWriter, n ast.Node, entering bool) {
	d, ok := w.(*direct)
	if !ok || d.state == nil {
		return
	}
	st := d.state
	st.in = false
	if lines := n.Lines(); entering && lines.Len() > 0 {
		start := lines.At(0).Start
		for st.next < len(st.clean) && st.clean[st.next] < start {
			st.next++
		}
		st.in = st.next < len(st.clean) && st.clean[st.next] == start
	}
}

func (direct) Buffered() int { return 0 }
func (direct) Flush() error  { return nil }

// Parse returns the Doc of one body without converting it to HTML, its
// Outline and Prose only: what the proofreader needs when it runs alone.
// They equal those of Convert's Doc, whatever the options. A body nested
// deeper than MaxNesting is not read: its Doc is empty, and Nesting says
// why.
func (c *Converter) Parse(src []byte) Doc {
	if Nesting(src) != nil {
		return Doc{}
	}
	pc, s := c.context()
	defer c.scratches.Put(s)
	c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	return Doc{Outline: outlineOf(pc), Prose: *proseOf(pc)}
}

// summary is the plain text of the first paragraph.
func summary(root ast.Node, src []byte, s *scratch) string {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() == ast.KindParagraph {
			if b := s.bareOf(n); b != nil {
				if b.clean {
					return string(b.text.Value(src))
				}
				return unescape(b.text.Value(src))
			}
			return plainText(n, src)
		}
	}
	return ""
}

// plainText is the text of n's inline content, as the reader sees it.
func plainText(n ast.Node, src []byte) string {
	if t, ok := n.FirstChild().(*ast.Text); ok && t.NextSibling() == nil {
		return unescape(t.Segment.Value(src)) // most often: one run of text
	}
	return string(appendPlainText(nil, n, src))
}

// appendPlainText appends plainText(n, src) to buf.
func appendPlainText(buf []byte, n ast.Node, src []byte) []byte {
	if t, ok := n.FirstChild().(*ast.Text); ok && t.NextSibling() == nil {
		return appendUnescaped(buf, t.Segment.Value(src)) // most often: one run of text
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			buf = appendUnescaped(buf, t.Segment.Value(src))
		case *ast.String:
			buf = append(buf, t.Value...)
		case *ast.CodeSpan:
			for l := t.FirstChild(); l != nil; l = l.NextSibling() {
				if tx, ok := l.(*ast.Text); ok {
					buf = append(buf, tx.Segment.Value(src)...)
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return buf
}

// appendUnescaped appends unescape(v) to buf.
func appendUnescaped(buf, v []byte) []byte {
	if noneOf(&unescapeActs, v) {
		return append(buf, v...)
	}
	return append(buf, unescape(v)...)
}

// unescape is the text a reader sees for a text segment: goldmark keeps
// backslash escapes ("\\*") and entity references in the segment, and
// resolves them as its HTML writer writes; the HTML it writes, unescaped, is
// the text.
func unescape(v []byte) string {
	if noneOf(&unescapeActs, v) { // nothing the writer resolves: the text is v
		return string(v)
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	html.DefaultWriter.Write(w, v)
	_ = w.Flush()
	return stdhtml.UnescapeString(buf.String())
}

// unescapeActs marks the bytes goldmark's writer resolves in a text.
var unescapeActs = [256]bool{0: true, '\\': true, '&': true}

// bulletsOnly is goldmark's list parser refusing ordered lists: "1. " at a
// line start stays the text the author wrote.
type bulletsOnly struct{ parser.BlockParser }

// Open implements parser.BlockParser.
func (b bulletsOnly) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	line = bytes.TrimLeft(line, " \t")
	if len(line) > 0 && line[0] >= '0' && line[0] <= '9' {
		return nil, parser.NoChildren
	}
	return b.BlockParser.Open(parent, reader, pc)
}

// textWriter is goldmark's HTML text writer with a fast path. The writer
// looks at every byte for the few it acts on (a backslash escape, an entity
// reference, a NUL, the characters HTML escapes); a run of text with none
// of them, most of a Chinese notice, is written as it is in one copy.
type textWriter struct{ html.Writer }

// writerActs marks the bytes goldmark's writer does anything with, in
// Write or in RawWrite.
var writerActs = [256]bool{0: true, '\\': true, '&': true, '<': true, '>': true, '"': true}

// plain reports whether s has none of the bytes the writer acts on.
func plain(s []byte) bool { return noneOf(&writerActs, s) }

// Write implements html.Writer.
func (t textWriter) Write(w util.BufWriter, src []byte) {
	if d, ok := w.(*direct); ok && d.state != nil && d.state.in {
		_, _ = w.Write(src) // in a clean paragraph: read for these bytes once
		return
	}
	if plain(src) {
		_, _ = w.Write(src)
		return
	}
	t.Writer.Write(w, src)
}

// RawWrite implements html.Writer.
func (t textWriter) RawWrite(w util.BufWriter, src []byte) {
	if plain(src) {
		_, _ = w.Write(src)
		return
	}
	t.Writer.RawWrite(w, src)
}

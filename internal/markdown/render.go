package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders the nodes goldmark's HTML renderer does not know
// (Lead) and, unless the site allows raw HTML, shows raw HTML as the text
// the author typed: goldmark would drop it, and a notice loses nothing.
type nodeRenderer struct {
	unsafe bool
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindDocument, renderDocument)
	reg.Register(KindLead, renderLead)
	reg.Register(ast.KindParagraph, renderParagraph)
	reg.Register(ast.KindHeading, renderHeading)
	if !r.unsafe {
		reg.Register(ast.KindRawHTML, renderRawHTMLAsText)
		reg.Register(ast.KindHTMLBlock, renderHTMLBlockAsText)
	}
}

// renderDocument renders a document whose blocks are all bare
// (restoreLines), most notices', in one loop: each as renderParagraph or
// renderHeading renders it when goldmark's walk reaches it, entering and
// leaving, without the walk. Any other document is left to the walk.
// (goldmark's own renderer of a document writes nothing.)
func renderDocument(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering || !allBare(w, n) {
		return ast.WalkContinue, nil
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		render := renderParagraph
		if c.Kind() == ast.KindHeading {
			render = renderHeading
		}
		_, _ = render(w, src, c, true)
		_, _ = render(w, src, c, false)
	}
	return ast.WalkSkipChildren, nil
}

// allBare reports whether every block of the document n is bare, n
// being rendered into w.
func allBare(w util.BufWriter, n ast.Node) bool {
	d, ok := w.(*direct)
	if !ok || d.state == nil {
		return false
	}
	bare := d.state.bare[d.state.nextBare:]
	if len(bare) != n.ChildCount() {
		return false
	}
	i := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if bare[i].n != c {
			return false
		}
		i++
	}
	return true
}

// renderParagraph is goldmark's, with the anchor of a numbered paragraph.
func renderParagraph(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		b := bareAt(w, n)
		if b == nil {
			enter(w, n, true)
		}
		_, _ = w.WriteString("<p")
		writeAnchor(w, n)
		_ = w.WriteByte('>')
		if b != nil {
			writeBare(w, src, b)
		}
	} else {
		enter(w, n, false)
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

// renderHeading is goldmark's, with the anchor of a numbered heading.
func renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if entering {
		b := bareAt(w, n)
		if b == nil {
			enter(w, n, true)
		}
		_, _ = w.WriteString("<h")
		_ = w.WriteByte("0123456"[n.Level])
		writeAnchor(w, n)
		_ = w.WriteByte('>')
		if b != nil {
			writeBare(w, src, b)
		}
	} else {
		enter(w, n, false)
		_, _ = w.WriteString("</h")
		_ = w.WriteByte("0123456"[n.Level])
		_, _ = w.WriteString(">\n")
	}
	return ast.WalkContinue, nil
}

// writeAnchor writes the id and class attributes of a numbered node.
func writeAnchor(w util.BufWriter, n ast.Node) {
	if attrs, ok := anchorOf(w, n); ok {
		_, _ = w.Write(attrs) // the id is s, digits, - and _ only: nothing to escape
	}
}

func renderLead(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(leadOpen)
	} else {
		_, _ = w.WriteString(leadClose)
	}
	return ast.WalkContinue, nil
}

const leadOpen, leadClose = `<span class="lead">`, `</span>`

// writeBare writes the text of a bare block (restoreLines) as goldmark's
// renderer writes its one Text node (html.Renderer.renderText), within its
// lead as markLead would have made it (bareBlock.markLead): the text, and
// the line break, which in a block of one line is written only when hard,
// or when the text is empty (a soft break is written only between two
// Text nodes, and the Text node is the last of its parent).
func writeBare(w util.BufWriter, src []byte, b *bareBlock) {
	v := b.text.Value(src)
	switch b.lead {
	case leadNone:
		b.write(w, v)
		writeBreak(w, b, len(v))
	case leadWhole:
		_, _ = w.WriteString(leadOpen)
		b.write(w, v)
		writeBreak(w, b, len(v))
		_, _ = w.WriteString(leadClose)
	case leadCut:
		at := b.cut - b.text.Start
		_, _ = w.WriteString(leadOpen)
		b.write(w, v[:at]) // the Text node markLead cuts has no line break
		_, _ = w.WriteString(leadClose)
		b.write(w, v[at:])
		writeBreak(w, b, len(v)-at)
	}
}

// write writes v, of b's text, as the renderer's text writer does
// (newConverter): as it is when b is clean.
func (b *bareBlock) write(w util.BufWriter, v []byte) {
	if b.clean {
		_, _ = w.Write(v)
		return
	}
	textWriter{html.DefaultWriter}.Write(w, v)
}

// writeBreak writes the line break of a bare block's text of n bytes.
func writeBreak(w util.BufWriter, b *bareBlock, n int) {
	switch {
	case b.hard:
		_, _ = w.WriteString("<br>\n")
	case b.soft && n == 0:
		_ = w.WriteByte('\n')
	}
}

func renderRawHTMLAsText(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := n.(*ast.RawHTML).Segments
		for i := range segs.Len() {
			seg := segs.At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
		}
	}
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlockAsText shows an HTML block as a paragraph of its text,
// line breaks kept.
func renderHTMLBlockAsText(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	_, _ = w.WriteString("<p>")
	lines := b.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		line := util.TrimRightSpace(seg.Value(src))
		if i > 0 {
			_, _ = w.WriteString("<br>\n")
		}
		_, _ = w.Write(util.EscapeHTML(line))
	}
	if b.HasClosure() {
		if lines.Len() > 0 {
			_, _ = w.WriteString("<br>\n")
		}
		_, _ = w.Write(util.EscapeHTML(util.TrimRightSpace(b.ClosureLine.Value(src))))
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

package markdown

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// proseSeeds are bodies with every kind of block and inline the Prose
// tells apart.
var proseSeeds = []string{
	"正文，一。\n\n## 二、标题\n\n（一）加强。\n（二）深化。",
	"````\n```\n代码\n````\n\n    缩进代码\n\n<div>\n文字\n</div>\n\n正文。",
	"- 一是加强。\n- 二是深化，\n续行。\n\n> 引用，\n续行。\n\n标题\n===",
	"见[通报](<通报 文件.pdf> \"题\")、![图](a.png)、[![图](a)](b)、[通报][1]。\n\n[1]: http://a.b",
	"`代码,\n一`、`` a`b ``、<b>粗</b>、<http://a.b/c>、<a@b.cn>、**[强](c)**。",
	"| 项目 | 数量 |\n|---|---|\n| `问题` | 25个 |",
}

// FuzzProse holds the Prose to goldmark's nodes: one paragraph for each
// paragraph, heading and table cell with text, in order, apart and inside
// the body, holding the text of its node; no text a reader reads is marked
// as not prose, and the text of every code span is.
func FuzzProse(f *testing.F) {
	for _, s := range proseSeeds {
		f.Add(s)
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		prose := c.Parse([]byte(src)).Prose
		root := c.md.Parser().Parse(text.NewReader([]byte(src)))
		nodes := textBlocks(root, []byte(src))
		if len(nodes) != len(prose.Paras) {
			t.Fatalf("got %d paragraphs %v, want one for each of %d nodes", len(prose.Paras), prose.Paras, len(nodes))
		}
		last := 0
		for i, p := range prose.Paras {
			if p.Off < last || p.End <= p.Off || p.End > len(src) {
				t.Fatalf("paragraph %d is %v in %d bytes, after %d", i, p, len(src), last)
			}
			last = p.End
			checkTexts(t, nodes[i], p, prose.NotProse)
		}
		for _, s := range prose.NotProse {
			if s.Off < 0 || s.End <= s.Off || s.End > len(src) {
				t.Fatalf("not prose: %v in %d bytes", s, len(src))
			}
		}
	})
}

// textBlocks returns the nodes that hold a reader's text, in order.
func textBlocks(root ast.Node, src []byte) []ast.Node {
	var out []ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading, extast.KindTableCell:
			if hasText(n, src) {
				out = append(out, n)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// hasText reports whether block n has more than line breaks in its lines.
func hasText(n ast.Node, src []byte) bool {
	var all []byte
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		all = append(all, seg.Value(src)...)
	}
	return len(bytes.Trim(all, "\r\n")) > 0
}

// checkTexts checks that the text of block n lies in p, and is marked as
// not prose exactly when it is the text of a code span, raw HTML or an
// autolink.
func checkTexts(t *testing.T, n ast.Node, p Span, notProse []Span) {
	t.Helper()
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c.Kind() {
		case ast.KindCodeSpan, ast.KindAutoLink, ast.KindRawHTML:
			if at := (text.Segment{Start: c.Pos(), Stop: c.Pos() + 1}); !inAny(at, notProse) {
				t.Fatalf("%s at %d is prose", c.Kind(), c.Pos())
			}
			if c.Kind() != ast.KindCodeSpan {
				return ast.WalkSkipChildren, nil
			}
		case ast.KindText:
			seg := c.(*ast.Text).Segment
			if seg.Start < p.Off || seg.Stop > p.End {
				t.Fatalf("text %d-%d outside its paragraph %v", seg.Start, seg.Stop, p)
			}
			_, inCode := c.Parent().(*ast.CodeSpan)
			if !inCode && seg.Len() > 0 && overlaps(seg, notProse) {
				t.Fatalf("text %d-%d is marked as not prose", seg.Start, seg.Stop)
			}
		}
		return ast.WalkContinue, nil
	})
}

func inAny(seg text.Segment, spans []Span) bool {
	for _, s := range spans {
		if s.Off <= seg.Start && seg.Stop <= s.End {
			return true
		}
	}
	return false
}

func overlaps(seg text.Segment, spans []Span) bool {
	for _, s := range spans {
		if seg.Start < s.End && s.Off < seg.Stop {
			return true
		}
	}
	return false
}

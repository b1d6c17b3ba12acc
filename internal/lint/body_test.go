package lint

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"disclose/internal/markdown"
)

// bodyCases are bodies a hand-written block scanner reads otherwise than
// goldmark: each wants the paragraphs goldmark reads, as the rules get
// them, with what is not prose shown as "_".
var bodyCases = []struct {
	name, body string
	paras      []string
}{
	{"```` fence not closed by ```", "````\n```\n代码，一\n````\n\n正文。", []string{"正文。"}},
	{"``` fence closed by ````", "```\n代码，一\n````\n正文。", []string{"正文。"}},
	{"indented code", "正文。\n\n    代码，一\n\n正文二。", []string{"正文。", "正文二。"}},
	{"indented code cannot interrupt a paragraph", "正文，\n    续行。", []string{"正文，\n    续行。"}},
	{"indented paragraph of a list item", "- 一是加强。\n\n    二是深化。", []string{"一是加强。", "二是深化。"}},
	{"list item paragraphs", "- 一是加强学习。\n- 二是深化改革。", []string{"一是加强学习。", "二是深化改革。"}},
	{"list item with a lazy line", "- 一是加强，\n二是深化。", []string{"一是加强，\n二是深化。"}},
	{"paragraph interrupted by a heading", "正文。\n## 二、标题\n正文二。", []string{"正文。", "二、标题", "正文二。"}},
	{"# with no space is text", "正文。\n#话题", []string{"正文。\n#话题"}},
	{"HTML block", "<div>\n文字，一\n</div>\n\n正文。", []string{"正文。"}},
	{"raw HTML in a paragraph", "正文<b>加粗</b>。", []string{"正文" + blanked("<b>") + "加粗" + blanked("</b>") + "。"}},
	{"setext heading", "标题\n===\n正文。", []string{"标题", "正文。"}},
	{"setext heading of two lines", "标题，\n续\n---\n正文。", []string{"标题，\n续", "正文。"}},
	{"link destination with Han text and a space", "见[通报](<通报 文件.pdf>)。", []string{"见[通报]" + blanked("(<通报 文件.pdf>)") + "。"}},
	{"link destination with brackets", "见[通报](通报(一).pdf)。", []string{"见[通报]" + blanked("(通报(一).pdf)") + "。"}},
	{"image in a link", "[![图](a.png)](b,c)。", []string{"[![图]" + blanked("(a.png)") + "]" + blanked("(b,c)") + "。"}},
	{"reference link", "见[通报][1]。\n\n[1]: http://a.b/c,d", []string{"见[通报]" + blanked("[1]") + "。"}},
	{"code span over two lines", "正文`代码,\n一`。", []string{"正文" + blanked("`代码,\n一`") + "。"}},
	{"double backtick code span", "正文`` a`b ``。", []string{"正文" + blanked("`` a`b ``") + "。"}},
	{"autolink", "见<http://a.b/c,d>。", []string{"见" + blanked("<http://a.b/c,d>") + "。"}},
	{"web address in a link", "见[通报](http://a.b/c),后。", []string{"见[通报]" + blanked("(http://a.b/c)") + ",后。"}},
	{"bare web address", "见http://a.b/c,d 。", []string{"见" + blanked("http://a.b/c,d") + " 。"}},
	{"block quote interrupts a paragraph", "正文。\n> 引用。\n续行。", []string{"正文。", "引用。\n续行。"}},
	{"lazy continuation of a quote", "> 引用一，\n续行。", []string{"引用一，\n续行。"}},
	{"thematic break", "正文。\n\n---\n\n正文二。", []string{"正文。", "正文二。"}},
	{"table cells", "| 项目 | 数量 |\n|---|---|\n| 问题 | 25个 |", []string{"项目", "数量", "问题", "25个"}},
	{"outline number starts a paragraph", "正文。\n（二）加强。", []string{"正文。", "（二）加强。"}},
}

// TestBodyFollowsGoldmark: the rules read the paragraphs goldmark reads,
// with code, links and HTML blanked out where goldmark found them.
func TestBodyFollowsGoldmark(t *testing.T) {
	conv := markdown.New(markdown.Options{})
	for _, c := range bodyCases {
		t.Run(c.name, func(t *testing.T) {
			b := newBody([]byte(c.body), conv.Parse([]byte(c.body)).Prose)
			var got []string
			for _, p := range b.paras {
				got = append(got, strings.ReplaceAll(b.of(p), "\x00", "_"))
			}
			if !slices.Equal(got, c.paras) {
				t.Errorf("got paragraphs %q, want %q", got, c.paras)
			}
		})
	}
}

// FuzzBody: whatever the body, its paragraphs lie inside it, in order and
// apart (inPara finds a span in them by that), and are those of goldmark's parse (markdown.Prose, which
// markdown's FuzzProse holds to goldmark's nodes); the text is the body
// but for blanked-out bytes, line breaks kept.
func FuzzBody(f *testing.F) {
	for _, c := range bodyCases {
		f.Add(c.body)
	}
	conv := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		prose := conv.Parse([]byte(src)).Prose
		b := newBody([]byte(src), prose)
		if len(b.paras) != len(prose.Paras) {
			t.Fatalf("got %d paragraphs, want goldmark's %d", len(b.paras), len(prose.Paras))
		}
		last := 0
		for i, p := range b.paras {
			if p.off < last || p.end <= p.off || p.end > len(src) {
				t.Fatalf("paragraph %d is bytes %d to %d of %d, after %d", i, p.off, p.end, len(src), last)
			}
			if want := prose.Paras[i]; p.off != want.Off || p.end != want.End {
				t.Fatalf("paragraph %d is %v, want goldmark's %v", i, p, want)
			}
			last = p.end
		}
		for off := range len(src) + 1 {
			for end := off; end <= min(len(src), off+7); end++ {
				want := slices.ContainsFunc(b.paras, func(p span) bool { return p.off <= off && end <= p.end })
				if got := b.inPara(off, end); got != want {
					t.Fatalf("inPara(%d, %d) = %v, want %v", off, end, got, want)
				}
			}
		}
		if len(b.text) != len(src) {
			t.Fatalf("text of %d bytes, body of %d", len(b.text), len(src))
		}
		for i := range len(src) {
			if c := b.text[i]; c != src[i] && (c != masked || bytes.IndexByte([]byte("\r\n"), src[i]) >= 0) {
				t.Fatalf("byte %d: got %q, want %q or blanked", i, c, src[i])
			}
		}
	})
}

// blanked is s as a test shows it blanked out: "_" for every byte but
// line breaks.
func blanked(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c != '\n' {
			b[i] = '_'
		}
	}
	return string(b)
}

func (s span) String() string { return fmt.Sprintf("%d-%d", s.off, s.end) }

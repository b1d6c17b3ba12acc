package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// plainCases are bodies whose paragraphs goldmark cuts in every way a
// plain paragraph may be cut, beside blocks that are not plain.
var plainCases = []string{
	"",
	"第一段文字。",
	"第一行文字\n第二行文字\n",
	"第一行  \n第二行\n", // two spaces: a hard break
	"第一行  \r\n第二行\r\n第三行 \r\n",         // the same with CRLF
	"第一行\\\n第二行",                       // a backslash: goldmark's
	"  缩进的第一行\n   缩进的第二行  \n\n\t制表符\n", // leading spaces and a tab
	"正文结束。\n(二)第二项。正文\n  3.细项。\n(1)小项\n",
	"正文结束。\n(二)第二项。正文  \n（三）第三项。\n",
	"标题文字\n===\n\n正文\n---\n", // setext headings take the paragraph
	"(一)第一项\n(二)第二项\n---\n",  // split, then the rest a heading
	"[ref]: /url\n===\n\n正文", // the heading's paragraph is all link definition
	"[ref]: /url\n正文。\n\n[ref]",
	"   [甲]: /a \"标题\"\n[乙]:\n/b\n正文 [甲] [乙]",
	"正文\n[ref]: /url\n\n[ref]", // not at the paragraph's start: no definition
	"| 项目 | 数量 |\n| --- | --- |\n| 甲 | 1 |\n\n正文",
	"- 列表项\n- 列表项二\n\n> 引用文字\n> 第二行\n\n正文",
	"说明<b>加粗</b>文字\n\n<div>\n块\n</div>\n\n正文 *强调* 与 `代码` 与 [链接](http://example.org)\n",
	"正文 &amp; 实体 &lt; 与 \"引号\"\n\n第二段\x00",
	"    缩进代码块\n\n```\n围栏代码\n```\n\n正文",
	"一、总体情况\n\n（一）推进建设。学习贯彻。\n\n1.细项。正文\n(1)小项。\n\n二、下一步",
	"正文\n\n\n\n正文二\n",
	"末行没有换行",
	"## 一、标题\n正文紧接标题\n# 第二个标题",
	"## 标题 ##\n###   标题  \n#### 标题 #x\n## \n#\n##### ###\n", // closing sequences, empty headings
	"## 标题\\\n## 标题 *强调*\n## 标题 [链接](x)\n## 标题 &amp;\n",     // not plain: goldmark's
	"   ## 缩进标题\n\t## 代码\n> ## 引用标题\n\n- ## 列表标题\n",
	"## 一、标题\r\n（一）正文。\r\n###### 六级 \t\n####### 七个井号\n",
	// bare blocks (one line, no Text node): leads whole, cut and absent,
	// entities in and after a lead, line breaks of a split part
	"（一）没有句号的一项\n\n（二）句号在末尾。\n\n（三）句号。在中间\n\n1.第一项。\n\n一、一级。不标引语\n\n## （一）标题。带句号\n",
	"（二）实体&amp;引语。后文 &lt; \"引\"\n\n(三)&#12290;不是句号。是\n\n（四）。\n",
	"导语。\n（一）第一项。正文  \n（二）第二项。正文\r\n（三）末项\n",
	"（一）甲。\n\n第二段\n第二行。\n\n（二）乙。丙\n",
	// plain, but with bytes the writer escapes: not clean
	"甲 \"乙\" 丙 > 丁\n\n戊\x00己\n\n## 标题 \"引\"\n\n（一）干净的一段。\n(二)又 > 一段。后文\n\n干净\n",
}

// convertBoth converts src with and without making plain paragraphs'
// nodes ourselves, and fails t where the Docs differ.
func convertBoth(t *testing.T, src []byte, opts Options) {
	t.Helper()
	got, gotErr := newConverter(opts, true).Convert(src)
	want, wantErr := newConverter(opts, false).Convert(src)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%q: error %v, goldmark alone: %v", src, gotErr, wantErr)
	}
	if !bytes.Equal(got.HTML, want.HTML) {
		t.Errorf("%q: HTML\n%s\ngoldmark alone:\n%s", src, got.HTML, want.HTML)
	}
	if !reflect.DeepEqual(got.Outline, want.Outline) || got.Summary != want.Summary {
		t.Errorf("%q: outline %+v, summary %q; goldmark alone: %+v, %q", src, got.Outline, got.Summary, want.Outline, want.Summary)
	}
	if !reflect.DeepEqual(got.Prose, want.Prose) {
		t.Errorf("%q: prose %+v; goldmark alone: %+v", src, got.Prose, want.Prose)
	}
}

// TestPlainTextAsGoldmark: the Doc of a body is the same whether the
// Text nodes of its plain paragraphs are made by lineTexts or by goldmark's
// inline pass: on the cases above, on the seed notice and the real notices
// of cmd/disclose, and on the benchmark's corpus.
func TestPlainTextAsGoldmark(t *testing.T) {
	bodies := make([][]byte, 0, 256)
	for _, c := range plainCases {
		bodies = append(bodies, []byte(c))
	}
	files, _ := filepath.Glob("../../cmd/disclose/testdata/real/*.md")
	files = append(files, "../../content/2025/zhejiang-womens-federation.md")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, src)
	}
	if len(files) < 2 {
		t.Fatalf("found %d notices to read: %v", len(files), files)
	}
	bodies = append(bodies, corpusBodies(t, 50)...)
	for _, body := range bodies {
		for _, unsafe := range []bool{false, true} {
			convertBoth(t, body, Options{UnsafeHTML: unsafe})
		}
	}
}

// TestPlainTextTaken: plain top-level paragraphs, those split at an
// outline number among them, get their nodes from lineTexts, or none when
// they have one line (bare); one with emphasis, a paragraph in a quote and
// the paragraph of a setext heading do not.
func TestPlainTextTaken(t *testing.T) {
	tests := []struct {
		src         string
		taken, bare int
	}{
		{"第一段。\n\n第二段\n第二行。", 2, 1},
		{"正文结束。\n(二)第二项。正文\n(三)第三项。", 3, 3},
		{"第一段 *强调*。\n\n第二段。", 1, 1},
		{"> 引用。\n\n第二段。", 1, 1},
		{"标题\n---\n\n第二段。", 1, 1},
		{"第一行\\\n第二行。", 0, 0},
		{"## 一、标题\n\n正文。\n### (一)小标题 ###", 3, 3},
		{"## 标题 *强调*\n> ## 引用标题\n- ## 列表标题\n#", 0, 0},
	}
	p := newParser(true)
	for _, tt := range tests {
		pc := parser.NewContext()
		p.Parse(text.NewReader([]byte(tt.src)), parser.WithContext(pc))
		s := scratchOf(pc)
		if taken, bare := len(s.aside.paras), len(s.bare); taken != tt.taken || bare != tt.bare {
			t.Errorf("%q: %d paragraphs taken, %d bare; want %d, %d", tt.src, taken, bare, tt.taken, tt.bare)
		}
	}
}

// FuzzPlainTextAsGoldmark: for any body, the Doc is the same with and
// without lineTexts. A body is UTF-8 (notice.Parse refuses any other, and
// goldmark's East Asian line breaks panic on a broken character).
func FuzzPlainTextAsGoldmark(f *testing.F) {
	for _, c := range plainCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		convertBoth(t, []byte(src), Options{})
	})
}

// TestNoneOf: noneOf finds a marked byte wherever it is, among bytes of
// Chinese characters or not.
func TestNoneOf(t *testing.T) {
	text := []byte("根据省委统一部署，2024年3月至5月，省委第六巡视组开展了巡视。")
	for i := 0; i <= len(text); i++ {
		for _, c := range []byte{'&', '"', 0, '<'} {
			b := append(append(append([]byte{}, text[:i]...), c), text[i:]...)
			if noneOf(&writerActs, b) {
				t.Errorf("%q at %d: not found", c, i)
			}
		}
		if !noneOf(&writerActs, text[:i]) {
			t.Errorf("%q: found a byte the writer acts on", text[:i])
		}
	}
}

package markdown

import (
	"bufio"
	"bytes"
	stdhtml "html"
	"testing"

	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// TestOutlineTitlesUnescaped checks that the titles of the outline (the
// table of contents, notice.json) and the summary read as the page does:
// without the backslashes and entity references of the Markdown source.
func TestOutlineTitlesUnescaped(t *testing.T) {
	tests := []struct{ src, title string }{
		{"## 一、关于“\\*重点\\*”问题\n", "一、关于“*重点*”问题"},
		{"## 一、A\\_B \\&amp; \\<b\\> &lt;\n", "一、A_B &amp; <b> <"},
		{"(一)带\\[括号\\]的。正文。\n", "(一)带[括号]的。"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			doc, err := New(Options{}).Convert([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Outline) != 1 || doc.Outline[0].Title != tt.title {
				t.Errorf("got outline %+v, want one entry titled %q", doc.Outline, tt.title)
			}
		})
	}
}

// FuzzUnescape: the shortcut for text without escapes, entities or NUL
// gives what goldmark's writer gives.
func FuzzUnescape(f *testing.F) {
	for _, s := range []string{"关于“重点”问题", "A\\_B &amp; <b>", "a\x00b", `"<'>"`, "&#x4e00;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		html.DefaultWriter.Write(w, []byte(s))
		_ = w.Flush()
		if got, want := unescape([]byte(s)), stdhtml.UnescapeString(buf.String()); got != want {
			t.Errorf("unescape(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzTextWriter: the text writer's shortcut writes what goldmark's writer
// writes, in Write and in RawWrite, whatever the text.
func FuzzTextWriter(f *testing.F) {
	for _, s := range []string{"关于“重点”问题", "A\\_B &amp; <b>", "a\x00b", `"<'>"`, "&#x4e00;", "\\", "x&"} {
		f.Add(s)
	}
	write := func(fn func(w util.BufWriter, src []byte), s string) string {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		fn(w, []byte(s))
		_ = w.Flush()
		return buf.String()
	}
	fast := textWriter{html.DefaultWriter}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := write(fast.Write, s), write(html.DefaultWriter.Write, s); got != want {
			t.Errorf("Write(%q) = %q, want %q", s, got, want)
		}
		if got, want := write(fast.RawWrite, s), write(html.DefaultWriter.RawWrite, s); got != want {
			t.Errorf("RawWrite(%q) = %q, want %q", s, got, want)
		}
	})
}

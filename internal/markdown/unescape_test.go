package markdown

import "testing"

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

package markdown

import (
	"errors"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

func deepList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- 第" + "项\n")
	}
	return b.String()
}

func TestNesting(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int // 0: accepted
	}{
		{"a notice's outline", "一、总体情况\n\n(一)关于整改\n\n1. 第一项\n\n(1) 细项\n", 0},
		{"a bullet list in a list", "- 甲\n  - 乙\n    - 丙\n", 0},
		{"a quoted list", "> - 甲\n>   - 乙\n", 0},
		{"16 levels of list", deepList(16), 0},
		{"17 levels of list", deepList(17), 17},
		{"2,000 levels of list", deepList(2000), 17},
		{"2,000 levels on one line", "正文\n\n" + strings.Repeat("- ", 2000) + "x\n", 3},
		{"16 >", strings.Repeat(">", 16) + " 引文\n", 0},
		{"200,000 >", "正文\n" + strings.Repeat(">", 200000) + "\n", 2},
		{"quotes and lists mixed", strings.Repeat("> - ", 9) + "x\n", 1},
		{"a lazy line, then deeper", strings.Repeat("- ", 15) + "x\nlazy\n" + strings.Repeat(" ", 30) + "- - y\n", 3},
		{"deep indentation without a marker", strings.Repeat(" ", 100) + "代码\n", 0},
		{"a dash inside a word", strings.Repeat("-", 100) + "\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Nesting([]byte(tt.src))
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("got %v, want it accepted", err)
				}
				if _, err := New(Options{}).Convert([]byte(tt.src)); err != nil {
					t.Errorf("Convert: %v", err)
				}
				return
			}
			if err == nil || err.Line != tt.line {
				t.Fatalf("got %v, want line %d refused", err, tt.line)
			}
			if !strings.HasPrefix(err.Error(), "正文第") {
				t.Errorf("message %q should lead with Chinese", err)
			}
			_, cerr := New(Options{}).Convert([]byte(tt.src))
			var ne *NestingError
			if !errors.As(cerr, &ne) {
				t.Errorf("Convert: got %v, want a *NestingError", cerr)
			}
			if doc := New(Options{}).Parse([]byte(tt.src)); len(doc.Outline) > 0 {
				t.Errorf("Parse read a body too deep")
			}
		})
	}
}

// FuzzNesting checks that a body Nesting accepts is no deeper, in
// goldmark's own tree, than MaxNesting: the bound never falls short.
func FuzzNesting(f *testing.F) {
	for _, s := range []string{deepList(5), "> - > - x", "- - - x\nlazy\n      - y", "*\t-\t+ x", "  >  > -  - x"} {
		f.Add(s)
	}
	md := New(Options{}).md
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 || Nesting([]byte(src)) != nil {
			return
		}
		root := md.Parser().Parse(text.NewReader([]byte(src)))
		if d := containerDepth(root); d > MaxNesting {
			t.Errorf("accepted a body %d containers deep:\n%q", d, src)
		}
	})
}

// containerDepth is the deepest chain of block quotes and list items.
func containerDepth(n ast.Node) int {
	deepest := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		deepest = max(deepest, containerDepth(c))
	}
	if n.Kind() == ast.KindBlockquote || n.Kind() == ast.KindListItem {
		deepest++
	}
	return deepest
}

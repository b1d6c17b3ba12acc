package lint

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"disclose/internal/markdown"
	"disclose/internal/notice"
)

// TestFixedPoint: on random text of marks, brackets and Chinese, FixAll
// (one run of check --fix) leaves nothing for a second run to fix, in a
// notice of either width. FuzzNotice checks the same on what the fuzzer makes; this
// runs many cases in every test run.
func TestFixedPoint(t *testing.T) {
	src, err := os.ReadFile("testdata/base.md")
	if err != nil {
		t.Fatal(err)
	}
	front, _, _ := strings.Cut(string(src), "\n+++\n")
	conv := markdown.New(markdown.Options{})
	pieces := []string{"(", ")", "（", "）", "!", "！", ",", "，", ";", ":", "?", "\"", "“", "”", "个", "代码行", "0", "一", " ", "　", "a", "〔", "〕", "《", "》", "。", "、"}
	r := rand.New(rand.NewPCG(15, 7))
	for _, width := range []string{"full", "half"} {
		head := strings.Replace(front, `punctuation = "full"`, `punctuation = "`+width+`"`, 1)
		for _, body := range randomText(r, 3000, pieces) {
			file := head + "\n+++\n" + body + "\n"
			n, problems := notice.Parse(basePath, []byte(file))
			if n == nil || problems.HasErrors() {
				continue
			}
			fixed, _, err := FixAll(n, []byte(file), Notice(n, conv).Fixes)
			if err != nil {
				t.Fatalf("%q: fixes do not apply: %v", body, err)
			}
			n2, _ := notice.Parse(basePath, fixed)
			if again := Notice(n2, conv).Fixes; len(again) > 0 {
				t.Fatalf("punctuation %s: fixing %q gave %q, which still needs %+v", width, body, fixed[len(head)+5:], again)
			}
		}
	}
}

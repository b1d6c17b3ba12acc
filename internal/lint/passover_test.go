package lint

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"disclose/internal/corpus"
	"disclose/internal/markdown"
	"disclose/internal/notice"
)

// FuzzPassOver: the rules find the same, fix the same, whether they pass
// over the paragraphs a cheap test says hold nothing they look for, or read
// every paragraph (proofreadAll).
func FuzzPassOver(f *testing.F) {
	src, err := os.ReadFile("testdata/base.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(src))
	front, body, _ := strings.Cut(string(src), "\n+++\n")
	for _, slipped := range []string{
		strings.ReplaceAll(body, "4人", "四人"),
		strings.ReplaceAll(body, "教育提醒4人", "教育提醒4人。在整改中，教育提醒5人；教育提醒三人，挽回经济损失2万元") + "\n\n教育提醒六人；挽回经济损失1.2万元。2025年06月07日，2025年6月17日至06日，2025-06-17。\n",
		strings.ReplaceAll(body, "3月18日", "03月18日"),
		"针对反馈的七个方面问题。教育提醒十四人，挽回经济损失一万元。\n\n## 一、关于“学习”问题的整改情况\n\n教育提醒三人；挽回经济损失1.13万元；教育提醒4人。\n",
		"处分9人（警告5人、严重警告4人)，处分3人(警告3人），处分2人(警告2人)，（一）加强学习(浙某党〔2025〕2号）。\n",
	} {
		f.Add(front + "\n+++\n" + slipped)
		f.Add(strings.Replace(front, `punctuation = "full"`, `punctuation = "half"`, 1) + "\n+++\n" + slipped)
	}
	corpus.Files(corpus.Defaults(6), func(file corpus.File) error {
		if strings.HasSuffix(file.Path, ".md") && strings.HasPrefix(file.Path, "content/2") {
			f.Add(string(file.Data))
		}
		return nil
	})
	conv := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, file string) {
		if !utf8.ValidString(file) {
			return
		}
		n, problems := notice.Parse(basePath, []byte(file))
		if n == nil || problems.HasErrors() {
			return
		}
		doc := conv.Parse(n.Body)
		fast, every := proofreadAll(n, doc, false), proofreadAll(n, doc, true)
		if !reflect.DeepEqual(fast, every) {
			t.Fatalf("passing over paragraphs finds\n%v\n%+v\nreading every one finds\n%v\n%+v", fast.Problems, fast.Fixes, every.Problems, every.Fixes)
		}
	})
}

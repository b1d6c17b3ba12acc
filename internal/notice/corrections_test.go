package notice

import (
	"strings"
	"testing"
)

// correctionsNotice is a complete notice with the given [[corrections]]
// text at the end of its front matter, which starts on line 1: the first
// correction's table is on line 19.
func correctionsNotice(corrections string) string {
	return `+++
title = "中共某局党组关于巡察整改情况的通报"
date = 2024-09-10T10:00:00+08:00
source = "某市纪委监委网站"

[inspection]
kind = "巡察"
group = "市委第一巡察组"
organization = "某局党组"
start = 2024-03-01
end = 2024-04-30
feedback = 2024-06-01

[signature]
organization = "中共某局党组"
date = 2024-09-10

# corrections
` + corrections + `+++

现将巡察整改情况予以公布。
`
}

func TestCorrections(t *testing.T) {
	tests := []struct {
		name        string
		corrections string
		want        []string // problems, as printed
	}{
		{"none", "", nil},
		{"a good one", "[[corrections]]\ndate = 2024-10-01\nwhat = \"“3项”更正为“5项”\"\nwhy = \"统计有误\"\n", nil},
		{"on the day of publication", "[[corrections]]\ndate = 2024-09-10\nwhat = \"a\"\nwhy = \"b\"\n", nil},
		{"the date as a string", "[[corrections]]\ndate = \"2024-10-01\"\nwhat = \"a\"\nwhy = \"b\"\n", nil},
		{"no date", "[[corrections]]\nwhat = \"a\"\nwhy = \"b\"\n",
			[]string{"content/2024/a.md:19:3: 第 1 条更正缺少更正日期, 如 date = 2025-07-01; corrections[1]: date is missing; write the day of the correction, e.g. date = 2025-07-01"}},
		{"a malformed date", "[[corrections]]\ndate = \"2024-13-01\"\nwhat = \"a\"\nwhy = \"b\"\n",
			[]string{`content/2024/a.md:19:3: 第 1 条更正: 日期写法有误: "2024-13-01", 应写作 2024-03-18; "2024-13-01" is not a date; write it as 2024-03-18 (corrections[1])`}},
		{"a date before publication", "[[corrections]]\ndate = 2024-09-09\nwhat = \"a\"\nwhy = \"b\"\n",
			[]string{"content/2024/a.md:19:3: 第 1 条更正的日期 2024-09-09 早于通报发布日期 2024-09-10; corrections[1]: date 2024-09-09 is before the notice was published (2024-09-10)"}},
		{"empty what and why, in the second", "[[corrections]]\ndate = 2024-10-01\nwhat = \"a\"\nwhy = \"b\"\n\n[[corrections]]\ndate = 2024-10-02\nwhat = \" \"\n",
			[]string{
				"content/2024/a.md:24:3: 第 2 条更正缺少更正内容 what, 如 what = \"“381家”更正为“318家”\"; corrections[2]: what is empty; say what was changed",
				"content/2024/a.md:24:3: 第 2 条更正缺少更正原因 why; corrections[2]: why is empty; say why it was changed",
			}},
		{"a misspelt key", "[[corrections]]\ndate = 2024-10-01\nwhat = \"a\"\nwhy = \"b\"\nwho = \"c\"\n",
			[]string{`content/2024/a.md:23:1: 无法识别的字段 "corrections.who"; unknown front-matter key "corrections.who" (请检查拼写; 可用的字段见 docs/使用说明.md)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, problems := Parse("content/2024/a.md", []byte(correctionsNotice(tt.corrections)))
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\ngot  %q\nwant %q", got, tt.want)
			}
			if n == nil {
				t.Fatal("Parse returned no notice")
			}
		})
	}
}

func TestCorrectionsParsed(t *testing.T) {
	n, problems := Parse("content/2024/a.md", []byte(correctionsNotice(
		"[[corrections]]\ndate = 2024-10-01\nwhat = \"甲\"\nwhy = \"乙\"\n\n[[corrections]]\ndate = 2024-11-01\nwhat = \"丙\"\nwhy = \"丁\"\n")))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if len(n.Corrections) != 2 || n.Corrections[1].Date.ISO() != "2024-11-01" || n.Corrections[1].What != "丙" || n.Corrections[0].Why != "乙" {
		t.Errorf("corrections = %+v, want two, in order", n.Corrections)
	}
}

// Whatever the corrections say, a notice parsed without errors has only
// complete corrections, none dated before its publication.
func FuzzCorrections(f *testing.F) {
	f.Add("[[corrections]]\ndate = 2024-10-01\nwhat = \"a\"\nwhy = \"b\"\n")
	f.Add("[[corrections]]\ndate = 2024-10-01T08:00:00\nwhat = \"a\"\nwhy = \"b\"\n")
	f.Add("corrections = [{date = 2024-09-10, what = \"a\", why = \"b\"}, {}]\n")
	f.Add("[[corrections]]\ndate = 1\n[[corrections]]\nwhat = [\"a\"]\n")
	f.Fuzz(func(t *testing.T, corrections string) {
		n, problems := Parse("content/2024/a.md", []byte(correctionsNotice(corrections)))
		for _, d := range problems {
			if d.Line < 0 || d.Col < 0 || d.Path != "content/2024/a.md" {
				t.Errorf("bad position: %v", d)
			}
		}
		if n == nil || problems.HasErrors() {
			return
		}
		for i, c := range n.Corrections {
			if !c.Date.Set() || strings.TrimSpace(c.What) == "" || strings.TrimSpace(c.Why) == "" || c.Date.Before(publicationDay(n.Date)) {
				t.Errorf("corrections[%d] = %+v passed without an error", i+1, c)
			}
		}
	})
}

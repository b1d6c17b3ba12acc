package notice

import (
	"os"
	"strings"
	"testing"
	"time"

	"disclose/internal/diag"
)

const valid = `+++
title = "测试通报"
date = 2025-06-17T09:00:00
source = "测试网站"
[inspection]
kind = "巡察"
group = "县委第一巡察组"
organization = "某镇党委"
start = "2024-03-18"
end = 2024-05-20
feedback = 2024-08-08
[[statistics]]
label = "教育提醒"
value = 4
unit = "人"
[[statistics]]
label = "挽回经济损失"
value = 1.13
unit = "万元"
[signature]
organization = "中共某镇委员会"
date = 2025-06-17
+++

正文。
`

func TestParseValid(t *testing.T) {
	n, problems := Parse("content/2025/test.md", []byte(valid))
	if len(problems) > 0 {
		t.Fatalf("got problems:\n%v", problems)
	}
	if n.Year != 2025 || n.Slug != "test" || n.URL() != "2025/test/" {
		t.Errorf("got year %d slug %q url %q, want 2025 test 2025/test/", n.Year, n.Slug, n.URL())
	}
	if want := time.Date(2025, 6, 17, 9, 0, 0, 0, ChinaTime); !n.Date.Equal(want) {
		t.Errorf("date without offset: got %v, want %v (China time)", n.Date, want)
	}
	if got := n.Inspection.Start.Chinese(); got != "2024年3月18日" {
		t.Errorf("start: got %q, want 2024年3月18日", got)
	}
	if s := n.Statistics[1]; s.Value.Text != "1.13" || s.Unit != "万元" {
		t.Errorf("statistics[2]: got %+v, want 1.13 万元", s)
	}
	if got := string(n.Body); got != "\n正文。\n" {
		t.Errorf("body: got %q", got)
	}
	if n.BodyLine() != 24 {
		t.Errorf("body line: got %d, want 24", n.BodyLine())
	}
	if p := n.KeyPos("inspection", "feedback"); p.Line != 11 || p.Col != 1 {
		t.Errorf("KeyPos(inspection.feedback): got %d:%d, want 11:1", p.Line, p.Col)
	}
	if p := n.Keys.Entry("statistics", 1); p.Line != 16 || p.Col != 3 {
		t.Errorf("second [[statistics]]: got %d:%d, want 16:3", p.Line, p.Col)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name    string
		path    string
		replace [2]string // in valid
		want    string    // one diagnostic, formatted
	}{
		{"syntax error on the file's line", "content/2025/a.md", [2]string{`kind = "巡察"`, `kind = 巡察`},
			"content/2025/a.md:6:8: 值 \"巡察\" 无法识别; TOML: inspection.kind: "},
		{"unknown key", "content/2025/a.md", [2]string{"source =", "sorce ="},
			`content/2025/a.md:4:1: unknown front-matter key "sorce"`},
		{"unknown nested key", "content/2025/a.md", [2]string{"group =", "gruop ="},
			`content/2025/a.md:7:1: unknown front-matter key "inspection.gruop"`},
		{"missing field points at its table", "content/2025/a.md", [2]string{`organization = "某镇党委"`, ""},
			"content/2025/a.md:5:2: inspection.organization is missing; add organization = … under [inspection]"},
		{"not a date", "content/2025/a.md", [2]string{`start = "2024-03-18"`, `start = "3月18日"`},
			`content/2025/a.md:9:1: 日期写法有误: "3月18日"`},
		{"date with a time", "content/2025/a.md", [2]string{"end = 2024-05-20", "end = 2024-05-20T10:00:00"},
			"content/2025/a.md:10:1: 日期 2024-05-20 10:00:00 带有时刻"},
		{"publication date not a date", "content/2025/a.md", [2]string{"date = 2025-06-17T09:00:00", `date = "6月17日"`},
			`content/2025/a.md:3:1: 日期时间写法有误: "6月17日"`},
		{"publication date a number", "content/2025/a.md", [2]string{"date = 2025-06-17T09:00:00", `date = 20250617`},
			`content/2025/a.md:3:1: 日期时间写法有误: 20250617`},
		{"wrong kind", "content/2025/a.md", [2]string{`kind = "巡察"`, `kind = "巡查"`},
			`content/2025/a.md:6:1: inspection.kind = "巡查": write "巡视" or "巡察"`},
		{"value as a string", "content/2025/a.md", [2]string{"value = 4", `value = "4人"`},
			`content/2025/a.md:12:3: 第 1 个统计项: 数值 "4人" 加了引号`},
		{"empty unit of the second entry", "content/2025/a.md", [2]string{`unit = "万元"`, `unit = ""`},
			"content/2025/a.md:16:3: statistics[2]: unit is empty"},
		{"slug escaping the folder", "content/2025/a.md", [2]string{"title =", "slug = \"../../etc\"\ntitle ="},
			`content/2025/a.md:2:1: slug "../../etc" is not usable in a permanent URL`},
		{"not in a year folder", "content/a.md", [2]string{},
			"content/a.md:1:1: a notice must be in a year folder"},
		{"upper-case file name", "content/2025/Notice.md", [2]string{},
			`content/2025/Notice.md:1:1: slug "Notice" is not usable`},
		{"no front matter", "content/2025/a.md", [2]string{"+++\n", "title\n"},
			"content/2025/a.md:1:1: the file must start with a line +++"},
		{"unclosed front matter", "content/2025/a.md", [2]string{"+++\n\n正文", "\n正文"},
			"content/2025/a.md:1:1: the front matter opened by +++ on line 1 is never closed"},
		{"not UTF-8", "content/2025/a.md", [2]string{"测试网站", "\xb2\xe2\xca\xd4"},
			"content/2025/a.md:4:11: the file is not UTF-8 text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := valid
			if tt.replace[0] != "" {
				src = strings.Replace(valid, tt.replace[0], tt.replace[1], 1)
			}
			_, problems := Parse(tt.path, []byte(src))
			where, text, _ := strings.Cut(tt.want, ": ")
			for _, d := range problems {
				if !diag.LeadsWithChinese(d.Message) {
					t.Errorf("%s: the message must lead with Chinese", d)
				}
				if d.Where() == where && strings.Contains(d.Message, text) {
					return
				}
			}
			t.Errorf("got problems\n%v\nwant one at %s saying %q", problems, where, text)
		})
	}
}

func TestCRLFAndBOM(t *testing.T) {
	src := "\uFEFF" + strings.ReplaceAll(valid, "\n", "\r\n")
	n, problems := Parse("content/2025/test.md", []byte(src))
	if len(problems) > 0 {
		t.Fatalf("a file saved by Windows Notepad: got problems\n%v", problems)
	}
	if n.Title != "测试通报" {
		t.Errorf("title: got %q", n.Title)
	}
}

func FuzzSplit(f *testing.F) {
	f.Add([]byte(valid))
	f.Add([]byte("+++\n+++\n"))
	f.Add([]byte("+++\r\ntitle = 1\r\n+++"))
	f.Add([]byte("\uFEFF+++\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		front, frontOff, body, bodyOff, err := Split(src)
		if err != nil {
			return
		}
		if frontOff+len(front) > len(src) || string(src[frontOff:frontOff+len(front)]) != string(front) {
			t.Fatalf("front matter offset %d does not point at it", frontOff)
		}
		if bodyOff+len(body) != len(src) || string(src[bodyOff:]) != string(body) {
			t.Fatalf("body offset %d does not point at it", bodyOff)
		}
	})
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(valid))
	if sample, err := os.ReadFile("../../content/2025/zhejiang-womens-federation.md"); err == nil {
		f.Add(sample)
	}
	f.Add([]byte("+++\n[[statistics]]\nvalue = nan\n+++\n"))
	f.Add([]byte("+++\ndate = \"2025-02-30\"\n[inspection]\nstart = 1\n+++\n"))
	f.Add([]byte("+++\ntitle = \"a\"\n[inspection\nkind = \"巡视\"\n+++\n"))
	f.Add([]byte("+++\ndate = 2026-11-31\nform = [\"a\"\n+++\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		n, problems := Parse("content/2025/fuzz.md", src)
		lines := strings.Count(string(src), "\n") + 1
		for _, d := range problems {
			if d.Line < 0 || d.Line > lines || d.Col < 0 || d.Path != "content/2025/fuzz.md" {
				t.Errorf("bad position: %v", d)
			}
		}
		if n == nil && len(problems) == 0 {
			t.Error("no notice and no problem")
		}
	})
}

// TestTitleMissingRule: a notice without a title is reported under a rule
// of its own, not as a source problem.
func TestTitleMissingRule(t *testing.T) {
	for _, title := range []string{`title = ""`, `title = "  "`} {
		_, problems := Parse("content/2025/a.md", []byte(strings.Replace(valid, `title = "测试通报"`, title, 1)))
		var rules []string
		for _, d := range problems {
			rules = append(rules, d.Rule)
		}
		if len(problems) != 1 || problems[0].Rule != RuleTitleMissing {
			t.Errorf("%s: got rules %q, want one %s", title, rules, RuleTitleMissing)
		}
	}
}

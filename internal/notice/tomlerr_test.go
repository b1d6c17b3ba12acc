package notice

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"disclose/internal/diag"
)

// tomlNotice is a notice whose front matter has its [inspection] header on
// line 13, as in the report of issue 16, so that a broken line there shows
// whether positions are counted in the file (the "+++" is line 1).
const tomlNotice = `+++
title = "测试通报"
date = 2025-06-17T09:00:00
source = "测试网站"
draft = false
# 巡视信息
#
#
#
#
#
#
[inspection]
kind = "巡察"
group = "县委第一巡察组"
organization = "某镇党委"
form = ["常规巡察", "专项巡察"]
[signature]
organization = "中共某镇委员会"
date = 2025-06-17
+++

正文。
`

func TestTOMLErrorPositions(t *testing.T) {
	tests := []struct {
		name, old, new string
		at             string // line:col in the file
		message, hint  string // Chinese, as the message and hint start
	}{
		{"unclosed table header", "[inspection]\n", "[inspection\n",
			"13:12", "表头 [inspection 缺少右方括号 ]", "写作 [inspection]"},
		{"unclosed array of tables header", "[signature]\n", "[[signature\n",
			"18:12", "表头 [[signature 缺少右方括号 ]]", "写作 [[signature]]"},
		{"header with a space", "[inspection]\n", "[inspection x]\n",
			"13:13", "表头 [inspection x] 中有不能出现的字符", "表名只用英文字母"},
		{"empty header", "[inspection]\n", "[]\n",
			"13:2", "方括号中缺少表名", "写上表名"},
		{"unclosed array", `form = ["常规巡察", "专项巡察"]`, `form = ["常规巡察", "专项巡察"`,
			"17:23", "数组缺少右方括号 ]", "在最后一项后补上 ]"},
		{"array without a comma", `form = ["常规巡察", "专项巡察"]`, `form = ["常规巡察" "专项巡察"]`,
			"17:16", "数组各项之间缺少逗号", "各项之间用英文逗号分隔"},
		{"impossible day", "date = 2025-06-17\n+++", "date = 2026-11-31\n+++",
			"20:8", "日期 2026-11-31 不存在: 2026年11月只有 30 天", "核对原文中的日期"},
		{"impossible month", "date = 2025-06-17\n+++", "date = 2025-13-01\n+++",
			"20:8", "日期 2025-13-01 不存在: 没有 13 月", "核对原文中的日期"},
		{"impossible time", "date = 2025-06-17T09:00:00", "date = 2025-06-17T25:00:00",
			"3:8", "日期或时间的写法有误", "日期写作 2025-06-17"},
		{"duplicate key", "source = \"测试网站\"\n", "source = \"测试网站\"\nsource = \"另一网站\"\n",
			"5:1", "重复定义了 source", "只能写一次"},
		{"duplicate table", "[signature]\n", "[inspection]\n",
			"18:2", "重复定义了 inspection", "只能写一次"},
		{"unclosed string", `group = "县委第一巡察组"`, `group = "县委第一巡察组`,
			"15:17", "字符串缺少结尾的引号", "在这一行的文字末尾补上引号"},
		{"unclosed multi-line string", `source = "测试网站"`, `source = """测试网站`,
			"4:10", "多行字符串没有结束", `在文字末尾补上 """`},
		{"bad escape", `source = "测试网站"`, `source = "测试\网站"`,
			"4:13", "字符串中的反斜杠 \\ 后不是有效的转义字符", `反斜杠本身写作 \\`},
		{"a value with no key", `source = "测试网站"`, `= "测试网站"`,
			"4:1", "等号前缺少字段名", "写作 字段名 = 值"},
		{"a key with no value", `source = "测试网站"`, `source =`,
			"4:9", "等号后缺少值", "写上值"},
		{"unquoted Chinese", `kind = "巡察"`, `kind = 巡察`,
			"14:8", "值 \"巡察\" 无法识别", "文字须用英文双引号括起"},
		{"Chinese quotes", `kind = "巡察"`, `kind = “巡察”`,
			"14:8", "值用了中文引号 '“'", "TOML 的文字用英文双引号括起"},
		{"Chinese key", `source = "测试网站"`, `来源 = "测试网站"`,
			"4:1", "字段名不能用汉字", "字段名用英文"},
		{"space in a key", `source = "测试网站"`, `source site = "测试网站"`,
			"4:8", "字段名后应是等号 =", "写作 字段名 = 值"},
		{"text after a value", `source = "测试网站"`, `source = "测试网站" 网站`,
			"4:17", "值后面多出了文字 '网'", "一行只写一个 字段名 = 值"},
		{"unclosed array at the end", "[signature]\norganization = \"中共某镇委员会\"\ndate = 2025-06-17\n", "[signature]\norganization = [\"中共某镇委员会\",\n",
			"19:27", "文字在此意外结束", "检查前面的方括号"},
		{"unclosed single-quoted string", `group = "县委第一巡察组"`, `group = '县委第一巡察组`,
			"15:17", "字符串缺少结尾的引号", "在这一行的文字末尾补上引号 '"},
		{"a date with slashes", "date = 2025-06-17\n+++", "date = 2025/06/17\n+++",
			"20:12", "日期写法有误: 2025/06/17", "日期写作 2026-06-17"},
		{"a date not zero-padded", "date = 2025-06-17\n+++", "date = 2025-6-17\n+++",
			"20:8", "日期或时间的写法有误", "月、日、时、分均为两位"},
		{"a header with one bracket too many", "[signature]\n", "[signature]]\n",
			"18:12", "表头 [signature]] 的方括号不成对", "写作 [表名] 或 [[表名]]"},
		{"a number with its unit", `form = ["常规巡察", "专项巡察"]`, `value = 4人`,
			"17:10", "数值后面带了单位或文字: 4人", "单位写在 unit 中"},
		{"a number with a thousands separator", `form = ["常规巡察", "专项巡察"]`, `value = 1,000`,
			"17:10", "数字中有逗号: 1,000", "数字不加千位分隔符"},
		{"a comma too many", `form = ["常规巡察", "专项巡察"]`, `form = ["常规巡察",, "专项巡察"]`,
			"17:16", "多了一个逗号", "各项之间只用一个英文逗号"},
		{"unclosed inline table", `source = "测试网站"`, `source = {name = "测试网站"`,
			"4:24", "行内表 { … } 没有在本行以 } 结束", "行内表须在同一行写完"},
		{"wrong type", `title = "测试通报"`, `title = 2025`,
			"2:1", "字段 title 的值类型不对", "应写成文字"},
		{"a table where a value goes", `source = "测试网站"`, `source = ["测试网站"]`,
			"4:1", "字段 source 的值类型不对", "应写成文字"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(tomlNotice, tt.old, tt.new, 1)
			if src == tomlNotice {
				t.Fatalf("%q is not in the notice", tt.old)
			}
			_, problems := Parse("content/2025/a.md", []byte(src))
			if len(problems) != 1 {
				t.Fatalf("got %d problems, want 1:\n%v", len(problems), problems)
			}
			d := problems[0]
			if got := fmt.Sprintf("%d:%d", d.Line, d.Col); got != tt.at {
				t.Errorf("position: got %s, want %s (%s)", got, tt.at, d)
			}
			if !strings.HasPrefix(d.Message, tt.message) || !strings.Contains(d.Message, "; TOML: ") {
				t.Errorf("message: got %q, want it to start %q, then give the library's \"; TOML: \"", d.Message, tt.message)
			}
			if !strings.Contains(d.Hint, tt.hint) {
				t.Errorf("hint: got %q, want it to hold %q", d.Hint, tt.hint)
			}
			if d.Rule != "front-matter" {
				t.Errorf("rule: got %q, want front-matter", d.Rule)
			}
		})
	}
}

// TestTOMLErrorCRLF: a file saved by Windows Notepad is reported at the
// same place.
func TestTOMLErrorCRLF(t *testing.T) {
	src := strings.ReplaceAll(strings.Replace(tomlNotice, "[inspection]\n", "[inspection\n", 1), "\n", "\r\n")
	_, problems := Parse("content/2025/a.md", []byte(src))
	if len(problems) != 1 || problems[0].Line != 13 || problems[0].Col != 12 {
		t.Fatalf("got %v, want one problem at 13:12", problems)
	}
}

// TestTOMLErrorSettings: in a TOML file of its own (content/site.toml, a
// seal record) lines are the file's.
func TestTOMLErrorSettings(t *testing.T) {
	src := "title = \"某市纪委监委网站\"\nbase_url = \"https://example.org/\"\n\n\n\n\n\n\n[contact\nphone = \"0571-1234567\"\nmailbox = \"某市某路1号\"\n\n"
	var v map[string]any
	_, err := toml.Decode(src, &v)
	d := TOMLError(diag.NewFile("content/site.toml", []byte(src)), 0, src, err)
	if got := d.String(); !strings.HasPrefix(got, "content/site.toml:9:9: 表头 [contact 缺少右方括号 ]; TOML: ") {
		t.Errorf("got %s, want it at 9:9, the end of [contact", got)
	}
}

// FuzzTOMLError: whatever the front matter, its error is inside the file
// and leads with Chinese.
func FuzzTOMLError(f *testing.F) {
	f.Add(tomlNotice)
	f.Add("+++\n[inspection\n+++\n")
	f.Add("+++\na = [1,\n+++\n")
	f.Add("+++\na = \"\"\"x\n+++\n")
	f.Add("+++\na = \"\\\n+++\n")
	f.Add("+++\ndate = 2026-02-30\n+++\n")
	f.Add("+++\n[[a\n")
	f.Fuzz(func(t *testing.T, src string) {
		// The TOML library takes seconds on thousands of nested inline
		// tables ({b={b={…); no notice is like that, and the fuzzer would
		// spend its time there.
		if len(src) > 1024 {
			return
		}
		front, frontOff, _, _, err := Split([]byte(src))
		if err != nil {
			return
		}
		file := diag.NewFile("content/2025/a.md", []byte(src))
		var v FrontMatter
		if _, err := toml.Decode(string(front), &v); err != nil {
			checkTOMLError(t, file, TOMLError(file, frontOff, string(front), err))
		}
		var m map[string]any
		if _, err := toml.Decode(src, &m); err != nil {
			checkTOMLError(t, file, TOMLError(file, 0, src, err))
		}
	})
}

func checkTOMLError(t *testing.T, file *diag.File, d diag.Diagnostic) {
	t.Helper()
	lines := strings.Count(string(file.Source()), "\n") + 1
	if d.Line < 1 || d.Line > lines || d.Col < 1 {
		t.Errorf("%v: position outside the file of %d lines", d, lines)
	}
	if r, _ := utf8.DecodeRuneInString(d.Message); !unicode.Is(unicode.Han, r) {
		t.Errorf("%q does not lead with Chinese", d.Message)
	}
	if d.Hint == "" {
		t.Errorf("%v: no hint", d)
	}
}

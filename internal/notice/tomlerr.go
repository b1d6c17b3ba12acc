package notice

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"disclose/internal/diag"
)

// TOMLError turns an error of toml.Decode on text, which starts at byte
// offset base of f, into a diagnostic at the mistake's line and column in
// the file, with a Chinese message and hint that fit the mistake and the
// library's English message after them for maintainers.
//
// The library's line is not always the mistake's: it reports an unclosed
// "[contact" on the line after it, having read the newline. Positions
// therefore come from the byte offset of the error (Position.Start), moved
// to where the editor must type: after the last character of an unclosed
// header or array, at the opening of an unclosed multi-line string, at the
// backslash of a bad escape.
func TOMLError(f *diag.File, base int, text string, err error) diag.Diagnostic {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		off, zh, hint := explainTOML(text, pe)
		return tomlDiagnostic(f.Pos(base+off), zh, hint, pe.LastKey, pe.Message)
	}
	m := typeErrorRE.FindStringSubmatch(err.Error())
	if m == nil {
		return tomlDiagnostic(f.Pos(base), "格式有误", "检查引号、等号和方括号是否成对",
			"", strings.TrimPrefix(err.Error(), "toml: "))
	}
	line, _ := strconv.Atoi(m[1])
	off := keyOffset(text, line, m[2])
	zh, hint := explainType(m[2], m[3])
	return tomlDiagnostic(f.Pos(base+off), zh, hint, m[2], m[3])
}

// typeErrorRE matches the library's errors for a value of the wrong type,
// which carry a line (counted in text) and a key but no column.
var typeErrorRE = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

func tomlDiagnostic(p diag.Pos, zh, hint, key, msg string) diag.Diagnostic {
	if key != "" {
		msg = key + ": " + msg
	}
	return diag.Diagnostic{Path: p.Path, Line: p.Line, Col: p.Col,
		Message: zh + "; TOML: " + msg, Hint: hint}
}

// explainTOML returns where in text the editor must look for the mistake
// pe reports, and what it is, in Chinese, with what to do.
func explainTOML(text string, pe toml.ParseError) (off int, zh, hint string) {
	off = min(max(pe.Position.Start, 0), len(text))
	msg, got := pe.Message, ""
	if m := gotRE.FindStringSubmatch(msg); m != nil {
		got = m[1]
	}
	switch {
	case strings.Contains(msg, "to end table name"), strings.Contains(msg, "name delimiter"):
		return tableHeader(text, off)
	case strings.Contains(msg, "table names cannot be empty"):
		return off, "方括号中缺少表名", "写上表名, 如 [contact]"
	case strings.Contains(msg, "strings cannot contain newlines"),
		strings.HasPrefix(msg, `unexpected EOF; expected '"'`),
		strings.HasPrefix(msg, `unexpected EOF; expected "'"`):
		q := `"`
		if line := text[strings.LastIndexByte(text[:off], '\n')+1 : off]; strings.LastIndexByte(line, '\'') > strings.LastIndexByte(line, '"') {
			q = "'"
		}
		return off, "字符串缺少结尾的引号", "在这一行的文字末尾补上引号 " + q + `; 跨行的文字写在 """ 和 """ 之间`
	case strings.HasPrefix(msg, `unexpected EOF; expected '"""'`),
		strings.HasPrefix(msg, `unexpected EOF; expected "'''"`):
		delim := `"""`
		if strings.Contains(msg, "'''") {
			delim = "'''"
		}
		if i := strings.LastIndex(text[:off], delim); i >= 0 {
			off = i
		}
		return off, "多行字符串没有结束", "在文字末尾补上 " + delim
	case strings.Contains(msg, "escape"), strings.Contains(msg, "hexadecimal digits after"):
		if i := strings.IndexByte(text[off:lineEnd(text, off)], '\\'); i >= 0 {
			off += i
		}
		return off, "字符串中的反斜杠 \\ 后不是有效的转义字符",
			`反斜杠本身写作 \\, 或把这段文字改用单引号 '…' 括起`
	case strings.Contains(msg, "key name appears blank"):
		return off, "等号前缺少字段名", `写作 字段名 = 值, 如 source = "…"`
	case strings.Contains(msg, "has already been defined"),
		strings.Contains(msg, "already created"):
		name := ""
		if m := keyNameRE.FindStringSubmatch(msg); m != nil {
			name = " " + m[1]
		}
		return off, "重复定义了" + name, "同一表中每个字段、每个 [表] 只能写一次: 删去或合并其中一处"
	case strings.Contains(msg, "array terminator"):
		return arrayEnd(text, off)
	case strings.Contains(msg, "inline table"):
		return lastContent(text, off), "行内表 { … } 没有在本行以 } 结束",
			"行内表须在同一行写完并以 } 结束; 内容多时改用 [表名] 分行书写"
	case strings.HasPrefix(msg, "invalid datetime"):
		zh, hint = badDate(msg)
		return off, zh, hint
	case strings.HasPrefix(msg, "expected value but found"):
		zh, hint = badValue(got)
		return off, zh, hint
	case strings.HasPrefix(msg, "expected '.' or '='"):
		if r, _ := utf8.DecodeRuneInString(text[off:]); unicode.Is(unicode.Han, r) {
			return off, "字段名不能用汉字", "字段名用英文, 如 title、source、date (见 docs/使用说明.md); 中文内容写在等号后的引号中"
		}
		return off, "字段名后应是等号 =", `写作 字段名 = 值, 如 kind = "巡视"; 字段名中不能有空格`
	case strings.HasPrefix(msg, "expected a top-level item to end"):
		off += len(text[off:]) - len(strings.TrimLeft(text[off:], " \t"))
		zh, hint = extraText(text, off, got)
		return off, zh, hint
	case strings.HasPrefix(msg, "unexpected comma"):
		return off, "多了一个逗号", `各项之间只用一个英文逗号, 如 form = ["常规", "专项"]`
	case strings.HasPrefix(msg, "unexpected EOF"):
		return lastContent(text, off), "文字在此意外结束: 前面的数组、行内表或字符串没有结束", "检查前面的方括号、花括号和引号是否成对"
	case strings.Contains(msg, "out of range"):
		return off, "数字超出范围", "核对这个数字是否写错"
	}
	return off, "格式有误", "检查引号、等号和方括号是否成对"
}

var (
	gotRE     = regexp.MustCompile(`(?:got|found) ('.*'|".*")(?: instead)?$`)
	keyNameRE = regexp.MustCompile(`Key '([^']*)'`)
	dateRE    = regexp.MustCompile(`^"(\d{4})-(\d{2})-(\d{2})`)
)

// tableHeader explains an unclosed or misspelt [table] header whose name
// the parser found ended at off.
func tableHeader(text string, off int) (int, string, string) {
	start, end := strings.LastIndexByte(text[:off], '\n')+1, lineEnd(text, off)
	head := strings.TrimSpace(text[start:end])
	opening, closing := "[", "]"
	if strings.HasPrefix(head, "[[") {
		opening, closing = "[[", "]]"
	}
	if rest := strings.TrimSpace(text[off:end]); rest == "" || rest == "]" && closing == "]]" {
		name := strings.Trim(head, "[] \t")
		return start + len(strings.TrimRight(text[start:end], " \t\r")),
			fmt.Sprintf("表头 %s 缺少右方括号 %s", head, closing), "写作 " + opening + name + closing
	}
	return off, fmt.Sprintf("表头 %s 中有不能出现的字符", head),
		"表名只用英文字母、数字、下划线和连字符, 如 [contact]、[[statistics]]"
}

// arrayEnd explains an array the parser found unterminated at off: either a
// comma is missing between two items on one line, or the "]" is missing
// after the last item, which is where off then moves.
func arrayEnd(text string, off int) (int, string, string) {
	prev := strings.TrimRight(text[:off], " \t")
	if !strings.HasSuffix(prev, "\n") && len(prev) < off {
		return off, "数组各项之间缺少逗号", `各项之间用英文逗号分隔, 如 form = ["常规巡视", "专项巡视"]`
	}
	return lastContent(text, off), "数组缺少右方括号 ]", `在最后一项后补上 ], 如 form = ["常规巡视", "专项巡视"]`
}

// extraText explains what follows a value on its line, at off: a date
// written with slashes, a number with a thousands separator or a unit, a
// header with one bracket too many, or text outside the quotes.
func extraText(text string, off int, got string) (string, string) {
	start := strings.LastIndexByte(text[:off], '\n') + 1
	line := strings.TrimSpace(text[start:lineEnd(text, off)])
	_, value, _ := strings.Cut(line, "=")
	value = strings.TrimSpace(value)
	switch {
	case strings.HasPrefix(line, "["):
		return "表头 " + line + " 的方括号不成对", "写作 [表名] 或 [[表名]], 如 [inspection]、[[statistics]]"
	case slashDateRE.MatchString(value):
		return "日期写法有误: " + value, "日期写作 2026-06-17: 用连字符, 月、日为两位, 不加引号"
	case numberCommaRE.MatchString(value):
		return "数字中有逗号: " + value, "数字不加千位分隔符, 如 value = 1000"
	case numberUnitRE.MatchString(value):
		return "数值后面带了单位或文字: " + value, `数值只写数字, 单位写在 unit 中, 如 value = 4 和 unit = "人"`
	}
	return "值后面多出了文字 " + got, `一行只写一个 字段名 = 值; 文字须整段放在一对英文双引号 "…" 中`
}

var (
	slashDateRE   = regexp.MustCompile(`^\d{4}[/.]\d`)
	numberCommaRE = regexp.MustCompile(`^[\d.]+,\d`)
	numberUnitRE  = regexp.MustCompile(`^[\d.]+\p{Han}`)
)

// lastContent returns the offset just after the last character before off
// that is not a space or a line break: where a closing bracket belongs when
// the parser only noticed its absence on a later line.
func lastContent(text string, off int) int {
	return len(strings.TrimRight(text[:off], " \t\r\n"))
}

// badDate tells an impossible calendar date (2026-11-31, 2025-13-01) from
// one written in another form.
func badDate(msg string) (string, string) {
	value := strings.TrimPrefix(msg, "invalid datetime: ")
	if m := dateRE.FindStringSubmatch(value); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		switch days := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day(); {
		case mo < 1 || mo > 12:
			return fmt.Sprintf("日期 %s 不存在: 没有 %d 月", strings.Trim(value, `"`), mo), "核对原文中的日期; 月份为 01 至 12"
		case d < 1 || d > days:
			return fmt.Sprintf("日期 %s 不存在: %d年%d月只有 %d 天", strings.Trim(value, `"`), y, mo, days), "核对原文中的日期"
		}
	}
	return "日期或时间的写法有误: " + value, "日期写作 2025-06-17, 时间写作 2025-06-17T09:00:00+08:00, 月、日、时、分均为两位"
}

// badValue explains a value the parser could not read, given what it found.
func badValue(got string) (string, string) {
	switch {
	case got == `'\n'` || got == `'\r'` || got == "" || strings.Contains(got, "EOF"):
		return "等号后缺少值", `写上值, 如 source = "…"; 不需要的字段整行删去`
	case strings.ContainsAny(got, "“”‘’"):
		return "值用了中文引号 " + got, `TOML 的文字用英文双引号括起, 如 kind = "巡视"; 中文引号只出现在引号里的文字中`
	}
	return "值 " + got + " 无法识别", `文字须用英文双引号括起, 如 kind = "巡视"; 日期写作 2025-06-17, 数字不加引号`
}

// explainType explains a value of the wrong type for key.
func explainType(key, msg string) (string, string) {
	zh := "字段 " + key + " 的值类型不对"
	switch {
	case strings.Contains(msg, "expected table"):
		return zh, "这里应是一个表: 写作 [" + key + "], 在其下分行写各项"
	case strings.Contains(msg, "destination has type string"):
		return zh, `应写成文字, 用英文双引号括起, 如 "…"`
	case strings.Contains(msg, "destination has type slice"):
		return zh, `应写成数组, 如 ["…", "…"]`
	case strings.Contains(msg, "type int"), strings.Contains(msg, "type float"):
		return zh, "应写成数字, 不加引号"
	case strings.Contains(msg, "type bool"):
		return zh, "应写成 true 或 false, 不加引号"
	}
	return zh, "核对这个字段的写法"
}

// keyOffset returns the offset in text of the last part of key on line
// (1-based), or of the line's start.
func keyOffset(text string, line int, key string) int {
	start := 0
	for i := 1; i < line; i++ {
		j := strings.IndexByte(text[start:], '\n')
		if j < 0 {
			return start
		}
		start += j + 1
	}
	name := key[strings.LastIndexByte(key, '.')+1:]
	if i := strings.Index(text[start:lineEnd(text, start)], name); i >= 0 {
		return start + i
	}
	return start
}

// lineEnd returns the offset of the end of the line holding off.
func lineEnd(text string, off int) int {
	if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(text)
}

package importer

import (
	"regexp"
	"strings"
	"unicode"
)

// Page chrome is what a website prints around a notice and what comes along
// when its text is copied: "点击量：184", "【字体：大 中 小】", "分享到：",
// "【打印】", "【关闭】", "朗读", "当前位置：首页 > …". It is not the notice's
// text: a line made of it alone is dropped, and so is the same glued onto
// the header line, and the import says what it dropped.
var chromeREs = func() []*regexp.Regexp {
	const (
		lb = `[【\[［]?\s*` // an optional opening bracket
		rb = `\s*[】\]］]?` // an optional closing bracket
	)
	tokens := []string{
		// counters
		`(?:点击|浏览|阅读|访问)(?:量|数|率|次数|人次)?\s*[:：]?\s*(?:\d+\s*次?)?`,
		`(?:点击|浏览|阅读|访问)\s*\d+\s*次`,
		// font size and reading aids
		lb + `(?:字体|字号|文字大小|字体大小)\s*[:：]?\s*(?:[【\[［]?\s*[大中小]\s*[】\]］]?\s*){0,3}` + rb,
		lb + `[大中小]` + rb + `(?:\s*` + lb + `[大中小]` + rb + `){2}`,
		lb + `(?:朗读|语音播报|视力保护色|护眼模式|无障碍(?:浏览)?|适老化)` + rb,
		// sharing
		lb + `分享(?:到)?\s*[:：]?(?:\s*(?:微信|微博|新浪微博|腾讯微博|QQ空间|QQ|朋友圈|人人网|豆瓣))*` + rb,
		`扫一扫在手机(?:上)?打开(?:当前页|本页)?`,
		// page actions
		lb + `(?:打印|我要打印|关闭|收藏|纠错|我要纠错|返回|返回顶部|回到顶部|顶部|保存|下载)(?:本页|本文|此页|文章|窗口|页面|正文)?` + rb,
		// breadcrumbs
		`(?:当前位置|您的位置|你的位置|所在位置|您现在的位置)\s*[:：]\s*[^\s>＞»›]+(?:\s*[>＞»›]\s*[^\s>＞»›]+)*\s*[>＞»›]?`,
	}
	res := make([]*regexp.Regexp, len(tokens))
	for i, t := range tokens {
		res[i] = regexp.MustCompile(`(?:^|[ |｜丨])(` + t + `)(?:[ |｜丨]|$)`)
	}
	return res
}()

var bracketsRE = regexp.MustCompile(`([】\]］])([【\[［])`)

// cutChrome removes the page chrome from s, whose spaces are normalised
// (see oneSpace), and returns what is left and each piece it removed.
func cutChrome(s string) (rest string, cut []string) {
	// Buttons written side by side, "【打印】【关闭】", are two pieces.
	s = bracketsRE.ReplaceAllString(s, "$1 $2")
	// Each pass cuts every other piece of a run (a piece takes the space
	// after it, which the next one needs before it): a line of n pieces
	// takes log n passes.
	for changed := true; changed; {
		changed = false
		for _, re := range chromeREs {
			ms := re.FindAllStringSubmatchIndex(s, -1)
			if ms == nil {
				continue
			}
			var b strings.Builder
			last := 0
			for _, m := range ms {
				cut = append(cut, strings.TrimSpace(s[m[2]:m[3]]))
				b.WriteString(s[last:m[2]])
				b.WriteString(" ")
				last = m[3]
			}
			b.WriteString(s[last:])
			s = oneSpace(b.String())
			changed = true
		}
	}
	return strings.Trim(s, " |｜丨"), cut
}

// isChrome reports whether the line s is page chrome and nothing else.
func isChrome(s string) bool {
	// Chrome is short and never a sentence: most lines are neither, and
	// need no regular expression.
	if len(s) > 400 || strings.ContainsAny(s, "。，；,;") {
		return false
	}
	rest, cut := cutChrome(oneSpace(s))
	return rest == "" && len(cut) > 0
}

// oneSpace writes every run of spaces of s (tabs, U+00A0, U+3000 …) as one
// space, and trims it: websites separate a header's fields with any of them.
func oneSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// dropChrome takes the lines that are page chrome out of ls, and warns of
// each, quoting it.
func (rc *recogniser) dropChrome() {
	kept := rc.lines[:0:0]
	for _, l := range rc.lines {
		if l.Table == nil && isChrome(l.Text) {
			l.Role = Chrome
			rc.chrome = append(rc.chrome, l)
			rc.warn(l, "已删除网页栏目文字 \"%s\", 它不是通报的内容 (dropped the web page's chrome: not part of the notice)", l.Text)
			continue
		}
		kept = append(kept, l)
	}
	rc.lines = kept
}

// droppedText lists the lines dropped as chrome, in the order of the input.
func (rc *recogniser) droppedText() []string {
	var out []string
	for _, l := range rc.chrome {
		out = append(out, l.Text)
	}
	return out
}

// withChrome puts the dropped chrome lines back among the lines, in their
// places, for the report.
func (rc *recogniser) withChrome() []line {
	if len(rc.chrome) == 0 {
		return rc.lines
	}
	out := make([]line, 0, len(rc.lines)+len(rc.chrome))
	i := 0
	for _, l := range rc.lines {
		for ; i < len(rc.chrome) && rc.chrome[i].No < l.No; i++ {
			out = append(out, rc.chrome[i])
		}
		out = append(out, l)
	}
	return append(out, rc.chrome[i:]...)
}

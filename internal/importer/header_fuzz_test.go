package importer

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzHeader reads any line as a header and as page chrome: never a panic;
// what is cut was on the line; a header has a date that exists, and its
// source is on the line once the chrome is cut.
func FuzzHeader(f *testing.F) {
	for _, s := range []string{
		"2025-06-17 09:00 浙江省纪委省监委网站",
		"发布时间：2026-10-15 16:20\u3000来源：某区纪委监委 点击量：184 【字体：大 中 小】",
		"来源：某区 | 发布时间：2026-10-15 16:20",
		"文章来源：某市 作者： 发布时间：2022-04-18 20:58",
		"日期：2023-05-04 08:46:31 来源：某县",
		"时间：2026年10月15日 来源：某区",
		"当前位置：首页 > 巡察工作 > 通报 发布时间：2026-10-15",
		"发布时间：2025-02-29 25:61 来源：",
		"【打印本页】 【关闭窗口】 分享到： 微信",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		norm := oneSpace(s)
		rest, cut := cutChrome(norm)
		norm = bracketsRE.ReplaceAllString(norm, "$1 $2") // 【打印】【关闭】: two pieces
		for _, c := range cut {
			if !strings.Contains(norm, c) {
				t.Errorf("cut %q, which is not on the line %q", c, norm)
			}
		}
		if len(rest) > len(norm) {
			t.Errorf("rest %q is longer than the line %q", rest, norm)
		}
		h, ok := parseHeader(s)
		if !ok || !h.hasDate {
			return
		}
		if y := h.date.Year(); y < 1900 || y > 2199 {
			t.Errorf("date %v from %q", h.date, s)
		}
		if !strings.Contains(rest, h.source) {
			t.Errorf("source %q is not on the line %q, chrome cut", h.source, rest)
		}
	})
}

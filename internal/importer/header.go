package importer

import (
	"regexp"
	"strings"
	"time"

	"disclose/internal/notice"
)

// A header line gives the publication date, with or without a time, and
// the source site, in the shapes websites print it, the fields separated by
// any spaces (U+00A0, U+3000, tabs) or bars:
//
//	2025-06-17 09:00 浙江省纪委省监委网站
//	发布时间：2026-10-15 16:20　来源：某区纪委监委
//	来源：某区纪委监委 | 发布时间：2026-10-15 16:20
//	文章来源：某区纪委监委 作者： 发布时间：2022-04-18 20:58
//	日期：2023-05-04 08:46:31 来源：…    时间：2026年10月15日 来源：…
//
// Page chrome on the line (点击量：184, 【字体：大 中 小】) is cut off.

// headerLabelRE finds the labels of a header's fields, after the start of
// the line, a space or a bar; longest first, so that 时间 is not read as the
// end of 发布时间.
var headerLabelRE = regexp.MustCompile(`(?:^|[ |｜丨])((?:发布|发表|更新|印发)?(?:时间|日期)|(?:信息|文章|稿件|新闻)?来源|` + bylineLabels + `)\s*[:：]`)

// bylineLabels are the labels of a header's fields the page does not show.
const bylineLabels = `(?:责任)?编辑|作者|撰稿|供稿|审核|校对|摄影|发布者|发布人`

// headerDateRE reads the date and optional time at the start of a field.
var headerDateRE = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?` +
	`(?:\s*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?(?:\s+|$)`)

// trailingDateRE is a date, and perhaps a time, that ends a source.
var trailingDateRE = regexp.MustCompile(`\s\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?)?$`)

// unknownFieldRE is a field with a label header lines do not have
// ("阅读：12"): it ends the source's name.
var unknownFieldRE = regexp.MustCompile(`\s+[^\s\d][^\s:：]*[:：].*$`)

// header is what a header line says.
type header struct {
	date     notice.DateTime
	source   string
	hasDate  bool
	hasSrc   bool     // a source was named: "来源：" or a date's trailing text
	cut      []string // page chrome and fields the page does not write (作者：…)
	sentence bool     // the line is a sentence, not a header
}

// parseHeader reads the line s as a header. It reports false when s has
// neither a date nor a labelled source.
func parseHeader(s string) (header, bool) {
	var h header
	s, h.cut = cutChrome(oneSpace(s))
	at := headerLabelRE.FindAllStringSubmatchIndex(s, -1)
	first := len(s)
	if len(at) > 0 {
		first = at[0][0]
	}
	if lead := strings.TrimSpace(s[:first]); lead != "" && !h.dateField(lead, true) {
		return h, false
	}
	for i, m := range at {
		end := len(s)
		if i+1 < len(at) {
			end = at[i+1][0]
		}
		h.field(s[m[2]:m[3]], strings.Trim(s[m[1]:end], " |｜丨"))
	}
	ok := (h.hasDate || h.hasSrc && len(at) > 0) && !h.sentence
	return h, ok
}

// field reads one labelled field of a header.
func (h *header) field(label, value string) {
	switch {
	case strings.HasSuffix(label, "时间") || strings.HasSuffix(label, "日期"):
		if h.hasDate || !h.dateField(value, false) {
			h.cut = append(h.cut, label+"："+value)
		}
	case strings.HasSuffix(label, "来源"):
		h.setSource(value)
	case value != "":
		h.cut = append(h.cut, label+"："+value)
	}
}

// dateField reads a date, an optional time and, where trailing text may
// name the source (a line that starts with the date), that text.
func (h *header) dateField(s string, lead bool) bool {
	m := headerDateRE.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	t, ok := dateTime(m[1], m[2], m[3], m[4], m[5], m[6])
	if !ok || t.Year() < 1900 || t.Year() > 2199 {
		return false // a notice's year folder is 1900 to 2199
	}
	h.date = notice.DateTime{Time: t, DateOnly: m[4] == ""}
	h.hasDate = true
	if rest := strings.TrimSpace(s[len(m[0]):]); rest != "" {
		if !lead && h.hasSrc {
			h.cut = append(h.cut, rest)
		} else {
			h.setSource(rest)
		}
	}
	return true
}

// setSource takes the source's name, up to a field of another label, or
// up to the date when the date follows it unlabelled ("来源：某网站
// 2025-06-17 09:00").
func (h *header) setSource(v string) {
	if f := unknownFieldRE.FindString(v); f != "" {
		h.cut = append(h.cut, strings.TrimSpace(f))
		v = strings.TrimSpace(strings.TrimSuffix(v, f))
	}
	if at := trailingDateRE.FindStringIndex(v); at != nil && !h.hasDate && h.dateField(strings.TrimSpace(v[at[0]:]), false) {
		v = v[:at[0]]
	}
	h.hasSrc = true
	h.source = strings.Trim(v, " |｜丨")
	h.sentence = h.sentence || strings.ContainsAny(h.source, "，,。；;")
}

// headerLine recognises the header at rc.lines[i]: one line, or two when
// the source and the date are on lines of their own. It reports how many
// lines it took.
func (rc *recogniser) headerLine(i int) int {
	h, ok := parseHeader(rc.lines[i].Text)
	if !ok {
		return 0
	}
	n := 1
	if i+1 < len(rc.lines) && (!h.hasDate || !h.hasSrc) {
		if h2, ok := parseHeader(rc.lines[i+1].Text); ok && h.hasDate != h2.hasDate && h.hasSrc != h2.hasSrc {
			h = joinHeaders(h, h2)
			n = 2
		}
	}
	if !h.hasDate {
		return 0
	}
	// A byline under the header ("作者：某某 责任编辑：某某") goes with it.
	for ; i+n < len(rc.lines) && bylineRE.MatchString(oneSpace(rc.lines[i+n].Text)); n++ {
		h.cut = append(h.cut, oneSpace(rc.lines[i+n].Text))
	}
	rc.setHeader(h, rc.lines[i:i+n])
	return n
}

// bylineRE is a line of fields the page does not show: "作者：某某 责任编辑：某某".
var bylineRE = regexp.MustCompile(`^(?:(?:` + bylineLabels + `)\s*[:：][^:：]*)+$`)

// joinHeaders joins a header split over two lines: the date from one, the
// source from the other.
func joinHeaders(a, b header) header {
	if b.hasDate {
		a, b = b, a
	}
	a.source, a.hasSrc = b.source, true
	a.cut = append(a.cut, b.cut...)
	return a
}

// setHeader puts the header h, read from ls, in the front matter, and says
// what it took and what it cut.
func (rc *recogniser) setHeader(h header, ls []line) {
	rc.fm.Date, rc.fm.Source = h.date, h.source
	// The page writes the date once, as GB/T 9704 writes dates, with no
	// time of day; the input's line is compared with its own digits, so
	// that a warning says only what the page leaves out or changes of it.
	rc.header = strings.TrimSpace(notice.Date{Time: h.date.Time}.Chinese() + " " + h.source)
	digits := strings.TrimSpace(h.date.Display() + " " + h.source)
	when := h.date.Display()
	if h.date.DateOnly {
		when += " (未写明时刻, 按日期保存; no time of day: kept as the day)"
	}
	rc.note("发布信息 (header): 发布时间 %s, 来源 %q", when, rc.fm.Source)
	for _, c := range h.cut {
		rc.warn(ls[0], "已从发布信息行删除 \"%s\", 页面不显示它 (cut from the header line: the page does not show it)", c)
	}
	if len(ls) > 1 || oneSpace(ls[0].Text) != digits {
		rc.warn(ls[0], "页面上的发布信息将显示为 %q (the page writes the header line as %q)", rc.header, rc.header)
	}
	if rc.fm.Source == "" {
		rc.warn(ls[0], "发布信息未写明来源网站, 请填写 source (the header names no source: fill in source)")
	}
}

// dateTime reads a date and an optional time written as digits, in China
// time; it refuses a date that does not exist.
func dateTime(y, mo, d, h, mi, s string) (time.Time, bool) {
	n := func(s string) int {
		v := 0
		for _, c := range s {
			v = v*10 + int(c-'0')
		}
		return v
	}
	t := time.Date(n(y), time.Month(n(mo)), n(d), n(h), n(mi), n(s), 0, notice.ChinaTime)
	ok := t.Year() == n(y) && int(t.Month()) == n(mo) && t.Day() == n(d) && n(h) < 24 && n(mi) < 60 && n(s) < 60
	return t, ok
}

// date reads a date written 2025-06-10, 2025/6/10 or 2025年6月10日.
func date(s string) (notice.Date, bool) {
	m := dateRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return notice.Date{}, false
	}
	t, ok := dateTime(m[1], m[2], m[3], "", "", "")
	return notice.Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}, ok
}

var dateRE = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

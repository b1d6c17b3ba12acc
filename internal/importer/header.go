package importer

import (
	"regexp"
	"strings"
	"time"

	"disclose/internal/notice"
)

// headerRE reads a header line: "2025-06-17 09:00 浙江省纪委省监委网站", and
// the forms websites give it: "发布时间：2025年06月17日 09:00:00 来源：…".
var headerRE = regexp.MustCompile(`^(?:(?:发布|发表)(?:时间|日期)\s*[:：]\s*)?` +
	`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?` +
	`(?:\s*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?` +
	`(?:\s+|$|\s*(?:信息|文章)?来源\s*[:：]\s*)(.*)$`)

// sourceFirstRE reads a header that names the source first: "来源：…
// 发布时间：2025-06-17 09:00".
var sourceFirstRE = regexp.MustCompile(`^(?:信息|文章)?来源\s*[:：]\s*(\S+)\s+((?:发布|发表)?(?:时间|日期)\s*[:：].*)$`)

// sourcePrefixRE is a "来源:" before the source's name.
var sourcePrefixRE = regexp.MustCompile(`^(?:信息|文章)?来源\s*[:：]\s*`)

// chromeRE is what websites print after the source on the header line:
// "字号：大 中 小", "【打印】", "浏览次数：…".
var chromeRE = regexp.MustCompile(`\s+(?:\S*[:：【\[]|[【\[]).*$`)

// headerLine recognises the header: publication date, time and source.
func (rc *recogniser) headerLine(l line) bool {
	text := l.Text
	if m := sourceFirstRE.FindStringSubmatch(text); m != nil {
		text = m[2] + " " + m[1]
	}
	m := headerRE.FindStringSubmatch(text)
	if m == nil || strings.ContainsAny(m[7], "，,。；;") {
		return false
	}
	m[7] = chromeRE.ReplaceAllString(sourcePrefixRE.ReplaceAllString(m[7], ""), "")
	t, ok := dateTime(m[1], m[2], m[3], m[4], m[5], m[6])
	if !ok {
		return false
	}
	rc.fm.Date = notice.DateTime{Time: t}
	rc.fm.Source = strings.TrimSpace(m[7])
	rc.header = t.Format("2006-01-02 15:04") + " " + rc.fm.Source
	rc.note("header: published %s, source %q", t.Format("2006-01-02 15:04"), rc.fm.Source)
	switch {
	case m[4] == "":
		rc.warn(l, "the header gives no time of day: the page will show %q; set the time in date (未写明发布时间, 请核对)", rc.header)
	case rc.header != l.Text:
		rc.warn(l, "the page writes the header line as %q (页面上的发布信息将显示为此格式)", rc.header)
	}
	if rc.fm.Source == "" {
		rc.warn(l, "the header names no source: fill in source (未写明来源网站)")
	}
	return true
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

// disclosureKeys are the labels of 政府信息公开 metadata, longest first so
// that a label is never read as the end of a longer one.
var disclosureKeys = []string{"索引号", "发文字号", "文号", "发布机构", "发文机关", "发布单位", "主题分类", "成文日期", "发布日期", "公开方式", "标题", "名称"}

var disclosureRE = regexp.MustCompile(`(?:^|[\s|｜])(` + strings.Join(disclosureKeys, "|") + `)\s*[:：]`)

// disclosureLine recognises a line of 政府信息公开 metadata: one or more
// "label:value" pairs, all of them with labels it knows.
func (rc *recogniser) disclosureLine(l line) bool {
	pairs, ok := disclosurePairs(l.Text)
	if !ok {
		return false
	}
	for _, p := range pairs {
		if _, ok := date(p[1]); !ok && (p[0] == "发布日期" || (p[0] == "成文日期" && p[1] != "")) {
			rc.warn(l, "%s %q is not a date; the line stays in the text (无法识别的%s)", p[0], p[1], p[0])
			return false
		}
	}
	for _, p := range pairs {
		rc.setDisclosure(p[0], p[1])
		rc.note("disclosure: %s %s", p[0], p[1])
	}
	return true
}

// disclosurePairs splits s into its labels and values; it reports false
// when s does not start with a label, or holds text no label introduces, or
// a colon after something that is not a label it knows.
func disclosurePairs(s string) ([][2]string, bool) {
	at := disclosureRE.FindAllStringSubmatchIndex(s, -1)
	if len(at) == 0 || strings.TrimSpace(s[:at[0][0]]) != "" {
		return nil, false
	}
	var pairs [][2]string
	for i, m := range at {
		end := len(s)
		if i+1 < len(at) {
			end = at[i+1][0]
		}
		value := strings.Trim(s[m[1]:end], " \t|｜")
		if strings.ContainsAny(value, ":：") {
			return nil, false
		}
		pairs = append(pairs, [2]string{s[m[2]:m[3]], value})
	}
	return pairs, true
}

// disclosureTable recognises a table of 政府信息公开 metadata: cells that
// alternate label and value, or that each read "label:value".
func (rc *recogniser) disclosureTable(l *line) bool {
	var cells []string
	for _, row := range l.Table {
		for _, c := range row {
			if c = strings.TrimSpace(c); c != "" {
				cells = append(cells, c)
			}
		}
	}
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(c)
		if isDisclosureKey(c) {
			b.WriteString("：")
		}
	}
	return len(cells) > 0 && rc.disclosureLine(line{Text: b.String(), No: l.No})
}

func isDisclosureKey(s string) bool {
	for _, k := range disclosureKeys {
		if s == k {
			return true
		}
	}
	return false
}

// setDisclosure puts one label's value, checked by disclosureLine, in the
// front matter.
func (rc *recogniser) setDisclosure(label, value string) {
	d := rc.fm.Disclosure
	if d == nil {
		d = &notice.Disclosure{}
		rc.fm.Disclosure = d
	}
	switch label {
	case "索引号":
		d.IndexNumber = value
	case "发文字号", "文号":
		d.DocumentNumber = value
	case "发布机构", "发文机关", "发布单位":
		d.Publisher = value
	case "主题分类":
		d.Topic = value
	case "公开方式":
		d.Method = value
	case "标题", "名称":
		rc.fm.Title = value
	case "成文日期":
		d.WrittenDate, _ = date(value)
	case "发布日期":
		if w, _ := date(value); !rc.fm.Date.Set() {
			rc.fm.Date = notice.DateTime{Time: time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, notice.ChinaTime)}
		}
	}
}

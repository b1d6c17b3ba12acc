package importer

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"disclose/internal/notice"
)

// disclosureKeys are the labels of 政府信息公开 metadata, each with the
// front-matter key it fills, longest first so that a label is never read as
// the end of a longer one (分类 of 主题分类, 名称 of 文件名称).
var disclosureKeys = []struct{ label, key string }{
	{"信息索引号", "index_number"}, {"索引号", "index_number"},
	{"发文字号", "document_number"}, {"文号", "document_number"},
	{"发布机构", "publisher"}, {"发文机关", "publisher"}, {"发布单位", "publisher"},
	{"主题分类", "topic"}, {"分类", "topic"},
	{"成文日期", "written_date"}, {"生成日期", "written_date"},
	{"发布日期", "date"},
	{"公开方式", "method"}, {"公开范围", "scope"}, {"有效性", "validity"},
	{"文件名称", "name"}, {"名称", "name"}, {"标题", "name"},
}

var disclosureRE = func() *regexp.Regexp {
	labels := make([]string, len(disclosureKeys))
	for i, k := range disclosureKeys {
		labels[i] = k.label
	}
	return regexp.MustCompile(`(?:^|[\s|｜])(` + strings.Join(labels, "|") + `)\s*[:：]`)
}()

// disclosureKey is the front-matter key of a label of disclosureKeys.
func disclosureKey(label string) string {
	for _, k := range disclosureKeys {
		if k.label == label {
			return k.key
		}
	}
	return ""
}

// disclosureLine recognises a line of 政府信息公开 metadata: one or more
// "label:value" pairs, all of them with labels it knows.
func (rc *recogniser) disclosureLine(l line) bool {
	pairs, ok := disclosurePairs(oneSpace(l.Text))
	if !ok {
		return false
	}
	for _, p := range pairs {
		key := disclosureKey(p[0])
		_, day := date(p[1])
		if !day && (key == "date" && !dateTimeValueRE.MatchString(p[1]) || key == "written_date" && p[1] != "") {
			rc.warn(l, "无法识别的%[1]s %[2]q, 这一行保留在正文中; %[1]s %[2]q is not a date; the line stays in the text", p[0], p[1])
			return false
		}
	}
	for _, p := range pairs {
		rc.setDisclosure(p[0], p[1])
		rc.note("公开信息 (disclosure): %s %s", p[0], p[1])
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
		value := strings.TrimFunc(s[m[1]:end], func(r rune) bool { return unicode.IsSpace(r) || r == '|' || r == '｜' })
		if strings.ContainsAny(value, ":：") && !dateTimeValueRE.MatchString(value) {
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

func isDisclosureKey(s string) bool { return disclosureKey(s) != "" }

// dateTimeValueRE is a date with a time, the one value with colons:
// "发布日期：2025-06-17 09:00:00".
var dateTimeValueRE = regexp.MustCompile(`^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$`)

// setDisclosure puts one label's value, checked by disclosureLine, in the
// front matter.
func (rc *recogniser) setDisclosure(label, value string) {
	d := rc.fm.Disclosure
	if d == nil {
		d = &notice.Disclosure{}
		rc.fm.Disclosure = d
	}
	text := map[string]*string{"index_number": &d.IndexNumber, "document_number": &d.DocumentNumber,
		"publisher": &d.Publisher, "topic": &d.Topic, "method": &d.Method, "scope": &d.Scope,
		"validity": &d.Validity, "name": &d.Name}
	key := disclosureKey(label)
	if p, ok := text[key]; ok {
		*p = value
		return
	}
	switch key {
	case "written_date":
		d.WrittenDate, _ = date(value)
	case "date":
		rc.disclosureDate(value)
	}
}

// disclosureDate takes the publication date from the block's 发布日期 when
// no header gave it: a day, or a day and a time.
func (rc *recogniser) disclosureDate(value string) {
	if rc.fm.Date.Set() {
		return
	}
	if w, ok := date(value); ok {
		rc.fm.Date = notice.DateTime{Time: time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, notice.ChinaTime), DateOnly: true}
		return
	}
	if h, ok := parseHeader(value); ok && h.hasDate {
		rc.fm.Date = h.date
	}
}

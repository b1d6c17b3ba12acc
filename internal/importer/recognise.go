package importer

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"disclose/internal/diag"
	"disclose/internal/notice"
	"disclose/internal/numbering"
)

// recogniser gives the lines their roles and fills the front matter.
type recogniser struct {
	name     string
	lines    []line
	problems *diag.List
	fm       notice.FrontMatter
	found    []string          // what was recognised, for the report
	notes    map[string]string // a comment for a front-matter key left empty
	header   string            // the header line as the page writes it
	docx     bool              // lines are a .docx's paragraphs, not a file's lines
	chrome   []line            // the lines dropped as page chrome

	contactInText bool // the contact line stays in the text: the page adds none
	// undated holds the inspection's dates (inspection.start …) the text
	// gives to no day: what it says instead (2025年3月至4月), or "" for
	// nothing. They are left empty and do not make the notice a draft.
	undated map[string]string
}

// run recognises, in order: the lines at the top (title, header,
// disclosure), the lines at the end (signature, contact), then what the body
// says (inspection, statistics) without taking lines from it.
func (rc *recogniser) run() {
	rc.notes, rc.undated = map[string]string{}, map[string]string{}
	rc.dropChrome()
	rc.top()
	rc.bottom()
	body := rc.bodyText()
	rc.inspection(body)
	rc.statistics()
	rc.punctuation()
	rc.defaults()
}

func (rc *recogniser) note(format string, args ...any) {
	rc.found = append(rc.found, fmt.Sprintf(format, args...))
}

func (rc *recogniser) warn(l line, format string, args ...any) {
	d := diag.Diagnostic{Path: rc.name, Severity: diag.Warning, Rule: "import", Message: fmt.Sprintf(format, args...)}
	switch {
	case l.No > 0 && rc.docx:
		d.Message = fmt.Sprintf("第 %d 段: %s", l.No, d.Message)
	case l.No > 0:
		d.Line, d.Col = l.No, 1
	}
	rc.problems.Add(d)
}

// bodyText is the text of the body lines before the first level-1 section,
// where the introduction is.
func (rc *recogniser) bodyText() []line {
	var intro []line
	for _, l := range rc.lines {
		if l.Role != Body || l.Table != nil {
			continue
		}
		if m, ok := numbering.Parse(l.Text); ok && m.Level == 1 {
			break
		}
		intro = append(intro, l)
	}
	return intro
}

// top gives roles to the title, the header and the disclosure lines, which
// come before the text, in any order.
func (rc *recogniser) top() {
	for i := 0; i < len(rc.lines); {
		n := rc.topLine(i)
		if n == 0 {
			return
		}
		i += n
	}
}

// topLine gives a role to the line at i, and the lines after it that go
// with it, and returns how many lines it took: 0 when the text starts.
func (rc *recogniser) topLine(i int) int {
	l := &rc.lines[i]
	if l.Table != nil {
		if !rc.disclosureTable(l) {
			return 0
		}
		return rc.setRole(i, 1, Disclosure)
	}
	if rc.header == "" {
		if n := rc.headerLine(i); n > 0 {
			return rc.setRole(i, n, Header)
		}
	}
	if rc.disclosureLine(*l) {
		return rc.setRole(i, 1, Disclosure)
	}
	return rc.setRole(i, rc.titleLines(i), Title)
}

// setRole gives the n lines from i the role, and returns n.
func (rc *recogniser) setRole(i, n int, role Role) int {
	for j := i; j < i+n; j++ {
		rc.lines[j].Role = role
	}
	return n
}

// titleLines recognises the title at line i: on one line, or on two (the
// organisation, then "关于…的通报"). A title written again (a heading, then
// the two-line form) is the title too, not body text, and the import says
// so. It returns how many lines it took.
func (rc *recogniser) titleLines(i int) int {
	one := rc.lines[i].Text
	two := ""
	if i+1 < len(rc.lines) && rc.lines[i+1].Table == nil && isOrganization(one) && !isTitle(one) &&
		strings.HasPrefix(rc.lines[i+1].Text, "关于") && isTitle(rc.lines[i+1].Text) {
		two = one + rc.lines[i+1].Text
	}
	if t := noSpace(rc.fm.Title); t != "" {
		switch {
		case t == noSpace(one):
			rc.warn(rc.lines[i], "标题再次出现, 作为标题而非正文: \"%s\" (the title is written again: taken as the title, not as text)", one)
			return 1
		case two != "" && strings.HasSuffix(t, noSpace(rc.lines[i+1].Text)):
			// The two-line form, its organisation perhaps named in full
			// ("…区委员会" under a heading that says "…区委").
			rc.warn(rc.lines[i], "标题再次出现(分两行), 作为标题而非正文: \"%s\" / \"%s\" (the title is written again, on two lines: taken as the title, not as text)", one, rc.lines[i+1].Text)
			return 2
		}
		return 0
	}
	switch {
	case two != "":
		rc.fm.Title = two
		rc.note("标题 (title, two lines joined): %s", two)
		return 2
	case isTitle(one):
		rc.fm.Title = one
		rc.note("标题 (title): %s", one)
		return 1
	}
	return 0
}

// noSpace is s without its spaces, to compare two copies of a title.
func noSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")
}

// isTitle reports whether s reads as a notice's title: a short line that is
// not a sentence and names what the notice is.
func isTitle(s string) bool {
	if utf8.RuneCountInString(s) > 100 || strings.ContainsAny(s, "。，,；;") {
		return false
	}
	if _, ok := numbering.Parse(s); ok {
		return false
	}
	for _, w := range []string{"通报", "整改", "公告", "报告", "情况", "通知", "公示"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// defaults fills what the text leaves to be inferred: the title from the
// signature and the kind of inspection, the publication date from the
// signature; and notes every required key still empty.
func (rc *recogniser) defaults() {
	fm := &rc.fm
	if d := fm.Disclosure; fm.Title == "" && d != nil && d.Name != "" {
		fm.Title = d.Name
		rc.note("标题 (title): 原文没有标题行, 取公开信息中的文件名称: %s", fm.Title)
	}
	if fm.Title == "" && fm.Signature.Organization != "" && fm.Inspection.Kind != "" {
		fm.Title = fm.Signature.Organization + "关于" + fm.Inspection.Kind + "整改情况的通报"
		rc.note("标题 (title): 原文没有, 据落款拟定: %s", fm.Title)
	}
	if d := fm.Signature.Date; !fm.Date.Set() && d.Set() {
		fm.Date = notice.DateTime{Time: time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, notice.ChinaTime), DateOnly: true}
		rc.notes["date"] = "未找到发布时间, 取落款日期, 请核对; the signature's date; the text gives no publication time"
		rc.warn(line{}, "未找到发布时间, date 取落款日期 %s, 请核对并补上发布时刻 (no header line with the publication date and time: date is the signature's date; check it)", d.ISO())
	}
	if !fm.Date.Set() {
		rc.notes["date"] = "未找到发布日期, 请填写, 如 2025-06-17T09:00:00+08:00; not found in the text: fill in the publication date"
		rc.warn(line{}, "未找到发布日期, 也没有落款日期: 请填写 date (no publication date and no signature date: fill in date)")
	}
	rc.undatedNotes()
	for key, label := range map[string]string{"title": "标题", "source": "来源网站"} {
		if (key == "title" && fm.Title == "") || (key == "source" && fm.Source == "") {
			rc.notes[key] = "未识别, 请填写" + label + "; not found in the text: fill it in"
		}
	}
}

// missing lists what a published notice needs that was not found: the
// required fields, and the contact line (without one of its own the page
// would show the site's contact block, which the notice did not print).
func (rc *recogniser) missing() []string {
	fm, in := rc.fm, rc.fm.Inspection
	var out []string
	for _, f := range []struct {
		name string
		ok   bool
	}{
		{"title", fm.Title != ""}, {"date", fm.Date.Set()}, {"source", fm.Source != ""},
		{"inspection.kind", in.Kind != ""}, {"inspection.group", in.Group != "" || in.Summary()},
		{"inspection.organization", in.Organization != "" || in.Summary()}, {"inspection.start", rc.dated("inspection.start", in.Start)},
		{"inspection.end", rc.dated("inspection.end", in.End)}, {"inspection.feedback", rc.dated("inspection.feedback", in.Feedback)},
		{"contact", !fm.Contact.Empty() || rc.contactInText},
		{"signature", fm.Signature.Organization != "" && fm.Signature.Date.Set()},
	} {
		if !f.ok {
			out = append(out, f.name)
		}
	}
	return out
}

// dated reports whether the inspection's date key is as complete as the
// text allows: read, or given to no day by the text (rc.undated), or not
// needed (a round summary).
func (rc *recogniser) dated(key string, d notice.Date) bool {
	_, undated := rc.undated[key]
	return d.Set() || undated || rc.fm.Inspection.Summary()
}

// undatedNotes writes at each inspection date left empty why it is.
func (rc *recogniser) undatedNotes() {
	in := rc.fm.Inspection
	for key, d := range map[string]notice.Date{"inspection.start": in.Start, "inspection.end": in.End, "inspection.feedback": in.Feedback} {
		said, undated := rc.undated[key]
		switch {
		case d.Set():
		case undated && said != "":
			rc.notes[key] = "原文只写到月或旬 (" + said + "), 未填写; the text gives only " + said + ", no day: left empty"
		case undated:
			rc.notes[key] = "原文未写明, 未填写; the text gives no date: left empty"
		case in.Summary():
			rc.notes[key] = "原文未写明, 轮次综述可不填; not found in the text; a round summary may leave it out"
		}
	}
}

// punctuation says how the notice writes , : ; ( ): as its contact line
// does, or else as most of its text does.
func (rc *recogniser) punctuation() {
	if rc.fm.Punctuation != "" {
		return
	}
	half, full := 0, 0
	for _, l := range rc.lines {
		half += strings.Count(l.Text, ",") + strings.Count(l.Text, ":") + strings.Count(l.Text, ";")
		full += strings.Count(l.Text, "，") + strings.Count(l.Text, "：") + strings.Count(l.Text, "；")
	}
	rc.fm.Punctuation = notice.FullWidth
	if half > full {
		rc.fm.Punctuation = notice.HalfWidth
	}
}

package importer

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"disclose/internal/diag"
	"disclose/internal/notice"
	"disclose/internal/outline"
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
	signedOn notice.Date       // the signature's date, also when it stays in the text

	contactInText bool // the contact line stays in the text: the page adds none
}

// run recognises, in order: the lines at the top (title, header,
// disclosure), the lines at the end (signature, contact), then what the body
// says (inspection, statistics) without taking lines from it.
func (rc *recogniser) run() {
	rc.notes = map[string]string{}
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
		d.Message = fmt.Sprintf("paragraph %d: %s", l.No, d.Message)
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
		if m, ok := outline.Parse(l.Text); ok && m.Level == 1 {
			break
		}
		intro = append(intro, l)
	}
	return intro
}

// top gives roles to the title, the header and the disclosure lines, which
// come before the text, in any order.
func (rc *recogniser) top() {
	for i := range rc.lines {
		l := &rc.lines[i]
		switch {
		case l.Table != nil && rc.disclosureTable(l):
			l.Role = Disclosure
		case l.Table != nil:
			return
		case rc.header == "" && rc.headerLine(*l):
			l.Role = Header
		case rc.disclosureLine(*l):
			l.Role = Disclosure
		case rc.fm.Title == "" && isTitle(l.Text):
			l.Role = Title
			rc.fm.Title = l.Text
			rc.note("title: %s", l.Text)
		default:
			return
		}
	}
}

// isTitle reports whether s reads as a notice's title: a short line that is
// not a sentence and names what the notice is.
func isTitle(s string) bool {
	if utf8.RuneCountInString(s) > 100 || strings.ContainsAny(s, "。，,；;") {
		return false
	}
	if _, ok := outline.Parse(s); ok {
		return false
	}
	for _, w := range []string{"通报", "整改", "公告", "报告", "情况"} {
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
	if fm.Title == "" && fm.Signature.Organization != "" && fm.Inspection.Kind != "" {
		fm.Title = fm.Signature.Organization + "关于" + fm.Inspection.Kind + "整改情况的通报"
		rc.note("title (made from the signature; the text has none): %s", fm.Title)
	}
	if !rc.signedOn.Set() {
		rc.signedOn = fm.Signature.Date
	}
	if !fm.Date.Set() && rc.signedOn.Set() {
		d := rc.signedOn
		fm.Date = notice.DateTime{Time: time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, notice.ChinaTime)}
		rc.notes["date"] = "the signature's date; the text gives no publication time (未找到发布时间, 请核对)"
		rc.warn(line{}, "no header line with the publication date and time: date is the signature's date at 00:00; check it (未找到发布时间)")
	}
	for key, label := range map[string]string{"title": "标题", "source": "来源网站"} {
		if (key == "title" && fm.Title == "") || (key == "source" && fm.Source == "") {
			rc.notes[key] = "not found in the text: fill in " + label + " (未识别, 请填写" + label + ")"
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
		{"inspection.kind", in.Kind != ""}, {"inspection.group", in.Group != ""},
		{"inspection.organization", in.Organization != ""}, {"inspection.start", in.Start.Set()},
		{"inspection.end", in.End.Set()}, {"inspection.feedback", in.Feedback.Set()},
		{"contact", !fm.Contact.Empty() || rc.contactInText},
		{"signature", fm.Signature.Organization != "" && fm.Signature.Date.Set()},
	} {
		if !f.ok {
			out = append(out, f.name)
		}
	}
	return out
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

package importer

import (
	"fmt"
	"strings"
	"time"

	"disclose/internal/notice"
)

// write makes the source file: the front matter, laid out as the sample
// notice's, with a comment at each key the text left empty, then the body.
func write(fm notice.FrontMatter, draft bool, ls []line, notes map[string]string) []byte {
	w := &frontWriter{notes: notes}
	w.raw("+++\n")
	w.str("title", fm.Title)
	switch {
	case fm.Date.Set() && fm.Date.DateOnly:
		w.value("date", fm.Date.Format(time.DateOnly))
	case fm.Date.Set():
		w.value("date", fm.Date.Format(time.RFC3339))
	default:
		w.str("date", "")
	}
	w.value("draft", fmt.Sprint(draft))
	w.str("source", fm.Source)
	w.str("punctuation", fm.Punctuation)
	w.inspection(fm.Inspection)
	w.statistics(fm.Statistics)
	w.contact(fm.Contact)
	w.raw("\n[signature]\n")
	if n := notes["signature"]; n != "" {
		w.raw("# " + n + "\n")
	}
	w.str("signature.organization", fm.Signature.Organization)
	w.date("signature.date", fm.Signature.Date)
	if fm.Signature.DateText != "" {
		w.str("signature.date_text", fm.Signature.DateText)
	}
	if d := fm.Disclosure; d != nil {
		w.raw("\n[disclosure]\n")
		w.str("disclosure.index_number", d.IndexNumber)
		w.str("disclosure.document_number", d.DocumentNumber)
		w.str("disclosure.publisher", d.Publisher)
		w.str("disclosure.topic", d.Topic)
		w.date("disclosure.written_date", d.WrittenDate)
		w.str("disclosure.method", d.Method)
		for _, kv := range [][2]string{{"scope", d.Scope}, {"validity", d.Validity}, {"name", d.Name}} {
			if kv[1] != "" {
				w.str("disclosure."+kv[0], kv[1])
			}
		}
	}
	w.raw("+++\n\n")
	var body []line
	for i, l := range ls {
		if l.Role != Body {
			continue
		}
		// A line break joins two lines of one paragraph: not when the line
		// before went to the front matter.
		l.Joined = l.Joined && i > 0 && ls[i-1].Role == Body
		body = append(body, l)
	}
	w.raw(markdownBody(body))
	return []byte(w.b.String())
}

// required are the keys a published notice must fill.
var required = map[string]bool{"title": true, "date": true, "source": true,
	"inspection.kind": true, "inspection.group": true, "inspection.organization": true,
	"inspection.start": true, "inspection.end": true, "inspection.feedback": true,
	"signature.organization": true, "signature.date": true}

type frontWriter struct {
	b     strings.Builder
	notes map[string]string
}

func (w *frontWriter) raw(s string) { w.b.WriteString(s) }

// value writes key = v, where key may be dotted ("inspection.start"):
// its last name is written, under the table written before. A note on the
// key, or on its table, follows as a comment.
func (w *frontWriter) value(key, v string) {
	name := key[strings.LastIndex(key, ".")+1:]
	w.b.WriteString(name + " = " + v)
	if n := w.notes[key]; n != "" {
		w.b.WriteString("  # " + n)
	} else if v == `""` && required[key] {
		w.b.WriteString("  # not found in the text: fill it in (未识别, 请填写)")
	}
	w.b.WriteString("\n")
}

func (w *frontWriter) str(key, s string) { w.value(key, notice.QuoteTOML(s)) }

func (w *frontWriter) date(key string, d notice.Date) {
	if d.Set() {
		w.value(key, d.ISO())
	} else {
		w.str(key, "")
	}
}

func (w *frontWriter) inspection(in notice.Inspection) {
	w.raw("\n[inspection]\n")
	w.str("inspection.kind", in.Kind)
	if len(in.Form) > 0 {
		w.value("inspection.form", quoteList(in.Form))
	}
	if !in.Summary() || in.Group != "" {
		w.str("inspection.group", in.Group)
	}
	if !in.Summary() || in.Organization != "" {
		w.str("inspection.organization", in.Organization)
	}
	if in.Round != "" {
		w.str("inspection.round", in.Round)
	}
	if in.Level != "" {
		w.str("inspection.level", in.Level)
	}
	if in.Summary() {
		// A round summary: the counts the text gives, never a made-up
		// single group or organisation.
		if in.Groups > 0 {
			w.value("inspection.groups", fmt.Sprint(in.Groups))
		}
		w.value("inspection.units", fmt.Sprint(in.Units))
		if len(in.Named) > 0 {
			w.value("inspection.named", quoteList(in.Named))
		}
	}
	w.date("inspection.start", in.Start)
	w.date("inspection.end", in.End)
	w.date("inspection.feedback", in.Feedback)
}

// quoteList writes a TOML array of strings.
func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = notice.QuoteTOML(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func (w *frontWriter) statistics(stats []notice.Statistic) {
	if n := w.notes["statistics"]; n != "" {
		w.raw("\n# [[statistics]]: " + n + "\n")
	}
	for _, s := range stats {
		w.raw("\n[[statistics]]\n")
		w.str("label", s.Label)
		w.value("value", s.Value.Text)
		w.str("unit", s.Unit)
	}
}

func (w *frontWriter) contact(c notice.Contact) {
	if c.Empty() {
		w.raw("\n# [contact]: " + w.notes["contact"] + "\n")
		return
	}
	w.raw("\n[contact]\n")
	if c.Text != "" {
		w.str("contact.text", c.Text)
	}
	if c.Invitation != "" || c.Text == "" {
		w.str("contact.invitation", c.Invitation)
	}
	for _, kv := range [][2]string{{"phone", c.Phone}, {"mailbox", c.Mailbox}, {"email", c.Email}} {
		if kv[1] != "" {
			w.str("contact."+kv[0], kv[1])
		}
	}
}

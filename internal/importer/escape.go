package importer

import (
	"strings"

	"disclose/internal/numbering"
)

// markdownBody writes the body lines as Markdown that shows each character
// as written: one paragraph per line, a level-1 section title ("一、关于…"
// without a full stop) as a "##" heading, a .docx line break as a hard line
// break, a .docx table as a table.
func markdownBody(ls []line) string {
	var b strings.Builder
	for i, l := range ls {
		switch {
		case l.Table != nil:
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			writeTable(&b, l.Table)
			continue
		case l.Joined && i > 0 && ls[i-1].Table == nil && !startsBlock(l.Text):
			b.WriteString("\\\n")
		default:
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			if isHeading(l.Text) {
				b.WriteString("## ")
			}
		}
		b.WriteString(escape(l.Text))
	}
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	return b.String()
}

// isHeading reports whether s is the title of a level-1 section: "一、"
// and no full stop.
func isHeading(s string) bool {
	m, ok := numbering.Parse(s)
	return ok && m.Level == 1 && !strings.Contains(s, "。")
}

// startsBlock reports whether s, after a line break, must start a block of
// its own: a numbered line begins a new paragraph in a notice (the Markdown
// layer splits it off, which would leave the hard break before it dangling).
func startsBlock(s string) bool {
	_, ok := numbering.Parse(s)
	return ok || isHeading(s)
}

// escape escapes s, one line of text, so that CommonMark (with GFM tables)
// shows it as written. Inline: backslash, emphasis, code, links, raw HTML,
// entities, tables and strike-through marks are escaped wherever they are.
// At the line's start: what would open a block (heading, quote, list,
// thematic break, setext underline). Brackets, full stops and digits are left
// as they are, so that "(一)" and "1." stay outline numbers; the Markdown
// layer never reads "1." as a list.
func escape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case strings.ContainsRune("\\`*_[]<>&|~#", r):
			b.WriteByte('\\')
		case i == 0 && strings.ContainsRune("-+=", r):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// writeTable writes rows as a Markdown table; the first row is its head.
func writeTable(b *strings.Builder, rows [][]string) {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	for i, r := range rows {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("|")
		for c := range cols {
			cell := ""
			if c < len(r) {
				cell = r[c]
			}
			b.WriteString(" " + escape(cell) + " |")
		}
		if i == 0 {
			b.WriteString("\n|" + strings.Repeat(" --- |", cols))
		}
	}
}

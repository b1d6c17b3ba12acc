package importer

import (
	"strings"
	"unicode"

	"disclose/internal/diag"
	"disclose/internal/docx"
)

// docxLines turns a document's blocks into lines: each line of a
// paragraph, cleaned as a text file's lines are, the lines after a
// paragraph's first joined to it; each table one line of its own. No is
// the block's number, 1-based.
func docxLines(name string, doc *docx.Document, problems *diag.List) []line {
	var out []line
	trimmed := 0
	for i, b := range doc.Blocks {
		if b.Table != nil {
			out = append(out, line{No: i + 1, Table: cleanTable(b.Table)})
			continue
		}
		first := true
		for _, s := range b.Lines {
			s = dropControls(name, 0, s, problems)
			t := strings.TrimFunc(s, unicode.IsSpace)
			if t != s {
				trimmed++
			}
			if t == "" {
				continue
			}
			out = append(out, line{Text: t, No: i + 1, Joined: !first})
			first = false
		}
	}
	if trimmed > 0 {
		problems.Add(diag.Diagnostic{Path: name, Severity: diag.Warning, Rule: "indent",
			Message: "已去除部分行首尾的空格, 页面会自行缩进段落; removed the spaces at the start or end of some lines: the page indents paragraphs itself"})
	}
	return out
}

// cleanTable drops the controls of every cell: a table keeps its shape.
func cleanTable(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r))
		for j, c := range r {
			out[i][j] = strings.TrimFunc(strings.Map(func(r rune) rune {
				if isControl(r) || r == '\t' {
					return ' '
				}
				return r
			}, c), unicode.IsSpace)
		}
	}
	return out
}

package docx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// reader walks document.xml's body.
type reader struct {
	doc    *Document
	num    *numberingPart
	styles map[string]numPr
}

// warn reports something left out of the block being read: "paragraph N"
// counts the body's paragraphs and tables, as Document.Blocks does.
func (r *reader) warn(format string, args ...any) {
	msg := fmt.Sprintf("第 %d 段: %s", len(r.doc.Blocks)+1, fmt.Sprintf(format, args...))
	if !slices.Contains(r.doc.Warnings, msg) {
		r.doc.Warnings = append(r.doc.Warnings, msg)
	}
}

func isWord(n xml.Name, local string) bool { return n.Local == local && wordNS[n.Space] }

// body reads every paragraph and table, at any depth outside them (content
// controls, w:sdt, hold paragraphs too).
func (r *reader) body(d *xml.Decoder) error {
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		start, ok := tok.(xml.StartElement)
		switch {
		case !ok:
		case isWord(start.Name, "p"):
			lines, err := r.paragraph(d)
			if err != nil {
				return err
			}
			r.doc.Blocks = append(r.doc.Blocks, Block{Lines: lines})
		case isWord(start.Name, "tbl"):
			rows, err := r.table(d)
			if err != nil {
				return err
			}
			r.doc.Blocks = append(r.doc.Blocks, Block{Table: rows})
		case skipped(start.Name):
			if err := d.Skip(); err != nil {
				return err
			}
		}
	}
	for f := range r.num.unknown {
		r.doc.Warnings = append(r.doc.Warnings, fmt.Sprintf("未知编号格式 %[1]q, 已用阿拉伯数字写出; numbering format %[1]q is written in Arabic digits", f))
	}
	slices.Sort(r.doc.Warnings[len(r.doc.Warnings)-len(r.num.unknown):])
	return nil
}

// skipped reports elements whose content is not the text: deleted text,
// field instructions, and the fallback copy of alternate content.
func skipped(n xml.Name) bool {
	if n.Local == "Fallback" && !wordNS[n.Space] {
		return true
	}
	return wordNS[n.Space] && slices.Contains([]string{"del", "moveFrom", "instrText", "delInstrText", "sectPr"}, n.Local)
}

// paragraph reads one w:p, whose start was just read, and returns its
// lines, its number (if Word numbers it) first.
func (r *reader) paragraph(d *xml.Decoder) ([]string, error) {
	var (
		lines  = []string{""}
		props  numPr
		style  string
		hidden bool
		depth  int
	)
	add := func(s string) { lines[len(lines)-1] += s }
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if depth == 0 {
				return r.numbered(lines, props, style), nil
			}
			depth--
			if isWord(t.Name, "r") {
				hidden = false
			}
		case xml.StartElement:
			handled, err := r.inline(d, t, &props, &style, &hidden, add, func() { lines = append(lines, "") })
			if err != nil {
				return nil, err
			}
			if !handled {
				depth++
			}
		}
	}
}

// inline handles one element inside a paragraph. It reports whether it
// read the element whole; if not, the caller walks into it.
func (r *reader) inline(d *xml.Decoder, t xml.StartElement, props *numPr, style *string, hidden *bool, add func(string), newLine func()) (bool, error) {
	name := t.Name.Local
	if !wordNS[t.Name.Space] {
		if skipped(t.Name) {
			return true, d.Skip()
		}
		return false, nil
	}
	switch name {
	case "pPr":
		var p struct {
			Style *val   `xml:"pStyle"`
			NumPr *numPr `xml:"numPr"`
		}
		if err := d.DecodeElement(&p, &t); err != nil {
			return true, err
		}
		if p.Style != nil {
			*style = p.Style.Val
		}
		if p.NumPr != nil {
			*props = *p.NumPr
		}
		return true, nil
	case "rPr":
		var p struct {
			Vanish *val `xml:"vanish"`
		}
		err := d.DecodeElement(&p, &t)
		*hidden = p.Vanish != nil && p.Vanish.Val != "0" && p.Vanish.Val != "false"
		return true, err
	case "t":
		var s string
		err := d.DecodeElement(&s, &t)
		if !*hidden {
			add(s)
		}
		return true, err
	case "tab":
		add("\t")
	case "noBreakHyphen":
		add("\u2011")
	case "br", "cr":
		if !slices.ContainsFunc(t.Attr, func(a xml.Attr) bool { return a.Name.Local == "type" && a.Value != "textWrapping" }) {
			newLine()
		}
	case "drawing", "pict", "object":
		r.warn("图片、文本框等未导入; a picture, text box or object was left out")
	case "footnoteReference", "endnoteReference":
		r.warn("脚注未导入; a footnote was left out")
	case "sym":
		r.warn("符号字体字符未导入; a symbol-font character was left out")
	case "p":
		return false, nil // a paragraph inside a paragraph (malformed): its text joins this one
	default:
		if skipped(t.Name) {
			return true, d.Skip()
		}
		return false, nil
	}
	return true, d.Skip()
}

// numbered puts the paragraph's number before its text.
func (r *reader) numbered(lines []string, own numPr, style string) []string {
	p := r.styles[style]
	if own.NumID != nil {
		p.NumID = own.NumID
	}
	if own.Ilvl != nil {
		p.Ilvl = own.Ilvl
	}
	if p.NumID == nil || p.NumID.Val == "0" {
		return lines
	}
	ilvl := 0
	if p.Ilvl != nil {
		ilvl = atoi(p.Ilvl.Val, 0)
	}
	lines[0] = r.num.next(p.NumID.Val, ilvl) + lines[0]
	return lines
}

// table reads one w:tbl, whose start was just read: rows of cells, a cell's
// paragraphs and lines joined by spaces (a Markdown table cell holds one
// line), a merged cell followed by empty ones so that the columns line up.
func (r *reader) table(d *xml.Decoder) ([][]string, error) {
	var rows [][]string
	var cell []string
	span := 1
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case isWord(t.Name, "tr"):
				rows = append(rows, nil)
			case isWord(t.Name, "tc"):
				cell, span = nil, 1
			case isWord(t.Name, "gridSpan"):
				for _, a := range t.Attr {
					if a.Name.Local == "val" {
						span = min(max(atoi(a.Value, 1), 1), 64)
					}
				}
			case isWord(t.Name, "p"):
				lines, err := r.paragraph(d)
				if err != nil {
					return nil, err
				}
				cell = append(cell, lines...)
			case isWord(t.Name, "tbl"):
				r.warn("嵌套表格已展开为单元格中的文字; a table inside a table cell is written as the cell's text")
				inner, err := r.table(d)
				if err != nil {
					return nil, err
				}
				for _, row := range inner {
					cell = append(cell, row...)
				}
			case skipped(t.Name):
				if err := d.Skip(); err != nil {
					return nil, err
				}
			}
		case xml.EndElement:
			switch {
			case isWord(t.Name, "tc") && len(rows) > 0:
				rows[len(rows)-1] = append(rows[len(rows)-1], joinCell(cell))
				for range span - 1 {
					rows[len(rows)-1] = append(rows[len(rows)-1], "")
				}
			case isWord(t.Name, "tbl"):
				return rows, nil
			}
		}
	}
}

func joinCell(lines []string) string {
	var parts []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " ")
}

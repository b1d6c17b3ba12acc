// Package docx reads the text of a Word document (.docx, Office Open XML)
// with the standard library alone (archive/zip, encoding/xml): paragraphs,
// their runs and line breaks, and tables; Word's automatic numbering
// (numbering.xml), written out as the reader sees it ("一、", "（一）", "1.",
// "（1）"), because in a notice the numbers are part of the text. What has
// no text form (pictures, text boxes, footnotes) is left out and said so.
//
// It knows nothing of notices: package importer reads its result.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Block is one paragraph or one table of the document's body.
type Block struct {
	Lines []string   // a paragraph: its text, split at Word's line breaks
	Table [][]string // a table: rows of cells' text
}

// Document is a document's text.
type Document struct {
	Blocks   []Block
	Warnings []string // what was left out, and where: "paragraph 12: …"
}

// maxPart is the most a part of the document may hold unzipped: a notice
// is some tens of kilobytes; a zip bomb is not read.
const maxPart = 64 << 20

// Namespaces of WordprocessingML: transitional and strict.
var wordNS = map[string]bool{
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main": true,
	"http://purl.oclc.org/ooxml/wordprocessingml/main":             true,
}

// ErrNotDocx is returned for a file that is not a Word document.
var ErrNotDocx = errors.New("不是 Word .docx 文件: 请在 Word 中另存为 .docx, 或导入文本; not a Word document (.docx): save it from Word as .docx, or give the text")

// Read reads the document in data.
func Read(data []byte) (*Document, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, ErrNotDocx
	}
	main := mainPart(z)
	body, err := readPart(z, main)
	if err != nil {
		return nil, err
	}
	if body == nil {
		return nil, ErrNotDocx
	}
	dir := path.Dir(main)
	r := &reader{doc: &Document{}}
	if r.num, err = readNumbering(z, dir); err != nil {
		return nil, err
	}
	if r.styles, err = readStyles(z, dir); err != nil {
		return nil, err
	}
	if err := r.body(xml.NewDecoder(bytes.NewReader(body))); err != nil {
		return nil, fmt.Errorf("文档内容无法读取: %s: %w", main, err)
	}
	return r.doc, nil
}

// mainPart finds the main document part through the package relationships,
// or at its usual name.
func mainPart(z *zip.Reader) string {
	rels, err := readPart(z, "_rels/.rels")
	if err == nil && rels != nil {
		var x struct {
			Rels []struct {
				Type   string `xml:"Type,attr"`
				Target string `xml:"Target,attr"`
			} `xml:"Relationship"`
		}
		if xml.Unmarshal(rels, &x) == nil {
			for _, rel := range x.Rels {
				if strings.HasSuffix(rel.Type, "/officeDocument") {
					return strings.TrimPrefix(path.Clean("/"+rel.Target), "/")
				}
			}
		}
	}
	return "word/document.xml"
}

// readPart returns the unzipped part name, or nil when there is none.
func readPart(z *zip.Reader, name string) ([]byte, error) {
	for _, f := range z.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("文件已损坏: %s: %w", name, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
		if err != nil {
			return nil, fmt.Errorf("文件已损坏: %s: %w", name, err)
		}
		if len(b) > maxPart {
			return nil, fmt.Errorf("文件过大: %[1]s 解压后超过 %[2]d MiB, 不是通报; %[1]s is larger than %[2]d MiB unzipped: not a notice", name, maxPart>>20)
		}
		return b, nil
	}
	return nil, nil
}

// val is an element whose value is its w:val attribute.
type val struct {
	Val string `xml:"val,attr"`
}

// numPr is a paragraph's numbering: which list, which level.
type numPr struct {
	Ilvl  *val `xml:"ilvl"`
	NumID *val `xml:"numId"`
}

// readStyles reads the numbering each paragraph style gives, following
// basedOn.
func readStyles(z *zip.Reader, dir string) (map[string]numPr, error) {
	src, err := readPart(z, path.Join(dir, "styles.xml"))
	if src == nil || err != nil {
		return nil, err
	}
	var x struct {
		Styles []struct {
			ID      string `xml:"styleId,attr"`
			BasedOn *val   `xml:"basedOn"`
			PPr     struct {
				NumPr *numPr `xml:"numPr"`
			} `xml:"pPr"`
		} `xml:"style"`
	}
	if err := xml.Unmarshal(src, &x); err != nil {
		return nil, nil // a broken styles.xml only loses style numbering
	}
	own, base := map[string]numPr{}, map[string]string{}
	for _, s := range x.Styles {
		if s.PPr.NumPr != nil {
			own[s.ID] = *s.PPr.NumPr
		}
		if s.BasedOn != nil {
			base[s.ID] = s.BasedOn.Val
		}
	}
	styles := map[string]numPr{}
	for _, s := range x.Styles {
		id := s.ID
		for range 10 { // basedOn chains are short; a cycle must not hang
			if p, ok := own[id]; ok {
				styles[s.ID] = p
				break
			}
			if id = base[id]; id == "" {
				break
			}
		}
	}
	return styles, nil
}

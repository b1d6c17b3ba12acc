package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// makeDocx zips parts (name → XML) into a .docx.
func makeDocx(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for name := range parts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		f, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(parts[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func document(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + w + `><w:body>` + body + `</w:body></w:document>`
}

// numberingXML is a list in the four Chinese outline levels.
const numberingXML = `<w:numbering ` + w + `>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/><w:suff w:val="space"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="3"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>`

const stylesXML = `<w:styles ` + w + `>
<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>
</w:styles>`

func p(numID, ilvl, text string) string {
	num := ""
	if numID != "" {
		num = `<w:pPr><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr>`
	}
	return `<w:p>` + num + `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func TestRead(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		want     []string // paragraphs' lines joined by "|", a table's rows as "[a,b]"
		warnings []string
	}{
		{"runs, spaces, tabs and line breaks",
			`<w:p><w:r><w:t>根据</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> 省委 </w:t></w:r><w:r><w:tab/><w:t>部署</w:t><w:br/><w:t>第二行</w:t><w:br w:type="page"/><w:t>同行</w:t></w:r></w:p>`,
			[]string{"根据 省委 \t部署|第二行同行"}, nil},
		{"four Chinese outline levels, deeper levels restart",
			p("1", "0", "甲") + p("1", "1", "乙") + p("1", "2", "丙") + p("1", "3", "丁") + p("1", "3", "戊") +
				p("1", "2", "己") + p("1", "1", "庚") + p("1", "0", "辛") + p("1", "1", "壬"),
			[]string{"一、甲", "（一）乙", "1.丙", "（1）丁", "（2）戊", "2.己", "（二）庚", "二、辛", "（一）壬"}, nil},
		{"numbering from the paragraph style, through basedOn",
			`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>一节</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:pStyle w:val="MyHeading"/></w:pPr><w:r><w:t>二节</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>无编号</w:t></w:r></w:p>`,
			[]string{"一、一节", "二、二节", "无编号"}, nil},
		{"other formats, a suffix space, a start override",
			p("2", "0", "圆") + p("2", "1", "天干") + p("3", "1", "五"),
			[]string{"① 圆", "①.丙天干", "（五）五"}, nil},
		{"hidden, deleted and field-code text is not text",
			`<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>` +
				`<w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>` +
				`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
				`<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>`,
			[]string{"插入3链接"}, nil},
		{"a table, a merged cell, a cell of two paragraphs",
			`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>金额</w:t></w:r></w:p></w:tc></w:tr>` +
				`<w:tr><w:tc><w:p><w:r><w:t>资金</w:t></w:r></w:p><w:p><w:r><w:t>专项</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>`,
			[]string{"[项目,金额,]", "[资金 专项,1,]"}, nil},
		{"pictures and text boxes are left out, and said so",
			`<w:p><w:r><w:t>前</w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:p><w:r><w:t>框内</w:t></w:r></w:p></wp:inline></w:drawing></w:r><w:r><w:t>后</w:t></w:r></w:p>`,
			[]string{"前后"}, []string{"第 1 段: 图片、文本框等未导入; a picture, text box or object was left out"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(makeDocx(t, map[string]string{
				"word/document.xml": document(tt.body), "word/numbering.xml": numberingXML, "word/styles.xml": stylesXML}))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range doc.Blocks {
				if b.Table != nil {
					for _, r := range b.Table {
						got = append(got, "["+strings.Join(r, ",")+"]")
					}
					continue
				}
				got = append(got, strings.Join(b.Lines, "|"))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if !slices.Equal(doc.Warnings, tt.warnings) {
				t.Errorf("warnings: got %q, want %q", doc.Warnings, tt.warnings)
			}
		})
	}
}

func TestReadMainPartFromRelationships(t *testing.T) {
	data := makeDocx(t, map[string]string{
		"_rels/.rels":  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="doc/main.xml"/></Relationships>`,
		"doc/main.xml": document(p("", "", "正文")),
	})
	doc, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 1 || doc.Blocks[0].Lines[0] != "正文" {
		t.Errorf("got %+v, want one paragraph 正文", doc.Blocks)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("根据省委统一部署"), ErrNotDocx.Error()},
		{"a zip without a document", makeDocx(t, map[string]string{"a.txt": "x"}), ErrNotDocx.Error()},
		{"broken XML", makeDocx(t, map[string]string{"word/document.xml": document("<w:p><w:r>")}), "word/document.xml: XML syntax error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
			if tt.want == ErrNotDocx.Error() && !errors.Is(err, ErrNotDocx) {
				t.Errorf("got %v, want ErrNotDocx", err)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	n := &numberingPart{unknown: map[string]bool{}}
	tests := []struct {
		format string
		v      int
		want   string
	}{
		{"decimal", 12, "12"}, {"decimalZero", 3, "03"}, {"decimalFullWidth", 12, "１２"},
		{"chineseCounting", 10, "十"}, {"chineseCounting", 11, "十一"}, {"chineseCountingThousand", 23, "二十三"},
		{"chineseLegalSimplified", 12, "拾贰"}, {"ideographTraditional", 1, "甲"}, {"ideographZodiac", 12, "亥"},
		{"decimalEnclosedCircle", 20, "⑳"}, {"decimalEnclosedParen", 2, "⑵"}, {"decimalEnclosedFullstop", 3, "⒊"},
		{"upperLetter", 27, "AA"}, {"lowerLetter", 2, "b"}, {"upperRoman", 14, "XIV"}, {"lowerRoman", 4, "iv"},
		{"chineseCounting", 100, "100"}, {"madeUpFormat", 7, "7"},
	}
	for _, tt := range tests {
		if got := n.format(tt.format, tt.v); got != tt.want {
			t.Errorf("format(%s, %d): got %q, want %q", tt.format, tt.v, got, tt.want)
		}
	}
	if !n.unknown["madeUpFormat"] {
		t.Error("an unknown format was not noted")
	}
}

// FuzzRead reads any bytes as a .docx: no panic, and either an error or a
// document.
func FuzzRead(f *testing.F) {
	f.Add([]byte("PK\x03\x04"))
	f.Add(makeDocx(f, map[string]string{"word/document.xml": document(p("1", "0", "甲")), "word/numbering.xml": numberingXML}))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(data)
		if (doc == nil) == (err == nil) {
			t.Fatalf("got document %v and error %v: want exactly one", doc, err)
		}
	})
}

// FuzzParts reads documents whose XML parts are any text: no panic, and
// either an error or a document.
func FuzzParts(f *testing.F) {
	f.Add(p("1", "0", "甲")+p("1", "1", "乙")+p("3", "1", "丙"), numberingXML, stylesXML)
	f.Add(`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>`, "", "")
	f.Add(`<w:p><w:pPr><w:pStyle w:val="A"/></w:pPr></w:p>`, numberingXML, `<w:styles `+w+`><w:style w:styleId="A"><w:basedOn w:val="A"/></w:style></w:styles>`)
	f.Fuzz(func(t *testing.T, body, numbering, styles string) {
		data := makeDocx(t, map[string]string{"word/document.xml": document(body), "word/numbering.xml": numbering, "word/styles.xml": styles})
		doc, err := Read(data)
		if (doc == nil) == (err == nil) {
			t.Fatalf("got document %v and error %v: want exactly one", doc, err)
		}
	})
}

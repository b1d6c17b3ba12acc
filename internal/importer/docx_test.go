package importer_test

import (
	"archive/zip"
	"bytes"
	"os"
	"strings"
	"testing"

	"disclose/internal/importer"
)

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// makeDocx zips a document body, numbering.xml and styles.xml into a .docx.
func makeDocx(t testing.TB, body, numbering, styles string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	parts := [][2]string{
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`},
		{"word/numbering.xml", numbering},
		{"word/styles.xml", styles},
	}
	for _, p := range parts {
		f, err := z.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(p[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Word numbering in the Chinese outline levels: 一、 （一） 1. （1）; the
// section titles take it from their style.
const (
	chineseNumbering = `<w:numbering ` + wordNS + `><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	headingStyle = `<w:styles ` + wordNS + `><w:style w:type="paragraph" w:styleId="1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`
)

// para is a paragraph of runs, numbered at level ilvl (0 to 3) of the
// list, or by the heading style (ilvl -2), or not (-1).
func para(ilvl int, runs ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	switch {
	case ilvl == -2:
		b.WriteString(`<w:pPr><w:pStyle w:val="1"/></w:pPr>`)
	case ilvl >= 0:
		b.WriteString(`<w:pPr><w:numPr><w:ilvl w:val="` + string(rune('0'+ilvl)) + `"/><w:numId w:val="1"/></w:numPr></w:pPr>`)
	}
	for _, r := range runs {
		if r == "\n" {
			b.WriteString("<w:r><w:br/></w:r>")
			continue
		}
		b.WriteString(`<w:r><w:t xml:space="preserve">` + r + `</w:t></w:r>`)
	}
	b.WriteString("</w:p>")
	return b.String()
}

// TestDocxRoundTrip imports a Word document with automatic Chinese
// numbering, a line break and a table, builds it, and reads the page:
// the numbers are written out, and every line reads as in Word.
func TestDocxRoundTrip(t *testing.T) {
	body := para(-1, "中共某某县财政局委员会关于县委巡察整改情况的通报") +
		para(-1, "2025-04-10 15:00 某某县纪委县监委网站") +
		para(-1, "根据县委统一部署，2024年10月8日至11月29日，", "县委第一巡察组对县财政局党组开展了巡察。", "12月20日，县委巡察组向县财政局党组反馈了巡察意见。") +
		para(-1, "在巡察整改工作中，收回资金125.8万元；建立制度6项。") +
		para(-2, "关于“预算管理不规范”问题的整改情况") +
		para(1, "规范预算编制。全面推行零基预算。") +
		para(2, "细化项目支出。逐项核定支出标准。") +
		para(3, "压减一般性支出。压减8%。") +
		para(3, "严控“三公”经费。") +
		para(2, "强化绩效评价。") +
		para(1, "加强资产管理。", "\n", "全面清查行政事业单位资产。") +
		para(-2, "关于“财会监督不到位”问题的整改情况") +
		para(1, "健全财会监督机制。") +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>金额|万元</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p><w:r><w:t>收回资金</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>125.8</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		para(-1, "下一步，县财政局党组将持续巩固整改成果。") +
		para(-1, "欢迎广大干部群众对巡察整改落实情况进行监督。联系方式：电话0571-12345678；邮政信箱：某某县财政局办公室。") +
		para(-1, "中共某某县财政局委员会", "\n", "2025年4月10日")
	data := makeDocx(t, body, chineseNumbering, headingStyle)
	r, problems := importer.File("notice.docx", data, importer.Options{})
	if r == nil {
		t.Fatalf("import failed: %v", problems)
	}
	if len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	n := parsed(t, r)
	checkFrontMatter(t, n, want{
		title: "中共某某县财政局委员会关于县委巡察整改情况的通报", date: "2025-04-10T15:00:00+08:00",
		source: "某某县纪委县监委网站", punctuation: "full",
		kind: "巡察", group: "县委第一巡察组", organization: "县财政局党组",
		start: "2024-10-08", end: "2024-11-29", feedback: "2024-12-20",
		stats: []string{"收回资金 125.8 万元", "建立制度 6 项"},
		phone: "0571-12345678", mailbox: "某某县财政局办公室",
		signOrg: "中共某某县财政局委员会", signDate: "2025-04-10", complete: true,
	})
	p := buildPage(t, r)
	want := []string{
		"2025年4月10日 某某县纪委县监委网站",
		"根据县委统一部署，2024年10月8日至11月29日，县委第一巡察组对县财政局党组开展了巡察。12月20日，县委巡察组向县财政局党组反馈了巡察意见。",
		"在巡察整改工作中，收回资金125.8万元；建立制度6项。",
		"一、关于“预算管理不规范”问题的整改情况",
		"（一）规范预算编制。全面推行零基预算。",
		"1.细化项目支出。逐项核定支出标准。",
		"（1）压减一般性支出。压减8%。",
		"（2）严控“三公”经费。",
		"2.强化绩效评价。",
		"（二）加强资产管理。",
		"全面清查行政事业单位资产。",
		"二、关于“财会监督不到位”问题的整改情况",
		"（一）健全财会监督机制。",
		"项目\t金额|万元",
		"收回资金\t125.8",
		"下一步，县财政局党组将持续巩固整改成果。",
		"欢迎广大干部群众对巡察整改落实情况进行监督。联系方式：电话0571-12345678；邮政信箱：某某县财政局办公室。",
		"中共某某县财政局委员会",
		"2025年4月10日",
	}
	diffLines(t, p.Lines, want)
	checkSections(t, p)
	if wantSections := 2 + 3 + 2 + 2; len(p.Sections) != wantSections {
		t.Errorf("got %d sections and items %q, want %d", len(p.Sections), p.Sections, wantSections)
	}
	if !strings.Contains(string(r.Source), "（二）加强资产管理。\\\n全面清查") {
		t.Errorf("the line break is not a Markdown hard break:\n%s", r.Source)
	}
	golden(t, "numbered.md", r.Source)
	committedDocx(t, data, r)
}

// committedDocx keeps testdata/numbered.docx, which the CLI's tests
// import, the document this test builds: written with -update, and
// otherwise imported and compared.
func committedDocx(t *testing.T, data []byte, r *importer.Result) {
	t.Helper()
	const path = "testdata/numbered.docx"
	if *update {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	committed, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, problems := importer.File("numbered.docx", committed, importer.Options{})
	if c == nil || !bytes.Equal(c.Source, r.Source) {
		t.Errorf("%s imports otherwise than the document the test builds (run go test -update): %v", path, problems)
	}
}

// TestDocxErrors: a file named .docx that is not one gets a clear message.
func TestDocxErrors(t *testing.T) {
	r, problems := importer.File("notice.docx", []byte("根据省委统一部署"), importer.Options{})
	if r != nil || len(problems) != 1 || !strings.Contains(problems[0].String(), "notice.docx: 不是 Word .docx 文件") {
		t.Errorf("got %v, %v; want no result and one error naming the file", r, problems)
	}
}

// TestDocxBreaksAroundRecognisedLines: lines of one Word paragraph that go
// to the front matter leave the rest of the paragraph whole.
func TestDocxBreaksAroundRecognisedLines(t *testing.T) {
	body := para(-1, header, "\n", intro, "\n", "第二句。") + para(-1, contact, "\n", "中共某单位党组", "\n", "2025年6月17日")
	r, problems := importer.Docx("notice.docx", makeDocx(t, body, "", ""), importer.Options{})
	if r == nil || roles(r) != "HBBCSS" || len(problems) > 0 {
		t.Fatalf("got %v, %v; want roles HBBCSS", r, problems)
	}
	_, md, _ := strings.Cut(string(r.Source), "+++\n\n")
	if want := intro + "\\\n第二句。\n"; md != want {
		t.Errorf("got body %q, want %q", md, want)
	}
	checkImport(t, r)
}

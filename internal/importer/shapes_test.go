package importer_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"disclose/internal/importer"
)

const (
	intro   = "根据省委统一部署,2024年3月18日至5月20日,省委第六巡视组对某单位党组开展了巡视。8月8日,省委巡视组向某单位党组反馈了巡视意见。"
	contact = "欢迎监督。联系方式:电话0571-87050365;邮政信箱:某信箱;电子邮箱:a@b.cn。"
	sign    = "中共某单位党组\n2025年6月17日"
	header  = "2025-06-17 09:00 某网站"
)

func roles(r *importer.Result) string {
	names := map[importer.Role]string{importer.Body: "B", importer.Title: "T", importer.Header: "H",
		importer.Disclosure: "D", importer.Contact: "C", importer.Signature: "S", importer.Chrome: "X"}
	var b strings.Builder
	for _, l := range r.Lines {
		b.WriteString(names[l.Role])
	}
	return b.String()
}

// TestShapes imports notices whose parts are written in other ways than
// the page writes them: what the page cannot write back stays in the body,
// with a warning, and the notice is a draft where the editor must decide.
func TestShapes(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		roles    string   // each line's role: T title, H header, D disclosure, B body, C contact, S signature
		warnings []string // substrings, in order
		complete bool
		check    func(t *testing.T, r *importer.Result)
	}{
		{"the seed's shape", strings.Join([]string{header, intro, contact, sign}, "\n"), "HBCSS", nil, true, nil},
		{"contact lines of another shape, over two lines, are kept as published",
			strings.Join([]string{header, intro, "联系电话:0571-87050365。", "欢迎监督。联系方式:电话:0571-87050365;邮政信箱:某信箱。", sign}, "\n"),
			"HBCCSS", nil, true, func(t *testing.T, r *importer.Result) {
				want := `text = "联系电话:0571-87050365。\u000A欢迎监督。联系方式:电话:0571-87050365;邮政信箱:某信箱。"` + "\nphone = \"0571-87050365\"\nmailbox = \"某信箱\"\n"
				if !strings.Contains(string(r.Source), want) {
					t.Errorf("got\n%s\nwant [contact] with\n%s", r.Source, want)
				}
			}},
		{"a contact line with mixed punctuation is kept as published",
			strings.Join([]string{header, intro, "欢迎监督。联系方式：电话0571-87050365;邮政信箱：某信箱。", sign}, "\n"),
			"HBCSS", nil, true, nil},
		{"a signature date with a leading zero is kept as published in date_text",
			strings.Join([]string{header, intro, contact, "中共某单位党组", "2025年06月17日"}, "\n"),
			"HBCSS", nil, true,
			func(t *testing.T, r *importer.Result) {
				if want := "date = 2025-06-17\ndate_text = \"2025年06月17日\"\n"; !strings.Contains(string(r.Source), want) {
					t.Errorf("got\n%s\nwant [signature] with\n%s", r.Source, want)
				}
			}},
		{"no header and a zero-padded signature date: the date still dates the notice",
			strings.Join([]string{intro, contact, "中共某单位党组", "2025年06月17日"}, "\n"),
			"BCSS", []string{"not recognised: source;", "未找到发布时间, date 取落款日期 2025-06-17"}, false,
			func(t *testing.T, r *importer.Result) {
				if r.Year != 2025 || !strings.Contains(string(r.Source), "date = 2025-06-17  #") {
					t.Errorf("got year %d, want 2025 and the date 2025-06-17:\n%s", r.Year, r.Source)
				}
			}},
		{"page chrome after the signature is dropped",
			strings.Join([]string{header, intro, contact, sign, "【打印本页】 【关闭窗口】"}, "\n"),
			"HBCSSX", []string{`6:1: warning: 已删除网页栏目文字 "【打印本页】 【关闭窗口】"`}, true, nil},
		{"lines after the signature: it stays in the text",
			strings.Join([]string{header, intro, contact, sign, "附件：某单位整改清单"}, "\n"),
			"HBBBBB", []string{"3:1: warning: 联系方式保留在正文中", "6:1: warning: 落款之后还有文字"}, false, nil},
		{"a signature date in Chinese numerals is kept as published in date_text",
			strings.Join([]string{header, intro, contact, "中共某单位党组", "二〇二五年六月十七日"}, "\n"),
			"HBCSS", nil, true, func(t *testing.T, r *importer.Result) {
				if !strings.Contains(string(r.Source), "date_text = \"二〇二五年六月十七日\"") {
					t.Errorf("no date_text in:\n%s", r.Source)
				}
			}},
		{"a signature line that is no date stays in the text",
			strings.Join([]string{header, intro, contact, "中共某单位党组", "二〇二五年六月下旬日"}, "\n"),
			"HBBBB", []string{"3:1: warning: 联系方式保留在正文中", "the signature's date is not a date written out"}, false, nil},
		{"a header without a time: the date is a day",
			strings.Join([]string{"2025-06-17 某网站", intro, contact, sign}, "\n"),
			"HBCSS", nil, true, func(t *testing.T, r *importer.Result) {
				if !strings.Contains(string(r.Source), "\ndate = 2025-06-17\n") || r.Header != "2025年6月17日 某网站" {
					t.Errorf("got header %q, want the day alone, in:\n%s", r.Header, r.Source)
				}
			}},
		{"no header: the date is the signature's, the source is missing",
			strings.Join([]string{intro, contact, sign}, "\n"),
			"BCSS", []string{"not recognised: ", "未找到发布时间, date 取落款日期 2025-06-17"}, false,
			func(t *testing.T, r *importer.Result) {
				if !strings.Contains(string(r.Source), "date = 2025-06-17  # 未找到发布时间, 取落款日期, 请核对; the signature's date") ||
					!strings.Contains(string(r.Source), `source = ""  # 未识别, 请填写来源网站; not found in the text`) {
					t.Errorf("date and source not noted:\n%s", r.Source)
				}
			}},
		{"an introduction without the inspection",
			strings.Join([]string{header, "现将整改情况予以公布。", contact, sign}, "\n"),
			"HBCSS", []string{"not recognised: ", "the introduction does not say"}, false, nil},
		{"a period across the new year, feedback without a year",
			strings.Join([]string{header, "2024年11月18日至1月17日,市委第三巡察组对某局党委开展了巡察。3月5日,市委巡察组向某局党委反馈了巡察意见。", contact, sign}, "\n"),
			"HBCSS", nil, true, func(t *testing.T, r *importer.Result) {
				for _, s := range []string{"start = 2024-11-18", "end = 2025-01-17", "feedback = 2025-03-05", `kind = "巡察"`} {
					if !strings.Contains(string(r.Source), s) {
						t.Errorf("no %s in:\n%s", s, r.Source)
					}
				}
			}},
		// The page writes the header before the body: a header after a line
		// that stays in the body cannot be written back where it was.
		{"a disclosure line with a label import does not know stays in the text, and so does the header after it",
			strings.Join([]string{"索引号:1 备注:无", header, intro, contact, sign}, "\n"),
			"BBBCSS", []string{"not recognised: ", "未找到发布时间"}, false, nil},
		{"disclosure labels on one line, and a bad written date",
			strings.Join([]string{"索引号：A-1  文号：某〔2025〕1号  公开方式：主动公开", "成文日期：2025年13月1日", header, intro, contact, sign}, "\n"),
			"DBBBCSS", []string{"not recognised: ", `2:1: warning: 无法识别的成文日期 "2025年13月1日"`}, false,
			func(t *testing.T, r *importer.Result) {
				for _, s := range []string{`index_number = "A-1"`, `document_number = "某〔2025〕1号"`, `method = "主动公开"`} {
					if !strings.Contains(string(r.Source), s) {
						t.Errorf("no %s in:\n%s", s, r.Source)
					}
				}
			}},
		{"control characters are removed and reported",
			header + "\n" + intro + "\x0b\n" + contact + "\n" + sign,
			"HBCSS", []string{"2:" + itoa(len([]rune(intro))+1) + ": warning: 已删除不可见的控制字符 U+000B"}, true, nil},
		{"Windows line ends and indentation",
			strings.ReplaceAll(strings.Join([]string{header, "　　" + intro, contact, sign}, "\n"), "\n", "\r\n"),
			"HBCSS", []string{"removed the spaces at the start or end of 1 line(s)"}, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, problems := importer.Text("notice.txt", []byte(tt.text), importer.Options{})
			if r == nil {
				t.Fatalf("import failed: %v", problems)
			}
			if got := roles(r); got != tt.roles {
				t.Errorf("roles: got %s, want %s", got, tt.roles)
			}
			checkWarnings(t, problems, tt.warnings)
			if len(tt.warnings) == 0 && len(problems) > 0 {
				t.Errorf("got warnings %v, want none", problems)
			}
			if r.Complete != tt.complete {
				t.Errorf("complete: got %v, want %v\n%v", r.Complete, tt.complete, problems)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
			checkImport(t, r)
		})
	}
}

// TestEncodings: UTF-16 with a byte-order mark is read; a file that is no
// text gets an error at the first byte that cannot be read.
func TestEncodings(t *testing.T) {
	text := header + "\n" + intro + "\n" + contact + "\n" + sign
	le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		le = append(le, byte(u), byte(u>>8))
	}
	r, problems := importer.Text("notice.txt", le, importer.Options{})
	if r == nil || r.Encoding != importer.UTF16LE || roles(r) != "HBCSS" {
		t.Errorf("UTF-16LE: got %v, %v", r, problems)
	}
	r, problems = importer.Text("notice.txt", []byte("第一行\n第二\x81\x20行"), importer.Options{})
	if r != nil || len(problems) != 1 || !strings.HasPrefix(problems[0].String(), "notice.txt:2:3: 文件编码有误: 此前是 UTF-8 文本") {
		t.Errorf("damaged UTF-8: got %v, %v; want notice.txt:2:3: …", r, problems)
	}
	r, problems = importer.Text("notice.txt", []byte("abc\n\x81\x30\x81\x30\xd6\xd0\xff"), importer.Options{})
	if r != nil || len(problems) != 1 || !strings.HasPrefix(problems[0].String(), "notice.txt:2:3: 无法识别文件编码") {
		t.Errorf("undecodable: got %v, %v; want notice.txt:2:3: …", r, problems)
	}
}

// TestUnsupported: formats import does not read get a message saying what
// to do instead.
func TestUnsupported(t *testing.T) {
	for _, tt := range []struct{ data, want string }{
		{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", "notice.doc: 这是旧版 Word (.doc) 或 WPS 文件"},
		{"%PDF-1.7\n", "notice.doc: PDF 文件无法导入"},
	} {
		r, problems := importer.File("notice.doc", []byte(tt.data), importer.Options{})
		if r != nil || len(problems) != 1 || !strings.HasPrefix(problems[0].String(), tt.want) {
			t.Errorf("got %v, %v; want an error %q", r, problems, tt.want)
		}
	}
}

// TestHeaders reads the header lines websites print.
func TestHeaders(t *testing.T) {
	tests := []struct{ line, date, source string }{
		{"2025-06-17 09:00 浙江省纪委省监委网站", "2025-06-17 09:00", "浙江省纪委省监委网站"},
		{"发布时间：2025-06-17 09:00:00 来源：浙江省纪委省监委网站", "2025-06-17 09:00", "浙江省纪委省监委网站"},
		{"发布日期：2025年06月17日 09:00  信息来源：某市纪委监委  字号：大 中 小  【打印】", "2025-06-17 09:00", "某市纪委监委"},
		{"来源：某县纪委县监委 发布时间：2025-06-17 16:30", "2025-06-17 16:30", "某县纪委县监委"},
		{"2025/6/17 9:05 某网站 【关闭窗口】", "2025-06-17 09:05", "某网站"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			r, problems := importer.Text("notice.txt", []byte(tt.line+"\n"+intro+"\n"+contact+"\n"+sign), importer.Options{})
			if r == nil || roles(r) != "HBCSS" {
				t.Fatalf("got %v, %v; want the first line read as the header", r, problems)
			}
			if want := pageHeader(tt.date + " " + tt.source); r.Header != want {
				t.Errorf("got header %q, want %q", r.Header, want)
			}
			checkImport(t, r)
		})
	}
}

// TestDocxDisclosureTable: a table of 政府信息公开 metadata at the top of a
// Word document goes to [disclosure].
func TestDocxDisclosureTable(t *testing.T) {
	cell := func(s string) string { return `<w:tc><w:p><w:r><w:t>` + s + `</w:t></w:r></w:p></w:tc>` }
	table := `<w:tbl><w:tr>` + cell("索引号") + cell("A-7") + cell("发布机构") + cell("某县纪委") + `</w:tr>` +
		`<w:tr>` + cell("成文日期：2025-06-17") + cell("公开方式：主动公开") + `</w:tr></w:tbl>`
	var body strings.Builder
	body.WriteString(table)
	for _, s := range strings.Split(header+"\n"+intro+"\n"+contact+"\n"+sign, "\n") {
		body.WriteString(para(-1, s))
	}
	r, problems := importer.Docx("notice.docx", makeDocx(t, body.String(), "", ""), importer.Options{})
	if r == nil || roles(r) != "DHBCSS" || len(problems) > 0 {
		t.Fatalf("got %v, %v; want roles DHBCSS", r, problems)
	}
	for _, s := range []string{`index_number = "A-7"`, `publisher = "某县纪委"`, "written_date = 2025-06-17", `method = "主动公开"`} {
		if !strings.Contains(string(r.Source), s) {
			t.Errorf("no %s in:\n%s", s, r.Source)
		}
	}
	checkImport(t, r)
}

// TestIntroductions reads the inspection from introductions written in the
// ways notices write them.
func TestIntroductions(t *testing.T) {
	tests := []struct{ intro, kind, group, org, start, end, feedback string }{
		{"按照市委统一部署，市委第一巡察组于2024年4月8日至6月7日对市财政局党组进行了常规巡察，并于2024年7月10日反馈了巡察意见。",
			"巡察", "市委第一巡察组", "市财政局党组", "2024-04-08", "2024-06-07", "2024-07-10"},
		{"2024年3月18日至5月20日省委第六巡视组对省妇联党组开展了巡视，8月8日向省妇联党组反馈了巡视意见。",
			"巡视", "省委第六巡视组", "省妇联党组", "2024-03-18", "2024-05-20", "2024-08-08"},
		{"根据中央统一部署，2024年3月11日至5月10日，中央第十五巡视组对某省开展了常规巡视。同年7月5日，中央第十五巡视组向某省委反馈了巡视意见。",
			"巡视", "中央第十五巡视组", "某省", "2024-03-11", "2024-05-10", "2024-07-05"},
		{"根据区委巡察工作统一部署，2024年10月21日至12月20日，区委第三巡察组对区卫生健康局党委开展了巡察。2025年1月16日，区委第三巡察组向区卫生健康局党委反馈了巡察意见。",
			"巡察", "区委第三巡察组", "区卫生健康局党委", "2024-10-21", "2024-12-20", "2025-01-16"},
	}
	for _, tt := range tests {
		t.Run(tt.group, func(t *testing.T) {
			r, problems := importer.Text("notice.txt", []byte(header+"\n"+tt.intro+"\n"+contact+"\n"+sign), importer.Options{})
			if r == nil {
				t.Fatal(problems)
			}
			n := parsed(t, r)
			in := n.Inspection
			got := []string{in.Kind, in.Group, in.Organization, in.Start.ISO(), in.End.ISO(), in.Feedback.ISO()}
			want := []string{tt.kind, tt.group, tt.org, tt.start, tt.end, tt.feedback}
			if !slices.Equal(got, want) {
				t.Errorf("got %q, want %q (%v)", got, want, problems)
			}
		})
	}
}

package importer_test

import (
	"cmp"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"fmt"
	"slices"
	"strings"
	"testing"

	"disclose/internal/importer"
)

// TestWebHeaders reads header lines as websites print them, copied with
// U+00A0, U+3000, tabs or several spaces between the fields, on one line or
// two: the date (a day alone stays a day), the source, and what was cut.
func TestWebHeaders(t *testing.T) {
	tests := []struct {
		name   string
		lines  string // the header, one line or two
		header string // as the page writes it
		date   string // in the front matter
		source string
		cut    []string // quoted in warnings, in order
	}{
		{"today's form", "2025-06-17 09:00 浙江省纪委省监委网站", "2025-06-17 09:00 浙江省纪委省监委网站", "date = 2025-06-17T09:00:00+08:00", "浙江省纪委省监委网站", nil},
		{"date first, U+3000", "发布时间：2026-10-15 16:20\u3000来源：某区纪委监委", "2026-10-15 16:20 某区纪委监委", "date = 2026-10-15T16:20:00+08:00", "某区纪委监委", nil},
		{"source first, a bar", "来源：某区纪委监委 | 发布时间：2026-10-15 16:20", "2026-10-15 16:20 某区纪委监委", "date = 2026-10-15T16:20:00+08:00", "某区纪委监委", nil},
		{"an empty author", "文章来源：某市纪委监委\u00a0作者：\u00a0发布时间：2025-06-18 20:58", "2025-06-18 20:58 某市纪委监委", "date = 2025-06-18T20:58:00+08:00", "某市纪委监委", nil},
		{"an author", "文章来源：某市纪委监委  作者：王某  发布时间：2025-06-18 20:58", "2025-06-18 20:58 某市纪委监委", "date = 2025-06-18T20:58:00+08:00", "某市纪委监委", []string{"作者：王某"}},
		{"seconds, tabs", "日期：2025-06-19 08:46:31\t\t来源：某县纪委监委", "2025-06-19 08:46 某县纪委监委", "date = 2025-06-19T08:46:31+08:00", "某县纪委监委", nil},
		{"a day in Chinese", "时间：2026年10月15日 来源：某区纪委监委", "2026-10-15 某区纪委监委", "date = 2026-10-15\n", "某区纪委监委", nil},
		{"发布日期, a day", "发布日期：2025-07-26    信息来源：某市纪委监委", "2025-07-26 某市纪委监委", "date = 2025-07-26\n", "某市纪委监委", nil},
		{"a day alone, no label", "2025-07-26 某市纪委监委网站", "2025-07-26 某市纪委监委网站", "date = 2025-07-26\n", "某市纪委监委网站", nil},
		{"chrome glued on", "发布时间：2026-10-15 16:20 来源：某区纪委监委 点击量：184 【字体：大 中 小】 打印 关闭",
			"2026-10-15 16:20 某区纪委监委", "date = 2026-10-15T16:20:00+08:00", "某区纪委监委", []string{"点击量：184", "【字体：大 中 小】", "打印", "关闭"}},
		{"chrome glued before", "当前位置：首页 > 巡察工作 > 通报 发布时间：2026-10-15 16:20 来源：某区纪委监委 浏览次数：",
			"2026-10-15 16:20 某区纪委监委", "date = 2026-10-15T16:20:00+08:00", "某区纪委监委", []string{"浏览次数：", "当前位置：首页 > 巡察工作 > 通报"}},
		{"an unknown field after the source", "来源：某区纪委监委 编辑：李某 发布时间：2026-10-15 16:20", "2026-10-15 16:20 某区纪委监委", "date = 2026-10-15T16:20:00+08:00", "某区纪委监委", []string{"编辑：李某"}},
		{"split: the source, then the date", "来源：某区纪委监委\n发布时间：2026-10-15 16:20", "2026-10-15 16:20 某区纪委监委", "date = 2026-10-15T16:20:00+08:00", "某区纪委监委", nil},
		{"split: the date, then the source", "发布日期：2026-10-15\n文章来源：某区纪委监委", "2026-10-15 某区纪委监委", "date = 2026-10-15\n", "某区纪委监委", nil},
		{"buttons side by side", "信息来源：某市纪委监委 发布日期：2026-10-15 浏览次数：123 【打印】【关闭】", "2026-10-15 某市纪委监委", "date = 2026-10-15\n", "某市纪委监委", []string{"浏览次数：123", "【打印】", "【关闭】"}},
		{"a publisher field first", "发布者：某办公室 发布时间：2026-10-15 16:20 来源：某区纪委监委", "2026-10-15 16:20 某区纪委监委", "date = 2026-10-15T16:20:00+08:00", "某区纪委监委", []string{"发布者：某办公室"}},
		{"the date after the source, unlabelled", "来源：某区纪委监委 2026-10-15 16:20", "2026-10-15 16:20 某区纪委监委", "date = 2026-10-15T16:20:00+08:00", "某区纪委监委", nil},
		{"a byline under the header", "发布时间：2026-10-15 16:20 来源：某区纪委监委\n作者：王某\u3000责任编辑：李某", "2026-10-15 16:20 某区纪委监委", "date = 2026-10-15T16:20:00+08:00", "某区纪委监委", []string{"作者：王某 责任编辑：李某"}},
		{"no source", "发布时间：2026-10-15 16:20", "2026-10-15 16:20", "date = 2026-10-15T16:20:00+08:00", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.lines + "\n" + intro + "\n" + contact + "\n" + sign
			r, problems := importer.Text("notice.txt", []byte(text), importer.Options{})
			if r == nil {
				t.Fatal(problems)
			}
			wantRoles := strings.Repeat("H", strings.Count(tt.lines, "\n")+1) + "BCSS"
			if got := roles(r); got != wantRoles {
				t.Errorf("roles: got %s, want %s\n%v", got, wantRoles, problems)
			}
			if want := pageHeader(tt.header); r.Header != want {
				t.Errorf("header: got %q, want %q", r.Header, want)
			}
			src := string(r.Source)
			if !strings.Contains(src, "\n"+tt.date) || !strings.Contains(src, "\nsource = \""+tt.source+"\"") {
				t.Errorf("got no %q and source %q in:\n%s", tt.date, tt.source, src)
			}
			for _, c := range tt.cut {
				checkWarnings(t, problems, []string{"1:1: warning: 已从发布信息行删除 \"" + c + "\""})
			}
			if n := strings.Count(fmt.Sprint(problems), "已从发布信息行删除"); n != len(tt.cut) {
				t.Errorf("got %d pieces cut, want %d:\n%v", n, len(tt.cut), problems)
			}
			checkImport(t, r)
		})
	}
}

// TestNotHeaders: lines that look like a header in part are not one.
func TestNotHeaders(t *testing.T) {
	for _, s := range []string{
		"2025年6月17日，某单位召开整改工作会议，来源：会议纪要。",
		"时间：2024年3月至5月",
		"来源：某网站",
		"发布时间：2025-13-01 09:00 来源：某网站",
	} {
		r, _ := importer.Text("notice.txt", []byte(s+"\n"+intro+"\n"+contact+"\n"+sign), importer.Options{})
		if r == nil || strings.HasPrefix(roles(r), "H") {
			t.Errorf("%q: got roles %s, want the line in the body", s, roles(r))
		}
	}
}

// TestChrome drops the web page's chrome wherever a line is made of it
// alone, and quotes each dropped line; a line that only mentions a chrome
// word stays.
func TestChrome(t *testing.T) {
	tests := []struct {
		line   string
		chrome bool
	}{
		{"点击量：184", true},
		{"浏览次数：", true},
		{"【字体：大 中 小】", true},
		{"字号：【大】【中】【小】", true},
		{"分享到：", true},
		{"分享到： 微信 微博 QQ空间", true},
		{"打印", true},
		{"关闭", true},
		{"朗读", true},
		{"【打印本页】\u3000【关闭窗口】", true},
		{"当前位置：首页 > 巡察工作 > 整改通报", true},
		{"您的位置：首页>信息公开", true},
		{"【字体：大 中 小】 【打印】 【关闭】 点击量：12", true},
		{"打印机采购项目已整改完毕。", false},
		{"关闭违规账户3个。", false},
		{"当前位置不明的问题已整改。", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			text := header + "\n" + intro + "\n" + tt.line + "\n" + "第二段。" + "\n" + contact + "\n" + sign
			r, problems := importer.Text("notice.txt", []byte(text), importer.Options{})
			if r == nil {
				t.Fatal(problems)
			}
			want, dropped := "HBBBCSS", []string(nil)
			if tt.chrome {
				want, dropped = "HBXBCSS", []string{tt.line}
				checkWarnings(t, problems, []string{`3:1: warning: 已删除网页栏目文字 "` + tt.line + `"`})
			}
			if got := roles(r); got != want {
				t.Errorf("roles: got %s, want %s", got, want)
			}
			if !slices.Equal(r.Dropped, dropped) {
				t.Errorf("dropped: got %q, want %q", r.Dropped, dropped)
			}
			if got := strings.Contains(string(r.Source), tt.line); got == tt.chrome {
				t.Errorf("line in the source file: got %v, want %v", got, !tt.chrome)
			}
			checkImport(t, r)
		})
	}
}

// TestTitles reads the title on one line, on two, or twice: the page shows
// it once, the text keeps every other line, and a second copy is reported.
func TestTitles(t *testing.T) {
	const (
		org   = "中共上海市某区委员会"
		about = "关于巡视整改情况的通报"
		whole = org + about
	)
	tests := []struct {
		name     string
		top      []string
		roles    string
		warnings []string
		title    string // when not whole
	}{
		{"one line", []string{whole, header}, "THBCSS", nil, ""},
		{"after the header", []string{header, whole}, "HTBCSS", nil, ""},
		{"two lines", []string{org, about, header}, "TTHBCSS", nil, ""},
		{"with spaces between", []string{"中共上海市某区委员会\u3000", "关于巡视整改情况的通报", header}, "TTHBCSS", nil, ""},
		{"twice: a heading, then the two-line form", []string{whole, header, org, about}, "THTTBCSS",
			[]string{`3:1: warning: 标题再次出现(分两行), 作为标题而非正文: "中共上海市某区委员会" / "关于巡视整改情况的通报"`}, ""},
		{"twice: the organisation named in full the second time", []string{"中共上海市某区委关于巡视整改情况的通报", header, org, about}, "THTTBCSS",
			[]string{`3:1: warning: 标题再次出现(分两行), 作为标题而非正文: "中共上海市某区委员会" / "关于巡视整改情况的通报"`}, "中共上海市某区委关于巡视整改情况的通报"},
		{"twice on one line", []string{whole, header, whole}, "THTBCSS",
			[]string{`3:1: warning: 标题再次出现, 作为标题而非正文: "` + whole + `"`}, ""},
		{"a different second title stays in the text", []string{whole, header, "关于另一件事的情况"}, "THBBCSS", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Join(append(tt.top, intro, contact, sign), "\n")
			r, problems := importer.Text("notice.txt", []byte(text), importer.Options{})
			if r == nil {
				t.Fatal(problems)
			}
			if got := roles(r); got != tt.roles {
				t.Errorf("roles: got %s, want %s", got, tt.roles)
			}
			title := cmp.Or(tt.title, whole)
			if r.Title != title {
				t.Errorf("title: got %q, want %q", r.Title, title)
			}
			checkWarnings(t, problems, tt.warnings)
			if tt.warnings == nil && strings.Contains(fmt.Sprint(problems), "标题再次出现") {
				t.Errorf("got a warning of a second title:\n%v", problems)
			}
			checkImport(t, r)
			if r.Complete {
				if p := buildPage(t, r); p.Title != title {
					t.Errorf("page title: got %q, want %q", p.Title, title)
				}
			}
		})
	}
}

// TestDisclosureBlocks reads 政府信息公开 blocks with their label variants,
// full- or half-width colons with spaces around them, several fields on a
// line or one per line; the title after the block is still read.
func TestDisclosureBlocks(t *testing.T) {
	const title = "中共某县财政局党组关于巡视整改情况的通报"
	tests := []struct {
		name  string
		block []string
		want  []string // lines of [disclosure]
	}{
		{"one per line", []string{"索引号：11330100/2025-00012", "主题分类：党务公开", "发布机构：某县财政局", "成文日期：2025-06-17",
			"发文字号：县财党〔2025〕3号", "公开方式：主动公开", "公开范围：面向社会", "有效性：有效", "文件名称：" + title},
			[]string{`index_number = "11330100/2025-00012"`, `document_number = "县财党〔2025〕3号"`, `publisher = "某县财政局"`, `topic = "党务公开"`,
				"written_date = 2025-06-17", `method = "主动公开"`, `scope = "面向社会"`, `validity = "有效"`, `name = "` + title + `"`}},
		{"variants, half-width colons and spaces", []string{"信息索引号 : A-7", "分类 :党务公开", "发文机关: 某县财政局", "生成日期 ： 2025年6月17日", "文号:县财党〔2025〕3号", "名称: " + title},
			[]string{`index_number = "A-7"`, `document_number = "县财党〔2025〕3号"`, `publisher = "某县财政局"`, `topic = "党务公开"`,
				"written_date = 2025-06-17", `name = "` + title + `"`}},
		{"several fields on a line, U+3000 and tabs", []string{"索引号：A-7\u3000\u3000分类：党务公开\t发布机构：某县财政局", "成文日期：2025-06-17  公开方式：主动公开  有效性： 有效", "标题：" + title},
			[]string{`index_number = "A-7"`, `publisher = "某县财政局"`, `topic = "党务公开"`, "written_date = 2025-06-17", `method = "主动公开"`, `validity = "有效"`, `name = "` + title + `"`}},
		{"an empty field", []string{"索引号：A-7 文号： 公开方式：主动公开"},
			[]string{`index_number = "A-7"`, `document_number = ""`, `method = "主动公开"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Join(append(tt.block, title, header, intro, contact, sign), "\n")
			r, problems := importer.Text("notice.txt", []byte(text), importer.Options{})
			if r == nil {
				t.Fatal(problems)
			}
			if want := strings.Repeat("D", len(tt.block)) + "THBCSS"; roles(r) != want {
				t.Errorf("roles: got %s, want %s\n%v", roles(r), want, problems)
			}
			src := string(r.Source)
			at := strings.Index(src, "[disclosure]")
			if at < 0 {
				t.Fatalf("no [disclosure] in:\n%s", src)
			}
			block := src[at:]
			for _, w := range tt.want {
				if !strings.Contains(block, "\n"+w+"\n") {
					t.Errorf("no %s in:\n%s", w, block)
				}
			}
			if r.Title != title {
				t.Errorf("title: got %q, want %q", r.Title, title)
			}
			checkImport(t, r)
		})
	}
}

// TestAmbiguousEncoding: short GBK text whose bytes are valid UTF-8 too is
// read as GBK, the reading that gives Chinese, and the import says so;
// UTF-8 Chinese whose bytes GB18030 also decodes stays UTF-8.
func TestAmbiguousEncoding(t *testing.T) {
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	gb18030 := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name string
		data []byte
		enc  string
		text string // the first line, as read
		warn bool
	}{
		{"short GBK, valid UTF-8", gbk("2025-06-17 09:00 某学院\n某医院实施同志\n"), importer.GBK, "2025-06-17 09:00 某学院", true},
		{"a GBK title alone, valid UTF-8", gbk("某学院"), importer.GBK, "某学院", true},
		{"UTF-8 Chinese", []byte("某学院\n中共某县委巡察工作领导小组办公室关于巡察整改的通报\n"), importer.UTF8, "某学院", false},
		{"UTF-8 of full-width text", []byte("一二三四五六七八九十"), importer.UTF8, "一二三四五六七八九十", false},
		{"GB18030's four-byte forms", gb18030("某村\U00020000家中，2025年6月17日。"), importer.GB18030, "某村\U00020000家中，2025年6月17日。", false},
		{"GBK, not UTF-8", gbk("中共某县委巡察办，2025年6月17日。"), importer.GBK, "中共某县委巡察办，2025年6月17日。", false},
		{"ASCII", []byte("2025-06-17 09:00 example"), importer.UTF8, "2025-06-17 09:00 example", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.enc == importer.GBK && tt.warn && !utf8.Valid(tt.data) {
				t.Fatalf("test data %x is not valid UTF-8", tt.data)
			}
			r, problems := importer.Text("notice.txt", tt.data, importer.Options{})
			if r == nil {
				t.Fatal(problems)
			}
			if r.Encoding != tt.enc || r.Lines[0].Text != tt.text {
				t.Errorf("got %s %q, want %s %q", r.Encoding, r.Lines[0].Text, tt.enc, tt.text)
			}
			if got := strings.Contains(fmt.Sprint(problems), "文件按 GB18030/GBK 读取"); got != tt.warn {
				t.Errorf("warning of the choice: got %v, want %v\n%v", got, tt.warn, problems)
			}
		})
	}
}

// TestNoYearFolder: a date no year folder can hold (before 1900) gives no
// year, so that the caller files the draft itself.
func TestNoYearFolder(t *testing.T) {
	r, problems := importer.Text("notice.txt", []byte(intro+"\n"+contact+"\n中共某单位党组\n1800年6月17日"), importer.Options{})
	if r == nil || r.Year != 0 {
		t.Errorf("got %v, %v; want a result with year 0", r, problems)
	}
}

// TestTitleFromDisclosure: with no title line, the block's 文件名称 is the
// title, and the import says where it took it from.
func TestTitleFromDisclosure(t *testing.T) {
	const name = "中共某县财政局党组关于巡视整改情况的通报"
	r, problems := importer.Text("notice.txt", []byte("索引号：A-7 文件名称："+name+"\n"+header+"\n"+intro+"\n"+contact+"\n"+sign), importer.Options{})
	if r == nil || r.Title != name || roles(r) != "DHBCSS" {
		t.Fatalf("got %v, %v; want the title %q from the block", r, problems, name)
	}
	if !slices.ContainsFunc(r.Found, func(s string) bool { return strings.Contains(s, "文件名称") }) {
		t.Errorf("the report does not say where the title came from: %q", r.Found)
	}
	checkImport(t, r)
}

// TestDateFromDisclosure: with no header line, the block's 发布日期 dates
// the notice, with its time when it gives one.
func TestDateFromDisclosure(t *testing.T) {
	for _, tt := range []struct{ block, want string }{
		{"索引号：A-7 发布日期：2025-06-18 09:30:00", "\ndate = 2025-06-18T09:30:00+08:00\n"},
		{"索引号：A-7 发布日期：2025年6月18日", "\ndate = 2025-06-18\n"},
	} {
		r, problems := importer.Text("notice.txt", []byte(tt.block+"\n"+intro+"\n"+contact+"\n"+sign), importer.Options{})
		if r == nil || !strings.Contains(string(r.Source), tt.want) || roles(r) != "DBCSS" {
			t.Errorf("%s: got %v, %v; want %q", tt.block, r, problems, tt.want)
		}
	}
}

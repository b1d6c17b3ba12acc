package importer_test

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"disclose/internal/diag"
	"disclose/internal/importer"
	"disclose/internal/notice"
)

// seedPath is a copy of the seed notice (shared/seed), a real published
// notice.
const seedPath = "testdata/seed.txt"

func readSeed(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// want is what an imported notice's front matter must hold.
type want struct {
	title, date, source, punctuation string
	kind, group, organization, round string
	start, end, feedback             string
	stats                            []string // "label value unit"
	phone, mailbox, email            string
	signOrg, signDate                string
	disclosure                       *notice.Disclosure
	warnings                         []string // substrings of the warnings, in order
	madeTitle                        bool     // the text has no title: the import made one
	encoding                         string   // the input's, when not UTF-8
	complete                         bool
}

// parsed reads the imported source back as the build does.
func parsed(t *testing.T, r *importer.Result) *notice.Notice {
	t.Helper()
	n, problems := notice.Parse(fmt.Sprintf("content/%d/%s.md", r.Year, r.Slug), r.Source)
	if n == nil || problems.HasErrors() {
		t.Fatalf("the imported file does not parse: %v\n%s", problems, r.Source)
	}
	return n
}

func checkFrontMatter(t *testing.T, n *notice.Notice, w want) {
	t.Helper()
	fm := n.FrontMatter
	var stats []string
	for _, s := range fm.Statistics {
		stats = append(stats, s.Label+" "+s.Value.Text+" "+s.Unit)
	}
	checks := []struct{ name, got, want string }{
		{"title", fm.Title, w.title},
		{"date", fm.Date.Format("2006-01-02T15:04:05-07:00"), w.date},
		{"source", fm.Source, w.source},
		{"punctuation", fm.Punctuation, w.punctuation},
		{"inspection.kind", fm.Inspection.Kind, w.kind},
		{"inspection.group", fm.Inspection.Group, w.group},
		{"inspection.organization", fm.Inspection.Organization, w.organization},
		{"inspection.round", fm.Inspection.Round, w.round},
		{"inspection.start", fm.Inspection.Start.ISO(), w.start},
		{"inspection.end", fm.Inspection.End.ISO(), w.end},
		{"inspection.feedback", fm.Inspection.Feedback.ISO(), w.feedback},
		{"statistics", strings.Join(stats, "; "), strings.Join(w.stats, "; ")},
		{"contact.phone", fm.Contact.Phone, w.phone},
		{"contact.mailbox", fm.Contact.Mailbox, w.mailbox},
		{"contact.email", fm.Contact.Email, w.email},
		{"signature.organization", fm.Signature.Organization, w.signOrg},
		{"signature.date", fm.Signature.Date.ISO(), w.signDate},
		{"draft", fmt.Sprint(fm.Draft), fmt.Sprint(!w.complete)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	switch {
	case w.disclosure == nil && fm.Disclosure != nil:
		t.Errorf("disclosure: got %+v, want none", *fm.Disclosure)
	case w.disclosure != nil && fm.Disclosure == nil:
		t.Errorf("disclosure: got none, want %+v", *w.disclosure)
	case w.disclosure != nil:
		got, want := *fm.Disclosure, *w.disclosure
		if got.IndexNumber != want.IndexNumber || got.DocumentNumber != want.DocumentNumber || got.Publisher != want.Publisher ||
			got.Topic != want.Topic || got.WrittenDate.ISO() != want.WrittenDate.ISO() || got.Method != want.Method {
			t.Errorf("disclosure: got %+v, want %+v", got, want)
		}
	}
}

// checkWarnings checks that the warnings include each of wants, in order,
// and that there are no errors.
func checkWarnings(t *testing.T, problems diag.List, wants []string) {
	t.Helper()
	if problems.HasErrors() {
		t.Errorf("errors: %v", problems)
	}
	for _, d := range problems {
		if !diag.LeadsWithChinese(d.Message) {
			t.Errorf("%s: the message must lead with Chinese", d)
		}
	}
	for _, want := range wants {
		if !slices.ContainsFunc(problems, func(d diag.Diagnostic) bool { return strings.Contains(d.String(), want) }) {
			t.Errorf("no warning %q among:\n%v", want, problems)
		}
	}
}

// TestSeedRoundTrip imports the seed notice, builds it, and reads the page
// back: its article must be the seed, line for line.
func TestSeedRoundTrip(t *testing.T) {
	seed := readSeed(t)
	r, problems := importer.Text("zhejiang-womens-federation-2025.txt", seed, importer.Options{Slug: "zhejiang-womens-federation"})
	if r == nil {
		t.Fatalf("import failed: %v", problems)
	}
	if len(problems) > 0 {
		t.Errorf("the seed imports with problems: %v", problems)
	}
	checkFrontMatter(t, parsed(t, r), want{
		title: "中共浙江省妇女联合会党组关于巡视整改情况的通报", date: "2025-06-17T09:00:00+08:00",
		source: "浙江省纪委省监委网站", punctuation: "half",
		kind: "巡视", group: "省委第六巡视组", organization: "省妇女联合会党组",
		start: "2024-03-18", end: "2024-05-20", feedback: "2024-08-08",
		stats: []string{"教育提醒 4 人", "建立完善制度 15 项"},
		phone: "0571-87050365", mailbox: "浙江省杭州市拱墅区密渡桥路51-1号省妇联机关党委", email: "zjsfljgjw@163.com",
		signOrg: "中共浙江省妇女联合会党组", signDate: "2025-06-17", complete: true,
	})
	p := buildPage(t, r)
	diffLines(t, p.Lines, asPage(inputLines(string(seed))))
	checkSections(t, p)
	if len(p.Sections) != 7+22 {
		t.Errorf("got %d sections and items, want 29 (7 sections, 22 items)", len(p.Sections))
	}
	if p.Title != "中共浙江省妇女联合会党组关于巡视整改情况的通报" {
		t.Errorf("title: got %q", p.Title)
	}
	golden(t, "seed.md", r.Source)
}

func gbk(t *testing.T, s []byte) []byte {
	t.Helper()
	out, err := simplifiedchinese.GBK.NewEncoder().Bytes(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRoundTrip imports notices of other shapes, builds each, and checks
// that the page reads as the input and that the front matter holds what
// the text says.
func TestRoundTrip(t *testing.T) {
	county := want{
		title: "中共平阳县教育局委员会关于县委第二轮巡察整改进展情况的通报", date: "2025-01-20T16:45:00+08:00",
		source: "平阳县纪委县监委网站", punctuation: "full",
		kind: "巡察", group: "县委第二巡察组", organization: "县教育局党委", round: "县委第二轮巡察",
		start: "2024-09-02", end: "2024-10-31", feedback: "2024-11-28",
		stats: []string{"已完成整改问题 11 个", "整改完成率 91.7 %", "追缴违规资金 32.6 万元", "建立完善制度 9 项"},
		phone: "0577-63701234", mailbox: "平阳县昆阳镇县前路1号县教育局办公室", email: "pyjyj@example.gov.cn",
		signOrg: "中共平阳县教育局委员会", signDate: "2025-01-20", complete: true,
	}
	gbkCounty := county
	gbkCounty.encoding = importer.GBK
	tests := []struct {
		name, file string
		want       want
	}{
		{"county 巡察, four levels, full-width, money and rates", "county-xuncha.txt", county},
		{"the same notice in GBK", "county-xuncha.gbk.txt", gbkCounty},
		{"disclosure block, three levels, a period across the new year", "disclosure-block.txt", want{
			title: "中共温州市交通运输局委员会关于市委巡察整改情况的通报", date: "2025-03-06T10:30:00+08:00",
			source: "温州市纪委市监委网站", punctuation: "full",
			kind: "巡察", group: "市委第三巡察组", organization: "市交通运输局党委", round: "十二届市委第六轮巡察",
			start: "2024-11-18", end: "2025-01-17", feedback: "2025-02-27",
			stats: []string{"清退违规资金 58.3 万元", "整改完成率 100 %", "问责 5 人"},
			phone: "0577-88961234", email: "wzjtj@example.gov.cn",
			signOrg: "中共温州市交通运输局委员会", signDate: "2025-03-05", complete: true,
			disclosure: &notice.Disclosure{IndexNumber: "11330300MB1234567X/2025-00042", DocumentNumber: "温纪〔2025〕12号",
				Publisher: "温州市纪委市监委", Topic: "党务公开", WrittenDate: date(t, "2025-03-05"), Method: "主动公开"},
			warnings: []string{`the page writes the header line as "2025年3月6日 温州市纪委市监委网站"`},
		}},
		{"Markdown's special characters stay text", "markdown-hostile.txt", want{
			title: "中共某某集团委员会关于巡视整改情况的通报", date: "2025-02-01T08:30:00+08:00",
			source: "某某省纪委监委网站", punctuation: "half",
			kind: "巡视", group: "省委第一巡视组", organization: "某某集团党委",
			start: "2024-03-01", end: "2024-04-30", feedback: "2024-05-20",
			stats: []string{"诫勉谈话 2 人", "挽回经济损失 1.5 亿元"},
			phone: "010-12345678", email: "a_b*c@example.org",
			signOrg: "中共某某集团委员会", signDate: "2025-02-01", complete: true, madeTitle: true,
			warnings: []string{"removed the spaces"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, err := os.ReadFile("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			data := input
			if strings.HasSuffix(tt.file, ".gbk.txt") {
				utf, err := os.ReadFile("testdata/" + strings.Replace(tt.file, ".gbk", "", 1))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(gbk(t, utf), input) {
					t.Fatalf("%s is not %s in GBK", tt.file, strings.Replace(tt.file, ".gbk", "", 1))
				}
				input = utf
			}
			r, problems := importer.Text(tt.file, data, importer.Options{})
			if r == nil {
				t.Fatalf("import failed: %v", problems)
			}
			checkWarnings(t, problems, tt.want.warnings)
			if enc := cmp.Or(tt.want.encoding, importer.UTF8); r.Encoding != enc {
				t.Errorf("encoding: got %s, want %s", r.Encoding, enc)
			}
			checkFrontMatter(t, parsed(t, r), tt.want)
			var got []string
			for _, l := range r.Lines {
				got = append(got, l.Text)
			}
			diffLines(t, got, inputLines(string(input)))
			made := ""
			if tt.want.madeTitle {
				made = tt.want.title
			}
			want := expectedPage(r, made)
			p := buildPage(t, r)
			if p.Title != want.Title {
				t.Errorf("page title: got %q, want %q", p.Title, want.Title)
			}
			diffLines(t, p.Lines, want.Lines)
			checkSections(t, p)
			if !strings.HasSuffix(tt.file, ".gbk.txt") {
				golden(t, strings.TrimSuffix(tt.file, ".txt")+".md", r.Source)
			}
		})
	}
}

func date(t *testing.T, s string) notice.Date {
	t.Helper()
	var d notice.Date
	if err := d.UnmarshalTOML(s); err != nil {
		t.Fatal(err)
	}
	return d
}

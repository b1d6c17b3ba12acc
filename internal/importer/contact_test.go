package importer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"disclose/internal/build"
	"disclose/internal/importer"
	"disclose/internal/site"
)

// TestContactOnPage imports notices whose contact lines take the shapes
// offices publish, builds each, and reads its page: every contact line is
// there exactly once, character for character, so is the signature, and
// the site's contact
// block, which the notice never published, is not.
func TestContactOnPage(t *testing.T) {
	const (
		top   = "2025-06-17 09:00 某网站\n"
		intro = "根据市委统一部署，2024年3月18日至5月20日，市委第三巡察组对某局党委开展了巡察。8月8日，市委巡察组向某局党委反馈了巡察意见。\n" +
			"在巡察整改工作中，诫勉谈话三人，给予党纪处分9人（警告5人，严重警告4人），培训干部40余人，追回资金1.6亿元。\n" +
			"欢迎广大干部群众对巡察整改落实情况进行监督。\n"
		sign = "中共某局委员会\n2025年6月17日"
	)
	for _, tt := range []struct {
		name     string
		contact  []string // the contact lines, as published
		sign     string
		wantText bool // the lines go to contact.text (else the text keeps them)
	}{
		{"联系电话, full-width", []string{"联系电话：0571-87050365；邮政信箱：杭州市某路1号；电子邮箱：jw@example.gov.cn。"}, sign, true},
		{"several phones, parts parted by spaces", []string{"举报电话：0571-12388，0571-87050365 通信地址：某市某路1号 邮编：310000"}, sign, true},
		{"two lines, an e-mail with an underscore", []string{"联系电话：0571-87050365。", "电子信箱：a_b@x.cn。"}, sign, true},
		{"online and a hotline, half-width", []string{"网络举报:http://www.12388.gov.cn;监督电话:0571-12388。"}, sign, true},
		{"来信地址 and 邮箱", []string{"来信地址：某县某镇人民政府，邮政编码：311500；邮箱：zg@163.com。"}, sign, true},
		{"kept in the text when a line follows it", []string{"联系电话：0571-87050365；电子邮箱：jw@example.gov.cn。", "特此通报。"}, sign, false},
		{"before a zero-padded signature, kept as published", []string{"联系电话：0571-87050365；电子邮箱：jw@example.gov.cn。"},
			"中共某局委员会\n2025年06月17日", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := top + intro + strings.Join(tt.contact, "\n") + "\n" + tt.sign
			r, problems := importer.Text("notice.txt", []byte(text), importer.Options{})
			if r == nil {
				t.Fatalf("import failed: %v", problems)
			}
			for _, d := range problems {
				if strings.Contains(d.Message, "not recognised:") && strings.Contains(d.Message, "contact") {
					t.Errorf("import misses the contact line: %s", d)
				}
			}
			if got := strings.Contains(string(r.Source), "\ntext = "); got != tt.wantText {
				t.Errorf("contact.text written: got %v, want %v\n%s", got, tt.wantText, r.Source)
			}
			lines := buildDraftPage(t, r).Lines
			p := strings.Join(lines[1:], "\n") // the header line gives the date too
			for _, l := range append(strings.Split(tt.sign, "\n"), tt.contact...) {
				if n := strings.Count(p, l); n != 1 {
					t.Errorf("the page has %q %d times, want once:\n%s", l, n, p)
				}
			}
			if strings.Contains(p, "0571-99999999") || strings.Contains(p, "联系方式") {
				t.Errorf("the page shows the site's contact block, which the notice never published:\n%s", p)
			}
			for _, s := range []string{"label = \"诫勉谈话\"\nvalue = 3\nunit = \"人\"", "label = \"警告\"\nvalue = 5", "label = \"培训干部\"\nvalue = 40\nunit = \"余人\"",
				"label = \"追回资金\"\nvalue = 1.6\nunit = \"亿元\""} {
				if !strings.Contains(string(r.Source), s) {
					t.Errorf("no statistic %q in\n%s", s, r.Source)
				}
			}
		})
	}
}

// buildDraftPage is buildPage for a notice that may be a draft, on the
// sample site whose contact block gives the phone 0571-99999999.
func buildDraftPage(t *testing.T, r *importer.Result) page {
	t.Helper()
	settings, err := os.ReadFile("../../content/site.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(bytes.TrimSpace(settings), []byte("请及时向我们反映。\"")) {
		t.Fatalf("the sample's site.toml no longer ends with [contact]'s invitation:\n%s", settings)
	}
	settings = append(settings, "phone = \"0571-99999999\"\n"...)
	fsys := fstest.MapFS{
		"content/site.toml": {Data: settings},
		filepath.ToSlash(filepath.Join("content", itoa(r.Year), r.Slug+".md")): {Data: r.Source},
	}
	files := map[string][]byte{}
	var mu sync.Mutex
	problems, err := build.Run(fsys, site.Options{Drafts: true}, func(path string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[path] = bytes.Clone(data)
		return nil
	})
	if err != nil {
		t.Fatalf("building the imported notice: %v\n%v\n%s", err, problems, r.Source)
	}
	html, ok := files[itoa(r.Year)+"/"+r.Slug+"/index.html"]
	if !ok {
		t.Fatalf("no page for the notice; built %v", keys(files))
	}
	return pageText(t, html)
}

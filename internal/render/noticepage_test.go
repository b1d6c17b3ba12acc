package render

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"disclose/internal/corpus"
	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// bothWays renders p, a page of kind "notice" or "year", with its template
// and with pageWriter.
func bothWays(t testing.TB, tm *Templates, kind string, p page) (engine, writer []byte) {
	t.Helper()
	write := map[string]func(*bytes.Buffer, page){"notice": tm.notice, "year": tm.year}[kind]
	if write == nil {
		t.Fatalf("the built-in %s page is not written by pageWriter", kind)
	}
	var buf, out bytes.Buffer
	if err := tm.pages[kind].ExecuteTemplate(&buf, "layout", p); err != nil {
		t.Fatal(err)
	}
	write(&out, p)
	return buf.Bytes(), out.Bytes()
}

// loadSite loads the site in fsys and returns it with a renderer of its
// templates.
func loadSite(t testing.TB, fsys fstest.MapFS, opts site.Options) (*Renderer, *site.Site) {
	t.Helper()
	s, problems := site.Load(fsys, opts)
	if s == nil {
		t.Fatal(problems)
	}
	tm, problems := LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	return NewRenderer(s.Settings, tm), s
}

// siteNotices loads the site in fsys and returns a renderer of its
// templates, its notices and their converted bodies.
func siteNotices(t testing.TB, fsys fstest.MapFS, opts site.Options) (*Renderer, []*notice.Notice, []markdown.Doc) {
	t.Helper()
	r, s := loadSite(t, fsys, opts)
	docs := make([]markdown.Doc, len(s.Notices))
	for i, n := range s.Notices {
		var err error
		if docs[i], err = r.Convert(n); err != nil {
			t.Fatal(err)
		}
	}
	return r, s.Notices, docs
}

// noticePageSites are the sites whose notices the hand-written page and
// JSON are held to: the sample, a generated corpus of 300 notices, and
// notices with corrections, 政府信息公开, a draft, half-width
// punctuation and a contact sentence as published (contact.text).
func noticePageSites(t testing.TB) map[string]fstest.MapFS {
	t.Helper()
	sample := fstest.MapFS{}
	for _, name := range []string{"content/site.toml", "content/2025/zhejiang-womens-federation.md"} {
		data, err := os.ReadFile("../../" + name)
		if err != nil {
			t.Fatal(err)
		}
		sample[name] = &fstest.MapFile{Data: data}
	}
	generated := corpus.MapFS(corpus.Defaults(300))
	special := fstest.MapFS{"content/site.toml": {Data: []byte("publisher = \"某市纪委监委\"\n" + archiveTestSettings)}}
	for slug, keys := range map[string]struct{ top, inspection string }{
		"corrected":    {"", "[[corrections]]\ndate = 2024-10-01\nwhat = \"第三段“制定整改方案”改为“制定并印发整改方案”。\"\nwhy = \"原文漏字<&>\"\n"},
		"disclosure":   {"", "[disclosure]\nindex_number = \"002482170/2024-00001\"\ntopic = \"党务公开\"\npublisher = \"某局\"\ndocument_number = \"某局党〔2024〕3号\"\nwritten_date = 2024-01-05\nmethod = \"主动公开\"\nscope = \"面向社会\"\nvalidity = \"有效\"\nname = \"某局党组关于巡察整改情况的通报 <&>\"\n"},
		"draft":        {"draft = true\n", ""},
		"half":         {"punctuation = \"half\"\n", "[contact]\nphone = \"(0571) 1234-5678\"\nemail = \"a+b@example.org\"\nmailbox = \"某路1号 <信箱>\"\n"},
		"contact-text": {"", "[contact]\ntext = \"联系电话：0571-12345678；通信地址：某路1号 <信箱>&，邮编：310000。\\n电子信箱：a+b@example.org。\"\nphone = \"0571-12345678\"\n"},
	} {
		src := strings.Replace(archiveTestNotice(2024, slug, keys.inspection), "+++\n", "+++\n"+keys.top, 1)
		special["content/2024/"+slug+".md"] = &fstest.MapFile{Data: []byte(src)}
	}
	// A publication date given as a day, without a time of day.
	special["content/2024/dayonly.md"] = &fstest.MapFile{Data: []byte(strings.Replace(
		archiveTestNotice(2024, "dayonly", ""), "date = 2024-09-10T10:00:00+08:00", "date = 2024-09-10", 1))}
	// A publication date given as a day, without a time of day.
	special["content/2024/dayonly.md"] = &fstest.MapFile{Data: []byte(strings.Replace(
		archiveTestNotice(2024, "dayonly", ""), "date = 2024-09-10T10:00:00+08:00", "date = 2024-09-10", 1))}
	// Two archive bundles of 2024: one kept at a web address, one not.
	special["content/archive/2024.toml"] = &fstest.MapFile{Data: []byte(`[[version]]
version = 1
sealed = 2025-01-10
file = "example.org-xczg-2024-v1.zip"
location = "https://example.org/archive/example.org-xczg-2024-v1.zip?a=1&b=2"
sha256 = "15920e3f85652825baa965d07466d4af93fe3d77f2dc848db80a97793d786157"
manifest_sha256 = "5cf581c24a2c93fa1b6d0e79f3af786d64c9ebe0ff22927901fb2b6d9c3bd845"

[[version]]
version = 2
sealed = 2025-02-02
file = "example.org-xczg-2024-v2.zip"
location = "市档案馆 <三楼>"
sha256 = "25920e3f85652825baa965d07466d4af93fe3d77f2dc848db80a97793d786157"
manifest_sha256 = "6cf581c24a2c93fa1b6d0e79f3af786d64c9ebe0ff22927901fb2b6d9c3bd845"
`)}
	return map[string]fstest.MapFS{"sample": sample, "corpus": generated, "special": special}
}

// TestNoticePageMatchesTemplate holds pageWriter to the templates it
// stands for: every notice of the sample, of a generated corpus and of the
// archive tests (corrections, 政府信息公开, drafts) comes out byte for byte
// as html/template writes it. FuzzNoticePage does the same for notices
// whose every field holds what must be escaped.
func TestNoticePageMatchesTemplate(t *testing.T) {
	for name, fsys := range noticePageSites(t) {
		t.Run(name, func(t *testing.T) {
			r, notices, docs := siteNotices(t, fsys, site.Options{Drafts: true})
			for i, n := range notices {
				engine, writer := bothWays(t, r.t, "notice", noticePage(r.sv, n, docs[i]))
				if !bytes.Equal(engine, writer) {
					t.Fatalf("%s: pageWriter differs from the templates:\n%s", n.Path, firstDifference(engine, writer))
				}
			}
		})
	}
}

// TestYearPageMatchesTemplate holds the year pages the writer writes
// (yearpage.go) to year.html, for every year of the same sites.
func TestYearPageMatchesTemplate(t *testing.T) {
	for name, fsys := range noticePageSites(t) {
		t.Run(name, func(t *testing.T) {
			r, s := loadSite(t, fsys, site.Options{Drafts: true})
			for _, y := range s.Years() {
				engine, writer := bothWays(t, r.t, "year", yearPage(r.sv, y, s.InYear(y), s.Sealed[y]))
				if !bytes.Equal(engine, writer) {
					t.Fatalf("%d: the year page differs from year.html:\n%s", y, firstDifference(engine, writer))
				}
			}
		})
	}
}

// FuzzNoticePage puts the same text in every field a page shows and wants
// the page pageWriter writes to be the one the templates write.
func FuzzNoticePage(f *testing.F) {
	for _, s := range []string{"", "<script>alert('x')</script>", "a&b\"c'd+e\x00f", "javascript:x", "/路径 有空格?q=1&r=%zz%41#frag",
		"mailto:a@b", "\xff\xfe", "HTTPS://例.中国/", "tel:+86"} {
		f.Add(s)
	}
	r, notices, docs := siteNotices(f, fstest.MapFS{"content/site.toml": {Data: []byte(archiveTestSettings)},
		"content/2024/a.md": {Data: []byte(archiveTestNotice(2024, "a", "[disclosure]\ntopic = \"党务公开\"\n[[corrections]]\ndate = 2024-10-01\nwhat = \"x\"\nwhy = \"y\"\n"))}},
		site.Options{})
	f.Fuzz(func(t *testing.T, s string) {
		n := *notices[0]
		n.Title, n.Source, n.Slug = s, s, s
		n.Inspection.Kind, n.Inspection.Group, n.Inspection.Organization = s, s, s
		n.Statistics = []notice.Statistic{{Label: s, Unit: s, Value: notice.Number{Text: s}}}
		n.Signature.Organization = s
		n.Corrections = []notice.Correction{{What: s, Why: s}}
		n.Contact = notice.Contact{Invitation: s, Phone: s, Mailbox: s, Email: s}
		if len(s)%3 == 0 { // the contact sentence as published, on two lines
			n.Contact.Text = s + "\n" + s
		}
		doc := docs[0]
		doc.Summary = s
		doc.Outline = []markdown.Entry{{Level: 1, ID: s, Title: s}}
		sv := r.sv
		sv.Title, sv.Language, sv.Publisher, sv.Domain, sv.CSS, sv.Script = s, s, s, s, s, s
		p := noticePage(sv, &n, doc)
		p.Notice.DisclosureRows = []field{{s, s}}
		p.Crumbs = append(p.Crumbs, crumb{s, s})
		engine, writer := bothWays(t, r.t, "notice", p)
		if !bytes.Equal(engine, writer) {
			t.Fatalf("for %q pageWriter differs from the templates:\n%s", s, firstDifference(engine, writer))
		}
		n.Draft = len(s)%2 == 0
		y := yearPage(sv, 2024, []*notice.Notice{&n, notices[0]}, []site.Seal{
			{Version: 1, File: s, Location: s, SHA256: s}, {Version: 2, File: s, Location: "https://" + s}})
		y.Title, y.Crumbs = s, append(y.Crumbs, crumb{s, s})
		if y.Year.Chart != nil {
			c := *y.Year.Chart
			c.Title, c.Caption, c.Height = s, s, s
			c.Rows = append(c.Rows, chartRow{s, s, s, s, s, s, s})
			y.Year.Chart = &c
		}
		y.Year.Totals = append(y.Year.Totals, total{Label: s, Unit: s, Value: s, Average: true, Notices: len(s)})
		engine, writer = bothWays(t, r.t, "year", y)
		if !bytes.Equal(engine, writer) {
			t.Fatalf("for %q the year page differs from year.html:\n%s", s, firstDifference(engine, writer))
		}
	})
}

// firstDifference shows where what we write (got) parts from the
// reference (want): the templates, or encoding/json.
func firstDifference(want, got []byte) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(0, i-200)
	return "reference: ..." + string(want[from:min(len(want), i+200)]) + "\nours:      ..." + string(got[from:min(len(got), i+200)])
}

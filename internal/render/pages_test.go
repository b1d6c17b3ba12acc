package render

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// FuzzPagesKeepTheirShape puts the same text in every field a notice page
// and a year page show and wants the pages to have the elements they have
// with plain text there: whatever a notice says, the templates write it as
// text, never as markup.
func FuzzPagesKeepTheirShape(f *testing.F) {
	for _, s := range []string{"<script>alert('x')</script>", "a&b\"c'd+e\x00f", "javascript:x", "/路径 有空格?q=1&r=%zz%41#frag",
		"mailto:a@b", "\xff\xfe", "HTTPS://例.中国/", "tel:+86", "</title><p>", "]]><!--"} {
		f.Add(s)
	}
	r, notices, docs := siteNotices(f, fstest.MapFS{"content/site.toml": {Data: []byte(archiveTestSettings)},
		"content/2024/a.md": {Data: []byte(archiveTestNotice(2024, "a", "[disclosure]\ntopic = \"党务公开\"\n[[corrections]]\ndate = 2024-10-01\nwhat = \"x\"\nwhy = \"y\"\n"))}},
		site.Options{})
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" || isPercent(s) {
			return // an empty value leaves out what holds it; a percentage has a chart of its own
		}
		plain := pagesWith(t, r, notices[0], docs[0], "x")
		for i, page := range pagesWith(t, r, notices[0], docs[0], s) {
			if got, want := elements(t, page), elements(t, plain[i]); !slices.Equal(got, want) {
				t.Fatalf("for %q page %d has the elements\n%v\nwant\n%v", s, i, got, want)
			}
		}
	})
}

// pagesWith renders the notice page of n and the page of its year with s
// in every field they show.
func pagesWith(t *testing.T, r *Renderer, orig *notice.Notice, doc markdown.Doc, s string) [][]byte {
	t.Helper()
	n := *orig
	n.Title, n.Source, n.Slug = s, s, s
	n.Inspection.Kind, n.Inspection.Group, n.Inspection.Organization = s, s, s
	n.Statistics = []notice.Statistic{{Label: s, Unit: s, Value: notice.Number{Text: s}}}
	n.Signature.Organization = s
	n.Corrections = []notice.Correction{{What: s, Why: s}}
	n.Contact = notice.Contact{Invitation: s, Phone: s, Mailbox: s, Email: s}
	n.Disclosure = &notice.Disclosure{IndexNumber: s}
	doc.Summary = s
	doc.Outline = []markdown.Entry{{Level: 1, ID: s, Title: s}}
	sv := r.sv
	sv.Title, sv.Language, sv.Publisher, sv.Domain = s, s, s, s
	p := noticePage(sv, &n, doc)
	p.Crumbs = append(p.Crumbs, crumb{Name: s, Path: s})
	y := yearPage(sv, 2024, 1, 20, entriesOf([]*notice.Notice{&n, orig}), []site.Seal{
		{Version: 1, File: s, Location: s, SHA256: s}, {Version: 2, File: s, Location: "https://" + s}}, func(string) string { return "" })
	y.Title = s
	var pages [][]byte
	for _, kp := range []struct {
		kind string
		p    page
	}{{"notice", p}, {"year", y}} {
		out, err := r.t.execute(kp.kind, kp.p.Path+"index.html", kp.p, 0)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, out)
	}
	// The round's and the unit's pages, named by s (issue 18); a name of
	// spaces alone makes neither.
	if nameSegment(s) == "" {
		return pages
	}
	n.Inspection.Round = s
	capture := func(_ string, data []byte) error { pages = append(pages, data); return nil }
	if err := r.roundPage(&roundGroup{name: s, notices: entriesOf([]*notice.Notice{&n, orig}), units: []string{s, orig.Inspection.Organization}}, r.newItems(), capture); err != nil {
		t.Fatal(err)
	}
	if err := r.unitPage(&unitGroup{name: s, notices: entriesOf([]*notice.Notice{&n})}, capture); err != nil {
		t.Fatal(err)
	}
	return pages
}

// elements lists the elements of an HTML page in document order.
func elements(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode {
			names = append(names, n.Data)
		}
	}
	return names
}

// TestTemplatesWrittenBeforeTexts: a site whose own notice.html and
// layout.html are the built-in ones as they were before the page's texts
// were made beforehand (testdata/before-texts, from 547697b; and
// testdata/before-escaped-text, from a7a0eb4, before escaped text was
// placed in attributes and the title, and before the parts
// "figure-line" and "facts-start": 547697b's place
// .Source, .TitleLines, .Statistics, the contact's and the signature's
// texts, .Kind and .Group, the disclosure rows' .Label and .Value, the
// lines of .TOC and the page's .Title, each through html/template's
// escaper, and the meta tags' and the title element's values through
// its attribute's and RCDATA's), both or either beside the other
// built-in file, gets the same pages, byte for byte, as the built-in
// templates make; also where every one of those texts, the site's title
// and column and the notice's summary hold a character the escaper
// replaces.
func TestTemplatesWrittenBeforeTexts(t *testing.T) {
	sites := noticePageSites(t)
	const sample = "content/2025/zhejiang-womens-federation.md"
	marked := maps.Clone(sites["sample"])
	const m = `\"&'+<>`
	marked[sample] = &fstest.MapFile{Data: []byte(strings.NewReplacer(
		`title = "中共浙江省妇女联合会党组`, `title = "`+m+`中共浙江省妇女联合会党组`,
		`source = "浙江省纪委省监委网站"`, `source = "浙江省纪委省监委网站`+m+`"`,
		`group = "省委第六巡视组"`, `group = "省委第六巡视组`+m+`"`,
		`label = "教育提醒"`, `label = "教育提醒`+m+`"`,
		`unit = "人"`, `unit = "人`+m+`"`,
		`invitation = "欢迎`, `invitation = "`+m+`欢迎`,
		`mailbox = "浙江省`, `mailbox = "`+m+`浙江省`,
		`email = "zjsfljgjw@163.com"`, `email = "zjsfljgjw+x@163.com"`,
		`organization = "中共浙江省妇女联合会党组"`, `organization = "中共浙江省妇女联合会党组`+m+`"`,
		"\n## 二、", "\n## 二、"+m,
		"\n根据省委统一部署,", "\n根据省委统一部署"+m+",", // the summary
	).Replace(string(sites["sample"][sample].Data)))}
	marked["content/site.toml"] = &fstest.MapFile{Data: []byte(strings.NewReplacer(
		`title = "巡视整改情况公开"`, `title = "巡视整改`+m+`情况公开"`,
		`column = "巡视整改情况公开"`, `column = "巡视整改`+m+`情况公开"`,
	).Replace(string(sites["sample"]["content/site.toml"].Data)))}
	sites["marked"] = marked
	for name, fsys := range sites {
		for _, relative := range []bool{false, true} {
			want, _, err := renderAll(t, fsys, site.Options{Drafts: true}, relative)
			if err != nil {
				t.Fatal(err)
			}
			if name == "marked" {
				page := string(want["2025/zhejiang-womens-federation/index.html"])
				for _, escaped := range []string{`<span class="source">浙江省纪委省监委网站&#34;&amp;&#39;&#43;&lt;&gt;</span>`,
					`<meta name="ContentSource" content="浙江省纪委省监委网站&#34;&amp;&#39;&#43;&lt;&gt;">`,
					`<meta name="ColumnName" content="巡视整改&#34;&amp;&#39;&#43;&lt;&gt;情况公开">`,
					`<meta name="description" content="根据省委统一部署&#34;&amp;&#39;&#43;&lt;&gt;,`,
					`<title>&#34;&amp;&#39;&#43;&lt;&gt;中共浙江省妇女联合会党组关于巡视整改情况的通报 - 巡视整改&#34;&amp;&#39;&#43;&lt;&gt;情况公开</title>`,
					`<span class="unit">人&#34;&amp;&#39;&#43;&lt;&gt;</span>`, `<p class="signature">中共浙江省妇女联合会党组&#34;&amp;&#39;&#43;&lt;&gt;</p>`} {
					if !strings.Contains(page, escaped) {
						t.Errorf("the notice's page does not hold %s", escaped)
					}
				}
			}
			for _, c := range []struct {
				dir   string
				files []string
			}{
				{"before-texts", []string{"notice.html", "layout.html"}}, {"before-texts", []string{"notice.html"}}, {"before-texts", []string{"layout.html"}},
				{"before-escaped-text", []string{"notice.html", "layout.html"}}, {"before-escaped-text", []string{"notice.html"}}, {"before-escaped-text", []string{"layout.html"}},
			} {
				dir, files := c.dir, c.files
				t.Run(fmt.Sprint(name, map[bool]string{true: " relative"}[relative], dir, files), func(t *testing.T) {
					own := maps.Clone(fsys)
					for _, file := range files {
						data, err := os.ReadFile(filepath.Join("testdata", dir, file))
						if err != nil {
							t.Fatal(err)
						}
						own["templates/"+file] = &fstest.MapFile{Data: data}
					}
					got, _, err := renderAll(t, own, site.Options{Drafts: true}, relative)
					if err != nil {
						t.Fatal(err)
					}
					samePages(t, got, want)
				})
			}
		}
	}
}

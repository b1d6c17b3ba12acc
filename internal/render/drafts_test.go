package render

import (
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"disclose/internal/notice"
	"disclose/internal/site"
)

// TestDraftsStayUnpublished builds a site of a published notice of 2024
// and two drafts, one of 2024 and one, newer, of 2025, with drafts shown
// (build --drafts, the preview): the drafts have their pages, marked and
// not to be indexed, but the feed, the sitemap and notices.json, which
// other programs read and index, know only the published notice, and the
// sitemap lists no year, and no unit, of only drafts.
func TestDraftsStayUnpublished(t *testing.T) {
	files := fstest.MapFS{
		"content/site.toml":          mapFile(archiveTestSettings),
		"content/2024/published.md":  mapFile(archiveTestNotice(2024, "published", "")),
		"content/2024/draft-2024.md": mapFile(strings.Replace(archiveTestNotice(2024, "draft-2024", ""), "+++\n", "+++\ndraft = true\n", 1)),
		"content/2025/draft-newest.md": mapFile(strings.Replace(strings.Replace(archiveTestNotice(2025, "draft-newest", ""), "+++\n", "+++\ndraft = true\n", 1),
			`organization = "某局党组"`, `organization = "某草稿单位党组"`, 1)),
	}
	out := renderSite(t, files, site.Options{Drafts: true})
	if !strings.Contains(out["2025/draft-newest/index.html"], "草稿 DRAFT") {
		t.Fatal("the drafts were not rendered: the test needs them shown")
	}
	for _, file := range []string{"feed.xml", "sitemap.xml", "notices.json"} {
		if !strings.Contains(out[file], "2024/published/") {
			t.Errorf("%s does not list the published notice:\n%s", file, out[file])
		}
		for _, draft := range []string{"draft-2024", "draft-newest"} {
			if strings.Contains(out[file], draft) {
				t.Errorf("%s lists the draft %s:\n%s", file, draft, out[file])
			}
		}
	}
	if strings.Contains(out["sitemap.xml"], "/2025/") {
		t.Errorf("sitemap.xml lists 2025, a year of only drafts:\n%s", out["sitemap.xml"])
	}
	// The unit of the draft alone has its page, as the draft has, but the
	// sitemap does not list it.
	unit := "unit/某草稿单位党组/index.html"
	if out[unit] == "" {
		t.Fatalf("no page %s: the test needs the draft's unit shown", unit)
	}
	if strings.Contains(out["sitemap.xml"], escapePath("unit/某草稿单位党组/")) {
		t.Errorf("sitemap.xml lists the unit of a draft alone:\n%s", out["sitemap.xml"])
	}
	if !strings.Contains(out["feed.xml"], "<updated>2024-09-10T10:00:00+08:00</updated>") || strings.Contains(out["feed.xml"], "2025-") {
		t.Errorf("feed.xml: want it updated when the published notice was, not the draft:\n%s", out["feed.xml"])
	}
	const noindex = `<meta name="robots" content="noindex">`
	for _, p := range []string{"2024/draft-2024/index.html", "2025/draft-newest/index.html"} {
		page := out[p]
		if !strings.Contains(page, noindex) || strings.Contains(page, `rel="canonical"`) || !strings.Contains(page, "草稿 DRAFT") {
			t.Errorf("%s: want a draft's page, marked, with noindex and no canonical URL:\n%.1500s", p, page)
		}
	}
	if page := out["2024/published/index.html"]; strings.Contains(page, noindex) ||
		!strings.Contains(page, `<link rel="canonical" href="https://example.org/xczg/2024/published/">`) {
		t.Errorf("the published notice's page: want its canonical URL and no noindex:\n%.1500s", page)
	}
}

// TestSitemapListsPDFs: when the site prints its notices, sitemap.xml
// lists each published notice's PDF after its page, with the same date;
// never a draft's, though a build with --drafts prints the drafts too; and
// without printing it lists no PDF.
func TestSitemapListsPDFs(t *testing.T) {
	files := fstest.MapFS{
		"content/site.toml":          mapFile(archiveTestSettings),
		"content/2024/published.md":  mapFile(archiveTestNotice(2024, "published", "")),
		"content/2024/draft-2024.md": mapFile(strings.Replace(archiveTestNotice(2024, "draft-2024", ""), "+++\n", "+++\ndraft = true\n", 1)),
	}
	s, problems := site.Load(files, site.Options{Drafts: true})
	if s == nil {
		t.Fatalf("Load: %v", problems)
	}
	tmpl, problems := LoadTemplates(files, s.Settings.BasePath(), s.Settings.AbsURL)
	if problems.HasErrors() {
		t.Fatalf("LoadTemplates: %v", problems)
	}
	sitemapOf := func(p Printer) string {
		var sitemap string
		var mu sync.Mutex
		err := RenderPrinted(s, tmpl, p, func(path string, data []byte) error {
			mu.Lock()
			defer mu.Unlock()
			if path == "sitemap.xml" {
				sitemap = string(data)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return sitemap
	}
	var printed []string
	var mu sync.Mutex
	got := sitemapOf(func(n *notice.Notice, _ string, _ []byte) ([]byte, error) {
		mu.Lock()
		printed = append(printed, n.Slug)
		mu.Unlock()
		return []byte("%PDF-1.7"), nil
	})
	if len(printed) != 2 {
		t.Fatalf("printed %v, want the draft printed too: the test needs its PDF", printed)
	}
	page := s.Settings.AbsURL("2024/published/")
	pdf := s.Settings.AbsURL("2024/published/published.pdf")
	want := "<url>\n    <loc>" + page + "</loc>\n    <lastmod>2024-09-10</lastmod>\n  </url>\n" +
		"  <url>\n    <loc>" + pdf + "</loc>\n    <lastmod>2024-09-10</lastmod>\n  </url>"
	if !strings.Contains(got, want) {
		t.Errorf("sitemap.xml lacks the published notice's page and then its PDF:\n%s\nin:\n%s", want, got)
	}
	if strings.Contains(got, "draft-2024") {
		t.Errorf("sitemap.xml lists the draft or its PDF:\n%s", got)
	}
	if plain := sitemapOf(nil); strings.Contains(plain, ".pdf") {
		t.Errorf("without printing, sitemap.xml lists a PDF:\n%s", plain)
	}
}

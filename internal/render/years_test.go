package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"disclose/internal/site"
)

const archiveTestSettings = `title = "巡察整改情况公开"
base_url = "https://example.org/xczg/"
[contact]
phone = "0571-12345678"
`

// archiveTestNotice is a notice of year, with extra front matter before the
// signature.
func archiveTestNotice(year int, slug, extra string) string {
	return fmt.Sprintf(`+++
title = "中共某局党组关于巡察整改情况的通报(%[2]s)"
date = %[1]d-09-10T10:00:00+08:00
source = "某市纪委监委网站"
[inspection]
kind = "巡察"
group = "市委第一巡察组"
organization = "某局党组"
start = %[1]d-03-01
end = %[1]d-04-30
feedback = %[1]d-06-01
%[3]s
[signature]
organization = "中共某局党组"
date = %[1]d-09-10
+++

现将巡察整改情况予以公布。

## 一、关于“责任落实不到位”问题的整改情况

(一)压实责任。制定整改方案。
`, year, slug, extra)
}

// renderForArchive loads and renders the site in files, returning every output
// file by path.
func renderForArchive(t *testing.T, files fstest.MapFS, opts ...Option) map[string]string {
	t.Helper()
	if files["content/site.toml"] == nil {
		files["content/site.toml"] = &fstest.MapFile{Data: []byte(archiveTestSettings)}
	}
	return renderSite(t, files, site.Options{}, opts...)
}

// renderSite loads the site in files with siteOpts and renders it,
// returning every output file by path.
func renderSite(t *testing.T, files fstest.MapFS, siteOpts site.Options, opts ...Option) map[string]string {
	t.Helper()
	s, problems := site.Load(files, siteOpts)
	if s == nil {
		t.Fatalf("Load: %v", problems)
	}
	tmpl, problems := LoadTemplates(files, s.Settings.BasePath(), s.Settings.AbsURL, opts...)
	if problems.HasErrors() {
		t.Fatalf("LoadTemplates: %v", problems)
	}
	out := map[string]string{}
	var mu sync.Mutex
	err := Render(s, tmpl, func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		out[p] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mapFile(text string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(text)} }

var articleOnlyRE = regexp.MustCompile(`(?s)<article class="notice">.*</article>`)

// A correction is shown beside the notice, and the notice's text is exactly
// what it was: the article does not change by a byte.
func TestCorrectionNoteLeavesTheArticleAlone(t *testing.T) {
	const correction = `[[corrections]]
date = 2024-10-01
what = "“制定整改方案”更正为“制定并印发整改方案”"
why = "原文漏字"
`
	plain := renderForArchive(t, fstest.MapFS{"content/2024/a.md": mapFile(archiveTestNotice(2024, "a", ""))})
	corrected := renderForArchive(t, fstest.MapFS{"content/2024/a.md": mapFile(archiveTestNotice(2024, "a", correction))})
	page := corrected["2024/a/index.html"]
	before, after := articleOnlyRE.FindString(plain["2024/a/index.html"]), articleOnlyRE.FindString(page)
	if before == "" || before != after {
		t.Fatalf("the article changed with a correction:\ngot  %s\nwant %s", after, before)
	}
	note := strings.Index(page, `<aside class="corrections"`)
	if note < 0 || note > strings.Index(page, "<article") {
		t.Fatalf("no correction note before the article in:\n%s", page)
	}
	for _, s := range []string{`<time datetime="2024-10-01">2024年10月1日</time>`, "制定并印发整改方案", "原文漏字"} {
		if !strings.Contains(page[note:], s) {
			t.Errorf("the correction note lacks %q", s)
		}
	}
	if strings.Contains(plain["2024/a/index.html"], "更正") {
		t.Errorf("a notice without corrections shows a correction note")
	}
	for _, s := range []string{`"corrections":[`, `"date":"2024-10-01"`, `"why":"原文漏字"`} {
		if !strings.Contains(corrected["2024/a/notice.json"], s) {
			t.Errorf("notice.json lacks %s", s)
		}
	}
	if strings.Contains(plain["2024/a/notice.json"], "corrections") {
		t.Errorf("notice.json of a notice without corrections lists corrections")
	}
}

// A year with a seal record says so on its page; one without does not.
func TestYearPageMarksSealedYears(t *testing.T) {
	const record = `[[version]]
version = 1
sealed = 2025-01-10
file = "example.org-xczg-2024-v1.zip"
location = "https://example.org/archive/example.org-xczg-2024-v1.zip"
sha256 = "15920e3f85652825baa965d07466d4af93fe3d77f2dc848db80a97793d786157"
manifest_sha256 = "5cf581c24a2c93fa1b6d0e79f3af786d64c9ebe0ff22927901fb2b6d9c3bd845"
`
	out := renderForArchive(t, fstest.MapFS{
		"content/2024/a.md":         mapFile(archiveTestNotice(2024, "a", "")),
		"content/2025/b.md":         mapFile(archiveTestNotice(2025, "b", "")),
		"content/archive/2024.toml": mapFile(record),
	})
	sealed := out["2024/index.html"]
	for _, s := range []string{"已封存归档", `<time datetime="2025-01-10">2025年1月10日</time>封存`, "第1版",
		`<a href="https://example.org/archive/example.org-xczg-2024-v1.zip" download>example.org-xczg-2024-v1.zip</a>`, "可在下面下载",
		"15920e3f85652825baa965d07466d4af93fe3d77f2dc848db80a97793d786157"} {
		if !strings.Contains(sealed, s) {
			t.Errorf("2024/index.html lacks %q", s)
		}
	}
	if strings.Contains(out["2025/index.html"], "已封存") {
		t.Errorf("2025/index.html is marked archived, but only 2024 is sealed")
	}
	home := out["index.html"]
	if !strings.Contains(home, `2024年</a>（1篇） <span class="sealed-mark">已封存归档</span>`) ||
		strings.Contains(home, `2025年</a>（1篇） <span class="sealed-mark">`) {
		t.Errorf("the home page should mark 2024, and only 2024, archived")
	}
}

// With bundles = "archive/" in site.toml, a sealed year's page links the
// bundle there, with its SHA-256 beside the link; without it, and with a
// location that is no web address, the page offers no file, and so does
// not tell readers to verify one with disclose verify.
func TestYearPageLinksBundle(t *testing.T) {
	const record = `[[version]]
version = 1
sealed = 2025-01-10
file = "example.org-xczg-2024-v1.zip"
location = "省纪委监委档案室"
sha256 = "15920e3f85652825baa965d07466d4af93fe3d77f2dc848db80a97793d786157"
manifest_sha256 = "5cf581c24a2c93fa1b6d0e79f3af786d64c9ebe0ff22927901fb2b6d9c3bd845"
`
	for _, tt := range []struct {
		bundles string
		want    []string
		not     []string
	}{
		{`bundles = "archive/"`, []string{`<a href="https://example.org/xczg/archive/example.org-xczg-2024-v1.zip" download>example.org-xczg-2024-v1.zip</a>，存放于省纪委监委档案室；SHA-256 <code class="hash">15920e3f`, "disclose verify"}, nil},
		{`bundles = "https://files.example.org/xczg/"`, []string{`<a href="https://files.example.org/xczg/example.org-xczg-2024-v1.zip" download>`}, nil},
		{"", []string{"归档包 example.org-xczg-2024-v1.zip，存放于省纪委监委档案室；SHA-256"}, []string{"<a href=\"https://example.org/xczg/archive", "disclose verify"}},
	} {
		out := renderForArchive(t, fstest.MapFS{
			"content/site.toml":         mapFile(tt.bundles + "\n" + archiveTestSettings),
			"content/2024/a.md":         mapFile(archiveTestNotice(2024, "a", "")),
			"content/archive/2024.toml": mapFile(record),
		})
		page := out["2024/index.html"]
		for _, s := range tt.want {
			if !strings.Contains(page, s) {
				t.Errorf("%s: 2024/index.html lacks %q", tt.bundles, s)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(page, s) {
				t.Errorf("%s: 2024/index.html has %q", tt.bundles, s)
			}
		}
	}
}

// The pages of a year do not change when a later year is added: their URLs
// and their bytes are permanent.
func TestLaterYearsLeaveEarlierPagesAlone(t *testing.T) {
	one := renderForArchive(t, fstest.MapFS{"content/2024/a.md": mapFile(archiveTestNotice(2024, "a", ""))})
	two := renderForArchive(t, fstest.MapFS{
		"content/2024/a.md": mapFile(archiveTestNotice(2024, "a", "")),
		"content/2025/b.md": mapFile(archiveTestNotice(2025, "b", "")),
	})
	for _, p := range []string{"2024/index.html", "2024/a/index.html", "2024/a/notice.json"} {
		if one[p] == "" || one[p] != two[p] {
			t.Errorf("%s changed when 2025 was added", p)
		}
	}
}

func TestRelativeURL(t *testing.T) {
	tests := []struct{ page, target, want string }{
		{"index.html", "", "index.html"},
		{"index.html", "2024/", "2024/index.html"},
		{"index.html", "2024/a/", "2024/a/index.html"},
		{"index.html", "style.x.css", "style.x.css"},
		{"404.html", "", "index.html"},
		{"2024/index.html", "", "../index.html"},
		{"2024/index.html", "2024/a/", "../2024/a/index.html"},
		{"2024/a/index.html", "2024/", "../../2024/index.html"},
		{"2024/a/index.html", "feed.xml", "../../feed.xml"},
	}
	for _, tt := range tests {
		if got := relativeURL(tt.page)(tt.target); got != tt.want {
			t.Errorf("on %s, url %q = %q, want %q", tt.page, tt.target, got, tt.want)
		}
	}
}

// RelativeLinks changes the links and nothing else; without it, links
// start with the base path.
func TestRelativeLinks(t *testing.T) {
	files := fstest.MapFS{"content/2024/a.md": mapFile(archiveTestNotice(2024, "a", ""))}
	abs := renderForArchive(t, files)
	rel := renderForArchive(t, files, RelativeLinks())
	hrefRE := regexp.MustCompile(`(href|src|action|data-index)="[^"#]*"`)
	for p, page := range abs {
		if !strings.HasSuffix(p, ".html") {
			if page != rel[p] {
				t.Errorf("%s differs with RelativeLinks", p)
			}
			continue
		}
		if strings.Contains(rel[p], `href="/`) || !strings.Contains(page, `href="/xczg/`) {
			t.Errorf("%s: base-path links: relative %v, default %v; want false, true", p,
				strings.Contains(rel[p], `href="/`), strings.Contains(page, `href="/xczg/`))
		}
		if a, r := hrefRE.ReplaceAllString(page, ""), hrefRE.ReplaceAllString(rel[p], ""); a != r {
			t.Errorf("%s differs with RelativeLinks in more than its links", p)
		}
	}
	page := rel["2024/a/index.html"]
	for _, s := range []string{`href="../../index.html"`, `href="../../2024/index.html"`, `href="../../feed.xml"`, `href="https://example.org/xczg/2024/a/"`} {
		if !strings.Contains(page, s) {
			t.Errorf("2024/a/index.html lacks %s", s)
		}
	}
	if bytes.Contains([]byte(page), []byte(`href="#`)) == false {
		t.Errorf("2024/a/index.html lost its in-page links")
	}
}

// TestDateOnly: a notice whose publication date is a day without a time of
// day shows the day alone on every page, never 00:00; notice.json keeps the
// day as given, and the feed, which needs a time, gives midnight in China.
func TestDateOnly(t *testing.T) {
	src := strings.Replace(archiveTestNotice(2024, "a", ""), "date = 2024-09-10T10:00:00+08:00", "date = 2024-09-10", 1)
	out := renderForArchive(t, fstest.MapFS{"content/2024/a.md": mapFile(src)})
	for _, tt := range []struct{ file, want string }{
		{"2024/a/index.html", `<meta name="PubDate" content="2024-09-10">`},
		{"2024/a/index.html", `<p class="dateline"><time datetime="2024-09-10">2024年9月10日</time> <span class="source">`},
		{"2024/index.html", `<time datetime="2024-09-10">2024-09-10</time>`},
		{"index.html", `<time datetime="2024-09-10">2024-09-10</time>`},
		{"2024/a/notice.json", `"date":"2024-09-10"`},
		{"notices.json", `"date":"2024-09-10"`},
		{"feed.xml", `<published>2024-09-10T00:00:00+08:00</published>`},
	} {
		if !strings.Contains(out[tt.file], tt.want) {
			t.Errorf("%s: got no %q", tt.file, tt.want)
		}
	}
	for _, file := range []string{"2024/a/index.html", "2024/index.html", "index.html", "2024/a/notice.json", "notices.json"} {
		if strings.Contains(out[file], "00:00") {
			t.Errorf("%s: got 00:00, want the day alone", file)
		}
	}
}

package render

import (
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"disclose/internal/site"
)

// renderWith renders the notices of files with the settings given, drafts
// included, and returns every output file by path.
func renderWith(t *testing.T, settings string, files fstest.MapFS) map[string]string {
	t.Helper()
	files["content/site.toml"] = mapFile(settings)
	r, s := loadSite(t, files, site.Options{Drafts: true})
	out := map[string]string{}
	var mu sync.Mutex
	err := Render(s, r.t, func(p string, data []byte) error {
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

// TestPublicationDateOnce: a notice page shows its publication date once,
// in the dateline, as GB/T 9704 writes a date; the metadata has it in ISO
// 8601 (issue 17).
func TestPublicationDateOnce(t *testing.T) {
	extra := "[disclosure]\nindex_number = \"000/2024-1\"\n"
	out := renderForArchive(t, fstest.MapFS{"content/2024/a.md": mapFile(archiveTestNotice(2024, "a", extra))})
	page := out["2024/a/index.html"]
	if n := strings.Count(page, "2024年9月10日"); n != 2 { // the dateline and the signature's date
		t.Errorf("2024年9月10日 is on the page %d times, want 2 (the dateline and the signing date)", n)
	}
	if n := strings.Count(page, `datetime="2024-09-10T10:00:00&#43;08:00"`); n != 1 {
		t.Errorf("the publication time is on the page %d times, want once", n)
	}
	for _, want := range []string{
		`<p class="dateline"><time datetime="2024-09-10T10:00:00&#43;08:00">2024年9月10日</time> <span class="source">某市纪委监委网站</span></p>`,
		`<meta name="PubDate" content="2024-09-10T10:00:00&#43;08:00">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	for _, gone := range []string{"2024-09-10 10:00", "发布时间", "发布日期"} {
		if strings.Contains(page, gone) {
			t.Errorf("the page shows %q, want the date once, in the dateline", gone)
		}
	}
}

// TestColumnName: the ColumnName meta tag names the column of site.toml,
// or the site when it names none; never the year.
func TestColumnName(t *testing.T) {
	notices := func() fstest.MapFS {
		return fstest.MapFS{"content/2024/a.md": mapFile(archiveTestNotice(2024, "a", ""))}
	}
	for _, tt := range []struct{ settings, want string }{
		{archiveTestSettings, `<meta name="ColumnName" content="巡察整改情况公开">`},
		{"column = \"巡察整改公开\"\n" + archiveTestSettings, `<meta name="ColumnName" content="巡察整改公开">`},
	} {
		page := renderWith(t, tt.settings, notices())["2024/a/index.html"]
		if !strings.Contains(page, tt.want) {
			t.Errorf("settings %q: the page lacks %s", tt.settings, tt.want)
		}
		if strings.Contains(page, `content="2024年"`) {
			t.Errorf("settings %q: ColumnName is the year", tt.settings)
		}
	}
}

// TestYearHeadingNamesKindsPresent: the year page's heading names the
// kinds of inspection its notices are about, and no other.
func TestYearHeadingNamesKindsPresent(t *testing.T) {
	xunshi := strings.NewReplacer(`kind = "巡察"`, `kind = "巡视"`, "巡察组", "巡视组", "巡察整改", "巡视整改")
	out := renderForArchive(t, fstest.MapFS{
		"content/2024/a.md": mapFile(archiveTestNotice(2024, "a", "")),
		"content/2025/b.md": mapFile(xunshi.Replace(archiveTestNotice(2025, "b", ""))),
		"content/2026/c.md": mapFile(archiveTestNotice(2026, "c", "")),
		"content/2026/d.md": mapFile(xunshi.Replace(archiveTestNotice(2026, "d", ""))),
	})
	for path, want := range map[string]string{
		"2024/index.html": "<h1>2024年巡察整改情况通报</h1>",
		"2025/index.html": "<h1>2025年巡视整改情况通报</h1>",
		"2026/index.html": "<h1>2026年巡视巡察整改情况通报</h1>",
	} {
		if !strings.Contains(out[path], want) {
			t.Errorf("%s lacks %s", path, want)
		}
	}
}

// TestInterfaceTextChinese: the words the pages add are written as
// Chinese is: full-width brackets, no space between a number and its
// measure word.
func TestInterfaceTextChinese(t *testing.T) {
	out := renderForArchive(t, fstest.MapFS{"content/2024/a.md": mapFile(archiveTestNotice(2024, "a", ""))})
	for path, want := range map[string][]string{
		"index.html":        {"2024年</a>（1篇）", "订阅（Atom）", "数据（JSON）"},
		"2024/index.html":   {`<p class="count">共1篇</p>`, "发布日期：<time", "被巡察单位：某局党组"},
		"2024/a/index.html": {"订阅（Atom）"},
	} {
		for _, w := range want {
			if !strings.Contains(out[path], w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
		for _, bad := range []string{"(Atom)", "(JSON)", " 篇", "共 "} {
			if strings.Contains(out[path], bad) {
				t.Errorf("%s has %q", path, bad)
			}
		}
	}
}

// strayDotRE is a " · " separator with nothing after it, or before it.
var strayDotRE = regexp.MustCompile(`·\s*(·|</p>|</li>|</dd>)|<(p|li|dd)[^>]*>\s*·|</time>\s*·\s*<`)

// TestEmptyDraftFields: a draft as disclose new writes it, with title,
// source and signature empty, shows nothing for them: no empty separator,
// span or paragraph, and an empty title is named as one.
func TestEmptyDraftFields(t *testing.T) {
	src := strings.NewReplacer(
		"title = \"中共某局党组关于巡察整改情况的通报(a)\"", "title = \"\"\ndraft = true",
		"source = \"某市纪委监委网站\"", "source = \"\"",
		"group = \"市委第一巡察组\"", "group = \"\"",
		"organization = \"某局党组\"", "organization = \"\"",
		"organization = \"中共某局党组\"", "organization = \"\"").Replace(archiveTestNotice(2024, "a", ""))
	out := renderWith(t, archiveTestSettings, fstest.MapFS{"content/2024/a.md": mapFile(src)})
	for _, path := range []string{"index.html", "2024/index.html", "2024/a/index.html"} {
		page := out[path]
		if m := strayDotRE.FindString(page); m != "" {
			t.Errorf("%s has a separator with nothing on one side: %q", path, m)
		}
		for _, bad := range []string{`<span class="source"></span>`, `<p class="signature"></p>`,
			"<h1></h1>", `"></a>`, `<li aria-current="page"></li>`} {
			if strings.Contains(page, bad) {
				t.Errorf("%s has %q", path, bad)
			}
		}
	}
	if !strings.Contains(out["2024/a/index.html"], "<h1>（标题未填写）</h1>") {
		t.Errorf("the draft's page does not say its title is not filled in")
	}
}

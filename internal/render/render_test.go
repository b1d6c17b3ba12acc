package render_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"disclose/internal/build"
	"disclose/internal/site"
	"disclose/templates"
)

// sampleSite is the repository's sample site, as an in-memory tree that a
// test may add files to.
func sampleSite(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range []string{"content/site.toml", "content/2025/zhejiang-womens-federation.md"} {
		data, err := os.ReadFile("../../" + name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: data}
	}
	return m
}

func buildFiles(t *testing.T, fsys fs.FS) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	var mu sync.Mutex
	problems, err := build.Run(fsys, site.Options{}, func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[p] = bytes.Clone(data)
		return nil
	})
	if err != nil {
		t.Fatalf("%v\n%v", err, problems)
	}
	return files
}

// TestLinksResolve follows every href and src of every page: each one that
// points into the site must name a file the build wrote, below the base
// URL's sub-path; none may point at another host.
func TestLinksResolve(t *testing.T) {
	files := buildFiles(t, sampleSite(t))
	const base = "/xszg/"
	checked := 0
	defer func() {
		if checked < 20 {
			t.Errorf("only %d links checked; the pages should have more", checked)
		}
	}()
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, link := range links(t, data) {
			checked++
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad link %q", name, link)
				continue
			}
			switch {
			case u.Scheme == "tel" || u.Scheme == "mailto":
				continue
			case u.Host == "example.org" && strings.HasPrefix(u.Path, base):
			case u.Host != "":
				t.Errorf("%s: link to another host: %s", name, link)
				continue
			case u.Path == "" && u.Fragment != "":
				if !bytes.Contains(data, []byte(`id="`+u.Fragment+`"`)) {
					t.Errorf("%s: anchor #%s has no target", name, u.Fragment)
				}
				continue
			case !strings.HasPrefix(u.Path, base):
				t.Errorf("%s: link %s is not below the base path %s", name, link, base)
				continue
			}
			target := strings.TrimPrefix(u.Path, base)
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if _, ok := files[path.Clean(target)]; !ok {
				t.Errorf("%s: link %s leads to no file (%s)", name, link, target)
			}
		}
	}
}

func links(t *testing.T, page []byte) []string {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(page))
	var out []string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		for {
			key, val, more := z.TagAttr()
			if k := string(key); k == "href" || k == "src" {
				out = append(out, string(val))
			}
			if !more {
				break
			}
		}
	}
}

// inlineScript is a <script> element without a src: the pages load small
// script files of the site's own (modes.js, which remembers the reading
// modes; search.js on the search page), never script written into the page.
var inlineScript = regexp.MustCompile(`<script(\s[^>]*)?>`)

func TestNoScriptNoOtherHost(t *testing.T) {
	for name, data := range buildFiles(t, sampleSite(t)) {
		for _, tag := range inlineScript.FindAll(data, -1) {
			if !bytes.Contains(tag, []byte(` src="/xszg/modes.`)) && !bytes.Contains(tag, []byte(` src="/xszg/search.`)) {
				t.Errorf("%s has an inline script: %s", name, tag)
			}
		}
		if strings.HasSuffix(name, ".css") && bytes.Contains(data, []byte("url(")) {
			t.Errorf("%s loads something", name)
		}
	}
}

func TestAtomFeed(t *testing.T) {
	data := buildFiles(t, sampleSite(t))["feed.xml"]
	var feed struct {
		XMLName xml.Name
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []struct {
			ID        string `xml:"id"`
			Title     string `xml:"title"`
			Updated   string `xml:"updated"`
			Published string `xml:"published"`
			Summary   string `xml:"summary"`
			Link      struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatal(err)
	}
	if feed.XMLName.Space != "http://www.w3.org/2005/Atom" || feed.XMLName.Local != "feed" {
		t.Errorf("root: got %v, want Atom feed", feed.XMLName)
	}
	if feed.ID != "https://example.org/xszg/" || feed.Title == "" || feed.Author.Name == "" {
		t.Errorf("feed id/title/author: got %q %q %q", feed.ID, feed.Title, feed.Author.Name)
	}
	if feed.Updated != "2025-06-17T09:00:00+08:00" {
		t.Errorf("updated: got %q, want the newest notice's time", feed.Updated)
	}
	if len(feed.Entries) != 1 {
		t.Fatalf("entries: got %d, want 1", len(feed.Entries))
	}
	e := feed.Entries[0]
	if e.ID != "https://example.org/xszg/2025/zhejiang-womens-federation/" || e.Link.Href != e.ID ||
		e.Updated == "" || !strings.HasPrefix(e.Summary, "根据省委统一部署") {
		t.Errorf("entry: got %+v", e)
	}
}

func TestNoticesJSON(t *testing.T) {
	files := buildFiles(t, sampleSite(t))
	data := files["notices.json"]
	var all struct {
		Notices []struct {
			URL        string
			Inspection struct{ Start, Feedback string }
			Statistics []struct {
				Label string
				Value float64
				Unit  string
			}
			Sections []struct{ ID, URL string }
		}
	}
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	n := all.Notices[0]
	if n.URL != "https://example.org/xszg/2025/zhejiang-womens-federation/" {
		t.Errorf("url: got %q", n.URL)
	}
	if n.Inspection.Start != "2024-03-18" || n.Inspection.Feedback != "2024-08-08" {
		t.Errorf("dates: got %+v", n.Inspection)
	}
	if len(n.Statistics) != 2 || n.Statistics[0].Label != "教育提醒" || n.Statistics[0].Value != 4 || n.Statistics[1].Value != 15 {
		t.Errorf("statistics: got %+v", n.Statistics)
	}
	if len(n.Sections) != 0 {
		t.Errorf("notices.json lists sections; they belong in each notice.json")
	}
	var one struct {
		Sections []struct{ ID, URL, Title string }
	}
	if err := json.Unmarshal(files["2025/zhejiang-womens-federation/notice.json"], &one); err != nil {
		t.Fatal(err)
	}
	if len(one.Sections) != 29 || one.Sections[0].ID != "s1" || !strings.HasSuffix(one.Sections[0].URL, "/#s1") ||
		one.Sections[1].Title != "(一)推进新型婚育文化建设。" {
		t.Errorf("notice.json sections: got %d, first two %+v", len(one.Sections), one.Sections[:min(2, len(one.Sections))])
	}
}

// TestTemplateOverride: a file in the site's templates/ replaces the
// built-in one of the same name, and only that one.
func TestTemplateOverride(t *testing.T) {
	fsys := sampleSite(t)
	fsys["templates/404.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1>自定义 404</h1>{{end}}`)}
	fsys["templates/style.css"] = &fstest.MapFile{Data: []byte(`body { color: black; }`)}
	files := buildFiles(t, fsys)
	if !bytes.Contains(files["404.html"], []byte("<h1>自定义 404</h1>")) {
		t.Error("404.html: the site's template was not used")
	}
	if !bytes.Contains(files["index.html"], []byte("最新通报")) {
		t.Error("index.html: the built-in template was not used")
	}
	css := slices.DeleteFunc(slices.Collect(maps.Keys(files)), func(p string) bool { return !strings.HasSuffix(p, ".css") })
	if len(css) != 1 || string(files[css[0]]) != "body { color: black; }" {
		t.Errorf("stylesheet: got %v, want the site's own", css)
	}
	if !bytes.Contains(files["index.html"], []byte(`href="/xszg/`+css[0]+`"`)) {
		t.Errorf("pages do not link the stylesheet %s by its hashed name", css[0])
	}
}

// TestNoticeTemplateOverride: the notice and year pages follow a site's own
// templates, each file overriding the built-in one of its name.
func TestNoticeTemplateOverride(t *testing.T) {
	const noticePage, yearPage = "2025/zhejiang-womens-federation/index.html", "2025/index.html"
	for _, c := range []struct{ file, src, page, want string }{
		{"notice.html", `{{define "main"}}<h1>自定义通报 {{.Notice.Title}}</h1>{{end}}`, noticePage, "<h1>自定义通报 中共浙江省妇女联合会党组"},
		{"layout.html", `{{define "layout"}}<!DOCTYPE html><title>自定义外框</title>{{block "meta" .}}{{end}}{{template "main" .}}{{end}}`, noticePage, "<title>自定义外框</title>"},
		{"layout.html", `{{define "layout"}}<!DOCTYPE html><title>自定义外框</title>{{block "meta" .}}{{end}}{{template "main" .}}{{end}}`, yearPage, "<title>自定义外框</title>"},
		{"year.html", `{{define "main"}}<h1>{{.Year.Year}}年自定义列表</h1>{{end}}`, yearPage, "<h1>2025年自定义列表</h1>"},
	} {
		t.Run(c.file+" "+c.page, func(t *testing.T) {
			fsys := sampleSite(t)
			fsys["templates/"+c.file] = &fstest.MapFile{Data: []byte(c.src)}
			page := string(buildFiles(t, fsys)[c.page])
			if !strings.Contains(page, c.want) {
				t.Errorf("%s does not follow the site's %s: want %q in\n%.600s", c.page, c.file, c.want, page)
			}
		})
	}
}

// TestSharedParts: the parts of layout.html written once for every page
// ("site-start", "site-meta", "site-head", "site-foot") follow a site's
// own templates: a site's layout.html, and a kind of page that defines its
// own, on its pages only.
func TestSharedParts(t *testing.T) {
	const noticePage, yearPage = "2025/zhejiang-womens-federation/index.html", "2025/index.html"
	ownFoot := `{{define "site-foot"}}<footer>本通报页自己的页脚 {{.Site.Title}}</footer>{{end}}`
	fsys := sampleSite(t)
	fsys["templates/notice.html"] = &fstest.MapFile{Data: append(readTemplate(t, "notice.html"), ownFoot...)}
	files := buildFiles(t, fsys)
	if page := string(files[noticePage]); !strings.Contains(page, "<footer>本通报页自己的页脚 ") || strings.Contains(page, `<footer class="site-footer">`) {
		t.Errorf("%s does not have its template's own site-foot:\n%s", noticePage, page[max(0, len(page)-400):])
	}
	for _, name := range []string{yearPage, "index.html", "404.html"} {
		if page := string(files[name]); strings.Contains(page, "本通报页自己的页脚") || !strings.Contains(page, `<footer class="site-footer">`) {
			t.Errorf("%s does not have the built-in site-foot:\n%s", name, page[max(0, len(page)-400):])
		}
	}

	mine := []string{`<meta name="viewport" content="width=device-width" data-mine>`, `<meta name="SiteDomain" data-mine content=`, `<header class="site-header mine">`, `订阅本站`}
	layout := strings.NewReplacer(`<meta name="viewport" content="width=device-width, initial-scale=1">`, mine[0], `<meta name="SiteDomain" content=`, mine[1],
		`<header class="site-header">`, mine[2], `订阅（Atom）`, mine[3]).Replace(string(readTemplate(t, "layout.html")))
	fsys = sampleSite(t)
	fsys["templates/layout.html"] = &fstest.MapFile{Data: []byte(layout)}
	for name, data := range buildFiles(t, fsys) {
		for _, want := range mine {
			if strings.HasSuffix(name, ".html") && !bytes.Contains(data, []byte(want)) {
				t.Errorf("%s does not follow the site's layout.html: no %s", name, want)
			}
		}
	}
}

func readTemplate(t *testing.T, name string) []byte {
	t.Helper()
	data, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestNavTemplateOverride: the navigation pages follow a site's own
// templates file by file, and a site's layout.html written before they
// existed (no pager, no list of notices) still makes every page.
func TestNavTemplateOverride(t *testing.T) {
	const unitPage, kindPage, roundsPage = "unit/省妇女联合会党组/index.html", "xunshi/index.html", "round/index.html"
	oldLayout := `{{define "layout"}}<!DOCTYPE html><title>{{.Title}}</title>{{template "main" .}}{{end}}`
	for _, c := range []struct{ file, src, page, want string }{
		{"unit.html", `{{define "main"}}<h1>单位：{{.Unit.Name}}，{{len .Unit.Entries}}篇</h1>{{end}}`, unitPage, "<h1>单位：省妇女联合会党组，1篇</h1>"},
		{"kind.html", `{{define "main"}}<h1>{{.List.Kind}}（{{.List.Count}}）</h1>{{end}}`, kindPage, "<h1>巡视（1）</h1>"},
		{"browse.html", `{{define "main"}}<p>{{len .Index.Links}}</p>{{end}}`, roundsPage, "<p>0</p>"},
		{"pager.html", `{{define "pager"}}{{end}}{{define "item"}}<li>{{.Title}}</li>{{end}}{{define "items"}}<ol class="mine">{{range .}}{{.}}{{end}}</ol>{{end}}`, kindPage,
			`<ol class="mine"><li>中共浙江省妇女联合会党组关于巡视整改情况的通报</li></ol>`},
		{"layout.html", oldLayout, unitPage, "<title>省妇女联合会党组</title>"},
		{"layout.html", oldLayout, kindPage, `<a href="/xszg/2025/zhejiang-womens-federation/">`},
	} {
		t.Run(c.file+" "+c.page, func(t *testing.T) {
			fsys := sampleSite(t)
			fsys["templates/"+c.file] = &fstest.MapFile{Data: []byte(c.src)}
			page := string(buildFiles(t, fsys)[c.page])
			if !strings.Contains(page, c.want) {
				t.Errorf("%s does not follow the site's %s: want %q in\n%.600s", c.page, c.file, c.want, page)
			}
		})
	}
}

func TestTemplateError(t *testing.T) {
	fsys := sampleSite(t)
	fsys["templates/year.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n<h1>{{.Year.Year}</h1>{{end}}")}
	problems, err := build.Run(fsys, site.Options{}, func(string, []byte) error { return nil })
	if err == nil {
		t.Fatal("a broken template built")
	}
	if len(problems) != 1 || !strings.HasPrefix(problems[0].String(), "templates/year.html:2:1: 模板有误; template: ") {
		t.Errorf("got %v, want one problem at templates/year.html:2", problems)
	}
}

// TestRawHTMLSetting: raw HTML is text by default and passes only when the
// site allows it.
func TestRawHTMLSetting(t *testing.T) {
	page := "2025/zhejiang-womens-federation/index.html"
	fsys := sampleSite(t)
	n := fsys["content/2025/zhejiang-womens-federation.md"]
	n.Data = append(bytes.Clone(n.Data), []byte("\n附件<em>一</em>\n")...)
	if got := buildFiles(t, fsys)[page]; !bytes.Contains(got, []byte("附件&lt;em&gt;一&lt;/em&gt;")) {
		t.Error("raw HTML was not escaped by default")
	}
	s := fsys["content/site.toml"]
	s.Data = bytes.Replace(s.Data, []byte("unsafe_html = false"), []byte("unsafe_html = true"), 1)
	if got := buildFiles(t, fsys)[page]; !bytes.Contains(got, []byte("附件<em>一</em>")) {
		t.Error("raw HTML was escaped although the site allows it")
	}
}

// Every page's header links the search page, under the base path.
func TestEveryPageLinksSearch(t *testing.T) {
	for name, data := range buildFiles(t, sampleSite(t)) {
		if strings.HasSuffix(name, ".html") && !bytes.Contains(data, []byte(`<p class="site-search"><a href="/xszg/search/">搜索通报</a></p>`)) {
			t.Errorf("%s does not link the search page in its header", name)
		}
	}
}

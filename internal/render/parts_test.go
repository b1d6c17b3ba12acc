package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"disclose/internal/site"
	"disclose/templates"
)

// renderAll renders the site in fsys with its templates, links relative
// to each page when relative, and returns its pages by path.
func renderAll(t *testing.T, fsys fstest.MapFS, opts site.Options, relative bool) (map[string][]byte, *Templates, error) {
	t.Helper()
	return renderPrepared(t, fsys, opts, relative, nil)
}

// renderPrepared is renderAll, handing the templates to prepare, when it is
// not nil, before they render.
func renderPrepared(t *testing.T, fsys fstest.MapFS, opts site.Options, relative bool, prepare func(*Templates)) (map[string][]byte, *Templates, error) {
	t.Helper()
	s, problems := site.Load(fsys, opts)
	if s == nil {
		t.Fatal(problems)
	}
	var o []Option
	if relative {
		o = append(o, RelativeLinks())
	}
	tm, problems := LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL, o...)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	if prepare != nil {
		prepare(tm)
	}
	var mu sync.Mutex
	pages := map[string][]byte{}
	err := Render(s, tm, func(path string, data []byte) error {
		if strings.HasSuffix(path, ".html") {
			mu.Lock()
			defer mu.Unlock()
			pages[path] = bytes.Clone(data)
		}
		return nil
	})
	return pages, tm, err
}

// TestTemplatesWrittenBeforeParts: a site whose own notice.html and
// layout.html are the built-in ones as they were before the parts
// (testdata/older, from f862f15: they write each table of contents line
// from .ID, .Sub and .Title, each date from .ISO and .Text, the trail
// from .Crumbs), both or either beside the other built-in file, gets the
// same pages, byte for byte, as the built-in templates make. So does one
// whose own pager.html and unit.html are those from before the lists'
// dates were a part (testdata/before-list-lines, from d83672e: they write a
// line's date from .Date), both or either.
func TestTemplatesWrittenBeforeParts(t *testing.T) {
	sites := noticePageSites(t)
	// The sample with a round and a unit whose name is no path: the
	// round's link, and no unit link.
	round := maps.Clone(sites["sample"])
	const sample = "content/2025/zhejiang-womens-federation.md"
	round[sample] = &fstest.MapFile{Data: bytes.Replace(round[sample].Data, []byte("start = 2024-03-18\n"), []byte("start = 2024-03-18\nround = \"十五届省委第三轮巡视\"\n"), 1)}
	round["content/2025/slash.md"] = &fstest.MapFile{Data: bytes.Replace(round[sample].Data, []byte(`organization = "省妇女联合会党组"`), []byte(`organization = "/"`), 1)}
	sites["round"] = round
	// The lines of the lists with every character html/template's escaper
	// replaces in an element's text, in the title, the group and the
	// unit (a round's name holds only Chinese characters and digits).
	marked := maps.Clone(round)
	marked[sample] = &fstest.MapFile{Data: []byte(strings.NewReplacer(
		`title = "中共浙江省妇女联合会党组`, `title = "中共浙江省妇女联合会党组\"&'+<>`,
		`group = "省委第六巡视组"`, `group = "省委第六巡视组\"&'+<>"`,
		`organization = "省妇女联合会党组"`, `organization = "省妇女联合会党组<&>'+\""`,
	).Replace(string(round[sample].Data)))}
	sites["marked"] = marked
	for name, fsys := range sites {
		for _, relative := range []bool{false, true} {
			opts := site.Options{Drafts: true}
			want, _, err := renderAll(t, fsys, opts, relative)
			if err != nil {
				t.Fatal(err)
			}
			if name == "round" && !bytes.Contains(want["2025/zhejiang-womens-federation/index.html"], []byte("巡视轮次</dt><dd><a href=")) {
				t.Error("the notice's page does not link its round")
			}
			// The two files of before together, and each beside the
			// other built-in file.
			for _, files := range [][]string{{"older/notice.html", "older/layout.html"}, {"older/notice.html"}, {"older/layout.html"},
				{"before-list-lines/pager.html", "before-list-lines/unit.html"}, {"before-list-lines/pager.html"}, {"before-list-lines/unit.html"}} {
				t.Run(fmt.Sprint(name, map[bool]string{false: "", true: " relative"}[relative], files), func(t *testing.T) {
					own := maps.Clone(fsys)
					for _, file := range files {
						data, err := os.ReadFile(filepath.Join("testdata", file))
						if err != nil {
							t.Fatal(err)
						}
						own["templates/"+filepath.Base(file)] = &fstest.MapFile{Data: data}
					}
					got, _, err := renderAll(t, own, opts, relative)
					if err != nil {
						t.Fatal(err)
					}
					samePages(t, got, want)
				})
			}
		}
	}
}

// TestOwnParts: each part is a site's own where its template defines it,
// and the built-in one is then not used.
func TestOwnParts(t *testing.T) {
	const noticePage, yearPage = "2025/zhejiang-womens-federation/index.html", "2025/index.html"
	for _, c := range []struct {
		file, builtin, own string
		want               map[string]string // page → what it must hold
		gone               string            // what the built-in part writes
	}{
		{"notice.html",
			`{{define "toc-line-start"}}{{if .Sub}}<li class="toc2">{{else}}<li class="toc1">{{end}}<a href="#{{.ID}}">{{end}}`,
			`{{define "toc-line-start"}}<li class="mine"><a href="#{{.ID}}" data-sub="{{.Sub}}">{{end}}`,
			map[string]string{noticePage: `<li class="mine"><a href="#s1-1" data-sub="true">(一)推进新型婚育文化建设。</a></li>`},
			`class="toc1"`},
		{"notice.html",
			"{{define \"toc-line-end\"}}</a></li>\n{{end}}",
			"{{define \"toc-line-end\"}}</a>{{if .Sub}} ({{.ID}}){{end}}</li>\n{{end}}",
			map[string]string{noticePage: "问题的整改情况</a></li>\n<li class=\"toc2\"><a href=\"#s1-1\">(一)推进新型婚育文化建设。</a> (s1-1)</li>\n<li class=\"toc2\">"},
			"建设。</a></li>"},
		{"notice.html",
			`{{define "facts-link"}}<a href="{{.URL}}">{{.Name}}</a>{{end}}`,
			`{{define "facts-link"}}<a class="mine" href="{{.URL}}">{{.Name}}</a>{{end}}`,
			map[string]string{noticePage: `<dd><a class="mine" href="/xszg/unit/%e7%9c%81%e5%a6%87%e5%a5%b3%e8%81%94%e5%90%88%e4%bc%9a%e5%85%9a%e7%bb%84/">省妇女联合会党组</a></dd>`},
			`<dd><a href=`},
		{"notice.html",
			`{{define "time-element"}}<time datetime="{{.ISOHTML}}">{{.TextHTML}}</time>{{end}}`,
			`{{define "time-element"}}<time class="mine" datetime="{{.ISO}}">{{.Text}}</time>{{end}}`,
			map[string]string{noticePage: `<dd><time class="mine" datetime="2024-03-18">2024年3月18日</time>至<time class="mine" datetime="2024-05-20">2024年5月20日</time></dd>`},
			`<time datetime=`},
		{"notice.html",
			"{{define \"figure-line\"}}\n<li><span class=\"value\">{{.Value}}<span class=\"unit\">{{.Unit}}</span></span><span class=\"label\">{{.Label}}</span></li>\n{{- end}}",
			"{{define \"figure-line\"}}\n<li class=\"mine\">{{.Label}}: {{.Value}} {{.Unit}}</li>{{end}}",
			map[string]string{noticePage: "<ul class=\"figures\" aria-label=\"整改数据\">\n<li class=\"mine\">教育提醒: 4 人</li>\n<li class=\"mine\">建立完善制度: 15 项</li>\n</ul>"},
			`<span class="value">`},
		{"notice.html",
			`{{define "facts-link"}}<a href="{{.URL}}">{{.Name}}</a>{{end}}`,
			`{{define "facts-link"}}{{if false}}x{{end}}{{end}}`, // writes nothing: the facts are written all the same
			map[string]string{noticePage: "<h2 id=\"facts-title\">巡视整改概况</h2>\n<dl><dt>巡视组</dt><dd>省委第六巡视组</dd><dt>被巡视单位</dt><dd></dd><dt>巡视时间</dt>"},
			`<dd><a href=`},
		{"notice.html",
			"{{define \"facts-start\"}}\n<h2 id=\"facts-title\">{{.KindHTML}}整改概况</h2>",
			"{{define \"facts-start\"}}\n<h2 id=\"facts-title\" class=\"mine\">{{.KindHTML}}整改概况</h2>",
			map[string]string{noticePage: "<h2 id=\"facts-title\" class=\"mine\">巡视整改概况</h2>\n<dl><dt>巡视组</dt><dd>省委第六巡视组</dd><dt>被巡视单位</dt><dd><a href="},
			`<h2 id="facts-title">`},
		{"pager.html",
			`{{define "list-time"}}<time datetime="{{.ISO}}">{{.Text}}</time>{{end}}`,
			`{{define "list-time"}}<time class="mine" datetime="{{.ISO}}">{{.Text}}</time>{{end}}`,
			map[string]string{
				yearPage: `<p class="about">发布日期：<time class="mine" datetime="2025-06-17">2025-06-17</time>`,
				"unit/省妇女联合会党组/index.html": `<p class="about">发布日期：<time class="mine" datetime="2025-06-17">2025-06-17</time>`,
			},
			`发布日期：<time datetime=`},
		{"layout.html",
			`{{define "trail"}}{{range .}}<li><a href="{{.URL}}">{{.Name}}</a></li>{{end}}{{end}}`,
			`{{define "trail"}}{{range .}}<li class="mine"><a href="{{.URL}}">{{.Name}}</a> ›</li>{{end}}{{end}}`,
			map[string]string{
				noticePage: `<ol><li class="mine"><a href="/xszg/">首页</a> ›</li><li class="mine"><a href="/xszg/2025/">2025年</a> ›</li><li aria-current="page">`,
				yearPage:   `<ol><li class="mine"><a href="/xszg/">首页</a> ›</li><li aria-current="page">`,
			},
			`<ol><li><a href=`},
	} {
		t.Run(strings.Split(c.builtin, `"`)[1], func(t *testing.T) {
			builtin, err := fs.ReadFile(templates.FS, c.file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(builtin, []byte(c.builtin)) {
				t.Fatalf("%s has no part %q", c.file, c.builtin)
			}
			fsys := maps.Clone(noticePageSites(t)["sample"])
			fsys["templates/"+c.file] = &fstest.MapFile{Data: bytes.Replace(builtin, []byte(c.builtin), []byte(c.own), 1)}
			pages, _, err := renderAll(t, fsys, site.Options{}, false)
			if err != nil {
				t.Fatal(err)
			}
			for path, want := range c.want {
				if page := string(pages[path]); !strings.Contains(page, want) || strings.Contains(page, c.gone) {
					t.Errorf("%s: want %q and no %q in\n%s", path, want, c.gone, page)
				}
			}
		})
	}
}

// TestPartsWrittenOnce: each part is written once for each value it is
// written from, and for each kind of page and depth where links are
// relative to each page (each has its own templates).
func TestPartsWrittenOnce(t *testing.T) {
	fsys := noticePageSites(t)["corpus"]
	pages, tm, err := renderAll(t, fsys, site.Options{}, true)
	if err != nil {
		t.Fatal(err)
	}
	noticeTmpl := tm.clones[cloneKey{"notice", 2}]
	if noticeTmpl == nil {
		t.Fatal("no templates for the notice pages")
	}
	// What the notice pages hold: a trail for each year; an anchor and
	// level for each line of a table of contents; a link for each unit;
	// a date for each date shown; a line for each figure; a heading for
	// each kind, group, unit and round.
	r, notices, docs := siteNotices(t, fsys, site.Options{})
	years, anchors, links, times, figures, facts := map[int]bool{}, map[tocAnchor]bool{}, map[string]bool{}, map[string]bool{}, map[statistic]bool{}, map[[4]string]bool{}
	for i, n := range notices {
		years[n.Year] = true
		for _, e := range tocOf(docs[i].Outline) {
			anchors[tocAnchor{e.ID, e.Sub}] = true
		}
		v := noticePage(r.sv, n, docs[i]).Notice
		links[v.Inspection.Organization] = true
		facts[[4]string{v.Inspection.Kind, v.Inspection.Group, v.Inspection.Organization, v.Inspection.Round}] = true
		for _, s := range n.Statistics {
			figures[statistic{s.Value.Text, s.Unit, s.Label}] = true
		}
		for _, d := range []*timeView{&v.Date, &v.Signature.Date, v.Inspection.Start, v.Inspection.End, v.Inspection.Feedback} {
			if d != nil && !strings.Contains(d.ISO, "T") { // a time of day is written for its page alone
				times[d.ISO+" "+d.Text] = true
			}
		}
	}
	got := map[string][2]int{
		"trail":          {countFor(tm.parts.trail, noticeTmpl), len(years)},
		"toc-line-start": {countFor(tm.parts.tocLine, noticeTmpl), len(anchors)},
		"facts-link":     {countFor(tm.parts.link, noticeTmpl), len(links)},
		"time-element":   {countFor(tm.parts.time, noticeTmpl), len(times)},
		"figure-line":    {countFor(tm.parts.figure, noticeTmpl), len(figures)},
		"facts-start":    {countFor(tm.parts.facts, noticeTmpl), len(facts)},
	}
	for name, n := range got {
		if n[0] != n[1] || n[1] < 2 {
			t.Errorf("%s: written %d times for the notice pages, want %d", name, n[0], n[1])
		}
	}
	for k := range tm.parts.time {
		if strings.Contains(k.v.ISO, "T") {
			t.Errorf("a time of day, %s, is kept", k.v.ISO)
		}
	}
	if len(pages) < len(notices) {
		t.Errorf("%d pages for %d notices", len(pages), len(notices))
	}
}

// statistic is a figure of the list as its part is written from it.
type statistic struct{ value, unit, label string }

func countFor[V comparable, W any](m map[partKey[V]]W, tmpl *template.Template) int {
	n := 0
	for k := range m {
		if k.tmpl == tmpl {
			n++
		}
	}
	return n
}

// TestPartUsesOnlyItsValues: a site's part that uses what differs
// between the places it is shared by (a line's title) fails the page
// instead of writing one line's title on another.
func TestPartUsesOnlyItsValues(t *testing.T) {
	data, err := fs.ReadFile(templates.FS, "notice.html")
	if err != nil {
		t.Fatal(err)
	}
	own := regexp.MustCompile(`\{\{define "toc-line-start"\}\}.*\{\{end\}\}\n`).ReplaceAll(data, []byte(`{{define "toc-line-start"}}<li title="{{.Title}}"><a href="#{{.ID}}">{{end}}`+"\n"))
	if bytes.Equal(own, data) {
		t.Fatal("notice.html has no toc-line-start")
	}
	fsys := maps.Clone(noticePageSites(t)["sample"])
	fsys["templates/notice.html"] = &fstest.MapFile{Data: own}
	_, _, err = renderAll(t, fsys, site.Options{}, false)
	if err == nil || !strings.Contains(err.Error(), "toc-line-start") || !strings.Contains(err.Error(), "Title") {
		t.Errorf("got %v, want an error naming toc-line-start and Title", err)
	}
}

// TestPartsPlaced: a part is written for a kind of page only where its
// templates define it and place the field it fills; a site's template of
// its own that bears a part's name, written for its own data, is left
// alone.
func TestPartsPlaced(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      partSet
	}{
		{"defined and placed", `{{define "trail"}}x{{end}}{{define "layout"}}{{.Trail}}{{end}}`, 1 << partTrail},
		{"placed through $", `{{define "trail"}}x{{end}}{{define "layout"}}{{range .Crumbs}}{{$.Trail}}{{end}}{{end}}`, 1 << partTrail},
		{"placed in a branch", `{{define "time-element"}}x{{end}}{{define "layout"}}{{with .Notice}}{{if .Draft}}{{else}}{{.Date.Element}}{{end}}{{end}}{{end}}`, 1 << partTime},
		{"placed as an argument", `{{define "facts-link"}}x{{end}}{{define "layout"}}{{printf "%s" .Notice.Inspection.RoundLink}}{{end}}`, 1 << partLink},
		{"placed in a template call", `{{define "toc-line-start"}}x{{end}}{{define "x"}}{{.}}{{end}}{{define "layout"}}{{range .Notice.TOC}}{{template "x" .LineStart}}{{end}}{{end}}`, 1 << partTocLine},
		{"lines whole", `{{define "toc-line-start"}}x{{end}}{{define "toc-line-end"}}y{{end}}{{define "layout"}}{{.Notice.TOCLines}}{{end}}`, 1<<partTocLine | 1<<partTocLineEnd | 1<<partTOC},
		{"lines whole, no end", `{{define "toc-line-start"}}x{{end}}{{define "layout"}}{{.Notice.TOCLines}}{{end}}`, 1 << partTocLine},
		{"lines, no end", `{{define "toc-line-start"}}x{{end}}{{define "toc-line-end"}}y{{end}}{{define "layout"}}{{range .Notice.TOC}}{{.Line}}{{end}}{{end}}`, 1<<partTocLine | 1<<partTocLines},
		{"facts", `{{define "facts-start"}}x{{end}}{{define "layout"}}{{with .Notice.Inspection}}{{.FactsStart}}{{end}}{{end}}`, 1 << partFacts},
		{"figures whole", `{{define "figure-line"}}x{{end}}{{define "layout"}}{{with .Notice}}{{if .Figures}}<ul>{{.FigureLines}}</ul>{{end}}{{end}}{{end}}`, 1 << partFigure},
		{"figures, line by line (its own)", `{{define "figure-line"}}x{{end}}{{define "layout"}}{{range .Notice.Figures}}{{template "figure-line" .}}{{end}}{{end}}`, 0},
		{"defined, not placed (its own)", `{{define "trail"}}{{range .Crumbs}}{{.Name}}{{end}}{{end}}{{define "layout"}}{{template "trail" .}}{{end}}`, 0},
		{"placed, not defined", `{{define "layout"}}{{.Trail}}{{end}}`, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			tmpl := template.Must(template.New("x").Parse(c.src))
			if got := partsPlaced(tmpl); got != c.want {
				t.Errorf("got %b, want %b", got, c.want)
			}
		})
	}
	// A site's layout.html of before, with a "trail" of its own written
	// for the page: the pages are what it writes.
	fsys := maps.Clone(noticePageSites(t)["sample"])
	fsys["templates/layout.html"] = &fstest.MapFile{Data: []byte(`{{define "trail"}}<p>{{len .Crumbs}} 步</p>{{end}}{{define "layout"}}<!DOCTYPE html><title>{{.Title}}</title>{{template "trail" .}}{{template "main" .}}{{end}}`)}
	pages, _, err := renderAll(t, fsys, site.Options{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if page := string(pages["2025/zhejiang-womens-federation/index.html"]); !strings.Contains(page, "<p>2 步</p>") {
		t.Errorf("the site's own trail was not written:\n%.300s", page)
	}
}

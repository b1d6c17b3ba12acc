package render

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
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
// from .ID, .Sub and .Title) gets the same pages, byte for byte, as the
// built-in templates make.
func TestTemplatesWrittenBeforeParts(t *testing.T) {
	for name, fsys := range noticePageSites(t) {
		for _, relative := range []bool{false, true} {
			t.Run(name+map[bool]string{false: "", true: " relative"}[relative], func(t *testing.T) {
				opts := site.Options{Drafts: true}
				want, _, err := renderAll(t, fsys, opts, relative)
				if err != nil {
					t.Fatal(err)
				}
				own := maps.Clone(fsys)
				for _, file := range []string{"notice.html", "layout.html"} {
					data, err := os.ReadFile(filepath.Join("testdata", "older", file))
					if err != nil {
						t.Fatal(err)
					}
					own["templates/"+file] = &fstest.MapFile{Data: data}
				}
				got, _, err := renderAll(t, own, opts, relative)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Fatalf("got %d pages, want %d", len(got), len(want))
				}
				for path, w := range want {
					if !bytes.Equal(got[path], w) {
						t.Errorf("%s differs:\n%s", path, firstDifference(w, got[path]))
					}
				}
			})
		}
	}
}

// TestTocStartPart: the "toc-start" part is a site's own where its
// notice.html defines it; it is written once for each anchor and level,
// and one that uses what differs between the lines it is shared by (the
// title) fails the page instead of writing one line's title on another.
func TestTocStartPart(t *testing.T) {
	data, err := fs.ReadFile(templates.FS, "notice.html")
	if err != nil {
		t.Fatal(err)
	}
	builtin := string(data)
	const start = `{{define "toc-start"}}{{if .Sub}}<li class="toc2">{{else}}<li class="toc1">{{end}}<a href="#{{.ID}}">{{end}}`
	if !strings.Contains(builtin, start) {
		t.Fatalf("notice.html has no part %q", start)
	}
	const page = "2025/zhejiang-womens-federation/index.html"

	t.Run("own", func(t *testing.T) {
		fsys := maps.Clone(noticePageSites(t)["sample"])
		own := strings.Replace(builtin, start, `{{define "toc-start"}}<li class="mine"><a href="#{{.ID}}" data-sub="{{.Sub}}">{{end}}`, 1)
		fsys["templates/notice.html"] = &fstest.MapFile{Data: []byte(own)}
		pages, _, err := renderAll(t, fsys, site.Options{}, false)
		if err != nil {
			t.Fatal(err)
		}
		got := string(pages[page])
		for _, want := range []string{
			`<li class="mine"><a href="#s1" data-sub="false">一、关于“学习贯彻习近平总书记关于妇女儿童和妇联工作的重要论述`,
			`<li class="mine"><a href="#s1-1" data-sub="true">(一)推进新型婚育文化建设。</a></li>`,
		} {
			if !strings.Contains(got, want) {
				t.Errorf("want %q in the table of contents:\n%s", want, got[strings.Index(got, `<nav class="toc"`):][:800])
			}
		}
		if strings.Contains(got, `class="toc1"`) {
			t.Error("the built-in part was used beside the site's own")
		}
	})

	t.Run("once", func(t *testing.T) {
		fsys := noticePageSites(t)["corpus"]
		r, notices, docs := siteNotices(t, fsys, site.Options{})
		anchors := map[tocAnchor]bool{}
		for i, n := range notices {
			if _, err := r.NoticeDoc(n, docs[i], func(string, []byte) error { return nil }); err != nil {
				t.Fatal(err)
			}
			for _, e := range tocOf(docs[i].Outline) {
				anchors[tocAnchor{e.ID, e.Sub}] = true
			}
		}
		if got := len(r.t.parts.tocStart); got != len(anchors) || got == 0 {
			t.Errorf("%d parts written for %d anchors and levels of %d notices", got, len(anchors), len(notices))
		}
	})

	t.Run("title", func(t *testing.T) {
		fsys := maps.Clone(noticePageSites(t)["sample"])
		own := strings.Replace(builtin, start, `{{define "toc-start"}}<li title="{{.Title}}"><a href="#{{.ID}}">{{end}}`, 1)
		fsys["templates/notice.html"] = &fstest.MapFile{Data: []byte(own)}
		_, _, err := renderAll(t, fsys, site.Options{}, false)
		if err == nil || !strings.Contains(err.Error(), "toc-start") || !strings.Contains(err.Error(), "Title") {
			t.Errorf("got %v, want an error naming toc-start and Title", err)
		}
	})
}

// TestTrailPart: the "crumbs" part is a site's own where its layout.html
// defines it, and is written once for each trail.
func TestTrailPart(t *testing.T) {
	data, err := fs.ReadFile(templates.FS, "layout.html")
	if err != nil {
		t.Fatal(err)
	}
	const crumbs = `{{define "crumbs"}}{{range .}}<li><a href="{{.URL}}">{{.Name}}</a></li>{{end}}{{end}}`
	if !bytes.Contains(data, []byte(crumbs)) {
		t.Fatalf("layout.html has no part %q", crumbs)
	}

	t.Run("own", func(t *testing.T) {
		fsys := maps.Clone(noticePageSites(t)["sample"])
		own := strings.Replace(string(data), crumbs, `{{define "crumbs"}}{{range .}}<li class="mine"><a href="{{.URL}}">{{.Name}}</a> ›</li>{{end}}{{end}}`, 1)
		fsys["templates/layout.html"] = &fstest.MapFile{Data: []byte(own)}
		pages, _, err := renderAll(t, fsys, site.Options{}, false)
		if err != nil {
			t.Fatal(err)
		}
		for path, want := range map[string]string{
			"2025/zhejiang-womens-federation/index.html": `<ol><li class="mine"><a href="/xszg/">首页</a> ›</li><li class="mine"><a href="/xszg/2025/">2025年</a> ›</li><li aria-current="page">`,
			"2025/index.html": `<ol><li class="mine"><a href="/xszg/">首页</a> ›</li><li aria-current="page">`,
		} {
			if !strings.Contains(string(pages[path]), want) {
				t.Errorf("%s: want %q", path, want)
			}
		}
	})

	t.Run("once", func(t *testing.T) {
		_, tm, err := renderAll(t, noticePageSites(t)["corpus"], site.Options{}, true)
		if err != nil {
			t.Fatal(err)
		}
		// Links relative to each page: each kind of page at each depth
		// has its own templates. The notice pages: a trail for each year,
		// at one depth.
		years := 0
		for k := range tm.parts.trail {
			if k.tmpl == tm.clones[cloneKey{"notice", 2}] {
				years++
			}
		}
		if want := len(noticeYears(t, noticePageSites(t)["corpus"])); years != want || want < 2 {
			t.Errorf("%d trails written for the notice pages, want one for each of %d years", years, want)
		}
	})
}

func noticeYears(t *testing.T, fsys fstest.MapFS) []int {
	s, problems := site.Load(fsys, site.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	return s.Years()
}

package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"testing"
	ttemplate "text/template"

	"github.com/yuin/goldmark"

	"disclose/internal/corpus"
	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// benchNotices parses n corpus notices and returns them with a renderer
// of the embedded templates.
func benchNotices(b *testing.B, n int) (*Renderer, []*notice.Notice) {
	b.Helper()
	fsys := corpus.MapFS(corpus.Defaults(n))
	s, problems := site.Load(fsys, site.Options{})
	if s == nil {
		b.Fatal(problems)
	}
	t, problems := LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL)
	if problems.HasErrors() {
		b.Fatal(problems)
	}
	return NewRenderer(s.Settings, t), s.Notices
}

// BenchmarkNoticeSteps measures each step of rendering one notice: the
// Markdown conversion, the page template and notice.json.
func BenchmarkNoticeSteps(b *testing.B) {
	r, notices := benchNotices(b, 100)
	docs := make([]markdown.Doc, len(notices))
	for i, n := range notices {
		var err error
		if docs[i], err = r.Convert(n); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("convert", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := r.Convert(notices[i%len(notices)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("page", func(b *testing.B) {
		i := 0
		for b.Loop() {
			n := notices[i%len(notices)]
			p := noticePage(r.sv, n, docs[i%len(notices)])
			if _, err := r.t.execute("notice", n.URL()+"index.html", p, 32<<10); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("json", func(b *testing.B) {
		var buf bytes.Buffer
		i := 0
		for b.Loop() {
			n := notices[i%len(notices)]
			d := newNoticeData(r.st, n, docs[i%len(notices)].Outline, nil)
			buf.Reset()
			if err := writeJSON(&buf, &d); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

// BenchmarkNoticePage measures a notice's page alone as a build to disk
// renders it: its views made (noticePage) and its templates run into a
// buffer reused from page to page, over 100 corpus notices converted
// beforehand. Run it with -cpu 1 to read CPU time: docs/performance.md.
func BenchmarkNoticePage(b *testing.B) {
	r, notices := benchNotices(b, 100)
	r.Recycle()
	docs := make([]markdown.Doc, len(notices))
	for i, n := range notices {
		var err error
		if docs[i], err = r.Convert(n); err != nil {
			b.Fatal(err)
		}
	}
	escapes := escapesPerPage(b, r, notices, docs)
	i := 0
	for b.Loop() {
		n, doc := notices[i%len(notices)], docs[i%len(notices)]
		page := r.buffer(len(doc.HTML)*5/4 + 8<<10)
		if err := r.t.executeTo(page, "notice", n.URL()+"index.html", noticePage(r.sv, n, doc)); err != nil {
			b.Fatal(err)
		}
		r.release(page.Bytes())
		i++
	}
	b.ReportMetric(escapes, "escapes/page")
}

// escapesPerPage is how many escaper calls the notices' pages make, on
// average: what a page costs is mostly what its escaped values cost
// (parts.go). The templates as html/template escaped them run again under
// text/template, each escaper replaced by one that counts its calls.
func escapesPerPage(b *testing.B, r *Renderer, notices []*notice.Notice, docs []markdown.Doc) float64 {
	b.Helper()
	calls := 0
	funcs := ttemplate.FuncMap{"url": r.t.url, "abs": r.t.abs}
	for _, name := range []string{"htmlescaper", "attrescaper", "rcdataescaper", "urlescaper", "urlfilter", "urlnormalizer"} {
		funcs["_html_template_"+name] = func(args ...any) string { calls++; return fmt.Sprint(args...) }
	}
	funcs[urlAttrFunc] = func(v any) string { calls++; return urlAttr(v) } // one call for a URL attribute's three escapers
	for i, n := range notices {
		path := n.URL() + "index.html"
		if _, err := r.t.execute("notice", path, noticePage(r.sv, n, docs[i]), 32<<10); err != nil {
			b.Fatal(err) // the templates are escaped once they run
		}
		tmpl := r.t.pages["notice"]
		counting := ttemplate.New("counting").Funcs(funcs)
		for _, d := range tmpl.Templates() {
			if d.Tree != nil {
				if _, err := counting.AddParseTree(d.Name(), d.Tree); err != nil {
					b.Fatal(err)
				}
			}
		}
		p, err := r.t.prepared("notice", tmpl, path, r.t.linked(noticePage(r.sv, n, docs[i]), path))
		if err != nil {
			b.Fatal(err)
		}
		if err := counting.ExecuteTemplate(io.Discard, "layout", p); err != nil {
			b.Fatal(err)
		}
	}
	return float64(calls) / float64(len(notices))
}

// escapesPerLine is how many escaper calls a line of a list makes, on
// average, as escapesPerPage counts them: the "item" template of each of
// the first 1,000 notices, and the entries of the units' pages (a page's
// calls less those of the same page without its entries).
func escapesPerLine(b *testing.B, r *Renderer, s *Listing) (item, entry float64) {
	b.Helper()
	calls := 0
	counting := func(tmpl *template.Template) *ttemplate.Template {
		funcs := ttemplate.FuncMap{"url": r.t.url, "abs": r.t.abs}
		for _, name := range []string{"htmlescaper", "attrescaper", "rcdataescaper", "urlescaper", "urlfilter", "urlnormalizer"} {
			funcs["_html_template_"+name] = func(args ...any) string { calls++; return fmt.Sprint(args...) }
		}
		funcs[urlAttrFunc] = func(v any) string { calls++; return urlAttr(v) }
		c := ttemplate.New("counting").Funcs(funcs)
		for _, d := range tmpl.Templates() {
			if d.Tree != nil {
				if _, err := c.AddParseTree(d.Name(), d.Tree); err != nil {
					b.Fatal(err)
				}
			}
		}
		return c
	}
	notices := s.Notices[:min(1000, len(s.Notices))]
	if _, err := r.t.items("", notices, []int{0}); err != nil {
		b.Fatal(err) // the templates are escaped and trusted once they run
	}
	kind := r.t.pages["kind"]
	lines := listItems(notices)
	if err := r.t.listTimes("kind", kind, lines); err != nil {
		b.Fatal(err)
	}
	if err := r.t.lineTexts(lines); err != nil {
		b.Fatal(err)
	}
	c := counting(kind)
	for _, l := range lines {
		if err := c.ExecuteTemplate(io.Discard, "item", l); err != nil {
			b.Fatal(err)
		}
	}
	item = float64(calls) / float64(len(lines))
	calls = 0
	entries := 0
	unit := r.t.pages["unit"]
	for i, g := range newNavigation(s.Notices).units {
		p, err := r.unitPageOf(g)
		if err != nil {
			b.Fatal(err)
		}
		p = r.t.linked(p, p.Path)
		if i == 0 {
			if _, err := r.t.execute("unit", p.Path+"index.html", p, 16<<10); err != nil {
				b.Fatal(err)
			}
			c = counting(unit)
		}
		if p, err = r.t.prepared("unit", unit, p.Path, p); err != nil {
			b.Fatal(err)
		}
		before := calls
		if err := c.ExecuteTemplate(io.Discard, "layout", p); err != nil {
			b.Fatal(err)
		}
		all := calls - before
		entries += len(p.Unit.Entries)
		p.Unit.Entries = nil
		if err := c.ExecuteTemplate(io.Discard, "layout", p); err != nil {
			b.Fatal(err)
		}
		calls = before + all - (calls - before - all)
	}
	return item, float64(calls) / float64(entries)
}

// BenchmarkPlainGoldmark is the floor's conversion of the same bodies, for
// comparison with BenchmarkNoticeSteps/convert.
func BenchmarkPlainGoldmark(b *testing.B) {
	_, notices := benchNotices(b, 100)
	md := goldmark.New()
	var buf bytes.Buffer
	i := 0
	for b.Loop() {
		buf.Reset()
		if err := md.Convert(notices[i%len(notices)].Body, &buf); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkListingPages measures, on 10,000 notices of the corpus, what the
// lists cost beside the notice pages: every page of every year's list, and
// the navigation pages of issue 18 (the home page's later pages, the
// kinds' lists, the rounds and the units, and their sitemap paths). Run it
// with GOMAXPROCS=1 to read CPU time: docs/performance.md.
func BenchmarkListingPages(b *testing.B) {
	r, notices := benchNotices(b, 10000)
	s, _ := listingOf(b, &site.Site{Settings: r.st, Notices: notices}, nil)
	emit := func(string, []byte) error { return nil }
	b.Run("escapes", func(b *testing.B) {
		var item, entry float64
		for b.Loop() {
			item, entry = escapesPerLine(b, r, s)
		}
		b.ReportMetric(item, "escapes/item")
		b.ReportMetric(entry, "escapes/entry")
	})
	b.Run("years", func(b *testing.B) {
		for b.Loop() {
			items := r.newItems()
			for _, y := range s.Years() {
				if err := r.yearPages(s, y, s.InYear(y), nil, items, emit); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("navigation", func(b *testing.B) {
		for b.Loop() {
			nav := newNavigation(s.Notices)
			for _, job := range r.navJobs(s, nav, nil, r.newItems(), emit) {
				if err := job.run(); err != nil {
					b.Fatal(err)
				}
			}
			navPaths(s.Settings, s.Notices, nav)
		}
	})
}

// BenchmarkRenderSite measures what rendering costs besides the Markdown
// conversion, on 2,000 notices of the corpus converted beforehand: every
// notice's page and notice.json, then every listing (the years', the home
// page's and the navigation pages, feed.xml, sitemap.xml, notices.json).
// This is the renderer's share of a build: templates, their bounds and
// the JSON. Run it with -cpu 1 to read CPU time.
func BenchmarkRenderSite(b *testing.B) {
	r, notices := benchNotices(b, 2000)
	s := &site.Site{Settings: r.st, Notices: notices}
	docs := make([]markdown.Doc, len(notices))
	for i, n := range notices {
		var err error
		if docs[i], err = r.Convert(n); err != nil {
			b.Fatal(err)
		}
	}
	emit := func(string, []byte) error { return nil }
	summaries := make(map[*notice.Notice]Summary, len(notices))
	for b.Loop() {
		for i, n := range notices {
			sum, err := r.NoticeDoc(n, docs[i], emit)
			if err != nil {
				b.Fatal(err)
			}
			summaries[n] = sum
		}
		if err := r.Listings(s, summaries, emit); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRelativeRender measures rendering 200 corpus notices with links
// relative to each page, as an archive bundle's offline copy has them.
func BenchmarkRelativeRender(b *testing.B) {
	fsys := corpus.MapFS(corpus.Defaults(200))
	s, problems := site.Load(fsys, site.Options{})
	if s == nil {
		b.Fatal(problems)
	}
	t, problems := LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL, RelativeLinks())
	if problems.HasErrors() {
		b.Fatal(problems)
	}
	for b.Loop() {
		if err := Render(s, t, func(string, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

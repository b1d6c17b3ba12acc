// Package render is the second step of the build pipeline (load → render →
// write): it turns a loaded site into the files of the published site and
// hands each one to an Emit function, so the caller decides whether files go
// to disk (build) or to memory (preview, tests). It writes:
//
//	<year>/<slug>/index.html   one page per notice
//	<year>/<slug>/notice.json  that notice's metadata, statistics and sections
//	<year>/index.html          the notices of one year; a sealed year's
//	                           page says when it was sealed and where the
//	                           bundle is (site.Seal)
//	index.html                 the home page: the newest notices, the years,
//	                           the kinds, rounds and units to browse by
//	page/2/, <year>/page/2/    the later pages of the home page's and a
//	                           year's list (nav.go), and the navigation
//	xunshi/, xuncha/, round/,  pages: each kind's list, every round, every
//	unit/                      unit inspected
//	404.html                   the page for a URL that does not exist
//	feed.xml                   Atom feed of the newest notices
//	sitemap.xml                every page, for search engines
//	notices.json               every notice's metadata
//	<year>/<slug>/<slug>.pdf   the notice printed on A4, when the Renderer
//	                           was given a Printer; its page links it, and
//	                           notices.json lists it
//	style.<hash>.css           the stylesheet, named by its content
//	modes.<hash>.js            remembers the reading modes where script runs
//	search/index.html          the search page (its index: internal/search)
//	search.<hash>.js           the search page's script
//
// The output depends on nothing but the sources: no build time, listings
// sorted. Links start with the base path ("/xszg/2025/slug/"), for a site
// served over HTTP; templates loaded with RelativeLinks write them relative
// to each page instead, with index.html written out, for the offline copy
// in an archive bundle that browses from a folder with no server.
package render

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"sync"

	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/pool"
	"disclose/internal/search"
	"disclose/internal/site"
)

// Emit receives one output file: its path below the output folder
// (slash-separated) and its bytes. It is called from several goroutines at
// once, and the bytes are not reused after it returns, unless the
// Renderer was told to Recycle them.
type Emit func(path string, data []byte) error

// Stream receives one output file whose bytes write writes to the writer
// it is handed, piece by piece: a file too large to hold whole in memory
// (notices.json and sitemap.xml of a large site). It is called from
// several goroutines at once, like Emit.
type Stream func(path string, write func(io.Writer) error) error

// Renderer renders the pages of one site. It is safe for concurrent use.
type Renderer struct {
	t    *Templates
	st   *site.Settings
	sv   siteView
	conv *markdown.Converter
	// buffers holds the memory of pages and bodies emitted, for the next
	// notice to write into; nil unless Recycle was called.
	buffers *sync.Pool
	printer Printer // nil: no PDFs
}

// Printer prints a notice's page to PDF: page is the page as it would be
// published without a link to its PDF, path its site path
// ("2025/slug/index.html"). It returns the PDF, or nil when the notice is
// to have none. It is called from several goroutines at once.
type Printer func(n *notice.Notice, path string, page []byte) ([]byte, error)

// PDF is a notice's PDF as its page links it and notices.json lists it.
type PDF struct {
	Path string // below the base URL: 2025/slug/slug.pdf
	Size int64  // in bytes
}

// Print makes r print each notice it renders with p: the PDF is emitted
// beside the notice's page, which links it with its size.
func (r *Renderer) Print(p Printer) { r.printer = p }

// Printing reports whether r prints the notices it renders.
func (r *Renderer) Printing() bool { return r.printer != nil }

// PDFPath is where the PDF of n is written, below the base URL.
func PDFPath(n *notice.Notice) string { return n.URL() + n.Slug + ".pdf" }

// Recycle makes r reuse the memory of each notice's converted body, page
// and notice.json once they are emitted: a large site's build then makes
// far less garbage to collect. Call it only when every Emit given to r
// keeps nothing it is handed (it writes the bytes away), as a build to
// disk does; a preview keeps the pages it serves.
func (r *Renderer) Recycle() { r.buffers = &sync.Pool{} }

// buffer returns an empty buffer of at least size bytes.
func (r *Renderer) buffer(size int) *bytes.Buffer {
	if r.buffers != nil {
		if b, ok := r.buffers.Get().(*bytes.Buffer); ok {
			b.Reset()
			b.Grow(size)
			return b
		}
	}
	b := new(bytes.Buffer)
	b.Grow(size)
	return b
}

// release hands the memory of data back when r recycles it.
func (r *Renderer) release(data []byte) {
	if r.buffers != nil {
		r.buffers.Put(bytes.NewBuffer(data[:0]))
	}
}

// NewRenderer returns a renderer for a site with settings st and templates t.
func NewRenderer(st *site.Settings, t *Templates) *Renderer {
	return &Renderer{
		t: t, st: st,
		sv: siteView{Title: st.Title, Language: st.Language, Publisher: st.Publisher, Column: st.Column,
			Domain: domainOf(st.AbsURL("")), CSS: t.cssPath, Script: t.scriptPath},
		conv: markdown.New(markdown.Options{UnsafeHTML: st.UnsafeHTML}),
	}
}

// Summary is what the listings need of a rendered notice besides its front
// matter: the text of its first paragraph, for the feed.
type Summary struct {
	Text string
	PDF  *PDF // nil when the notice has none
}

// Render renders the whole site s with templates t: every notice, in
// parallel, then the listings.
func Render(s *site.Site, t *Templates, emit Emit) error {
	return RenderPrinted(s, t, nil, emit)
}

// RenderPrinted is Render, printing each notice with p (see Print); p may
// be nil.
func RenderPrinted(s *site.Site, t *Templates, p Printer, emit Emit) error {
	r := NewRenderer(s.Settings, t)
	r.printer = p
	summaries := make([]Summary, len(s.Notices))
	err := pool.Run(len(s.Notices), func(i int) error {
		var err error
		summaries[i], err = r.Notice(s.Notices[i], emit)
		return err
	})
	if err != nil {
		return err
	}
	byNotice := make(map[*notice.Notice]Summary, len(s.Notices))
	for i, n := range s.Notices {
		byNotice[n] = summaries[i]
	}
	return r.Listings(s, byNotice, emit)
}

// domainOf is the host of an absolute URL.
func domainOf(abs string) string {
	u, err := url.Parse(abs)
	if err != nil {
		return ""
	}
	return u.Host
}

// Notice renders one notice's page and notice.json, and returns what the
// listings need of it.
func (r *Renderer) Notice(n *notice.Notice, emit Emit) (Summary, error) {
	doc, err := r.Convert(n)
	if err != nil {
		return Summary{}, err
	}
	return r.NoticeDoc(n, doc, emit)
}

// Page renders n's page as a build publishes it without a PDF: the page
// its PDF is printed from, and whose bytes name it in the PDF cache.
func (r *Renderer) Page(n *notice.Notice) ([]byte, error) {
	doc, err := r.conv.ConvertTo(new(bytes.Buffer), n.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", n.Path, err)
	}
	return r.t.execute("notice", n.URL()+"index.html", noticePage(r.sv, n, doc), len(doc.HTML)*5/4+8<<10)
}

// Convert converts the body of notice n as its page shows it. The build
// converts each body once, and hands the result to the proofreader and to
// NoticeDoc.
func (r *Renderer) Convert(n *notice.Notice) (markdown.Doc, error) {
	doc, err := r.conv.ConvertTo(r.buffer(len(n.Body)+len(n.Body)/4), n.Body)
	if err != nil {
		return markdown.Doc{}, fmt.Errorf("%s: %w", n.Path, err)
	}
	return doc, nil
}

// NoticeDoc is Notice for a body already converted: doc is what Convert
// returned for n. Its HTML must not be used after NoticeDoc: when r
// recycles memory, it is reused.
func (r *Renderer) NoticeDoc(n *notice.Notice, doc markdown.Doc, emit Emit) (_ Summary, err error) {
	defer func() {
		// A page given up may still be read by its template (bodyOf):
		// its body's memory is then not reused.
		if err == nil {
			r.release(doc.HTML)
		}
	}()
	if !notice.ValidSlug(n.Slug) { // site.Admit keeps such a notice out; never a path
		return Summary{}, fmt.Errorf("%s: 网址名 %q 不能用作路径 (slug %q cannot be a path)", n.Path, n.Slug, n.Slug)
	}
	p := noticePage(r.sv, n, doc)
	path := n.URL() + "index.html"
	page := r.buffer(len(doc.HTML)*5/4 + 8<<10)
	err = r.t.executeTo(page, "notice", path, p)
	var pdf *PDF
	if err == nil && r.printer != nil {
		pdf, err = r.printPDF(n, path, page, p, emit)
	}
	if err == nil {
		err = emit(path, page.Bytes())
		r.release(page.Bytes())
	}
	if err != nil {
		return Summary{}, fmt.Errorf("%s: %w", n.Path, err)
	}
	data := r.buffer(8 << 10)
	d := newNoticeData(r.st, n, doc.Outline, pdf)
	if err := writeJSON(data, &d); err != nil {
		return Summary{}, fmt.Errorf("%s: %w", n.Path, err)
	}
	data.WriteByte('\n')
	err = emit(n.URL()+"notice.json", data.Bytes())
	r.release(data.Bytes())
	return Summary{Text: doc.Summary, PDF: pdf}, err
}

// printPDF hands the page of n, as rendered into page without a PDF, to
// the printer; when it returns a PDF, it emits it and renders the page
// again into page, linking it.
func (r *Renderer) printPDF(n *notice.Notice, path string, page *bytes.Buffer, p page, emit Emit) (*PDF, error) {
	data, err := r.printer(n, path, page.Bytes())
	if err != nil || data == nil {
		return nil, err
	}
	pdf := &PDF{Path: PDFPath(n), Size: int64(len(data))}
	if err := emit(pdf.Path, data); err != nil {
		return nil, err
	}
	p.Notice.PDF = &pdfView{Path: pdf.Path, Size: sizeText(pdf.Size)}
	page.Reset()
	return pdf, r.t.executeTo(page, "notice", path, p)
}

// Listings renders what lists the notices of s: the year pages, the home
// page, feed.xml, sitemap.xml and notices.json; and the 404 page and the
// stylesheet. summaries holds each notice's Summary.
func (r *Renderer) Listings(s *site.Site, summaries map[*notice.Notice]Summary, emit Emit) error {
	l, texts, err := ListingOf(s, summaries)
	if err != nil {
		return err
	}
	return r.listings(l, texts, nil, emit, nil)
}

// ListingsStreamed renders the listings of l as Listings does, handing
// notices.json and sitemap.xml to stream piece by piece instead of to emit
// whole. texts holds the summary text of each entry the feed shows
// (FeedNotices).
func (r *Renderer) ListingsStreamed(l *Listing, texts map[*Entry]string, emit Emit, stream Stream) error {
	return r.listings(l, texts, nil, emit, stream)
}

// ListingsCached renders the listings of l as Listings does, with a cache
// of what an earlier call rendered (see ListingCache); c may be nil.
// Without a cache, the files are rendered at the same time, GOMAXPROCS at
// once: the year pages of a large site, notices.json and sitemap.xml each
// list thousands of notices.
func (r *Renderer) ListingsCached(l *Listing, texts map[*Entry]string, c *ListingCache, emit Emit) error {
	return r.listings(l, texts, c, emit, nil)
}

// listings is ListingsCached, with notices.json and sitemap.xml handed to
// stream when it is not nil (and c is nil: a cache keeps the files whole).
func (r *Renderer) listings(s *Listing, texts map[*Entry]string, c *ListingCache, emit Emit, stream Stream) error {
	c.begin(s.Notices)
	nav := newNavigation(s.Notices)
	home := homePages(s)
	// The longest first, so that the workers finish together.
	jobs := dataJobs(s, nav, texts, c, emit, stream)
	for _, l := range r.listJobs(s, nav, c, r.newItems(), emit) {
		jobs = append(jobs, l.run)
	}
	jobs = append(jobs,
		func() error { return r.homePage(s, nav, home, 1, nil, emit) },
		func() error {
			return emitPage(r.t, "404", page{Site: r.sv, Title: "页面不存在", Path: "404.html"}, "404.html", 4<<10, emit)
		},
		func() error {
			return emitPage(r.t, "search", searchPage(r.sv, s), search.Dir+"index.html", 8<<10, emit)
		},
		func() error { return emit(r.t.cssPath, r.t.css) },
		func() error { return emit(r.t.scriptPath, r.t.script) },
		func() error { return emit(r.t.iconPath, r.t.icon) },
		func() error { return emit(r.t.searchPath, r.t.search) })
	if c != nil { // a ListingCache is not safe for concurrent use
		for _, job := range jobs {
			if err := job(); err != nil {
				return err
			}
		}
		c.end()
		return nil
	}
	return pool.Run(len(jobs), func(i int) error { return jobs[i]() })
}

// listJobs renders the lists of s: the years' pages and the navigation
// pages but the home page's first, each a job. Each notice's line in a
// list is written once, by the "item" template, for every list it is in;
// without a cache, the lists run in the order of their notices, and each
// line is dropped after its last list (itemCache.plan).
func (r *Renderer) listJobs(s *Listing, nav *navigation, c *ListingCache, items *itemCache, emit Emit) []listJob {
	var lists []listJob
	for _, y := range s.Years() {
		lists = append(lists, r.yearJobs(s, y, c, items, emit)...)
	}
	lists = append(lists, r.navJobs(s, nav, c, items, emit)...)
	if c == nil {
		items.plan(s.Notices, lists)
	}
	return lists
}

// yearJobs renders the pages of the list of the notices of year y: one
// job for all of them with a cache c, which keeps a year's pages
// together; a job a page without.
func (r *Renderer) yearJobs(s *Listing, y int, c *ListingCache, items *itemCache, emit Emit) []listJob {
	in := s.InYear(y)
	if c != nil {
		return []listJob{{run: func() error { return r.yearPages(s, y, in, c, items, emit) }}}
	}
	list := pages(in, s.Settings.PageSize)
	jobs := make([]listJob, len(list))
	for k, part := range list {
		jobs[k] = listJob{part, func() error { return r.yearListPage(s, y, in, k+1, part, items, emit) }}
	}
	return jobs
}

// yearPages renders the pages of the list of in, the notices of year y.
func (r *Renderer) yearPages(s *Listing, y int, in []*Entry, c *ListingCache, items *itemCache, emit Emit) error {
	if files := c.year(y, in, s.Sealed[y]); files != nil {
		for _, f := range files {
			if err := c.replay(f.path, f.data, emit); err != nil {
				return err
			}
		}
		return nil
	}
	keep := c.keepYear(y, in, s.Sealed[y], emit)
	for k, part := range pages(in, s.Settings.PageSize) {
		if err := r.yearListPage(s, y, in, k+1, part, items, keep); err != nil {
			return err
		}
	}
	return nil
}

// yearListPage renders page k (from 1) of the list of in, the notices of
// year y: part of them.
func (r *Renderer) yearListPage(s *Listing, y int, in []*Entry, k int, part []*Entry, items *itemCache, emit Emit) error {
	p := yearPage(r.sv, y, k, s.Settings.PageSize, in, s.Sealed[y], r.st.BundleURL)
	var err error
	if p.Year.Items, err = items.of(p.Path, part); err != nil {
		return err
	}
	return emitPage(r.t, "year", p, p.Path+"index.html", 64<<10, emit)
}

func emitPage(t *Templates, kind string, p page, path string, size int, emit Emit) error {
	html, err := t.execute(kind, path, p, size)
	if err != nil {
		return err
	}
	return emit(path, html)
}

// dataJobs render feed.xml, sitemap.xml and notices.json, each a job.
// notices.json and sitemap.xml are handed to stream, when there is one
// and no cache.
func dataJobs(s *Listing, nav *navigation, texts map[*Entry]string, c *ListingCache, emit Emit, stream Stream) []func() error {
	files := []struct {
		path   string
		make   func() ([]byte, error)
		cached bool // depends on nothing but the notices' front matter and the settings
		write  func(io.Writer) error
	}{
		{"notices.json", func() ([]byte, error) { return noticesJSON(s) }, true,
			func(w io.Writer) error { return writeNoticesJSON(w, s) }},
		{"sitemap.xml", func() ([]byte, error) { return sitemap(s, nav, c) }, true,
			func(w io.Writer) error { return writeSitemap(w, s, nav, nil) }},
		{"feed.xml", func() ([]byte, error) { return feed(s, texts) }, false, nil},
	}
	jobs := make([]func() error, len(files))
	for i, f := range files {
		jobs[i] = func() error {
			if f.write != nil && stream != nil && c == nil {
				if err := stream(f.path, f.write); err != nil {
					return fmt.Errorf("%s: %w", f.path, err)
				}
				return nil
			}
			if data := c.file(f.path); f.cached && data != nil {
				return c.replay(f.path, data, emit)
			}
			data, err := f.make()
			if err != nil {
				return fmt.Errorf("%s: %w", f.path, err)
			}
			if f.cached {
				c.keepFile(f.path, data)
			}
			return emit(f.path, data)
		}
	}
	return jobs
}

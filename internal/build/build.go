// Package build runs the pipeline: read and proofread each notice (load),
// render it (render), write the files (output). Tests call Run with an
// Emit of their own, the preview an Incremental (incremental.go); the CLI
// calls ToDisk. It adds nothing to the steps but their order, the rule
// that nothing is written unless the sources are free of errors, and the
// incremental build: the pipeline asks one memory (memory.go) whether a
// notice's pages can be carried over from an earlier build and tells it
// what it built. A build to disk remembers in a record in the user's
// cache folder and the spare output folder (cache.go, record.go), the
// preview in memory (incremental.go), Run nothing. The packages below
// (load, render, output, and the notice, site and lint they use) know
// nothing of it, except render's ListingCache: the entries of the
// preview's listings kept between runs, which only the writer of those
// files can fill (see Incremental).
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"disclose/internal/diag"
	"disclose/internal/load"
	"disclose/internal/notice"
	"disclose/internal/output"
	"disclose/internal/pdf"
	"disclose/internal/pool"
	"disclose/internal/render"
	"disclose/internal/site"
)

// ErrProblems is returned when the sources have errors; the problems
// themselves are in the returned list.
var ErrProblems = errors.New("源文件有错误, 未写入任何文件; the sources have errors; nothing was written")

// Run loads and renders the site whose folder is fsys, handing each output
// file to emit, from several goroutines at once. It returns every problem
// found; when they include an error, the error is ErrProblems and the files
// already emitted must be thrown away.
//
// Notices are read and rendered one at a time, GOMAXPROCS at once, and only
// what the listings take of each is kept (render.Entry): memory does not
// grow with the size of the bodies of a large site, and little with the
// number of its notices.
func Run(fsys fs.FS, opts site.Options, emit render.Emit) (diag.List, error) {
	return run(fsys, opts, emit, nil, beginNone)
}

// ToDisk builds the site in the folder siteDir into the folder out. The new
// site is written beside out and swapped in only when all of it was
// written; on any failure out is left as it was. Pages of notices that did
// not change since the last build of out are carried over from it (see
// cache.go) instead of being rendered again, and the old output is kept
// beside out, hidden, for the next build to reuse (output.Spare). When out
// is a symbolic link, the folder it leads to is built (output.Resolve).
//
// It makes PDFs as site.toml says, and keeps those the output has (see
// ToDiskPDF).
func ToDisk(siteDir, out string, opts site.Options) (diag.List, error) {
	problems, _, err := ToDiskPDF(siteDir, out, opts, PDFOptions{})
	return problems, err
}

// ToDiskPDF is ToDisk, making the notices' PDFs as pdfs says (pdf.go):
// each is emitted beside its notice's page, which links it, while the
// notice is rendered. A notice carried over keeps its PDF with its pages.
func ToDiskPDF(siteDir, out string, opts site.Options, pdfs PDFOptions) (diag.List, Result, error) {
	out, err := output.Resolve(out)
	if err != nil {
		return nil, Result{}, err
	}
	if err := checkOut(siteDir, out); err != nil {
		return nil, Result{}, err
	}
	folder, err := site.OpenFolder(siteDir)
	if err != nil {
		return nil, Result{}, fmt.Errorf("无法打开网站文件夹; cannot open the site folder: %w", err)
	}
	defer folder.Close()
	if err := output.Check(out); err != nil {
		return nil, Result{}, err
	}
	m := prepare(out)
	defer m.close()
	plan := &pdfPlan{opts: pdfs, had: hasPDFs(out)}
	problems, err := run(folder, opts, m.write, m.stream, m.begin(opts, plan))
	res := Result{PDF: plan.close(), PDFs: plan.mode, NoBrowser: plan.noBrowser}
	w, werr := m.wait()
	if werr != nil {
		return problems, res, werr
	}
	if err != nil {
		return problems, res, errors.Join(err, w.Abort())
	}
	kept, err := w.Commit(m.known)
	if err != nil {
		return problems, res, err
	}
	if res.NoBrowser == nil {
		// Pages left without their PDF are not remembered: the next
		// build renders them again, and prints.
		m.save(out, kept)
	}
	return problems, res, nil
}

// pipeline is one run of the build.
type pipeline struct {
	fsys     fs.FS
	opts     site.Options
	emit     render.Emit
	settings *site.Settings
	r        *render.Renderer // nil when the settings or templates are broken
	reader   *load.Reader
	mem      memory // what carries notices over from an earlier build
	workers  int    // notices read and rendered at once
	// feed keeps the summaries of the notices the feed may show; the
	// others are dropped once their pages are rendered (feed.go). nil:
	// every notice keeps its summary, as the preview's listings want.
	feed *newest
	// sources holds a buffer per worker that notices are read into, each
	// taken for one notice and handed back: a build reads each source
	// into memory the last notice used.
	sources chan []byte
}

// begin returns the memory of a run, once the run has read the settings and
// templates (r renders with them): all that decides whether an earlier
// build's pages may be carried over.
type begin func(settings *site.Settings, t *render.Templates, r *render.Renderer) memory

// beginNone is the begin of a run that remembers nothing.
func beginNone(*site.Settings, *render.Templates, *render.Renderer) memory { return none{} }

// run is Run, carrying notices over with the memory that start returns
// once the settings and templates are read, and handing notices.json and
// sitemap.xml to stream when it is not nil.
func run(fsys fs.FS, opts site.Options, emit render.Emit, stream render.Stream, start begin) (diag.List, error) {
	// 1. The settings, the list of notices and the templates.
	p := &pipeline{fsys: fsys, opts: opts, emit: emit, mem: none{}, workers: runtime.GOMAXPROCS(0),
		feed: &newest{size: render.FeedSize}}
	settings, problems := site.LoadSettings(fsys)
	p.reader = load.NewReader(fsys, settings, opts)
	paths, found := site.NoticePaths(fsys)
	problems = append(problems, found...)
	sealed, found := site.ReadSeals(fsys)
	problems = append(problems, found...)
	if p.settings = settings; settings != nil {
		t, tp := render.LoadTemplates(fsys, settings.BasePath(), settings.AbsURL)
		problems = append(problems, tp...)
		if !tp.HasErrors() {
			p.r = render.NewRenderer(settings, t)
			p.mem = start(settings, t, p.r)
			if keepsNothing(p.mem) {
				p.r.Recycle() // the next page in the bytes of the last
			}
			if p.r.Printing() {
				// A notice printed waits for the browser: as many at
				// once as the printer has tabs.
				p.workers = pdf.DefaultTabs()
			}
		}
	}
	// 2. Each notice: read, proofread, render, and keep its entry only
	// (render.Entry; a build to disk spools its line of notices.json and
	// its record). A notice with errors is not rendered; its warnings are
	// kept.
	results, err := p.notices(paths)
	// Every notice is read: the table of the values they share is not
	// needed beyond (the notices keep what they were given).
	settings.Shared().Release()
	if err != nil {
		return problems, err
	}
	// 3. What concerns the whole site, then the listings.
	for _, b := range results {
		problems = append(problems, b.problems...)
	}
	l, found := p.assemble(sealed, paths, results)
	problems = load.Finish(append(problems, found...))
	results = nil
	if l == nil || p.r == nil || problems.Stops() {
		return problems, ErrProblems
	}
	if sp := spoolOf(p.mem); sp != nil {
		l.Items = sp.getLine
	}
	texts, err := p.summaries(l, p.feed)
	if err != nil {
		return problems, err
	}
	for n, text := range texts {
		p.mem.summarized(n.Path, text)
	}
	listings := func() error { return p.r.ListingsStreamed(l, texts, emit, stream) }
	index := func() error { return searchIndex(fsys, l, p.mem.index(), scratchOf(p.mem), keepsNothing(p.mem), emit) }
	if !largeYear(l) {
		return problems, together(listings, index)
	}
	// A year's index and the listings each hold tens of MB while they
	// are written (at 100,000 notices, some 40 MB each): one after the
	// other, as the years of such a site are indexed (indexedAtOnce).
	if err := listings(); err != nil {
		return problems, err
	}
	texts = nil
	return problems, index()
}

// largeYear reports whether a year of s has more notices than the search
// index indexes at once (indexedAtOnce).
func largeYear(s *render.Listing) bool {
	count := map[int]int{}
	for _, n := range s.Notices {
		if count[n.Year]++; count[n.Year] > indexedAtOnce {
			return true
		}
	}
	return false
}

// together runs the jobs that write the listings and the search index at
// the same time, and returns the first error.
func together(jobs ...func() error) error {
	return pool.Run(len(jobs), func(i int) error { return jobs[i]() })
}

// notices reads and renders the notices at paths, GOMAXPROCS at once, or
// as many as the printer has tabs when the build prints.
func (p *pipeline) notices(paths []string) ([]built, error) {
	workers := max(p.workers, 1) // the preview's pipeline leaves it 0
	p.sources = make(chan []byte, workers)
	for range workers {
		p.sources <- nil
	}
	results := make([]built, len(paths))
	err := pool.RunN(len(paths), workers, func(i int) error {
		var err error
		results[i], err = p.notice(paths[i])
		return err
	})
	return results, err
}

// notice reads one notice and renders its pages, or carries them over
// from an earlier build when its source has not changed.
func (p *pipeline) notice(path string) (b built, err error) {
	b, info, ok := p.mem.carry(p.fsys, path)
	if ok {
		if b.e == nil { // restored from the record
			if b.e, err = p.entry(b.n, b.summary.PDF, b.sum); err != nil {
				return b, err
			}
			b.slug, b.n = b.n.Snapshot().Keys, nil
		}
		p.feed.offer(b.e, b.summary.Text, b.summary.Text != "")
		return b, nil
	}
	buf := <-p.sources
	src, read, err := site.ReadSourceInto(p.fsys, path, buf)
	defer func() { p.sources <- keepBuffer(buf, src) }()
	if info == nil {
		info = read
	}
	if err != nil {
		return built{problems: p.reader.Unreadable(path, err).Problems}, nil
	}
	// The body is converted once, for the proofreader and the page.
	var convert load.Convert
	if p.r != nil {
		convert = p.r.Convert
	}
	res, err := p.reader.Proofread(path, src, convert)
	b = built{problems: res.Problems, sum: res.Sum}
	if res.Shown {
		b.n = res.N
	}
	if err != nil || p.r == nil || !res.Render() {
		if b.n != nil {
			b.n.OwnSource()                      // kept with its source, which is the buffer's
			if err == nil && p.settings != nil { // as listed, not rendered: for the check of URLs
				b.e, err = p.entry(b.n, nil, b.sum)
			}
		}
		return b, err
	}
	var files []file
	var mu sync.Mutex
	b.summary, err = p.r.NoticeDoc(res.N, res.Doc, func(out string, data []byte) error {
		mu.Lock()
		files = append(files, file{out, data})
		mu.Unlock()
		return p.emit(out, data)
	})
	res.N.DropSource()
	if err != nil {
		return b, err
	}
	if b.n != nil {
		if b.e, err = p.entry(b.n, b.summary.PDF, b.sum); err != nil {
			return b, err
		}
	}
	if p.feed != nil {
		p.feed.offer(b.e, b.summary.Text, true)
		b.summary.Text = ""
	}
	p.mem.record(path, info, b, files)
	if b.n != nil {
		// What is left of the notice is its entry, and where its slug
		// is written, for the message of two notices at one URL. A
		// memory that keeps the notice (the preview's) has it from
		// record, which took b whole.
		b.slug, b.n = b.n.Snapshot().Keys, nil
	}
	return b, nil
}

// entry makes the entry of n (render.NewEntry), its line of notices.json
// spooled when the memory has a spool.
func (p *pipeline) entry(n *notice.Notice, pdf *render.PDF, sum string) (*render.Entry, error) {
	e, err := render.NewEntry(p.settings, n, pdf, sum)
	if err != nil {
		return nil, err
	}
	if sp := spoolOf(p.mem); sp != nil && !n.Draft {
		err = e.Spool(sp.putLine)
	}
	return e, err
}

// maxBuffer is the largest buffer a worker keeps to read sources into: a
// notice is tens of KB; a rare huge one is read into memory of its own.
const maxBuffer = 1 << 20

// keepBuffer returns the buffer a worker reads its next source into: buf,
// or the larger memory src was read into.
func keepBuffer(buf, src []byte) []byte {
	if cap(src) > cap(buf) && cap(src) <= maxBuffer {
		return src[:0]
	}
	return buf
}

// checkOut refuses an output folder that is the site folder, holds it, or
// lies inside its sources: the build replaces out whole.
func checkOut(siteDir, out string) error {
	if strings.TrimSpace(out) == "" {
		return errors.New("未指定输出文件夹: 请用 --out 指定; the output folder is empty: give --out DIR")
	}
	s, err1 := filepath.Abs(siteDir)
	o, err2 := filepath.Abs(out)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	inside := func(dir, parent string) bool {
		rel, err := filepath.Rel(parent, dir)
		return err == nil && (rel == "." || filepath.IsLocal(rel))
	}
	for _, src := range []string{site.ContentDir, render.TemplateDir} {
		if inside(o, filepath.Join(s, src)) {
			return fmt.Errorf("输出文件夹 %[1]s 在源文件夹 %[2]s/ 内, 请用 --out 另选; the output folder %[1]s is inside the sources (%[2]s/); choose another --out", out, src)
		}
	}
	if inside(s, o) {
		return fmt.Errorf("输出文件夹 %[1]s 包含网站文件夹, 会被整个替换: 请用 --out 另选; the output folder %[1]s holds the site folder; it would be replaced whole: choose another --out", out)
	}
	return nil
}

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
	"strings"
	"sync"

	"disclose/internal/diag"
	"disclose/internal/load"
	"disclose/internal/notice"
	"disclose/internal/output"
	"disclose/internal/pool"
	"disclose/internal/render"
	"disclose/internal/site"
)

// ErrProblems is returned when the sources have errors; the problems
// themselves are in the returned list.
var ErrProblems = errors.New("the sources have errors; nothing was written")

// Run loads and renders the site whose folder is fsys, handing each output
// file to emit, from several goroutines at once. It returns every problem
// found; when they include an error, the error is ErrProblems and the files
// already emitted must be thrown away.
//
// Notices are read and rendered one at a time, GOMAXPROCS at once, and only
// their front matter is kept: memory does not grow with the size of the
// bodies of a large site.
func Run(fsys fs.FS, opts site.Options, emit render.Emit) (diag.List, error) {
	return run(fsys, opts, emit, nil, beginNone)
}

// ToDisk builds the site in the folder siteDir into the folder out. The new
// site is written beside out and swapped in only when all of it was
// written; on any failure out is left as it was. Pages of notices that did
// not change since the last build of out are carried over from it (see
// cache.go) instead of being rendered again, and the old output is kept
// beside out, hidden, for the next build to reuse (output.Spare).
func ToDisk(siteDir, out string, opts site.Options) (diag.List, error) {
	if err := checkOut(siteDir, out); err != nil {
		return nil, err
	}
	folder, err := site.OpenFolder(siteDir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the site folder: %w", err)
	}
	defer folder.Close()
	if err := output.Check(out); err != nil {
		return nil, err
	}
	m := prepare(out)
	problems, err := run(folder, opts, m.write, m.stream, m.begin(opts))
	w, werr := m.wait()
	if werr != nil {
		return problems, werr
	}
	if err != nil {
		return problems, errors.Join(err, w.Abort())
	}
	kept, err := w.Commit(m.known)
	if err != nil {
		return problems, err
	}
	m.save(out, kept)
	return problems, nil
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
}

// begin returns the memory of a run, once the run has read the settings and
// templates (r renders with them): all that decides whether an earlier
// build's pages may be carried over.
type begin func(settings *site.Settings, t *render.Templates, r *render.Renderer) memory

// beginNone is the begin of a run that remembers nothing.
func beginNone(*site.Settings, *render.Templates, *render.Renderer) memory { return none{} }

// run is Run, carrying notices over with the memory that start returns
// once the settings and templates are read, and handing notices.json to
// stream when it is not nil.
func run(fsys fs.FS, opts site.Options, emit render.Emit, stream render.Stream, start begin) (diag.List, error) {
	// 1. The settings, the list of notices and the templates.
	p := &pipeline{fsys: fsys, opts: opts, emit: emit, mem: none{}}
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
		}
	}
	// 2. Each notice: read, proofread, render, and keep its front matter
	// only. A notice with errors is not rendered; its warnings are kept.
	results, err := p.notices(paths)
	if err != nil {
		return problems, err
	}
	// 3. What concerns the whole site, then the listings.
	summaries := map[*notice.Notice]render.Summary{}
	sources := make([]site.Source, len(results))
	for i, b := range results {
		problems = append(problems, b.problems...)
		sources[i] = b.source(paths[i])
		if b.n != nil {
			summaries[b.n] = b.summary
		}
	}
	s, found := load.Assemble(settings, sealed, sources)
	problems = load.Finish(append(problems, found...))
	if s == nil || p.r == nil || problems.Stops() {
		return problems, ErrProblems
	}
	return problems, p.r.ListingsStreamed(s, summaries, emit, stream)
}

// notices reads and renders the notices at paths, GOMAXPROCS at once.
func (p *pipeline) notices(paths []string) ([]built, error) {
	results := make([]built, len(paths))
	err := pool.Run(len(paths), func(i int) error {
		var err error
		results[i], err = p.notice(paths[i])
		return err
	})
	return results, err
}

// notice reads one notice and renders its pages, or carries them over
// from an earlier build when its source has not changed.
func (p *pipeline) notice(path string) (built, error) {
	b, info, ok := p.mem.carry(p.fsys, path)
	if ok {
		return b, nil
	}
	src, read, err := site.ReadSource(p.fsys, path)
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
	p.mem.record(path, info, b, files)
	return b, err
}

// checkOut refuses an output folder that is the site folder, holds it, or
// lies inside its sources: the build replaces out whole.
func checkOut(siteDir, out string) error {
	if strings.TrimSpace(out) == "" {
		return errors.New("the output folder is empty: give --out DIR")
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
			return fmt.Errorf("the output folder %s is inside the sources (%s/); choose another --out (输出文件夹不能在源文件夹内)", out, src)
		}
	}
	if inside(s, o) {
		return fmt.Errorf("the output folder %s holds the site folder; it would be replaced whole: choose another --out (输出文件夹不能包含网站源文件)", out)
	}
	return nil
}

// Package build runs the pipeline: read and proofread each notice (load),
// render it (render), write the files (output). Tests call
// Run with an Emit of their own, the preview an Incremental
// (incremental.go); the CLI calls ToDisk. It adds nothing to the steps but
// their order and the rule that nothing is written unless the sources are
// free of errors.
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
	return run(fsys, opts, emit, nil)
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
	re := prepare(out)
	problems, err := run(folder, opts, re.write, re)
	w, werr := re.wait()
	if werr != nil {
		return problems, werr
	}
	if err != nil {
		return problems, errors.Join(err, w.Abort())
	}
	kept, err := w.Commit(re.known)
	if err != nil {
		return problems, err
	}
	re.save(out, kept)
	return problems, nil
}

// pipeline is one run of the build.
type pipeline struct {
	fsys     fs.FS
	opts     site.Options
	emit     render.Emit
	settings *site.Settings
	r        *render.Renderer // nil when the settings or templates are broken
	reuse    *reuse           // nil when nothing may be reused
	reader   *load.Reader
	memo     *Incremental // nil but in a preview
}

// built is what the pipeline keeps of one notice.
type built struct {
	n        *notice.Notice // nil when not part of the site (load.Notice.Shown)
	problems diag.List
	summary  render.Summary
	sum      string // of the source (load.Notice.Sum)
}

// source returns what load.Assemble needs to know of the notice at path.
func (b built) source(path string) site.Source {
	return site.Source{Path: path, Sum: b.sum, N: b.n}
}

// run is Run, carrying notices over with re when it is not nil. With re,
// emit is re.write, which keeps nothing it is handed: the renderer may
// recycle its buffers (see render.Recycle).
func run(fsys fs.FS, opts site.Options, emit render.Emit, re *reuse) (diag.List, error) {
	// 1. The settings, the list of notices and the templates.
	p := &pipeline{fsys: fsys, opts: opts, emit: emit}
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
			if re != nil {
				p.r.Recycle()
			}
			p.reuse = re.start(settings, t, opts)
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
	return problems, p.r.Listings(s, summaries, emit)
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
// from the last build when its source has not changed.
func (p *pipeline) notice(path string) (built, error) {
	// The file's size and time are taken before it is read: a change made
	// meanwhile is seen by the next build.
	var info fs.FileInfo
	if p.reuse.usable() || p.memo != nil {
		info, _ = site.StatSource(p.fsys, path)
		if b, ok := p.reuse.carry(p, path, info); ok {
			return b, nil
		}
		if b, ok := p.memo.carry(path, info); ok {
			return b, nil
		}
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
	b := built{problems: res.Problems, sum: res.Sum}
	if res.Shown {
		b.n = res.N
	}
	if err != nil || p.r == nil || !res.Render() {
		return b, err
	}
	n, doc := res.N, res.Doc
	var files []string
	var kept []file
	var mu sync.Mutex
	b.summary, err = p.r.NoticeDoc(n, doc, func(out string, data []byte) error {
		mu.Lock()
		files = append(files, out)
		if p.memo != nil {
			kept = append(kept, file{out, data})
		}
		mu.Unlock()
		return p.emit(out, data)
	})
	p.memo.record(path, info, b, kept)
	n.DropBody()
	p.reuse.record(path, info, b, files)
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

// Package build runs the pipeline: load the site (site), render it
// (render), write the files (output). Preview and tests call Run with an
// Emit of their own; the CLI calls ToDisk. It adds nothing to the steps but
// their order and the rule that nothing is written unless the sources are
// free of errors.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"disclose/internal/diag"
	"disclose/internal/notice"
	"disclose/internal/output"
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
	// 1. The settings, the list of notices and the templates.
	settings, problems := site.LoadSettings(fsys)
	paths, p := site.NoticePaths(fsys)
	problems = append(problems, p...)
	var r *render.Renderer
	if settings != nil {
		t, tp := render.LoadTemplates(fsys, settings.BasePath(), settings.AbsURL)
		problems = append(problems, tp...)
		if !tp.HasErrors() {
			r = render.NewRenderer(settings, t)
		}
	}
	// 2. Each notice: read, judge, render, and keep its front matter only.
	notices := make([]*notice.Notice, len(paths))
	found := make([]diag.List, len(paths))
	summaries := make([]render.Summary, len(paths))
	err := render.Parallel(len(paths), func(i int) error {
		n, p := site.ReadNotice(fsys, settings, paths[i], opts)
		notices[i], found[i] = n, p
		if n == nil || r == nil || p.HasErrors() {
			return nil
		}
		var err error
		summaries[i], err = r.Notice(n, emit)
		n.DropBody()
		return err
	})
	if err != nil {
		return problems, err
	}
	// 3. What concerns the whole site, then the listings.
	byNotice := map[*notice.Notice]render.Summary{}
	var kept []*notice.Notice
	for i, n := range notices {
		problems = append(problems, found[i]...)
		if n != nil {
			kept = append(kept, n)
			byNotice[n] = summaries[i]
		}
	}
	s, p := site.Assemble(settings, kept)
	problems = append(problems, p...).Sort()
	if s == nil || r == nil || problems.HasErrors() {
		return problems, ErrProblems
	}
	return problems, r.Listings(s, byNotice, emit)
}

// ToDisk builds the site in the folder siteDir into the folder out. The new
// site is written beside out and swapped in only when all of it was
// written; on any failure out is left as it was.
func ToDisk(siteDir, out string, opts site.Options) (diag.List, error) {
	if err := checkOut(siteDir, out); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(siteDir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the site folder: %w", err)
	}
	defer root.Close()
	w, err := output.Begin(out)
	if err != nil {
		return nil, err
	}
	problems, err := Run(root.FS(), opts, w.Write)
	if err != nil {
		return problems, errors.Join(err, w.Abort())
	}
	return problems, w.Commit()
}

// checkOut refuses an output folder that is the site folder, holds it, or
// lies inside its sources: the build replaces out whole.
func checkOut(siteDir, out string) error {
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
	if strings.TrimSpace(out) == "" {
		return errors.New("the output folder is empty: give --out DIR")
	}
	return nil
}

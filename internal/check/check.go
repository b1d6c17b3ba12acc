// Package check is the check command's engine: it reads a site folder
// whatever is wrong with it, proofreads every notice (drafts included) with
// lint, formats the findings as text or JSON, and, asked to, applies the
// safe typographic fixes to the sources, each file written beside itself
// and renamed over the original so that no source is ever half-written. It
// sits at the top of the import graph, beside preview, bundle and import.
package check

import (
	"fmt"
	"io/fs"
	"os"
	"slices"

	"disclose/internal/diag"
	"disclose/internal/lint"
	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/output"
	"disclose/internal/site"
)

// Options says what to check.
type Options struct {
	Files []string // site-relative, slash-separated paths; none: every notice
	Fix   bool     // apply the safe fixes to the sources
}

// Change is one fix applied to a source, at its place before the fix.
type Change struct {
	diag.Pos
	Old, New, Rule string
}

// Report is the outcome of a check.
type Report struct {
	Notices  int       // how many notices were read
	Problems diag.List // after the fixes, if any were applied
	Changes  []Change
}

// Errors counts the problems that are errors nobody accepted: those fail
// a check and stop a build.
func (r Report) Errors() int {
	n := 0
	for _, d := range r.Problems {
		if d.Blocks() {
			n++
		}
	}
	return n
}

// Accepted counts the findings the notices accepted ([[check.accept]]).
func (r Report) Accepted() int {
	n := 0
	for _, d := range r.Problems {
		if d.Accepted != "" {
			n++
		}
	}
	return n
}

// Run checks the site in the folder siteDir.
func Run(siteDir string, opts Options) (Report, error) {
	root, err := os.OpenRoot(siteDir)
	if err != nil {
		return Report{}, fmt.Errorf("cannot open the site folder: %w", err)
	}
	defer root.Close()
	r, fixes := proofread(root.FS(), opts.Files)
	if !opts.Fix || len(fixes) == 0 {
		return r, nil
	}
	changes, err := applyFixes(root, fixes)
	if err != nil {
		return r, err
	}
	r, _ = proofread(root.FS(), opts.Files)
	r.Changes = changes
	return r, nil
}

// proofread reads the site in fsys and proofreads the notices selected
// (all, when files is empty). It returns the report and, per notice, the
// fixes with the notice they apply to.
func proofread(fsys fs.FS, files []string) (Report, []noticeFixes) {
	notices, problems := read(fsys)
	conv := markdown.New(markdown.Options{})
	selected := func(p string) bool {
		return len(files) == 0 || slices.Contains(files, p) || p == site.SettingsPath
	}
	var fixes []noticeFixes
	r := Report{}
	for _, n := range notices {
		if !selected(n.Path) {
			continue
		}
		r.Notices++
		res := lint.Notice(n, conv)
		problems = append(problems, res.Problems...)
		if len(res.Fixes) > 0 {
			fixes = append(fixes, noticeFixes{n, res.Fixes})
		}
	}
	for _, f := range files {
		if _, err := fs.Stat(fsys, f); err != nil {
			problems.Add(diag.Diagnostic{Path: f, Message: "no such file (文件不存在)", Rule: "source"})
		}
	}
	problems = slices.DeleteFunc(problems, func(d diag.Diagnostic) bool { return !selected(d.Path) })
	r.Problems = drafts(notices, problems).Sort()
	return r, fixes
}

// read reads the site in fsys as far as it can, whatever the problems: every
// notice whose front matter parsed, drafts included, with the site's
// defaults when its settings could be read.
func read(fsys fs.FS) ([]*notice.Notice, diag.List) {
	settings, problems := site.LoadSettings(fsys)
	paths, found := site.NoticePaths(fsys)
	problems = append(problems, found...)
	var notices []*notice.Notice
	for _, path := range paths {
		n, found := site.ReadNotice(fsys, settings, path, site.Options{Drafts: true})
		problems = append(problems, found...)
		if n != nil {
			notices = append(notices, n)
		}
	}
	_, found = site.Assemble(settings, notices) // for two notices at one URL
	return notices, append(problems, found...)
}

// drafts makes the problems of draft notices warnings, as the build does:
// an unfinished draft must not fail a check of what is published.
func drafts(notices []*notice.Notice, problems diag.List) diag.List {
	for i, d := range problems {
		if d.Rule == "" {
			problems[i].Rule = "source"
		}
		for _, n := range notices {
			if n.Draft && n.Path == d.Path && d.Severity == diag.Error {
				problems[i].Severity = diag.Warning
				problems[i].Message = "draft: " + d.Message
			}
		}
	}
	return problems
}

// noticeFixes are the fixes of one notice.
type noticeFixes struct {
	n     *notice.Notice
	fixes []lint.Fix
}

// applyFixes rewrites each notice with its fixes, atomically.
func applyFixes(root *os.Root, all []noticeFixes) ([]Change, error) {
	var changes []Change
	for _, nf := range all {
		n := nf.n
		src, err := root.ReadFile(n.Path)
		if err != nil {
			return changes, fmt.Errorf("%s: %w", n.Path, err)
		}
		if n.BodyOffset > len(src) || string(src[n.BodyOffset:]) != string(n.Body) {
			return changes, fmt.Errorf("%s changed while it was checked; nothing fixed in it: check again", n.Path)
		}
		out, err := lint.Apply(src, nf.fixes)
		if err != nil {
			return changes, fmt.Errorf("%s: %w", n.Path, err)
		}
		if err := output.WriteFileIn(root, n.Path, out); err != nil {
			return changes, fmt.Errorf("%s: %w", n.Path, err)
		}
		for _, f := range nf.fixes {
			changes = append(changes, Change{Pos: n.File.Pos(f.Off), Old: f.Old, New: f.New, Rule: f.Rule})
		}
	}
	return changes, nil
}

// describe writes a change for the terminal: ',' → '，'.
func describe(c Change) string {
	show := func(s string) string {
		if s == "" {
			return "nothing"
		}
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%s → %s", show(c.Old), show(c.New))
}

// Package check is the check command's engine: it reads and proofreads a
// site folder whatever is wrong with it, as the build does (load), drafts
// included; formats the findings as text or JSON; and, asked to, applies
// the safe typographic fixes to the sources, each file written beside itself
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
	"disclose/internal/load"
	"disclose/internal/notice"
	"disclose/internal/output"
	"disclose/internal/render"
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

// Errors counts the errors nobody accepted, and of those, the ones in
// drafts: a draft's errors fail a check, though they do not stop the build.
func (r Report) Errors() (errs, inDrafts int) {
	c := r.Problems.Count()
	return c.Errors, c.InDrafts
}

// Run checks the site in the folder siteDir.
func Run(siteDir string, opts Options) (Report, error) {
	root, err := os.OpenRoot(siteDir)
	if err != nil {
		return Report{}, fmt.Errorf("无法打开网站文件夹; cannot open the site folder: %w", err)
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

// proofread reads the site in fsys as a build does (load.Site) and keeps
// what concerns the notices selected (all, when files is empty). It
// returns the report and, per notice, the fixes with the notice they
// apply to.
func proofread(fsys fs.FS, files []string) (Report, []noticeFixes) {
	notices, _, problems := load.Site(fsys, site.Options{})
	// A template of the site's own that does not parse stops the build:
	// check says so too, as the build does (load.Site reported the
	// settings' problems).
	if settings, _ := site.LoadSettings(fsys); settings != nil {
		_, found := render.LoadTemplates(fsys, settings.BasePath(), settings.AbsURL)
		problems = load.Finish(append(problems, found...))
	}
	selected := func(p string) bool {
		return len(files) == 0 || slices.Contains(files, p) || p == site.SettingsPath
	}
	var fixes []noticeFixes
	r := Report{}
	for _, n := range notices {
		if n.N == nil || !selected(n.Path) {
			continue
		}
		r.Notices++
		if len(n.Fixes) > 0 {
			fixes = append(fixes, noticeFixes{n.N, n.Fixes})
		}
	}
	for _, f := range files {
		if _, err := fs.Stat(fsys, f); err != nil {
			problems.Add(diag.Diagnostic{Path: f, Message: "文件不存在; no such file", Rule: "source"})
		}
	}
	problems = slices.DeleteFunc(problems, func(d diag.Diagnostic) bool { return !selected(d.Path) })
	r.Problems = problems.Sort()
	return r, fixes
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
		src, err := site.ReadFile(root.FS(), n.Path)
		if err != nil {
			return changes, fmt.Errorf("%s: %w", n.Path, err)
		}
		if n.BodyOffset > len(src) || string(src[n.BodyOffset:]) != string(n.Body) {
			return changes, fmt.Errorf("%[1]s 在检查期间被改动, 未作修改: 请重新检查; %[1]s changed while it was checked; nothing fixed in it: check again", n.Path)
		}
		// All the rounds at once: one run leaves nothing to fix.
		out, rounds, err := lint.FixAll(n, src, nf.fixes)
		if err != nil {
			return changes, fmt.Errorf("%s: %w", n.Path, err)
		}
		if err := output.WriteFileIn(root, n.Path, out); err != nil {
			return changes, fmt.Errorf("%s: %w", n.Path, err)
		}
		for _, r := range rounds {
			// A later round's offsets are in the text the rounds before left.
			file := diag.NewFile(n.Path, r.Src)
			for _, f := range r.Fixes {
				changes = append(changes, Change{Pos: file.Pos(f.Off), Old: f.Old, New: f.New, Rule: f.Rule})
			}
		}
	}
	return changes, nil
}

// describe writes a change for the terminal: ',' → '，'.
func describe(c Change) string {
	show := func(s string) string {
		if s == "" {
			return "(删去)"
		}
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%s → %s", show(c.Old), show(c.New))
}

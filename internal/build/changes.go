package build

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"disclose/internal/render"
	"disclose/internal/site"
)

// changes is what an Incremental's run must read again, from the paths
// Changed named.
type changes struct {
	all                        bool // list and look at every notice file
	settings, templates, seals bool
	notices                    []string        // notice files to read again (all false) ...
	read                       map[string]bool // ... as a set
	gone                       map[string]bool // ... of which these are no more
	named                      func(path string) bool
}

// plan says what this run must read again. Without TrustChanges, and on
// the first run, that is everything (each notice file whose size and
// modification time did not change, and that Changed did not name, is
// still carried over).
func (b *Incremental) plan() changes {
	forget := b.forget
	c := changes{read: map[string]bool{}, gone: map[string]bool{}, named: func(p string) bool {
		for _, f := range forget {
			if f == "." || p == f || strings.HasPrefix(p, f+"/") {
				return true
			}
		}
		return false
	}}
	if b.whole || !b.trusted {
		c.all, c.settings, c.templates, c.seals = true, true, true, true
		return c
	}
	for _, p := range forget {
		b.classify(p, &c)
	}
	if c.all {
		c.settings, c.templates, c.seals = true, true, true
	}
	return c
}

// classify adds what a change of the file or folder at p means to c, as
// site.NoticePaths, site.ReadSeals and render.LoadTemplates read the site.
func (b *Incremental) classify(p string, c *changes) {
	switch {
	case p == site.SettingsPath:
		c.settings = true
	case p == render.TemplateDir || strings.HasPrefix(p, render.TemplateDir+"/"):
		c.templates = true
	case p == site.ArchiveDir:
		c.seals, c.all = true, true // a folder of seals, or a file that is not a notice
	case strings.HasPrefix(p, site.ArchiveDir+"/"):
		c.seals = true
	case !strings.HasPrefix(p, site.ContentDir+"/"):
		c.all = true // content/ itself, or something unknown
	case hidden(p):
		// Not read: site.NoticePaths skips what is hidden.
	case path.Ext(p) != ".md":
		c.all = true // a folder, or a file that is not a notice: warned of
	default:
		b.notice(p, c)
	}
}

// notice adds a change of the notice file at p to c.
func (b *Incremental) notice(p string, c *changes) {
	info, err := fs.Lstat(b.fsys, p) // as site.NoticePaths: a link is listed as it is
	switch {
	case err == nil && info.IsDir():
		c.all = true // a folder named *.md
		return
	case errors.Is(err, fs.ErrNotExist) && b.notices[p] == nil:
		c.all = true // a file that was never seen: look at everything
		return
	case errors.Is(err, fs.ErrNotExist):
		c.gone[p] = true
	}
	if !c.read[p] {
		c.read[p] = true
		c.notices = append(c.notices, p)
	}
}

// hidden reports whether a part of the path p below content/ starts with
// a dot.
func hidden(p string) bool {
	for _, part := range strings.Split(strings.TrimPrefix(p, site.ContentDir+"/"), "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

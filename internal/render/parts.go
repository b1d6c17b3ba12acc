package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"
)

// A page costs what the values its template writes cost: html/template
// writes each value through one to three escapers, which text/template
// calls by reflection, about a microsecond a value whatever it holds. Some
// markup of a page holds values that recur from page to page: the start of
// a line of the table of contents holds only its anchor ("s1-2") and its
// level. Such markup is a part, a template of its own in the page's file:
// the renderer writes it once for each value it is given, and hands what
// it wrote to every page that has that value, as template.HTML placed
// with one escaper call instead of several. The templates stay the one
// description of the markup; what is kept is what they wrote.
//
// A part that a site's own template does not define is not written, and
// the page does not need it: a template written before the part existed
// writes the same markup from the values the part was made of, which
// pages still have.

// The parts, each with what it is handed.
const (
	// tocStartPart is the start of a line of the table of contents, up
	// to its title (notice.html): each line places it as .Start. It is
	// handed a tocAnchor, the anchor and the level and nothing else, so
	// that a site's own part can use nothing that differs between two
	// lines it is shared by.
	tocStartPart = "toc-start"
	// trailPart is the links of the breadcrumb trail, the steps before
	// the page itself (layout.html): each page places it as .Trail. It is
	// handed the page's crumbs.
	trailPart = "crumbs"
)

// tocAnchor is what the "toc-start" part is written from.
type tocAnchor struct {
	ID  string
	Sub bool
}

// trail is a breadcrumb trail as a key: the crumbs of a trail of at most
// len(trail.steps) steps, the longest the pages have.
type trail struct {
	n     int
	steps [2]crumb
}

// maxParts bounds how many writings of each part one Templates keeps:
// anchors and trails recur ("s1", "s1-2"; 首页 › 2025年), but a site
// whose own did not would otherwise keep one for each line of each page.
// Past it, a part is written for each place it is placed.
const maxParts = 1 << 14

// parts keeps what the parts wrote, by the page's templates (a site's
// own, a depth's clone) and the values they were written from.
type parts struct {
	mu       sync.RWMutex
	tocStart map[partKey[tocAnchor]]template.HTML
	trail    map[partKey[trail]]template.HTML
}

type partKey[V comparable] struct {
	tmpl *template.Template
	v    V
}

// keep keeps what a part of tmpl wrote for v in m, made when nil.
func keep[V comparable](m *map[partKey[V]]template.HTML, tmpl *template.Template, v V, html template.HTML) {
	if *m == nil {
		*m = map[partKey[V]]template.HTML{}
	}
	if len(*m) < maxParts {
		(*m)[partKey[V]{tmpl, v}] = html
	}
}

// writePart writes the part name of tmpl for v, within the bounds of a
// page.
func (t *Templates) writePart(tmpl *template.Template, name string, v any) (template.HTML, error) {
	var buf bytes.Buffer
	w := &boundedWriter{buf: &buf, max: MaxPageBytes}
	if err := t.run.bounded(t.context(), w, func() error { return tmpl.ExecuteTemplate(w, name, v) }); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return template.HTML(buf.String()), nil
}

// withParts fills in the parts of p, a page made by tmpl, that tmpl
// defines: each looked up among those written before, all under one
// lock, or else written and kept. p's views are its own (noticePage made
// them for this page), so they are filled in place.
func (t *Templates) withParts(tmpl *template.Template, p *page) error {
	var toc []tocEntry
	if p.Notice != nil && tmpl.Lookup(tocStartPart) != nil {
		toc = p.Notice.TOC
	}
	var steps trail
	hasTrail := len(p.Crumbs) > 0 && len(p.Crumbs) <= len(steps.steps) && tmpl.Lookup(trailPart) != nil
	if hasTrail {
		steps.n = copy(steps.steps[:], p.Crumbs)
	}
	missing := false
	t.parts.mu.RLock()
	for i, e := range toc {
		var ok bool
		toc[i].Start, ok = t.parts.tocStart[partKey[tocAnchor]{tmpl, tocAnchor{e.ID, e.Sub}}]
		missing = missing || !ok
	}
	if hasTrail {
		var ok bool
		p.Trail, ok = t.parts.trail[partKey[trail]{tmpl, steps}]
		missing = missing || !ok
	}
	t.parts.mu.RUnlock()
	if !missing {
		return nil
	}
	for i, e := range toc {
		if e.Start != "" {
			continue
		}
		a := tocAnchor{e.ID, e.Sub}
		html, err := t.writePart(tmpl, tocStartPart, a)
		if err != nil {
			return err
		}
		toc[i].Start = html
		t.parts.mu.Lock()
		keep(&t.parts.tocStart, tmpl, a, html)
		t.parts.mu.Unlock()
	}
	if hasTrail && p.Trail == "" {
		html, err := t.writePart(tmpl, trailPart, p.Crumbs)
		if err != nil {
			return err
		}
		p.Trail = html
		t.parts.mu.Lock()
		keep(&t.parts.trail, tmpl, steps, html)
		t.parts.mu.Unlock()
	}
	return nil
}

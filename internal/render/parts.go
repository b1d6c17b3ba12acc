package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"
	"sync/atomic"
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

// tocStartPart is the start of a line of the table of contents, up to its
// title: notice.html places it as .Start. It is handed a tocAnchor: the
// anchor and the level, and nothing else, so that a site's own part can
// use nothing that differs between two lines it is shared by.
const tocStartPart = "toc-start"

// tocAnchor is what the "toc-start" part is written from.
type tocAnchor struct {
	ID  string
	Sub bool
}

// maxParts bounds how many parts' markup one Templates keeps: a part's
// values recur (anchors are numbered "s1", "s1-2"), but a site's own part
// given a value that never recurs would otherwise keep one copy for each
// page. Past it, a part is written for each page that places it.
const maxParts = 1 << 14

// parts keeps what the parts wrote, by template, part and value.
type parts struct {
	written sync.Map // partKey → template.HTML
	count   atomic.Int64
}

type partKey struct {
	tmpl *template.Template // the page's templates: a site's own, a depth's clone
	name string
	data any // comparable
}

// part returns what the part name of tmpl writes for data, a comparable
// value, writing it the first time within the bounds of a page.
func (t *Templates) part(tmpl *template.Template, name string, data any) (template.HTML, error) {
	key := partKey{tmpl, name, data}
	if html, ok := t.parts.written.Load(key); ok {
		return html.(template.HTML), nil
	}
	var buf bytes.Buffer
	w := &boundedWriter{buf: &buf, max: MaxPageBytes}
	if err := t.run.bounded(t.context(), w, func() error { return tmpl.ExecuteTemplate(w, name, data) }); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	html := template.HTML(buf.String())
	if t.parts.count.Load() < maxParts {
		if _, loaded := t.parts.written.LoadOrStore(key, html); !loaded {
			t.parts.count.Add(1)
		}
	}
	return html, nil
}

// withParts is p, the page of a kind of page made by tmpl, with the
// parts tmpl defines written for its values. The views are the page's
// own (noticePage made them for this page), so they are filled in place.
func (t *Templates) withParts(tmpl *template.Template, p page) error {
	if v := p.Notice; v != nil && len(v.TOC) > 0 && tmpl.Lookup(tocStartPart) != nil {
		for i, e := range v.TOC {
			var err error
			if v.TOC[i].Start, err = t.part(tmpl, tocStartPart, tocAnchor{e.ID, e.Sub}); err != nil {
				return err
			}
		}
	}
	return nil
}

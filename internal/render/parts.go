package render

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strings"
	"sync"
	"text/template/parse"
)

// A page costs what the values its template writes cost: html/template
// writes each value through one to three escapers, which text/template
// calls by reflection, about a microsecond a value whatever it holds (a
// link's address, percent-encoded byte by byte, costs more). Some markup
// of a page holds values that recur from page to page: the start of a
// line of the table of contents holds only its anchor ("s1-2") and its
// level; a date, a link to a unit or a round, the breadcrumb trail recur
// on many pages. Such markup is a part, a template of its own in the
// page's file: the renderer writes it once for each value it is handed,
// and every page with that value places what it wrote, as template.HTML,
// with one escaper call instead of several. The templates stay the one
// description of the markup; what is kept is what they wrote.
//
// A part is written only for the pages whose templates define it and
// place the field it fills: a site's template written before the parts
// existed places neither, and writes the same markup from the values the
// parts are written from, which the views still have; a template of its
// own that happens to bear a part's name is left alone.
var partList = [...]struct {
	name   string   // the template
	fields []string // the fields of the views it fills, placed by the templates
}{
	// the start of a line of the table of contents, up to its title,
	// handed a tocAnchor (notice.html: .TOCLines, every line whole; or
	// .Line of each line of .TOC, the start and the title; or .LineStart)
	partTocLine: {"toc-line-start", []string{"LineStart", "Line", "TOCLines"}},
	// the end of a line of the table of contents, after its title,
	// handed a tocAnchor (notice.html: .TOCLines; or .LineEnd)
	partTocLineEnd: {"toc-line-end", []string{"LineEnd", "TOCLines"}},
	// the links of the breadcrumb trail before the page itself, handed
	// the page's crumbs (layout.html: .Trail)
	partTrail: {"trail", []string{"Trail"}},
	// a link to a page of the site, handed a linkView (notice.html: the
	// inspection's .UnitLink and .RoundLink)
	partLink: {"facts-link", []string{"UnitLink", "RoundLink"}},
	// a date, handed a timeView without its Element (notice.html: the
	// .Element of the dates)
	partTime: {"time-element", []string{"Element"}},
	// the date of a line of a list, handed a timeView without its
	// Element, its Text the date as ISO writes it (pager.html's "item"
	// and unit.html's entries: .DateElement of a listItem)
	partListTime: {"list-time", []string{"DateElement"}},
	// a line of the list of figures, handed a figureView without its
	// Line (notice.html: .FigureLines, every line one after the other)
	partFigure: {"figure-line", []string{"FigureLines"}},
	// the heading of the facts and the inspection's group, unit and
	// round, handed a factsView (notice.html: the inspection's
	// .FactsStart)
	partFacts: {"facts-start", []string{"FactsStart"}},
}

const (
	partTocLine = iota
	partTocLineEnd
	partTrail
	partLink
	partTime
	partListTime
	partFigure
	partFacts
)

// partTocLines and partTOC are bits of a partSet beside the parts': the
// templates place the lines of the table of contents each up to its end
// (.Line), the start "toc-line-start" wrote and the title; or all of
// them in one (.TOCLines), each line's start, title and the end
// "toc-line-end" wrote (tocLines).
const (
	partTocLines = len(partList) + iota
	partTOC
)

// partSet holds the parts a kind of page's templates place, a bit each.
type partSet uint16

func (s partSet) has(part int) bool { return s&(1<<part) != 0 }

// partsPlaced returns the parts that tmpl, a kind of page's templates
// before they run, defines and places.
func partsPlaced(tmpl *template.Template) partSet {
	fields := map[string]bool{}
	for _, d := range tmpl.Templates() {
		if d.Tree != nil && d.Tree.Root != nil {
			fieldsOf(d.Tree.Root, fields)
		}
	}
	// A field such as .Trail counts however it is reached (.Trail,
	// $.Trail, $p.Trail).
	var set partSet
	for i, p := range partList {
		if slices.ContainsFunc(p.fields, func(f string) bool { return fields[f] }) && tmpl.Lookup(p.name) != nil {
			set |= 1 << i
		}
	}
	if fields["Line"] && set.has(partTocLine) {
		set |= 1 << partTocLines
	}
	if fields["TOCLines"] && set.has(partTocLine) && set.has(partTocLineEnd) {
		set |= 1 << partTOC
	}
	return set
}

// fieldsOf adds to fields the name of every field node names below.
func fieldsOf(node parse.Node, fields map[string]bool) {
	switch n := node.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				fieldsOf(c, fields)
			}
		}
	case *parse.ActionNode:
		fieldsOf(n.Pipe, fields)
	case *parse.TemplateNode:
		if n.Pipe != nil {
			fieldsOf(n.Pipe, fields)
		}
	case *parse.IfNode:
		branchFields(&n.BranchNode, fields)
	case *parse.RangeNode:
		branchFields(&n.BranchNode, fields)
	case *parse.WithNode:
		branchFields(&n.BranchNode, fields)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				fieldsOf(c, fields)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			fieldsOf(a, fields)
		}
	case *parse.FieldNode:
		for _, id := range n.Ident {
			fields[id] = true
		}
	case *parse.VariableNode:
		for _, id := range n.Ident[1:] {
			fields[id] = true
		}
	case *parse.ChainNode:
		fieldsOf(n.Node, fields)
		for _, id := range n.Field {
			fields[id] = true
		}
	}
}

func branchFields(b *parse.BranchNode, fields map[string]bool) {
	fieldsOf(b.Pipe, fields)
	fieldsOf(b.List, fields)
	if b.ElseList != nil {
		fieldsOf(b.ElseList, fields)
	}
}

// tocAnchor is what "toc-line-start" is written from: the anchor and the
// level and nothing else, so that a site's own part can use nothing that
// differs between two lines it is shared by.
type tocAnchor struct {
	ID  string
	Sub bool
}

// trail is a breadcrumb trail as a key: the crumbs of a trail of at most
// len(trail.steps) steps, the longest the pages have; a longer one is
// written for each page.
type trail struct {
	n     int
	steps [2]crumb
}

// linkView is a link to a page of the site, as "facts-link" writes it.
type linkView struct{ Name, URL string }

// factsView is what "facts-start" is written from: the inspection's
// kind and group as html/template writes them in an element's text, its
// unit and round (given when Organization and RoundPath are not empty)
// as "facts-link" wrote their links; each recurs from notice to notice.
type factsView struct {
	KindHTML, GroupHTML template.HTML `escaped:"text"`
	Organization        string
	UnitLink            template.HTML
	RoundPath           string
	RoundLink           template.HTML
}

// maxParts bounds how many writings of each part one Templates keeps:
// anchors, dates and links recur, but a site where they did not would
// otherwise keep one for each place of each page. Past it, a part is
// written for each place it is placed.
const maxParts = 1 << 14

// parts keeps what the parts wrote, by the page's templates (a site's
// own, a depth's clone) and the values they were written from.
type parts struct {
	mu      sync.RWMutex
	tocLine map[partKey[tocAnchor]]tocEnds
	trail   map[partKey[trail]]template.HTML
	link    map[partKey[linkView]]template.HTML
	time    map[partKey[timeView]]template.HTML
	// listTime, apart from time: "list-time" and "time-element" may
	// differ in a site's templates
	listTime map[partKey[timeView]]template.HTML
	figure   map[partKey[figureView]]template.HTML
	facts    map[partKey[factsView]]template.HTML
}

type partKey[V comparable] struct {
	tmpl *template.Template
	v    V
}

// tocEnds is what "toc-line-start" and "toc-line-end" wrote for one
// anchor and level, where the templates place them: kept together, a
// line's two parts are found with one look-up.
type tocEnds struct{ start, end template.HTML }

// withParts fills in the parts of p, a page of kind made by tmpl, that
// tmpl places: each looked up among those written before, all under one
// lock, or else written and kept. p's views are its own (noticePage made
// them for this page), so they are filled in place.
func (t *Templates) withParts(kind string, tmpl *template.Template, p *page) error {
	set := t.placed[kind]
	if set == 0 {
		return nil
	}
	f := partFill{t: t, tmpl: tmpl, get: true}
	t.parts.mu.RLock()
	f.page(set, p)
	t.parts.mu.RUnlock()
	if f.missing {
		f.get = false
		if f.page(set, p); f.err != nil {
			return f.err
		}
	}
	v := p.Notice
	if v != nil && set.has(partFigure) {
		figureLines(v)
	}
	if v != nil && (set.has(partTocLines) || set.has(partTOC)) {
		return t.tocLines(v, set.has(partTOC))
	}
	return nil
}

// figureLines fills in v's FigureLines: the Line of each of its figures,
// one after the other.
func figureLines(v *noticeView) {
	n := 0
	for _, f := range v.Figures {
		n += len(f.Line)
	}
	var b strings.Builder
	b.Grow(n)
	for _, f := range v.Figures {
		b.WriteString(string(f.Line))
	}
	v.FigureLines = template.HTML(b.String())
}

// tocLines fills in the Line of each line of v's table of contents: its
// LineStart, then its title as html/template writes it in an element's
// text (plainText); and with whole, TOCLines: each Line followed by its
// LineEnd. All is one string for the page.
func (t *Templates) tocLines(v *noticeView, whole bool) error {
	toc := v.TOC
	n := 0
	for _, e := range toc {
		n += len(e.LineStart) + len(e.Title) + len(e.LineEnd)
	}
	var b strings.Builder
	b.Grow(n)
	var endsOf [64]int
	ends := endsOf[:0]
	for _, e := range toc {
		b.WriteString(string(e.LineStart))
		if err := t.text.write(&b, e.Title); err != nil {
			return err
		}
		ends = append(ends, b.Len())
		if whole {
			b.WriteString(string(e.LineEnd))
		}
	}
	all, start := b.String(), 0
	for i, end := range ends {
		toc[i].Line = template.HTML(all[start:end])
		start = end
		if whole {
			start += len(toc[i].LineEnd)
		}
	}
	if whole {
		v.TOCLines = template.HTML(all)
	}
	return nil
}

// partFill fills in the parts of one page: first each from those kept
// (get), noting whether one is missing; then each missing one, written
// and kept, until an error.
type partFill struct {
	t       *Templates
	tmpl    *template.Template
	get     bool
	missing bool
	err     error
}

// page fills in the parts of p that set holds.
func (f *partFill) page(set partSet, p *page) {
	if set.has(partTrail) && len(p.Crumbs) > 0 {
		var key trail
		if len(p.Crumbs) <= len(key.steps) {
			key.n = copy(key.steps[:], p.Crumbs)
			fill(f, &f.t.parts.trail, partTrail, key, p.Crumbs, &p.Trail)
		} else if !f.get && f.err == nil {
			p.Trail, f.err = f.t.writePart(f.tmpl, partList[partTrail].name, p.Crumbs)
		} else {
			f.missing = true
		}
	}
	if p.Unit != nil && set.has(partListTime) {
		for i := range p.Unit.Entries {
			f.listTime(&p.Unit.Entries[i].Item)
		}
	}
	v := p.Notice
	if v == nil {
		return
	}
	if set.has(partTocLine) || set.has(partTocLineEnd) {
		for i := range v.TOC {
			f.tocLine(set, &v.TOC[i])
		}
	}
	in := &v.Inspection
	if set.has(partLink) {
		if in.Organization != "" {
			l := linkView{in.Organization, in.UnitURL}
			fill(f, &f.t.parts.link, partLink, l, l, &in.UnitLink)
		}
		if in.RoundPath != "" {
			l := linkView{in.Round, in.RoundURL}
			fill(f, &f.t.parts.link, partLink, l, l, &in.RoundLink)
		}
	}
	// After the links, which it places: while one is missing (f.get),
	// it is not looked up, but written once the links are.
	if set.has(partFacts) {
		linked := !set.has(partLink) || (in.Organization == "" || in.UnitLink != "") && (in.RoundPath == "" || in.RoundLink != "")
		if f.get && !linked {
			f.missing = true
		} else {
			key := factsView{KindHTML: in.KindHTML, GroupHTML: in.GroupHTML, Organization: in.Organization, UnitLink: in.UnitLink, RoundPath: in.RoundPath, RoundLink: in.RoundLink}
			fill(f, &f.t.parts.facts, partFacts, key, key, &in.FactsStart)
		}
	}
	if set.has(partTime) {
		for _, d := range [...]*timeView{&v.Date, &v.Signature.Date, v.Inspection.Start, v.Inspection.End, v.Inspection.Feedback} {
			f.time(d)
		}
		for i := range v.Corrections {
			f.time(&v.Corrections[i].Date)
		}
	}
	if set.has(partFigure) {
		for i := range v.Figures {
			fig := &v.Figures[i]
			key := figureView{Value: fig.Value, Unit: fig.Unit, Label: fig.Label}
			fill(f, &f.t.parts.figure, partFigure, key, key, &fig.Line)
		}
	}
}

// time fills in the Element of a date. A time of day (a notice's
// publication time, "2025-06-17T09:00:00+08:00") recurs on hardly any
// other page: it is written for its page and not kept, and the days,
// which recur, are looked up among fewer.
func (f *partFill) time(d *timeView) {
	if d == nil {
		return
	}
	key := timeView{ISO: d.ISO, Text: d.Text}
	data := key
	data.ISOHTML, data.TextHTML = d.ISOHTML, d.TextHTML
	if strings.IndexByte(d.ISO, 'T') < 0 {
		fill(f, &f.t.parts.time, partTime, key, data, &d.Element)
		return
	}
	switch {
	case f.get:
		f.missing = f.missing || d.Element == ""
	case d.Element == "" && f.err == nil:
		d.Element, f.err = f.t.writePart(f.tmpl, partList[partTime].name, data)
	}
}

// tocLine fills in the LineStart and LineEnd of a line of the table of
// contents, each where set holds its part.
func (f *partFill) tocLine(set partSet, e *tocEntry) {
	key := partKey[tocAnchor]{f.tmpl, tocAnchor{e.ID, e.Sub}}
	if f.get {
		w, ok := f.t.parts.tocLine[key]
		e.LineStart, e.LineEnd = w.start, w.end
		f.missing = f.missing || !ok
		return
	}
	if f.err != nil || e.LineStart != "" || e.LineEnd != "" {
		return
	}
	var w tocEnds
	for _, p := range [...]struct {
		part int
		dst  *template.HTML
	}{{partTocLine, &w.start}, {partTocLineEnd, &w.end}} {
		if set.has(p.part) {
			if *p.dst, f.err = f.t.writePart(f.tmpl, partList[p.part].name, key.v); f.err != nil {
				return
			}
		}
	}
	e.LineStart, e.LineEnd = w.start, w.end
	keep(f.t, &f.t.parts.tocLine, key, w)
}

// listTime fills in the DateElement of a line of a list.
func (f *partFill) listTime(it *listItem) {
	key := timeView{ISO: it.Date, Text: it.Date}
	fill(f, &f.t.parts.listTime, partListTime, key, key, &it.DateElement)
}

// listTimes fills in the DateElement of items, lines of lists made by
// tmpl, the templates of kind, if they place it.
func (t *Templates) listTimes(kind string, tmpl *template.Template, items []listItem) error {
	if !t.placed[kind].has(partListTime) {
		return nil
	}
	f := partFill{t: t, tmpl: tmpl, get: true}
	t.parts.mu.RLock()
	for i := range items {
		f.listTime(&items[i])
	}
	t.parts.mu.RUnlock()
	if f.missing {
		f.get = false
		for i := range items {
			if f.listTime(&items[i]); f.err != nil {
				return f.err
			}
		}
	}
	return nil
}

// fill fills in *dst, the place of a part written from data and kept in
// *m under key: from *m when f gets, else by writing it when it is not
// there yet.
func fill[V comparable, D any](f *partFill, m *map[partKey[V]]template.HTML, part int, key V, data D, dst *template.HTML) {
	if f.get {
		var ok bool
		*dst, ok = (*m)[partKey[V]{f.tmpl, key}]
		f.missing = f.missing || !ok
		return
	}
	if *dst != "" || f.err != nil {
		return
	}
	html, err := f.t.writePart(f.tmpl, partList[part].name, data)
	if err != nil {
		f.err = err
		return
	}
	*dst = html
	keep(f.t, m, partKey[V]{f.tmpl, key}, html)
}

// keep keeps in *m what parts wrote for key, while *m holds fewer than
// maxParts.
func keep[V comparable, W any](t *Templates, m *map[partKey[V]]W, key partKey[V], w W) {
	t.parts.mu.Lock()
	defer t.parts.mu.Unlock()
	if *m == nil {
		*m = map[partKey[V]]W{}
	}
	if len(*m) < maxParts {
		(*m)[key] = w
	}
}

// writePart writes the part name of tmpl for data, within the bounds of
// a page.
func (t *Templates) writePart(tmpl *template.Template, name string, data any) (template.HTML, error) {
	if typ := reflect.TypeOf(data); typ != entryType(name) {
		// trust read the templates as run with the type of trustedEntries
		return "", fmt.Errorf("%s: run with %v, not %v (internal error)", name, typ, entryType(name))
	}
	var buf bytes.Buffer
	w := &boundedWriter{buf: &buf, max: MaxPageBytes}
	if err := t.run.bounded(t.context(), w, func() error { return tmpl.ExecuteTemplate(w, name, data) }); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return template.HTML(buf.String()), nil
}

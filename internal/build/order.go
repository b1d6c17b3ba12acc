package build

import (
	"slices"
	"strings"

	"disclose/internal/diag"
	"disclose/internal/notice"
	"disclose/internal/render"
	"disclose/internal/site"
)

// order keeps an Incremental's notices as the listings list them (newest
// first, then by URL: site.Assemble's order), updated one notice at a time
// by binary search, each notice's URL formatted once; and what else the
// listings and the check for duplicate URLs need of them.
type order struct {
	list   []entry
	texts  map[*render.Entry]string    // the summaries' texts, for the feed
	byURL  map[string][]*notice.Notice // notices of a year, by URL
	shared int                         // URLs of more than one notice
}

// entry is a notice in the listings' order: its entry, the notice itself
// (nil in a newest), its URL.
type entry struct {
	e   *render.Entry
	n   *notice.Notice
	url string
}

// compare is site.Assemble's order, with the URLs formatted once.
func compare(a, b entry) int {
	if c := b.e.Date.Compare(a.e.Date.Time); c != 0 {
		return c
	}
	return strings.Compare(a.url, b.url)
}

// add puts the notice k holds, if any, in its place.
func (o *order) add(k *kept) {
	n := k.built.n
	if n == nil {
		return
	}
	e := entry{k.built.e, n, n.URL()}
	i, _ := slices.BinarySearchFunc(o.list, e, compare)
	o.list = slices.Insert(o.list, i, e)
	o.index(e, k.built.summary)
}

// index records what the listings and the check for duplicates need of e.
func (o *order) index(e entry, s render.Summary) {
	if o.texts == nil {
		o.texts, o.byURL = map[*render.Entry]string{}, map[string][]*notice.Notice{}
	}
	if s.Text != "" {
		o.texts[e.e] = s.Text
	}
	if e.n.Year == 0 { // as site.Assemble: it has no URL
		return
	}
	o.byURL[e.url] = append(o.byURL[e.url], e.n)
	if len(o.byURL[e.url]) == 2 {
		o.shared++
	}
}

// remove takes the notice k holds, if any, out of the order.
func (o *order) remove(k *kept) {
	n := k.built.n
	if n == nil {
		return
	}
	e := entry{k.built.e, n, n.URL()}
	i, _ := slices.BinarySearchFunc(o.list, e, compare)
	for i < len(o.list) && o.list[i].n != n { // past others at the same place: a duplicate URL
		i++
	}
	if i < len(o.list) {
		o.list = slices.Delete(o.list, i, i+1)
	}
	delete(o.texts, k.built.e)
	if n.Year == 0 {
		return
	}
	same := slices.DeleteFunc(o.byURL[e.url], func(m *notice.Notice) bool { return m == n })
	if len(same) == 1 {
		o.shared--
	}
	if o.byURL[e.url] = same; len(same) == 0 {
		delete(o.byURL, e.url)
	}
}

// fill orders the notices of kept afresh.
func (o *order) fill(kept map[string]*kept) {
	*o = order{list: make([]entry, 0, len(kept))}
	for _, k := range kept {
		if n := k.built.n; n != nil {
			e := entry{k.built.e, n, n.URL()}
			o.list = append(o.list, e)
			o.index(e, k.built.summary)
		}
	}
	slices.SortFunc(o.list, compare)
}

// entries returns the notices' entries in order, in a slice of their own.
func (o *order) entries() []*render.Entry {
	es := make([]*render.Entry, len(o.list))
	for i, e := range o.list {
		es[i] = e.e
	}
	return es
}

// duplicates returns the problems of notices that share a URL, as
// site.Assemble reports them.
func (o *order) duplicates(settings *site.Settings) diag.List {
	if o.shared == 0 {
		return nil
	}
	var ns []*notice.Notice
	for _, same := range o.byURL {
		if len(same) > 1 {
			ns = append(ns, same...)
		}
	}
	slices.SortFunc(ns, func(a, b *notice.Notice) int { return strings.Compare(a.Path, b.Path) })
	_, problems := site.Assemble(settings, ns)
	return problems
}

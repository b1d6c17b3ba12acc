package build

import (
	"slices"

	"disclose/internal/diag"
	"disclose/internal/notice"
	"disclose/internal/render"
	"disclose/internal/site"
)

// assemble is load.Assemble for the entries the pipeline keeps of its
// notices, results[i] of the source at paths[i]: it reports two notices at
// one URL and how the sealed years differ from their seals, as
// load.Assemble does, and returns the listing of the notices shown, newest
// first; nil when the settings are nil or two notices share a URL.
func (p *pipeline) assemble(seals map[int][]site.Seal, paths []string, results []built) (*render.Listing, diag.List) {
	var problems diag.List
	var entries []*render.Entry
	first := map[string]int{} // the first notice at a URL, by index
	for i, b := range results {
		if b.e != nil {
			entries = append(entries, b.e)
		}
		var url string
		switch {
		case b.e != nil && b.e.Year != 0:
			url = b.e.URL()
		case b.e == nil && b.n != nil && b.n.Year != 0: // no settings to make its entry with
			url = b.n.URL()
		default:
			continue // not shown, or, as in site.Assemble, no URL
		}
		j, dup := first[url]
		if !dup {
			first[url] = i
			continue
		}
		// The message is site.Assemble's, told of the two notices.
		_, found := site.Assemble(p.settings, []*notice.Notice{standIn(results[j]), standIn(b)})
		problems = append(problems, found...)
	}
	if len(seals) > 0 {
		sources := make([]site.Source, len(results))
		for i, b := range results {
			sources[i] = site.Source{Path: paths[i], Sum: b.sum, N: b.n}
			if b.n == nil && b.e != nil && sealedYear(seals, b.e) {
				sources[i].N = b.e.Notice() // its draft mark and corrections
			}
		}
		problems = append(problems, site.Closed(seals, sources)...)
	}
	if p.settings == nil || problems.HasErrors() {
		return nil, problems
	}
	slices.SortStableFunc(entries, render.NewestFirst)
	return &render.Listing{Settings: p.settings, Notices: entries, Sealed: seals}, problems
}

// sealedYear reports whether e is of a year that has a seal.
func sealedYear(seals map[int][]site.Seal, e *render.Entry) bool {
	_, ok := seals[e.Year]
	return ok
}

// standIn is the notice b was made of, as much of it as the message of two
// notices at one URL tells: its path, year, slug, and where its slug key
// is written.
func standIn(b built) *notice.Notice {
	if b.n != nil {
		return b.n
	}
	return notice.Restore(notice.Snapshot{Path: b.e.Path, Slug: b.e.Slug, Year: b.e.Year, Keys: b.slug})
}

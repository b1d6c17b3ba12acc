package render

import (
	"bytes"
	"maps"
	"slices"

	"disclose/internal/site"
)

// ListingCache keeps what one ListingsCached rendered for the next, for a
// preview that renders the listings after every save: the page of each
// year, again only when the year's list of notices changed; sitemap.xml
// and notices.json, again only when the list of notices changed, and then
// each notice's entry of sitemap.xml only when it is new (its line of
// notices.json is its Entry's). The home page,
// the 404 page and the feed, which show the notices' summaries, are always
// rendered again: they are small. A notice is known by its Entry's
// pointer: the caller must hand over the same *Entry only while its front
// matter is unchanged, and empty the cache (a new zero value) when the
// settings or templates change.
//
// The zero value is ready to use. A ListingCache is not safe for
// concurrent use.
type ListingCache struct {
	years   map[int]cachedYear
	locs    map[*Entry][]byte // entries of sitemap.xml
	reused  []string
	notices []*Entry          // of the last call
	same    bool              // this call has the last call's notices
	files   map[string][]byte // sitemap.xml and notices.json of the last call
	// nav holds the navigation pages but the lists of rounds and units,
	// each with what it was rendered from; those not rendered by the last
	// call are dropped.
	nav map[string]cachedNav
	gen int // of the call, for nav
}

// cachedNav is a navigation page, rendered from notices (those it lists)
// and the sizes given (of its list: how many notices, how many pages).
type cachedNav struct {
	notices     []*Entry
	total, page int
	gen         int
	data        []byte
}

type cachedYear struct {
	notices []*Entry
	sealed  []site.Seal
	files   []cachedFile // the pages of the year's list
}

type cachedFile struct {
	path string
	data []byte
}

// Reused returns the paths of the files the last ListingsCached emitted
// from the cache.
func (c *ListingCache) Reused() []string { return c.reused }

func (c *ListingCache) begin(notices []*Entry) {
	if c == nil {
		return
	}
	if c.years == nil {
		c.years, c.files = map[int]cachedYear{}, map[string][]byte{}
		c.locs, c.nav = map[*Entry][]byte{}, map[string]cachedNav{}
	}
	c.gen++
	c.reused = nil
	c.same = c.notices != nil && slices.Equal(c.notices, notices)
	if !c.same {
		c.prune(notices)
	}
	c.notices = slices.Clone(notices)
}

// prune drops the entries of sitemap.xml of notices not in notices, so
// that the cache does not grow with every edit.
func (c *ListingCache) prune(notices []*Entry) {
	if len(c.locs) == 0 {
		return
	}
	listed := make(map[*Entry]bool, len(notices))
	for _, n := range notices {
		listed[n] = true
	}
	gone := func(n *Entry, _ []byte) bool { return !listed[n] }
	maps.DeleteFunc(c.locs, gone)
}

// file returns the file at path as the last call rendered it, if this
// call has the same notices.
func (c *ListingCache) file(path string) []byte {
	if c == nil || !c.same {
		return nil
	}
	return c.files[path]
}

// keepFile keeps the file at path, rendered from this call's notices.
func (c *ListingCache) keepFile(path string, data []byte) {
	if c != nil {
		c.files[path] = data
	}
}

// year returns the cached pages of year y if they list the same notices
// and archive bundles.
func (c *ListingCache) year(y int, in []*Entry, sealed []site.Seal) []cachedFile {
	if c == nil || !slices.Equal(c.years[y].notices, in) || !slices.Equal(c.years[y].sealed, sealed) {
		return nil
	}
	return c.years[y].files
}

func (c *ListingCache) replay(path string, data []byte, emit Emit) error {
	c.reused = append(c.reused, path)
	return emit(path, data)
}

// keepYear returns emit, keeping what passes through it as year y's pages.
func (c *ListingCache) keepYear(y int, in []*Entry, sealed []site.Seal, emit Emit) Emit {
	if c == nil {
		return emit
	}
	c.years[y] = cachedYear{notices: in, sealed: slices.Clone(sealed)}
	return func(path string, data []byte) error {
		cy := c.years[y]
		cy.files = append(cy.files, cachedFile{path, data})
		c.years[y] = cy
		return emit(path, data)
	}
}

// sitemapEntry returns n's entry of sitemap.xml as sitemap writes it, or
// nil when it is not cached.
func (c *ListingCache) sitemapEntry(n *Entry) []byte {
	if c == nil {
		return nil
	}
	return c.locs[n]
}

// keepSitemapEntry keeps n's entry of sitemap.xml.
func (c *ListingCache) keepSitemapEntry(n *Entry, entry []byte) {
	if c != nil {
		c.locs[n] = bytes.Clone(entry)
	}
}

// navPage returns the navigation page at path if it was rendered from the
// same notices and sizes, and marks it used by this call.
func (c *ListingCache) navPage(path string, notices []*Entry, total, pages int) []byte {
	if c == nil {
		return nil
	}
	e, ok := c.nav[path]
	if !ok || e.total != total || e.page != pages || !slices.Equal(e.notices, notices) {
		return nil
	}
	e.gen = c.gen
	c.nav[path] = e
	return e.data
}

// keepNav returns emit, keeping what passes through it as the navigation
// page rendered from notices and the sizes given.
func (c *ListingCache) keepNav(notices []*Entry, total, pages int, emit Emit) Emit {
	if c == nil {
		return emit
	}
	return func(path string, data []byte) error {
		c.nav[path] = cachedNav{notices: slices.Clone(notices), total: total, page: pages, gen: c.gen, data: data}
		return emit(path, data)
	}
}

// end drops the navigation pages the call did not render or replay.
func (c *ListingCache) end() {
	if c != nil {
		maps.DeleteFunc(c.nav, func(_ string, e cachedNav) bool { return e.gen != c.gen })
	}
}

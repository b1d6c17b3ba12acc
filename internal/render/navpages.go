package render

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"

	"disclose/internal/notice"
)

// listView is a kind's list: one page of it.
type listView struct {
	Kind    string
	Count   int             // notices in the whole list
	Notices []template.HTML // the page's, as the "item" template wrote each
}

// roundView is a round: the units inspected in it, its notices, and the
// statistics summed over them.
type roundView struct {
	Name, Kind, Level string
	Stated            int             // the most units a round summary of it says were inspected; 0: none says
	Units             []navLink       // the units its notices name
	Notices           []template.HTML // as the "item" template wrote each
	Totals            []total
}

// unitView is a unit's history: the notices about it, newest first, each
// with its round and corrections.
type unitView struct {
	Name    string
	Entries []unitEntry
}

type unitEntry struct {
	Item             listItem
	Round, RoundPath string
	RoundHTML        template.HTML `escaped:"text"` // Round as html/template writes it in an element's text, with a RoundPath
	Summary          bool          // a round summary that names the unit
	Corrections      []correctionView
}

// indexView lists the rounds or the units.
type indexView struct {
	Rounds bool // the rounds; else the units
	Links  []navLink
}

// navLink is a link to a navigation page, with how many notices it lists.
type navLink struct {
	Name, Path string
	Count      int
	Kind       string
}

// listJob is a job of the listings. notices are those it has the "item"
// template write (itemCache.of), in one list: nil when it writes none.
type listJob struct {
	notices []*Entry
	run     func() error
}

// navJobs renders every navigation page of s but the years' and the
// home page's first pages, each a job.
// A ListingCache c keeps each page with the notices it lists and the
// sizes it shows, and gives it back while they are the same.
func (r *Renderer) navJobs(s *Listing, nav *navigation, c *ListingCache, items *itemCache, emit Emit) []listJob {
	var jobs []listJob
	home := homePages(s)
	for k := 2; k <= len(home); k++ {
		jobs = append(jobs, listJob{home[k-1], func() error {
			path := pagePath("", k) + "index.html"
			if page := c.navPage(path, home[k-1], len(s.Notices), len(home)); page != nil {
				return c.replay(path, page, emit)
			}
			return r.homePage(s, nav, home, k, items, c.keepNav(home[k-1], len(s.Notices), len(home), emit))
		}})
	}
	for _, kind := range []string{notice.KindXunshi, notice.KindXuncha} {
		in := nav.kinds[kind]
		if len(in) == 0 {
			continue
		}
		list := pages(in, s.Settings.PageSize)
		for k := range list {
			jobs = append(jobs, listJob{list[k], func() error {
				base := kindFolder(kind)
				path := pagePath(base, k+1)
				if page := c.navPage(path+"index.html", list[k], len(in), len(list)); page != nil {
					return c.replay(path+"index.html", page, emit)
				}
				html, err := items.of(path, list[k])
				if err != nil {
					return err
				}
				p := page{Site: r.sv, Path: path, Title: pageTitle(kind+"整改情况通报", k+1),
					Crumbs: []crumb{{Name: "首页"}}, Pager: newPager(base, k+1, len(list)),
					List: &listView{Kind: kind, Count: len(in), Notices: html}}
				return emitPage(r.t, "kind", p, path+"index.html", 16<<10, c.keepNav(list[k], len(in), len(list), emit))
			}})
		}
	}
	jobs = append(jobs, listJob{run: func() error { return r.indexPage(nav, true, emit) }},
		listJob{run: func() error { return r.indexPage(nav, false, emit) }})
	for _, g := range nav.rounds {
		jobs = append(jobs, listJob{g.notices, func() error {
			path := roundPath(g.name) + "index.html"
			if page := c.navPage(path, g.notices, 0, 0); page != nil {
				return c.replay(path, page, emit)
			}
			return r.roundPage(g, items, c.keepNav(g.notices, 0, 0, emit))
		}})
	}
	for _, g := range nav.units {
		jobs = append(jobs, listJob{run: func() error {
			path := unitPath(g.name) + "index.html"
			if page := c.navPage(path, g.notices, 0, 0); page != nil {
				return c.replay(path, page, emit)
			}
			return r.unitPage(g, c.keepNav(g.notices, 0, 0, emit))
		}})
	}
	return jobs
}

// pageTitle is a list's title on page k: "2025年" and "2025年（第2页）".
func pageTitle(title string, k int) string {
	if k <= 1 {
		return title
	}
	return title + "（第" + strconv.Itoa(k) + "页）"
}

// homePage renders page k (from 1) of the home page's list; items writes
// the notices of the later pages, and is nil for the first.
func (r *Renderer) homePage(s *Listing, nav *navigation, home [][]*Entry, k int, items *itemCache, emit Emit) error {
	h := &homeView{Page: k}
	p := page{Site: r.sv, Path: pagePath("", k), Home: h, Pager: newPager("", k, len(home))}
	if k > 1 {
		var err error
		if h.Items, err = items.of(p.Path, home[k-1]); err != nil {
			return err
		}
	}
	if k == 1 {
		h.Newest = listItems(home[0])
		for _, y := range s.Years() {
			h.Years = append(h.Years, yearLink{Year: y, Count: len(s.InYear(y)), Path: yearPath(y), Sealed: len(s.Sealed[y]) > 0})
		}
		for _, kind := range []string{notice.KindXunshi, notice.KindXuncha} {
			if n := len(nav.kinds[kind]); n > 0 {
				h.Kinds = append(h.Kinds, navLink{Name: kind, Path: kindFolder(kind), Count: n})
			}
		}
		h.Rounds, h.Units = len(nav.rounds), len(nav.units)
	} else {
		p.Title = pageTitle("全部通报", k)
		p.Crumbs = []crumb{{Name: "首页"}}
	}
	return emitPage(r.t, "home", p, p.Path+"index.html", 16<<10, emit)
}

// indexPage renders the list of every round, or of every unit.
func (r *Renderer) indexPage(nav *navigation, rounds bool, emit Emit) error {
	v := &indexView{Rounds: rounds}
	path, title := unitsFolder, "被巡视巡察单位"
	if rounds {
		path, title = roundsFolder, "巡视巡察轮次"
		for _, g := range nav.rounds {
			v.Links = append(v.Links, navLink{Name: g.name, Path: roundPath(g.name), Count: len(g.notices), Kind: g.notices[0].Inspection.Kind})
		}
	} else {
		for _, g := range nav.units {
			v.Links = append(v.Links, navLink{Name: g.name, Path: unitPath(g.name), Count: len(g.notices), Kind: g.notices[0].Inspection.Kind})
		}
	}
	p := page{Site: r.sv, Path: path, Title: title, Crumbs: []crumb{{Name: "首页"}}, Index: v}
	return emitPage(r.t, "browse", p, path+"index.html", 16<<10, emit)
}

// roundPage renders the page of round g.
func (r *Renderer) roundPage(g *roundGroup, items *itemCache, emit Emit) error {
	path := roundPath(g.name)
	html, err := items.of(path, g.notices)
	if err != nil {
		return err
	}
	first := g.notices[0].Inspection
	v := &roundView{Name: g.name, Kind: first.Kind, Level: first.Level, Notices: html, Totals: yearTotals(g.notices)}
	for _, u := range g.units {
		v.Units = append(v.Units, navLink{Name: u, Path: unitPath(u)})
	}
	for _, n := range g.notices {
		if units := n.Inspection.Units; units > len(v.Units) {
			v.Stated = max(v.Stated, units)
		}
	}
	p := page{Site: r.sv, Path: path, Title: g.name, Crumbs: []crumb{{Name: "首页"}, {Name: "巡视巡察轮次", Path: roundsFolder}}, Round: v}
	return emitPage(r.t, "round", p, path+"index.html", 16<<10, emit)
}

// unitPage renders the history of unit g.
func (r *Renderer) unitPage(g *unitGroup, emit Emit) error {
	p, err := r.unitPageOf(g)
	if err != nil {
		return fmt.Errorf("unit page (%s): %w", unitPath(g.name), err)
	}
	return emitPage(r.t, "unit", p, p.Path+"index.html", 16<<10, emit)
}

// unitPageOf is the page of the history of unit g.
func (r *Renderer) unitPageOf(g *unitGroup) (page, error) {
	v := &unitView{Name: g.name, Entries: make([]unitEntry, len(g.notices))}
	items := listItems(g.notices)
	if err := r.t.lineTexts(items); err != nil {
		return page{}, err
	}
	for i, n := range g.notices {
		e := unitEntry{Item: items[i], Round: n.Inspection.Round, Summary: n.Inspection.Organization != g.name}
		if nameSegment(e.Round) != "" {
			e.RoundPath = roundPath(e.Round)
			var err error
			if e.RoundHTML, err = r.t.text.html(e.Round); err != nil {
				return page{}, err
			}
		}
		for _, c := range n.Corrections {
			e.Corrections = append(e.Corrections, correctionView{dayOf(c.Date), c.What, c.Why})
		}
		v.Entries[i] = e
	}
	path := unitPath(g.name)
	return page{Site: r.sv, Path: path, Title: g.name, Crumbs: []crumb{{Name: "首页"}, {Name: "被巡视巡察单位", Path: unitsFolder}}, Unit: v}, nil
}

// itemCache writes each notice as the "item" template does, once, for the
// lists of the navigation pages: a notice is on three or four of them, and
// writing it is most of what a list costs. Links relative to each page (an
// archive bundle's) differ with the page's depth: then each depth has its
// own items, written when a page first needs them.
//
// Once planned (plan), it drops each notice's item when the last list
// that has it is written, and the jobs run in an order where the lists of
// the same notices run near each other: a large site's items (some 300
// bytes a notice) are not all held at once.
type itemCache struct {
	t        *Templates
	mu       sync.Mutex
	byDepth  map[int]map[*Entry]*item
	relative bool
	// uses counts, for each notice, the lists still to write it; nil
	// when not planned: every item is kept.
	uses map[*Entry]int32
	// held is how many items are kept, over every depth; most, the
	// most at once; written, how many were written.
	held, most, written int
}

// item is a notice as the "item" template wrote it, once batch is done:
// a list that finds an item another list is writing waits for it.
type item struct {
	html  template.HTML
	batch *batch
}

// batch is the items one call of of writes.
type batch struct {
	done chan struct{} // closed once the items are written or given up
	err  error
}

func (r *Renderer) newItems() *itemCache {
	return &itemCache{t: r.t, byDepth: map[int]map[*Entry]*item{}, relative: r.t.relative}
}

// plan orders jobs, the list jobs of the notices of a site (newest first),
// by the oldest notice each lists, and counts the lists each notice is on,
// for of to drop its item after the last. The jobs must call of once
// each, with their notices. A notice counted short is written again; one
// counted long is kept.
func (c *itemCache) plan(notices []*Entry, jobs []listJob) {
	pos := make(map[*Entry]int32, len(notices))
	for i, n := range notices {
		pos[n] = int32(i)
	}
	c.uses = make(map[*Entry]int32, len(notices))
	type keyed struct {
		oldest int32 // the position of the oldest notice listed; after all when none
		job    listJob
	}
	sorted := make([]keyed, len(jobs))
	for i, j := range jobs {
		sorted[i] = keyed{int32(len(notices)), j}
		if len(j.notices) > 0 {
			sorted[i].oldest = 0
		}
		for _, n := range j.notices {
			c.uses[n]++
			sorted[i].oldest = max(sorted[i].oldest, pos[n])
		}
	}
	slices.SortStableFunc(sorted, func(a, b keyed) int { return cmp.Compare(a.oldest, b.oldest) })
	for i, k := range sorted {
		jobs[i] = k.job
	}
}

// of returns the notices as the "item" template writes them on the page at
// path.
func (c *itemCache) of(path string, notices []*Entry) ([]template.HTML, error) {
	depth := 0
	if c.relative {
		depth = strings.Count(path, "/")
	}
	c.mu.Lock()
	known := c.byDepth[depth]
	if known == nil {
		known = map[*Entry]*item{}
		c.byDepth[depth] = known
	}
	items := make([]*item, len(notices))
	var missing []int
	var mine *batch
	for i, n := range notices {
		it := known[n]
		if it == nil {
			if mine == nil {
				mine = &batch{done: make(chan struct{})}
			}
			it = &item{batch: mine}
			known[n] = it
			missing = append(missing, i)
			c.held++
			c.most = max(c.most, c.held)
		}
		items[i] = it
	}
	c.written += len(missing)
	c.mu.Unlock()
	if mine != nil {
		written, err := c.t.items(path, notices, missing)
		for _, i := range missing {
			if err == nil {
				items[i].html = written[i]
			}
		}
		if err != nil {
			mine.err = err
			c.mu.Lock()
			for _, i := range missing {
				if known[notices[i]] == items[i] {
					delete(known, notices[i])
					c.held--
				}
			}
			c.mu.Unlock()
		}
		close(mine.done)
		if err != nil {
			return nil, err
		}
	}
	out := make([]template.HTML, len(notices))
	for i, it := range items {
		<-it.batch.done
		if err := it.batch.err; err != nil {
			return nil, err
		}
		out[i] = it.html
	}
	c.used(notices)
	return out, nil
}

// used counts a list of notices written, and drops the item of each
// notice no list still to be written has.
func (c *itemCache) used(notices []*Entry) {
	if c.uses == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, n := range notices {
		if c.uses[n]--; c.uses[n] > 0 {
			continue
		}
		delete(c.uses, n)
		for _, known := range c.byDepth {
			if _, ok := known[n]; ok {
				delete(known, n)
				c.held--
			}
		}
	}
}

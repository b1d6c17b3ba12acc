package render

import (
	"html/template"
	"strconv"
	"strings"
	"sync"

	"disclose/internal/notice"
	"disclose/internal/site"
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
	Summary          bool // a round summary that names the unit
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

// navJobs renders every navigation page of s but the years' and the
// home page's first pages, each a job.
// A ListingCache c keeps each page with the notices it lists and the
// sizes it shows, and gives it back while they are the same.
func (r *Renderer) navJobs(s *site.Site, nav *navigation, c *ListingCache, items *itemCache, emit Emit) []func() error {
	var jobs []func() error
	home := homePages(s)
	for k := 2; k <= len(home); k++ {
		jobs = append(jobs, func() error {
			path := pagePath("", k) + "index.html"
			if page := c.navPage(path, home[k-1], len(s.Notices), len(home)); page != nil {
				return c.replay(path, page, emit)
			}
			return r.homePage(s, nav, home, k, items, c.keepNav(home[k-1], len(s.Notices), len(home), emit))
		})
	}
	for _, kind := range []string{notice.KindXunshi, notice.KindXuncha} {
		in := nav.kinds[kind]
		if len(in) == 0 {
			continue
		}
		list := pages(in, s.Settings.PageSize)
		for k := range list {
			jobs = append(jobs, func() error {
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
			})
		}
	}
	jobs = append(jobs, func() error { return r.indexPage(nav, true, emit) }, func() error { return r.indexPage(nav, false, emit) })
	for _, g := range nav.rounds {
		jobs = append(jobs, func() error {
			path := roundPath(g.name) + "index.html"
			if page := c.navPage(path, g.notices, 0, 0); page != nil {
				return c.replay(path, page, emit)
			}
			return r.roundPage(g, items, c.keepNav(g.notices, 0, 0, emit))
		})
	}
	for _, g := range nav.units {
		jobs = append(jobs, func() error {
			path := unitPath(g.name) + "index.html"
			if page := c.navPage(path, g.notices, 0, 0); page != nil {
				return c.replay(path, page, emit)
			}
			return r.unitPage(g, c.keepNav(g.notices, 0, 0, emit))
		})
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
func (r *Renderer) homePage(s *site.Site, nav *navigation, home [][]*notice.Notice, k int, items *itemCache, emit Emit) error {
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
	v := &unitView{Name: g.name, Entries: make([]unitEntry, len(g.notices))}
	items := listItems(g.notices)
	for i, n := range g.notices {
		e := unitEntry{Item: items[i], Round: n.Inspection.Round, Summary: n.Inspection.Organization != g.name}
		if nameSegment(e.Round) != "" {
			e.RoundPath = roundPath(e.Round)
		}
		for _, c := range n.Corrections {
			e.Corrections = append(e.Corrections, correctionView{dayOf(c.Date), c.What, c.Why})
		}
		v.Entries[i] = e
	}
	path := unitPath(g.name)
	p := page{Site: r.sv, Path: path, Title: g.name, Crumbs: []crumb{{Name: "首页"}, {Name: "被巡视巡察单位", Path: unitsFolder}}, Unit: v}
	return emitPage(r.t, "unit", p, path+"index.html", 16<<10, emit)
}

// itemCache writes each notice as the "item" template does, once, for the
// lists of the navigation pages: a notice is on three or four of them, and
// writing it is most of what a list costs. Links relative to each page (an
// archive bundle's) differ with the page's depth: then each depth has its
// own items, written when a page first needs them.
type itemCache struct {
	t        *Templates
	mu       sync.Mutex
	byDepth  map[int]map[*notice.Notice]template.HTML
	relative bool
}

func (r *Renderer) newItems() *itemCache {
	return &itemCache{t: r.t, byDepth: map[int]map[*notice.Notice]template.HTML{}, relative: r.t.relative}
}

// of returns the notices as the "item" template writes them on the page at
// path.
func (c *itemCache) of(path string, notices []*notice.Notice) ([]template.HTML, error) {
	depth := 0
	if c.relative {
		depth = strings.Count(path, "/")
	}
	c.mu.Lock()
	known := c.byDepth[depth]
	if known == nil {
		known = map[*notice.Notice]template.HTML{}
		c.byDepth[depth] = known
	}
	out := make([]template.HTML, len(notices))
	var missing []int
	for i, n := range notices {
		if h, ok := known[n]; ok {
			out[i] = h
		} else {
			missing = append(missing, i)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	written, err := c.t.items(path, notices, missing)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	for _, i := range missing {
		out[i] = written[i]
		known[notices[i]] = written[i]
	}
	c.mu.Unlock()
	return out, nil
}

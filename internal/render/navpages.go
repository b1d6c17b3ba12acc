package render

import (
	"strconv"

	"disclose/internal/notice"
	"disclose/internal/site"
)

// listView is a kind's list: one page of it.
type listView struct {
	Kind    string
	Count   int // notices in the whole list
	Notices []listItem
}

// roundView is a round: the units inspected in it, its notices, and the
// statistics summed over them.
type roundView struct {
	Name, Kind, Level string
	Units             []navLink
	Notices           []listItem
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
func (r *Renderer) navJobs(s *site.Site, nav *navigation, emit Emit) []func() error {
	var jobs []func() error
	home := pages(s.Notices, s.Settings.HomeNotices)
	for k := 2; k <= len(home); k++ {
		jobs = append(jobs, func() error { return r.homePage(s, nav, home, k, emit) })
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
				p := page{Site: r.sv, Path: pagePath(base, k+1), Title: pageTitle(kind+"整改情况通报", k+1),
					Crumbs: []crumb{{Name: "首页"}}, Pager: newPager(base, k+1, len(list)),
					List: &listView{Kind: kind, Count: len(in), Notices: listItems(list[k])}}
				return emitPage(r.t, "kind", p, p.Path+"index.html", 16<<10, emit)
			})
		}
	}
	jobs = append(jobs, func() error { return r.indexPage(nav, true, emit) }, func() error { return r.indexPage(nav, false, emit) })
	for _, g := range nav.rounds {
		jobs = append(jobs, func() error { return r.roundPage(g, emit) })
	}
	for _, g := range nav.units {
		jobs = append(jobs, func() error { return r.unitPage(g, emit) })
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

// homePage renders page k (from 1) of the home page's list.
func (r *Renderer) homePage(s *site.Site, nav *navigation, home [][]*notice.Notice, k int, emit Emit) error {
	h := &homeView{Newest: listItems(home[k-1]), Page: k}
	p := page{Site: r.sv, Path: pagePath("", k), Home: h, Pager: newPager("", k, len(home))}
	if k == 1 {
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
func (r *Renderer) roundPage(g *roundGroup, emit Emit) error {
	first := g.notices[0].Inspection
	v := &roundView{Name: g.name, Kind: first.Kind, Level: first.Level, Notices: listItems(g.notices), Totals: yearTotals(g.notices)}
	for _, u := range g.units {
		v.Units = append(v.Units, navLink{Name: u, Path: unitPath(u)})
	}
	path := roundPath(g.name)
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

package render

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"disclose/internal/notice"
	"disclose/internal/site"
)

// The navigation pages, beside the year pages:
//
//	page/2/index.html          the home page's list, from its second page
//	<year>/page/2/index.html   a year's list, from its second page
//	xunshi/, xuncha/           the notices of one kind (巡视, 巡察), paginated
//	round/                     every round, and round/<round>/ for each:
//	                           the units inspected in it, its notices and
//	                           the statistics summed over them
//	unit/                      every unit inspected, and unit/<unit>/ for
//	                           each: its notices, with their corrections
//
// A round's and a unit's folder is its name as the notices write it
// ("round/十二届省委第二轮巡视/"), so its URL stays while the name does.
// All of them depend on nothing but the notices' front matter: they are
// computed from one pass over the notices (navigation), in plain values
// the templates only place.

// pager is the links between the pages of a list: the first and last
// pages, two pages on each side of the current one, and the pages before
// and after it.
type pager struct {
	Number, Count int
	Prev, Next    string // paths below the base URL, when Number > 1 and Number < Count
	Pages         []pageLink
}

// pageLink is a link of a pager: a page, or a gap (…) between pages.
type pageLink struct {
	Number  int
	Path    string
	Current bool
	Gap     bool
}

// pagePath is the path of page number k of the list at base ("", "2025/").
func pagePath(base string, k int) string {
	if k <= 1 {
		return base
	}
	return base + notice.PagesSlug + "/" + strconv.Itoa(k) + "/"
}

// newPager is the pager of page k of count pages of the list at base; nil
// when the list has one page.
func newPager(base string, k, count int) *pager {
	if count <= 1 {
		return nil
	}
	p := &pager{Number: k, Count: count}
	if k > 1 {
		p.Prev = pagePath(base, k-1)
	}
	if k < count {
		p.Next = pagePath(base, k+1)
	}
	for i := 1; i <= count; i++ {
		switch {
		case i == 1 || i == count || (i >= k-2 && i <= k+2):
			p.Pages = append(p.Pages, pageLink{Number: i, Path: pagePath(base, i), Current: i == k})
		case len(p.Pages) > 0 && !p.Pages[len(p.Pages)-1].Gap:
			p.Pages = append(p.Pages, pageLink{Gap: true})
		}
	}
	return p
}

// homePages cuts the notices of s into the home page's pages: the newest
// home_notices on the first, page_size on each of the others.
func homePages(s *Listing) [][]*Entry {
	first := s.Notices[:min(len(s.Notices), s.Settings.HomeNotices)]
	if rest := s.Notices[len(first):]; len(rest) > 0 {
		return append([][]*Entry{first}, pages(rest, s.Settings.PageSize)...)
	}
	return [][]*Entry{first}
}

// pageCount is how many pages n items make, size a page: at least one.
func pageCount(n, size int) int { return max(1, (n+size-1)/size) }

// pages cuts notices into pages of size, at least one page.
func pages[T any](items []T, size int) [][]T {
	if len(items) == 0 {
		return [][]T{nil}
	}
	var out [][]T
	for len(items) > size {
		out = append(out, items[:size])
		items = items[size:]
	}
	return append(out, items)
}

// kindFolder is the folder of a kind's list.
func kindFolder(kind string) string {
	switch kind {
	case notice.KindXunshi:
		return "xunshi/"
	case notice.KindXuncha:
		return "xuncha/"
	}
	return ""
}

// Folders of the rounds and of the units.
const (
	roundsFolder = "round/"
	unitsFolder  = "unit/"
)

// nameSegment is a name as a folder of a URL: the name, with what a path
// cannot hold ("/", "\", "?", "#", "%", control characters and spaces)
// written "-", and a leading "." too.
func nameSegment(name string) string {
	s := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\?#% `+"\u3000", r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(name))
	if strings.HasPrefix(s, ".") {
		s = "-" + s[1:]
	}
	return s
}

func roundPath(name string) string { return roundsFolder + nameSegment(name) + "/" }
func unitPath(name string) string  { return unitsFolder + nameSegment(name) + "/" }

// navigation is what the navigation pages show, found in one pass over
// the notices, newest first.
type navigation struct {
	kinds  map[string][]*Entry
	rounds []*roundGroup
	units  []*unitGroup
}

// roundGroup is a round's notices and the units inspected in it.
type roundGroup struct {
	name    string
	notices []*Entry
	units   []string // in the order of the notices, each once
}

// unitGroup is the notices about one unit: its own, and the round
// summaries that name it.
type unitGroup struct {
	name    string
	notices []*Entry
}

func newNavigation(notices []*Entry) *navigation {
	nav := &navigation{kinds: map[string][]*Entry{}}
	rounds, units := map[string]*roundGroup{}, map[string]*unitGroup{}
	unit := func(name string, n *Entry) {
		if nameSegment(name) == "" {
			return
		}
		u := units[name]
		if u == nil {
			u = &unitGroup{name: name}
			units[name] = u
			nav.units = append(nav.units, u)
		}
		if len(u.notices) == 0 || u.notices[len(u.notices)-1] != n {
			u.notices = append(u.notices, n)
		}
	}
	for _, n := range notices {
		in := n.Inspection
		if kindFolder(in.Kind) != "" {
			nav.kinds[in.Kind] = append(nav.kinds[in.Kind], n)
		}
		inspected := append([]string{in.Organization}, in.Named...)
		for _, name := range inspected {
			unit(name, n)
		}
		if nameSegment(in.Round) == "" {
			continue
		}
		r := rounds[in.Round]
		if r == nil {
			r = &roundGroup{name: in.Round}
			rounds[in.Round] = r
			nav.rounds = append(nav.rounds, r)
		}
		r.notices = append(r.notices, n)
		for _, name := range inspected {
			if nameSegment(name) != "" && !slices.Contains(r.units, name) {
				r.units = append(r.units, name)
			}
		}
	}
	// Rounds and units are in the order of their newest notices.
	return nav
}

// navPaths lists the paths of every navigation page of notices, pages of
// lists included, for the sitemap; nav is their navigation.
func navPaths(st *site.Settings, notices []*Entry, nav *navigation) []string {
	var paths []string
	size := st.PageSize
	for k := 2; k <= 1+pageCount(len(notices)-st.HomeNotices, size) && len(notices) > st.HomeNotices; k++ {
		paths = append(paths, pagePath("", k))
	}
	var years []int // newest first, as the notices are
	inYear := map[int]int{}
	for _, n := range notices {
		if inYear[n.Year]++; inYear[n.Year] == 1 {
			years = append(years, n.Year)
		}
	}
	for _, y := range years {
		for k := 2; k <= pageCount(inYear[y], size); k++ {
			paths = append(paths, pagePath(yearPath(y), k))
		}
	}
	for _, kind := range []string{notice.KindXunshi, notice.KindXuncha} {
		if in := nav.kinds[kind]; len(in) > 0 {
			for k := 1; k <= pageCount(len(in), size); k++ {
				paths = append(paths, pagePath(kindFolder(kind), k))
			}
		}
	}
	paths = append(paths, roundsFolder)
	for _, r := range nav.rounds {
		paths = append(paths, roundPath(r.name))
	}
	paths = append(paths, unitsFolder)
	for _, u := range nav.units {
		paths = append(paths, unitPath(u.name))
	}
	return paths
}

// escapePath writes a site path as a URL path: each folder's name
// percent-encoded where it is not ASCII ("round/%e5%8d%81…/"), in lower
// case, as html/template writes the same path in a page's canonical link.
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = lowerEscapes(url.PathEscape(s))
	}
	return strings.Join(parts, "/")
}

// lowerEscapes writes the hex digits of the percent escapes of s in lower case.
func lowerEscapes(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = lowerHex(b[i+1]), lowerHex(b[i+2])
			i += 2
		}
	}
	return string(b)
}

func lowerHex(c byte) byte {
	if c >= 'A' && c <= 'F' {
		return c + 'a' - 'A'
	}
	return c
}

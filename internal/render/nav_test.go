package render

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"disclose/internal/site"
)

func TestPager(t *testing.T) {
	tests := []struct {
		k, count int
		want     string // each link as number, [current], or … for a gap
	}{
		{1, 1, ""},
		{1, 2, "[1] 2 next=2024/page/2/"},
		{2, 2, "prev=2024/ 1 [2]"},
		{1, 9, "[1] 2 3 … 9 next=2024/page/2/"},
		{5, 9, "prev=2024/page/4/ 1 … 3 4 [5] 6 7 … 9 next=2024/page/6/"},
		{9, 9, "prev=2024/page/8/ 1 … 7 8 [9]"},
	}
	for _, tt := range tests {
		p := newPager("2024/", tt.k, tt.count)
		var got []string
		if p != nil {
			if p.Prev != "" {
				got = append(got, "prev="+p.Prev)
			}
			for _, l := range p.Pages {
				switch {
				case l.Gap:
					got = append(got, "…")
				case l.Current:
					got = append(got, fmt.Sprintf("[%d]", l.Number))
				default:
					got = append(got, fmt.Sprint(l.Number))
					if l.Path != pagePath("2024/", l.Number) {
						t.Errorf("page %d at %s", l.Number, l.Path)
					}
				}
			}
			if p.Next != "" {
				got = append(got, "next="+p.Next)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("page %d of %d: got %q, want %q", tt.k, tt.count, g, tt.want)
		}
	}
}

// navSite is a site of five notices: two of one 巡视 round, a round
// summary of a 巡察 round naming a unit inspected on its own too, and a
// corrected notice; two notices on the home page, one on each page of a
// list.
func navSite(t *testing.T) map[string]string {
	t.Helper()
	xunshi := func(year int, slug, org, extra string) string {
		return strings.NewReplacer(`kind = "巡察"`, `kind = "巡视"`, "市委第一巡察组", "省委第二巡视组", "巡察整改", "巡视整改",
			`organization = "某局党组"`, `organization = "`+org+`"`).Replace(archiveTestNotice(year, slug, extra))
	}
	files := fstest.MapFS{
		"content/2025/a.md": mapFile(xunshi(2025, "a", "省交通运输厅党组", "round = \"十二届省委第二轮巡视\"\nlevel = \"省\"\n[[statistics]]\nlabel = \"建立完善制度\"\nvalue = 9\nunit = \"项\"")),
		"content/2025/b.md": mapFile(xunshi(2025, "b", "省粮食和物资储备局党组", "round = \"十二届省委第二轮巡视\"\nlevel = \"省\"\n[[statistics]]\nlabel = \"建立完善制度\"\nvalue = 6\nunit = \"项\"")),
		"content/2025/c.md": mapFile(strings.Replace(archiveTestNotice(2025, "c", "round = \"十届区委第六轮巡察\"\nunits = 12\nnamed = [\"某局党组\", \"区教育局党组\"]"),
			"group = \"市委第一巡察组\"\norganization = \"某局党组\"\n", "", 1)),
		"content/2024/d.md": mapFile(archiveTestNotice(2024, "d", "[[corrections]]\ndate = 2024-10-01\nwhat = \"第三段改为“制定并印发整改方案”。\"\nwhy = \"原文漏字\"")),
		"content/2024/e.md": mapFile(archiveTestNotice(2024, "e", "")),
	}
	return renderWith(t, "home_notices = 2\npage_size = 1\n"+archiveTestSettings, files)
}

// TestNavigationPages: a page per round, per unit and per kind, the lists
// paginated, each page at its own stable URL (issue 18).
func TestNavigationPages(t *testing.T) {
	out := navSite(t)
	for path, want := range map[string][]string{
		"index.html":               {`href="/xczg/xunshi/">巡视整改情况通报</a>（2篇）`, `href="/xczg/xuncha/">巡察整改情况通报</a>（3篇）`, "按轮次浏览</a>（2轮）", "按被巡视巡察单位浏览</a>（4个）", `<a href="/xczg/page/2/" rel="next">下一页</a>`},
		"page/2/index.html":        {"<title>全部通报（第2页） - 巡察整改情况公开</title>", `rel="prev"`, `<a href="/xczg/page/3/" rel="next">`, "/xczg/2025/c/"},
		"page/3/index.html":        {"/xczg/2024/d/"},
		"page/4/index.html":        {"/xczg/2024/e/", `<span aria-current="page">4</span>`, "第4页，共4页"},
		"2025/index.html":          {"<h1>2025年巡视巡察整改情况通报</h1>", "共3篇", "第1页，共3页", "2025年整改数据合计"},
		"2025/page/3/index.html":   {"<title>2025年（第3页） - 巡察整改情况公开</title>", "共3篇", "第3页，共3页"},
		"xunshi/index.html":        {"<h1>巡视整改情况通报</h1>", "共2篇", `href="/xczg/xunshi/page/2/"`},
		"xuncha/page/3/index.html": {"共3篇", "/xczg/2024/e/"},
		"round/index.html":         {`<a href="/xczg/round/%e5%8d%81%e4%ba%8c%e5%b1%8a%e7%9c%81%e5%a7%94%e7%ac%ac%e4%ba%8c%e8%bd%ae%e5%b7%a1%e8%a7%86/">十二届省委第二轮巡视</a>（巡视，2篇）`, `<a href="/xczg/round/%e5%8d%81%e5%b1%8a%e5%8c%ba%e5%a7%94%e7%ac%ac%e5%85%ad%e8%bd%ae%e5%b7%a1%e5%af%9f/">十届区委第六轮巡察</a>（巡察，1篇）`},
		"round/十二届省委第二轮巡视/index.html": {"<h1>十二届省委第二轮巡视</h1>", "层级：省 · 被巡视单位2个 · 通报2篇",
			`<a href="/xczg/unit/%e7%9c%81%e4%ba%a4%e9%80%9a%e8%bf%90%e8%be%93%e5%8e%85%e5%85%9a%e7%bb%84/">省交通运输厅党组</a>`, `<a href="/xczg/unit/%e7%9c%81%e7%b2%ae%e9%a3%9f%e5%92%8c%e7%89%a9%e8%b5%84%e5%82%a8%e5%a4%87%e5%b1%80%e5%85%9a%e7%bb%84/">`,
			`<tr><th scope="row">建立完善制度</th><td class="num">15</td><td>项</td><td class="num">2</td></tr>`},
		"round/十届区委第六轮巡察/index.html": {"通报称本轮共巡察12个单位 · 通报1篇", "<p>下列为通报中写明名称的2个单位。</p>", `<a href="/xczg/unit/%e6%9f%90%e5%b1%80%e5%85%9a%e7%bb%84/">某局党组</a>`, `<a href="/xczg/unit/%e5%8c%ba%e6%95%99%e8%82%b2%e5%b1%80%e5%85%9a%e7%bb%84/">`},
		"unit/index.html": {`<a href="/xczg/unit/%e6%9f%90%e5%b1%80%e5%85%9a%e7%bb%84/">某局党组</a>（巡察，3篇）`},
		"unit/某局党组/index.html": {"整改情况通报共3篇", `<a href="/xczg/round/%e5%8d%81%e5%b1%8a%e5%8c%ba%e5%a7%94%e7%ac%ac%e5%85%ad%e8%bd%ae%e5%b7%a1%e5%af%9f/">十届区委第六轮巡察</a> · 轮次综述`,
			`<time datetime="2024-10-01">2024年10月1日</time>更正`, "<dd>第三段改为“制定并印发整改方案”。</dd>", "<dd>原文漏字</dd>"},
		"2025/a/index.html": {`<dt>被巡视单位</dt><dd><a href="/xczg/unit/%e7%9c%81%e4%ba%a4%e9%80%9a%e8%bf%90%e8%be%93%e5%8e%85%e5%85%9a%e7%bb%84/">省交通运输厅党组</a></dd>`,
			`<dt>巡视轮次</dt><dd><a href="/xczg/round/%e5%8d%81%e4%ba%8c%e5%b1%8a%e7%9c%81%e5%a7%94%e7%ac%ac%e4%ba%8c%e8%bd%ae%e5%b7%a1%e8%a7%86/">十二届省委第二轮巡视</a></dd>`},
	} {
		page, ok := out[path]
		if !ok {
			t.Errorf("no %s", path)
			continue
		}
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %s", path, w)
			}
		}
	}
	for _, gone := range []string{"2025/page/1/index.html", "page/1/index.html", "page/5/index.html", "2025/page/4/index.html", "xunshi/page/3/index.html"} {
		if _, ok := out[gone]; ok {
			t.Errorf("got %s, want no such page", gone)
		}
	}
	if page := out["round/十二届省委第二轮巡视/index.html"]; strings.Contains(page, "通报称") || strings.Contains(page, "写明名称") {
		t.Errorf("a round no summary counts says what no notice of it says")
	}
	if strings.Contains(out["2025/page/2/index.html"], "整改数据合计") {
		t.Errorf("the year's totals are on its second page too, want them on the first only")
	}
}

var locRE = regexp.MustCompile(`<loc>([^<]*)</loc>`)

// TestSitemapListsEveryPage: every page but the 404 page is in
// sitemap.xml, once, and nothing else is.
func TestSitemapListsEveryPage(t *testing.T) {
	out := navSite(t)
	var want []string
	for path := range out {
		if strings.HasSuffix(path, "index.html") {
			want = append(want, "https://example.org/xczg/"+strings.TrimSuffix(path, "index.html"))
		}
	}
	var got []string
	for _, m := range locRE.FindAllStringSubmatch(out["sitemap.xml"], -1) {
		u, err := url.PathUnescape(m[1])
		if err != nil {
			t.Errorf("sitemap: %s: %v", m[1], err)
		}
		if u == m[1] && strings.ContainsFunc(m[1], func(r rune) bool { return r > 0x7f }) {
			t.Errorf("sitemap: %s is not percent-encoded", m[1])
		}
		got = append(got, u)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("sitemap:\ngot  %v\nwant %v", got, want)
	}
}

func TestNameSegment(t *testing.T) {
	for name, want := range map[string]string{
		"十二届省委第二轮巡视": "十二届省委第二轮巡视", "a/b": "a-b", "..": "-.", " 某局 党组 ": "某局-党组", "x?y#z%": "x-y-z-", "": "",
	} {
		if got := nameSegment(name); got != want {
			t.Errorf("nameSegment(%q): got %q, want %q", name, got, want)
		}
	}
}

// TestNavPagesCached: with a ListingCache, a navigation page is rendered
// again only when the notices it lists (or the sizes it shows) changed,
// and every page is what a render without the cache writes; a page that is
// no more is dropped from the cache.
func TestNavPagesCached(t *testing.T) {
	files := fstest.MapFS{"content/site.toml": mapFile("page_size = 1\nhome_notices = 1\n" + archiveTestSettings)}
	for i, org := range []string{"甲局党组", "乙局党组", "甲局党组"} {
		slug := string(rune('a' + i))
		files["content/2024/"+slug+".md"] = mapFile(strings.Replace(archiveTestNotice(2024, slug, "round = \"十届区委第六轮巡察\""), `organization = "某局党组"`, `organization = "`+org+`"`, 1))
	}
	r, ss := loadSite(t, files, site.Options{})
	s, _ := listingOf(t, ss, nil)
	render := func(s *Listing, c *ListingCache) map[string]string {
		out := map[string]string{}
		var mu sync.Mutex
		err := r.ListingsCached(s, nil, c, func(p string, data []byte) error {
			mu.Lock()
			defer mu.Unlock()
			out[p] = string(data)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	var c ListingCache
	render(s, &c)
	// The same notices: every navigation page but the lists of rounds and
	// units comes from the cache.
	render(s, &c)
	want := []string{"page/2/index.html", "page/3/index.html", "round/十届区委第六轮巡察/index.html",
		"unit/乙局党组/index.html", "unit/甲局党组/index.html", "xuncha/index.html", "xuncha/page/2/index.html", "xuncha/page/3/index.html"}
	if got := navOnly(c.Reused()); !slices.Equal(got, want) {
		t.Errorf("reused:\ngot  %v\nwant %v", got, want)
	}
	// The middle notice's front matter changes (a new *Entry, a unit of
	// its own): the pages that list it are rendered again, the others not.
	edited := *s.Notices[1]
	edited.Inspection.Organization = "丙局党组"
	s2 := &Listing{Settings: s.Settings, Notices: []*Entry{s.Notices[0], &edited, s.Notices[2]}, Sealed: s.Sealed}
	got := render(s2, &c)
	reused := navOnly(c.Reused())
	for _, p := range reused {
		if strings.Contains(got[p], "(b)") {
			t.Errorf("%s lists the edited notice, but came from the cache", p)
		}
	}
	if len(reused) == 0 {
		t.Errorf("nothing came from the cache after one notice changed")
	}
	fresh := render(s2, nil)
	for p, data := range fresh {
		if got[p] != data {
			t.Errorf("%s differs from a render without the cache", p)
		}
	}
	if _, ok := c.nav["unit/乙局党组/index.html"]; ok {
		t.Errorf("the cache keeps the page of a unit no notice names any more")
	}
}

// navOnly sorts the navigation pages among paths.
func navOnly(paths []string) []string {
	var nav []string
	for _, p := range paths {
		if strings.Contains(p, "/") && !regexp.MustCompile(`^[0-9]{4}/`).MatchString(p) {
			nav = append(nav, p)
		}
	}
	slices.Sort(nav)
	return nav
}

package templates_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// lineCounts returns, for every element matching sel, its text and the
// number of lines its text takes: the distinct tops of the line boxes of
// a range over its contents.
const lineCounts = `((sel) => [...document.querySelectorAll(sel)].map(el => {
	const r = document.createRange(); r.selectNodeContents(el);
	const tops = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
	return {text: el.textContent, lines: tops.size};
}))`

type lineCount struct {
	Text  string `json:"text"`
	Lines int    `json:"lines"`
}

// TestNoWordBrokenAt375 opens every page 375 px wide, normally and in
// 大字版: no date (a <time>) is broken over two lines ("5月15" / "日"),
// and no label of the 政府信息公开 table or head of the totals table is
// ("主题分" / "类") (issue 17).
func TestNoWordBrokenAt375(t *testing.T) {
	tab := startBrowser(t)
	for _, s := range buildSites(t) {
		base := s.serve(t)
		for _, p := range pageKinds {
			if p.kind == "404" || s.page(p.kind) == none {
				continue
			}
			for _, m := range []mode{{name: "normal"}, {name: "large", large: true}} {
				t.Run(s.name+"/"+p.kind+"/"+m.name, func(t *testing.T) {
					if err := open(tab, base+s.page(p.kind), 375, m); err != nil {
						t.Fatal(err)
					}
					var seen int
					for _, sel := range []string{"time", ".disclosure th", ".totals thead th"} {
						got, err := chromedp.Run(tab, chromedp.Evaluate[[]lineCount](fmt.Sprintf("%s(%q)", lineCounts, sel)))
						if err != nil {
							t.Fatal(err)
						}
						for _, c := range got {
							seen++
							if c.Lines != 1 {
								t.Errorf("%s %q takes %d lines, want 1", sel, c.Text, c.Lines)
							}
						}
					}
					if seen == 0 && (p.kind == "notice" || p.kind == "year") {
						t.Errorf("no date or table label on the page: the test measured nothing")
					}
				})
			}
		}
	}
}

// TestHeaderLinesUpWithContent measures the header bar and the content
// column: their left and right edges are the same, on a phone and on a
// wide screen, normally and in 大字版 (issue 17).
func TestHeaderLinesUpWithContent(t *testing.T) {
	tab := startBrowser(t)
	const measure = `(() => {
		const bar = document.querySelector(".site-header .bar").getBoundingClientRect();
		const main = document.querySelector("main"), m = main.getBoundingClientRect(), cs = getComputedStyle(main);
		const crumbs = document.querySelector(".crumbs ol");
		const c = crumbs ? crumbs.getBoundingClientRect() : null, ccs = crumbs ? getComputedStyle(crumbs) : null;
		return [bar.left, bar.right, m.left + parseFloat(cs.paddingLeft), m.right - parseFloat(cs.paddingRight),
			c ? c.left + parseFloat(ccs.paddingLeft) : -1, c ? c.right - parseFloat(ccs.paddingRight) : -1];
	})()`
	s := buildSites(t)[0]
	base := s.serve(t)
	for _, width := range []int64{320, 375, 768, 1280} {
		for _, m := range []mode{{name: "normal"}, {name: "large", large: true}} {
			t.Run(fmt.Sprintf("%d/%s", width, m.name), func(t *testing.T) {
				if err := open(tab, base+s.page("notice"), width, m); err != nil {
					t.Fatal(err)
				}
				e, err := chromedp.Run(tab, chromedp.Evaluate[[]float64](measure))
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range []struct {
					what      string
					got, want float64
				}{
					{"header bar, left", e[0], e[2]}, {"header bar, right", e[1], e[3]},
					{"crumbs, left", e[4], e[2]}, {"crumbs, right", e[5], e[3]},
				} {
					if abs(p.got-p.want) > 0.5 {
						t.Errorf("%s: %.1f px, content column %.1f px; want them equal", p.what, p.got, p.want)
					}
				}
			})
		}
	}
}

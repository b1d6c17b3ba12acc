package search_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// benchQueries are what readers of the corpus (internal/corpus) would
// type: phrases of its notices, units, groups, a year, a word.
var benchQueries = []string{
	"整改落实", "和睦e家", "机关财务管理制度", "市委第三巡察组", "省农业农村厅",
	"2024年", "教育提醒", "干部轮岗交流", "问题清单", "预算绩效管理", "销号管理", "整改",
}

// BenchmarkSearchPage measures the search page in headless Chromium over a
// built site (DISCLOSE_SEARCH_SITE: an output folder, its base URL at /):
// what the first query of a fresh page downloads (the index's files, then
// the pages the snippets come from), and how long after the last
// keystroke the results appear once the index's files are at hand. Run:
//
//	go run ./bench/corpus -n 10000 -out /tmp/c10k
//	disclose build --site /tmp/c10k --out /tmp/o10k
//	DISCLOSE_SEARCH_SITE=/tmp/o10k go test -run X -bench SearchPage ./internal/search/
func BenchmarkSearchPage(b *testing.B) {
	dir := os.Getenv("DISCLOSE_SEARCH_SITE")
	if dir == "" {
		b.Skip("DISCLOSE_SEARCH_SITE is not set: give a built site's folder")
	}
	t := &testing.T{}
	ctx := tab(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	page := srv.URL + "/search/"
	for b.Loop() {
		var index, snippets []float64
		for _, q := range benchQueries {
			// A fresh page: the first query downloads.
			if err := chromedp.Do(ctx, chromedp.Navigate(page+"?q="+url.QueryEscape(q))); err != nil {
				b.Fatal(err)
			}
			if err := poll(ctx, fmt.Sprintf(`document.getElementById('search').dataset.query === %q`, q)); err != nil {
				b.Fatal(err)
			}
			poll(ctx, `Array.from(document.querySelectorAll('#search-results .snippet')).every(p => p.textContent !== '')`)
			sizes, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
				let ix = 0, pages = 0;
				for (const e of performance.getEntriesByType('resource')) {
					const p = new URL(e.name).pathname;
					if (p.startsWith('/search/')) ix += e.encodedBodySize;
					else if (e.initiatorType === 'fetch') pages += e.encodedBodySize;
				}
				return [ix, pages];
			})()`))
			if err != nil {
				b.Fatal(err)
			}
			index, snippets = append(index, sizes[0]/1024), append(snippets, sizes[1]/1024)
			fmt.Fprintf(os.Stderr, "%s: index %.0f KB, snippet pages %.0f KB\n", q, sizes[0]/1024, sizes[1]/1024)
		}
		// Warm: the page stays; each query typed a character at a time,
		// twice, the second time measured.
		var warm []float64
		for pass := range 2 {
			for _, q := range benchQueries {
				ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf(typeQuery, q), chromedp.EvalAwaitPromise))
				if err != nil {
					b.Fatal(err)
				}
				if pass == 1 {
					warm = append(warm, ms)
				}
			}
		}
		b.ReportMetric(quantile(index, 1), "max-index-KB")
		b.ReportMetric(quantile(index, 0.5), "median-index-KB")
		b.ReportMetric(quantile(snippets, 1), "max-snippet-pages-KB")
		b.ReportMetric(quantile(warm, 0.5), "p50-warm-ms")
		b.ReportMetric(quantile(warm, 0.95), "p95-warm-ms")
	}
}

// typeQuery types a query into the box a character at a time, 40 ms
// apart, and resolves to the milliseconds from the last keystroke until
// its results are on the page.
const typeQuery = `(async (q) => {
	const f = document.getElementById('search'), box = document.getElementById('q');
	box.value = ''; box.dispatchEvent(new Event('input'));
	const chars = Array.from(q);
	let t0 = 0;
	for (let i = 1; i <= chars.length; i++) {
		await new Promise(r => setTimeout(r, 40));
		box.value = chars.slice(0, i).join('');
		t0 = performance.now();
		box.dispatchEvent(new Event('input'));
	}
	await new Promise(res => {
		const done = () => f.dataset.state === 'done' && f.dataset.query === q;
		if (done()) return res();
		const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); res(); } });
		mo.observe(f, {attributes: true});
	});
	return performance.now() - t0;
})(%q)`

// quantile returns the q-quantile of v (nearest rank).
func quantile(v []float64, q float64) float64 {
	s := slices.Sorted(slices.Values(v))
	if len(s) == 0 {
		return 0
	}
	i := int(q*float64(len(s))+0.999999) - 1
	return s[max(0, min(i, len(s)-1))]
}

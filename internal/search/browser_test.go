package search_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"disclose/internal/browser"
	"disclose/internal/build"
	"disclose/internal/bundle"
	"disclose/internal/corpus"
	"disclose/internal/preview"
	"disclose/internal/search"
	"disclose/internal/site"
)

// tab starts headless Chromium, or skips the test when there is none.
func tab(t *testing.T) context.Context {
	t.Helper()
	if _, err := browser.Find(); err != nil {
		t.Skipf("no Chromium to run the search page in: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	tab, stop, err := browser.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return tab
}

// serve serves files as the site at https://example.org/xszg/ would be,
// below /xszg/, and returns the search page's URL.
func serve(t *testing.T, files map[string][]byte) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/xszg/", func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/xszg/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(data))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + "/xszg/search/"
}

// result is what the page shows of a search.
type result struct {
	Status string
	Links  []string // the results' href attributes
	Titles []string
}

// searchFor opens page with the query string qs and waits until the
// results of the query q are shown.
func searchFor(t *testing.T, ctx context.Context, page, qs, q string) result {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(page+qs)); err != nil {
		t.Fatal(err)
	}
	return waitResults(t, ctx, q)
}

func waitResults(t *testing.T, ctx context.Context, q string) result {
	t.Helper()
	done := fmt.Sprintf(`(() => { const f = document.getElementById('search'); return f.dataset.state === 'done' && f.dataset.query === %q; })()`, q)
	if err := poll(ctx, done); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[result](`({Status: document.getElementById('search-status').textContent,
		Links: Array.from(document.querySelectorAll('#search-results li > a'), a => a.getAttribute('href')),
		Titles: Array.from(document.querySelectorAll('#search-results li > a'), a => a.textContent)})`))
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return r
}

// poll waits until expr is true in the page.
func poll(ctx context.Context, expr string) error {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(60*time.Second)))
	return err
}

// eval evaluates expr in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// The search page finds a phrase from the URL's query, lists the notices
// under the site's sub-path with their date, unit and a snippet in which
// the match is marked, and a new query typed goes into the URL.
func TestSearchPage(t *testing.T) {
	ctx := tab(t)
	files := buildSite(t, site.Options{})
	page := serve(t, files)
	r := searchFor(t, ctx, page, "?q="+url.QueryEscape("整改落实"), "整改落实")
	// A phrase's slots come by range requests: a part of each slots file.
	got := eval[[]int](t, ctx, `performance.getEntriesByType('resource').filter(e => e.name.endsWith('/search/2025/p0.bin')).map(e => e.encodedBodySize)`)
	if whole := len(files["search/2025/p0.bin"]); len(got) == 0 || slices.ContainsFunc(got, func(n int) bool { return n <= 0 || n >= whole }) {
		t.Errorf("slots of 2025 fetched as %v bytes; want parts of the %d of the file", got, whole)
	}
	want := []string{"/xszg/2025/water-group/", "/xszg/2025/transport-dept/", "/xszg/2024/central-bank-branch/", "/xszg/2024/city-market/"}
	if r.Status != "找到 4 篇通报" || !slices.Equal(r.Links, want) {
		t.Errorf("got %q %v, want 找到 4 篇通报 %v", r.Status, r.Links, want)
	}
	if err := poll(ctx, `document.querySelectorAll('#search-results .snippet mark').length === 4`); err != nil {
		t.Fatal(err)
	}
	about := eval[string](t, ctx, `document.querySelector('#search-results li:first-child .about').textContent`)
	mark := eval[string](t, ctx, `document.querySelector('#search-results li:first-child .snippet mark').textContent`)
	value := eval[string](t, ctx, `document.getElementById('q').value`)
	if about != "2025-06-03 · 市水务集团党委" || mark != "整改落实" || value != "整改落实" {
		t.Errorf("first result: about %q, mark %q, box %q; want 2025-06-03 · 市水务集团党委, 整改落实, 整改落实", about, mark, value)
	}
	// A new query, typed: the results follow, and the URL holds it.
	eval[bool](t, ctx, `(() => { const q = document.getElementById('q'); q.value = ''; q.focus(); return true; })()`)
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("q"), "鹅湖")); err != nil {
		t.Fatal(err)
	}
	r = waitResults(t, ctx, "鹅湖")
	loc := eval[string](t, ctx, `location.search`)
	if !slices.Equal(r.Links, []string{"/xszg/2025/county-edu/"}) || loc != "?q="+url.QueryEscape("鹅湖") {
		t.Errorf("typed 鹅湖: got %v at %q", r.Links, loc)
	}
}

// A notice's text is put into the results as text: markup written in a
// notice never becomes an element of the search page.
func TestSearchSnippetIsText(t *testing.T) {
	ctx := tab(t)
	page := serve(t, buildSite(t, site.Options{}))
	searchFor(t, ctx, page, "?q="+url.QueryEscape("曾贴出"), "曾贴出")
	if err := poll(ctx, `document.querySelector('#search-results .snippet mark') !== null`); err != nil {
		t.Fatal(err)
	}
	snippet := eval[string](t, ctx, `document.querySelector('#search-results .snippet').textContent`)
	imgs := eval[int](t, ctx, `document.querySelectorAll('#search-results img').length`)
	if imgs != 0 || !strings.Contains(snippet, "<img src=x onerror=alert(1)>") {
		t.Errorf("snippet %q with %d img elements; want the markup as text, no element", snippet, imgs)
	}
}

// The filters: year, kind, level and round, from the URL and as chosen.
func TestSearchFilters(t *testing.T) {
	ctx := tab(t)
	page := serve(t, buildSite(t, site.Options{}))
	tests := []struct {
		qs   string
		want []string
	}{
		{"year=2024", []string{"/xszg/2024/central-bank-branch/", "/xszg/2024/city-market/"}},
		{"kind=" + url.QueryEscape("巡视"), []string{"/xszg/2025/transport-dept/", "/xszg/2024/central-bank-branch/"}},
		{"level=" + url.QueryEscape("市"), []string{"/xszg/2025/water-group/", "/xszg/2024/city-market/"}},
		{"level=" + url.QueryEscape("中央"), []string{"/xszg/2024/central-bank-branch/"}},
		{"round=" + url.QueryEscape("十五届省委第五轮巡视"), []string{"/xszg/2025/transport-dept/"}},
		{"year=2025&kind=" + url.QueryEscape("巡察"), []string{"/xszg/2025/water-group/"}},
	}
	for _, tt := range tests {
		t.Run(tt.qs, func(t *testing.T) {
			r := searchFor(t, ctx, page, "?q="+url.QueryEscape("整改落实")+"&"+tt.qs, "整改落实")
			if !slices.Equal(r.Links, tt.want) {
				t.Errorf("got %v, want %v", r.Links, tt.want)
			}
		})
	}
	// Chosen on the page: the level 县 (county and district committees).
	searchFor(t, ctx, page, "?q="+url.QueryEscape("党组"), "党组")
	eval[bool](t, ctx, `(() => { const s = document.getElementById('f-level'); s.value = '县'; s.dispatchEvent(new Event('change')); return true; })()`)
	if err := poll(ctx, `location.search.includes('level=')`); err != nil {
		t.Fatal(err)
	}
	r := waitResults(t, ctx, "党组")
	loc := eval[string](t, ctx, `decodeURIComponent(location.search)`)
	want := []string{"/xszg/2025/county-edu/", "/xszg/2024/district-housing/", "/xszg/2024/county-agri/"}
	if !slices.Equal(r.Links, want) || loc != "?q=党组&level=县" {
		t.Errorf("level 县 chosen: got %v at %q, want %v at ?q=党组&level=县", r.Links, loc, want)
	}
}

// Without script, the page says that search needs it and links the years.
func TestSearchWithoutScript(t *testing.T) {
	ctx := tab(t)
	page := serve(t, buildSite(t, site.Options{}))
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(page+"?q="+url.QueryEscape("整改"))); err != nil {
		t.Fatal(err)
	}
	text := eval[string](t, ctx, `document.querySelector('main').innerText`)
	years := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('main .years a'), a => a.getAttribute('href'))`)
	results := eval[int](t, ctx, `document.querySelectorAll('#search-results li').length`)
	if !strings.Contains(text, "搜索要在浏览器中运行脚本") || !slices.Equal(years, []string{"/xszg/2025/", "/xszg/2024/"}) || results != 0 {
		t.Errorf("without script: text %q, year links %v, %d results", text, years, results)
	}
}

// search.js finds what the index finds, for every query of
// precisionQueries: the browser's reading of the index is the Go one's.
func TestSearchPagePrecision(t *testing.T) {
	ctx := tab(t)
	page := serve(t, buildSite(t, site.Options{}))
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	if err := poll(ctx, `document.getElementById('search').hasAttribute('data-ready')`); err != nil {
		t.Fatal(err)
	}
	for _, tt := range precisionQueries {
		eval[bool](t, ctx, fmt.Sprintf(`(() => { const q = document.getElementById('q'); q.value = %q; q.dispatchEvent(new Event('input')); return true; })()`, tt.q))
		r := waitResults(t, ctx, tt.q)
		var want []string
		for _, p := range tt.want {
			want = append(want, "/xszg/"+p)
		}
		if !slices.Equal(r.Links, want) && !(len(r.Links) == 0 && len(want) == 0) {
			t.Errorf("%s: got %v, want %v", tt.q, r.Links, want)
		}
	}
}

// The preview (disclose serve) serves the search page and its index; the
// drafts it shows are not found.
func TestSearchInPreview(t *testing.T) {
	ctx := tab(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	s, err := preview.New(preview.Options{Site: dir, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(sctx, ln) }()
	defer func() { stop(); <-served }()
	page := s.URL(ln.Addr()) + "search/"
	r := searchFor(t, ctx, page, "?q="+url.QueryEscape("鹅湖"), "鹅湖")
	if len(r.Links) != 1 || !strings.HasSuffix(r.Links[0], "/2025/county-edu/") {
		t.Errorf("鹅湖 in the preview: got %v", r.Links)
	}
	r = searchFor(t, ctx, page, "?q="+url.QueryEscape("紫罗兰计划"), "紫罗兰计划")
	if len(r.Links) != 0 {
		t.Errorf("the draft's phrase in the preview: got %v, want nothing", r.Links)
	}
}

// The archive bundle's pages, opened from a folder as file://, search the
// year from search/index.js: fetch is refused there.
func TestSearchInBundleFromFile(t *testing.T) {
	ctx := tab(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	b, _, err := bundle.Make(os.DirFS(dir), bundle.Options{Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	unzip(t, b.Data, out)
	page := "file://" + filepath.ToSlash(filepath.Join(out, "site", "search", "index.html"))
	r := searchFor(t, ctx, page, "?q="+url.QueryEscape("整改落实"), "整改落实")
	want := []string{"../2024/central-bank-branch/index.html", "../2024/city-market/index.html"}
	if !slices.Equal(r.Links, want) {
		t.Errorf("from file://: got %q %v, want %v", r.Status, r.Links, want)
	}
	if err := poll(ctx, `document.querySelector('#search-results .snippet mark') !== null`); err != nil {
		t.Fatal(err)
	}
	if mark := eval[string](t, ctx, `document.querySelector('#search-results .snippet mark').textContent`); mark != "整改落实" {
		t.Errorf("snippet from file://: mark %q, want 整改落实", mark)
	}
}

func unzip(t *testing.T, data []byte, dir string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// In a year of more notices than a group, search.js checks a phrase at
// its slots a group of notices at a time: the first page reads a part of
// the slots, "显示更多结果" reads on until every candidate is checked, and
// the results are search.Match's, in order. A snippet comes from the
// first bytes of its page when they hold the match.
func TestSearchPageChecksByGroup(t *testing.T) {
	ctx := tab(t)
	src := t.TempDir()
	if err := corpus.Write(src, corpus.Options{Notices: 7*search.GroupSize + 20, Seed: 5, FirstYear: 2025, LastYear: 2025}); err != nil {
		t.Fatal(err)
	}
	toml := filepath.Join(src, "content", "site.toml")
	data, err := os.ReadFile(toml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(toml, bytes.Replace(data, []byte(`base_url = "https://example.org/"`), []byte(`base_url = "https://example.org/xszg/"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	var mu sync.Mutex
	if _, err := build.Run(os.DirFS(src), site.Options{}, func(p string, d []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[p] = slices.Clone(d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// The year has more chunks than slots files: chunks share them.
	c, p := 0, 0
	for f := range files {
		c += strings.Count(f, "search/2025/c")
		p += strings.Count(f, "search/2025/p")
	}
	if p >= c {
		t.Fatalf("%d chunks, %d slots files; the test wants chunks that share a slots file", c, p)
	}
	const q = "机关财务管理制度"
	var want []string
	for _, p := range query(t, files, q) {
		want = append(want, "/xszg/"+p)
	}
	if len(want) <= 2*search.GroupSize {
		t.Fatalf("%d notices hold %s; the test wants them in more than two groups", len(want), q)
	}
	page := serve(t, files)
	r := searchFor(t, ctx, page, "?q="+url.QueryEscape(q), q)
	if !slices.Equal(r.Links, want[:10]) || !strings.HasPrefix(r.Status, "找到至少 ") {
		t.Errorf("first page: %q %v, want 找到至少 … and %v", r.Status, r.Links, want[:10])
	}
	slots := 0
	for p, d := range files {
		if strings.HasPrefix(p, "search/2025/p") {
			slots += len(d)
		}
	}
	read := eval[int](t, ctx, `performance.getEntriesByType('resource').filter(e => /\/search\/2025\/p\d+\.bin$/.test(e.name)).reduce((n, e) => n + e.encodedBodySize, 0)`)
	if read <= 0 || read*4 > slots {
		t.Errorf("the first page read %d bytes of slots; want a part of the %d", read, slots)
	}
	if err := poll(ctx, `Array.from(document.querySelectorAll('#search-results .snippet')).every(p => p.querySelector('mark'))`); err != nil {
		t.Fatal(err)
	}
	pages := eval[[]int](t, ctx, `performance.getEntriesByType('resource').filter(e => /\/xszg\/2025\/[^/]+\/$/.test(new URL(e.name).pathname)).map(e => e.encodedBodySize)`)
	whole := len(files[strings.TrimPrefix(want[0], "/xszg/")+"index.html"])
	if len(pages) < 10 || !slices.ContainsFunc(pages, func(n int) bool { return n > 0 && n < whole/2 }) {
		t.Errorf("snippets read %v bytes of pages of about %d; want the first bytes of some", pages, whole)
	}
	// More, until every candidate is checked.
	for i := 0; i < len(want); i++ {
		if eval[bool](t, ctx, `document.getElementById('search-more').hidden`) {
			break
		}
		n := eval[int](t, ctx, `(() => { const n = document.querySelectorAll('#search-results li').length; document.getElementById('search-more').click(); return n; })()`)
		if err := poll(ctx, fmt.Sprintf(`(() => { const li = Array.from(document.querySelectorAll('#search-results li'));
			return li.every(l => l.querySelector('a')) && (li.length > %d || document.getElementById('search-more').hidden); })()`, n)); err != nil {
			t.Fatal(err)
		}
	}
	r = waitResults(t, ctx, q)
	if !slices.Equal(r.Links, want) || r.Status != fmt.Sprintf("找到 %d 篇通报", len(want)) {
		t.Errorf("all pages: %q %v, want 找到 %d 篇通报 %v", r.Status, r.Links, len(want), want)
	}
}

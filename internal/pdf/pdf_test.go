package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"disclose/internal/browser"
)

const css = `@page { size: A4; margin: 20mm } body { font-size: 16pt }`

// page is a small notice page linking the stylesheet below base.
func page(base, text string) []byte {
	return fmt.Appendf(nil, `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="%sstyle.css"></head><body><p>%s</p></body></html>`, base, text)
}

func newTestPrinter(t *testing.T, cache string, offline bool) *Printer {
	p := NewPrinter(Config{Base: "/xszg/", Assets: map[string][]byte{"style.css": []byte(css)}, Stylesheet: "style.css",
		Cache: cache, Tabs: 2, Offline: offline})
	t.Cleanup(func() { p.Close() })
	return p
}

func TestKey(t *testing.T) {
	a := Key([]byte("page"), []byte("css"))
	for _, other := range []string{Key([]byte("page2"), []byte("css")), Key([]byte("page"), []byte("css2")), Key([]byte("pagec"), []byte("ss"))} {
		if other == a {
			t.Errorf("two different pages or stylesheets share the key %s", a)
		}
	}
	if Key([]byte("page"), []byte("css")) != a {
		t.Error("the key of the same page and stylesheet changed")
	}
}

// TestPrinterCache prints in real Chromium: a page is printed once, in one
// browser, and taken from the cache after; a printer whose pages are all
// in the cache starts no browser; offline, a page not in the cache has no
// PDF.
func TestPrinterCache(t *testing.T) {
	if _, err := browser.FindPrinter(); err != nil {
		t.Skipf("skipping: %v", err)
	}
	if testing.Short() {
		t.Skip("prints with Chromium")
	}
	cache := t.TempDir()
	p := newTestPrinter(t, cache, false)
	pages := [][]byte{page("/xszg/", "第一篇"), page("/xszg/", "第二篇"), page("/xszg/", "第三篇")}
	var wg sync.WaitGroup
	got := make([][]byte, len(pages))
	for i, pg := range pages {
		wg.Go(func() {
			var err error
			got[i], err = p.Print(context.Background(), fmt.Sprintf("2025/n%d/index.html", i), pg)
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i, data := range got {
		if !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Fatalf("page %d: not a PDF", i)
		}
	}
	again, err := p.Print(context.Background(), "2025/n0/index.html", pages[0])
	if err != nil || !bytes.Equal(again, got[0]) {
		t.Errorf("printing page 0 again: %v, same bytes %v; want the cached PDF", err, bytes.Equal(again, got[0]))
	}
	if s := p.Stats(); s.Tabs < 1 || s.Tabs > 2 {
		t.Errorf("stats %+v, want one or two tabs (Tabs: 2)", s)
	} else if s.Tabs = 0; s != (Stats{Printed: 3, Reused: 1, Browsers: 1}) {
		t.Errorf("stats %+v, want 3 printed in one browser and 1 reused", s)
	}

	// A new printer (a new build) with the same cache starts no browser.
	q := newTestPrinter(t, cache, false)
	for i, pg := range pages {
		if _, err := q.Print(context.Background(), fmt.Sprintf("2025/n%d/index.html", i), pg); err != nil {
			t.Fatal(err)
		}
	}
	if s := q.Stats(); s != (Stats{Reused: 3}) {
		t.Errorf("second printer: stats %+v, want 3 reused and no browser", s)
	}

	// Offline: a changed page has no PDF, and nothing starts.
	o := newTestPrinter(t, cache, true)
	data, err := o.Print(context.Background(), "2025/n0/index.html", page("/xszg/", "第一篇(改)"))
	if err != nil || data != nil {
		t.Errorf("offline, a page not in the cache: got %d bytes, %v; want none", len(data), err)
	}
	if s := o.Stats(); s != (Stats{Missing: 1}) {
		t.Errorf("offline: stats %+v, want 1 missing", s)
	}
}

// TestPrinterTabs: a printer opens tabs as pages wait for them, so that a
// build printing one page opens one, and never more than Config.Tabs.
func TestPrinterTabs(t *testing.T) {
	if _, err := browser.FindPrinter(); err != nil {
		t.Skipf("skipping: %v", err)
	}
	if testing.Short() {
		t.Skip("prints with Chromium")
	}
	p := NewPrinter(Config{Base: "/xszg/", Assets: map[string][]byte{"style.css": []byte(css)}, Stylesheet: "style.css",
		Cache: t.TempDir(), Tabs: 3})
	t.Cleanup(func() { p.Close() })
	if _, err := p.Print(context.Background(), "2025/one/index.html", page("/xszg/", "一篇")); err != nil {
		t.Fatal(err)
	}
	if s := p.Stats(); s.Tabs != 1 {
		t.Errorf("one page printed: %d tabs opened, want 1", s.Tabs)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if _, err := p.Print(context.Background(), fmt.Sprintf("2025/n%d/index.html", i), page("/xszg/", fmt.Sprint("第", i, "篇"))); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if s := p.Stats(); s.Printed != 9 || s.Tabs > 3 {
		t.Errorf("nine pages printed: %+v, want at most 3 tabs", s)
	}
}

func TestPrinterWithoutChromium(t *testing.T) {
	t.Setenv(browser.EnvPath, filepath.Join(t.TempDir(), "no-chromium"))
	p := newTestPrinter(t, t.TempDir(), false)
	_, err := p.Print(context.Background(), "2025/a/index.html", page("/", "正文"))
	var start *StartError
	if !errors.As(err, &start) || !errors.Is(err, browser.ErrNotFound) {
		t.Errorf("got %v, want a StartError wrapping browser.ErrNotFound", err)
	}
}

// TestPrintMedia: Print opens the page as print media, so that the page is
// never laid out for the screen first; a script on the page sees it.
func TestPrintMedia(t *testing.T) {
	if _, err := browser.FindPrinter(); err != nil {
		t.Skipf("skipping: %v", err)
	}
	if testing.Short() {
		t.Skip("prints with Chromium")
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head>
<body><p id="m">none</p><script>document.getElementById("m").textContent = matchMedia("print").matches ? "print" : "screen";</script></body></html>`)
	}))
	defer srv.Close()
	tab, stop, err := browser.StartPrinter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	data, err := Print(tab, srv.URL+"/")
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("got %d bytes, %v; want a PDF", len(data), err)
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("m").textContent`))
	if err != nil || got != "print" {
		t.Errorf("the page's script saw %q (%v), want print media from the start", got, err)
	}
}

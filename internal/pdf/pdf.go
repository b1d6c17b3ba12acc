// Package pdf prints notices' pages to PDF with headless Chromium (package
// browser), on A4 as the print stylesheet sets them (GB/T 9704 type area,
// page numbers), and keeps what it printed.
//
// A Printer serves each page it is handed, with the stylesheet and script
// it links, on 127.0.0.1 below the site's base path, so that every link
// resolves as it will when published, and prints it in one of several
// tabs of one browser, started on the first page that is not in the cache
// and stopped by Close. The cache (cache.go) is a folder of PDFs named by
// the SHA-256 of the page and the stylesheet they were printed from: a
// page printed once is never printed again, and a build in which no page
// changed starts no browser. The browser is Chromium's headless shell when
// it is installed (browser.StartPrinter), which prints the same PDF for a
// third of the full browser's CPU.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"disclose/internal/browser"
)

// Print prints the page at pageURL in the browser tab ctx (from
// browser.StartPrinter) once its fonts have loaded, with the page size and
// margins of its own stylesheet, as a tagged PDF with an outline.
//
// The tab shows the page as print media from the start: Chromium lays the
// page out again for printing in any case, and the first layout, of the
// print stylesheet rather than of the screen's header, contents and
// tables the print leaves out, costs about a tenth less of the browser's
// CPU (docs/performance.md, pdffast).
func Print(ctx context.Context, pageURL string) ([]byte, error) {
	err := chromedp.Do(ctx, printMedia(), chromedp.Navigate(pageURL), fontsLoaded())
	if err != nil {
		return nil, fmt.Errorf("无法打开 %s; cannot open it: %w", pageURL, err)
	}
	data, err := chromedp.Run(ctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFOutlineAndTagged(),
	))
	if err != nil {
		return nil, fmt.Errorf("无法打印 %s; cannot print it: %w", pageURL, err)
	}
	return data, nil
}

// printMedia makes the tab show pages as print media.
func printMedia() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
}

// fontsLoaded waits until the page's fonts are ready, so that the text is
// set in them and not in a fallback.
func fontsLoaded() chromedp.Action[chromedp.Void] {
	wait := chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := wait(ctx, t)
		return chromedp.Void{}, err
	}
}

// Config says what a Printer prints with.
type Config struct {
	// Base is the base path the pages' links start with: "/xszg/".
	Base string
	// Assets are the files the pages link besides each other, by path
	// below Base: the stylesheet and the script.
	Assets map[string][]byte
	// Stylesheet is the path of the print stylesheet among Assets: it is
	// part of each PDF's cache key.
	Stylesheet string
	// Cache is the folder of printed PDFs (see DefaultCache).
	Cache string
	// Tabs is how many pages print at once; 0 means DefaultTabs.
	Tabs int
	// Offline makes the printer print nothing: a page not in the cache
	// has no PDF.
	Offline bool
	// NoPrune leaves the cache as it is when the printer is closed
	// (see prune.go).
	NoPrune bool
}

// StartError is Print's error when the browser could not be started: Err
// is browser.ErrNotFound when there is none.
type StartError struct{ Err error }

func (e *StartError) Error() string { return e.Err.Error() }
func (e *StartError) Unwrap() error { return e.Err }

// Stats counts what a Printer did.
type Stats struct {
	Printed  int // pages printed
	Reused   int // PDFs taken from the cache
	Missing  int // pages with no PDF in the cache, left unprinted (Offline)
	Browsers int // browsers started: 0 or 1
	Tabs     int // tabs opened in it, at most Config.Tabs
	Pruned   int // PDFs removed from the cache by Close, unused for long
}

// Printer prints pages to PDF, each at most once. It is safe for
// concurrent use.
type Printer struct {
	cfg   Config
	css   []byte
	pages sync.Map // path below Base → page being printed
	tabs  chan context.Context

	start   sync.Once
	startup error
	srv     *http.Server
	url     string // http://127.0.0.1:port

	tabMu   sync.Mutex
	first   context.Context      // the browser's first tab, which new tabs are opened from
	opened  int                  // tabs opened, at most cfg.Tabs
	cancels []context.CancelFunc // the browser's, then each tab's

	began  time.Time // when the printer was made: what it used since is kept
	shared sync.Once
	lock   *os.File // the cache's shared lock, held from the first page to Close

	mu    sync.Mutex
	stats Stats
}

// NewPrinter returns a printer; it starts nothing until a page is not in
// the cache.
func NewPrinter(cfg Config) *Printer {
	if cfg.Tabs <= 0 {
		cfg.Tabs = DefaultTabs()
	}
	return &Printer{cfg: cfg, css: cfg.Assets[cfg.Stylesheet], tabs: make(chan context.Context, cfg.Tabs), began: time.Now()}
}

// DefaultTabs is how many pages a Printer prints at once unless told:
// twice GOMAXPROCS. A page waits on the browser's processes for much of its
// time; measured on 2 cores, a build of 200 notices printing 4 at once took
// half the time of 2 at once, and 8 at once no less than 4
// (docs/performance.md).
func DefaultTabs() int { return 2 * runtime.GOMAXPROCS(0) }

// Key is the cache key of page printed with the stylesheet css.
func Key(page, css []byte) string { return key(page, css) }

// Print returns the PDF of page, whose path below the base path is path
// ("2025/slug/index.html"): from the cache, or printed now and kept there.
// Offline, a page not in the cache has no PDF: nil, nil.
func (p *Printer) Print(ctx context.Context, path string, page []byte) ([]byte, error) {
	k := key(page, p.css)
	p.shared.Do(func() {
		if p.cfg.Cache != "" && os.MkdirAll(p.cfg.Cache, 0o755) == nil {
			p.lock = share(p.cfg.Cache)
		}
	})
	if data, ok := lookup(p.cfg.Cache, k, time.Now()); ok {
		p.count(func(s *Stats) { s.Reused++ })
		return data, nil
	}
	if p.cfg.Offline {
		p.count(func(s *Stats) { s.Missing++ })
		return nil, nil
	}
	if err := p.startBrowser(ctx); err != nil {
		return nil, &StartError{err}
	}
	dir := strings.TrimSuffix(path, "index.html")
	p.pages.Store(dir, page)
	defer p.pages.Delete(dir)
	tab := p.tab()
	data, err := Print(tab, p.url+p.cfg.Base+dir)
	p.tabs <- tab
	if err != nil {
		return nil, err
	}
	if err := store(p.cfg.Cache, k, data); err != nil {
		return nil, fmt.Errorf("无法把 PDF 存入缓存 %s; cannot keep the PDF there: %w", p.cfg.Cache, err)
	}
	p.count(func(s *Stats) { s.Printed++ })
	return data, nil
}

func (p *Printer) count(f func(*Stats)) {
	p.mu.Lock()
	f(&p.stats)
	p.mu.Unlock()
}

// Stats returns what p did so far.
func (p *Printer) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}

// startBrowser serves the pages and starts the browser with its first
// tab, once.
func (p *Printer) startBrowser(ctx context.Context) error {
	p.start.Do(func() {
		p.startup = p.open(ctx)
	})
	return p.startup
}

func (p *Printer) open(ctx context.Context) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	p.url = "http://" + ln.Addr().String()
	p.srv = &http.Server{Handler: http.HandlerFunc(p.serve)}
	go func() {
		if err := p.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			p.srv.Close()
		}
	}()
	tab, stop, err := browser.StartPrinter(ctx)
	if err != nil {
		return err
	}
	p.count(func(s *Stats) { s.Browsers++; s.Tabs++ })
	p.first, p.opened, p.cancels = tab, 1, []context.CancelFunc{stop}
	p.tabs <- tab
	return nil
}

// tab returns a tab that prints nothing now: a free one, else a new one
// while fewer than cfg.Tabs are open, else the first to be free. Tabs are
// opened as pages wait for them, so that a build that prints one page
// opens one tab, and a large one starts printing in its first tab while
// it opens the others.
func (p *Printer) tab() context.Context {
	select {
	case t := <-p.tabs:
		return t
	default:
	}
	p.tabMu.Lock()
	if p.opened >= p.cfg.Tabs {
		p.tabMu.Unlock()
		return <-p.tabs
	}
	p.opened++
	p.tabMu.Unlock()
	t, cancel := chromedp.NewContext(p.first)
	if err := chromedp.Do(t); err != nil {
		cancel()
		return <-p.tabs // the first tab is still there
	}
	p.tabMu.Lock()
	p.cancels = append(p.cancels, cancel)
	p.tabMu.Unlock()
	p.count(func(s *Stats) { s.Tabs++ })
	return t
}

// serve answers the browser: a page being printed, or an asset.
func (p *Printer) serve(w http.ResponseWriter, r *http.Request) {
	rel, ok := strings.CutPrefix(r.URL.Path, p.cfg.Base)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if page, ok := p.pages.Load(rel); ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page.([]byte))
		return
	}
	data, ok := p.cfg.Assets[rel]
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch {
	case strings.HasSuffix(rel, ".css"):
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case strings.HasSuffix(rel, ".js"):
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	}
	w.Write(data)
}

// Close stops the browser and the server, if they were started, lets the
// cache go, and prunes it when it is due (prune.go): never a PDF this
// printer used.
func (p *Printer) Close() error {
	p.tabMu.Lock()
	for i := len(p.cancels) - 1; i >= 0; i-- {
		p.cancels[i]()
	}
	p.cancels = nil
	p.tabMu.Unlock()
	var err error
	if p.srv != nil {
		err = p.srv.Close()
	}
	if p.lock != nil {
		p.lock.Close()
		p.lock = nil
		if !p.cfg.NoPrune {
			r, perr := prune(p.cfg.Cache, p.began.Add(-touchAfter), time.Now())
			p.count(func(s *Stats) { s.Pruned += r.Removed })
			err = errors.Join(err, perr)
		}
	}
	return err
}

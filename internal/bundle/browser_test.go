package bundle

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The offline site opens in a real browser from the unpacked folder, with
// no server: its stylesheet applies and its links lead from page to page.
func TestOfflineSiteInChromium(t *testing.T) {
	exe := findChromium()
	if exe == "" {
		t.Skip("no chromium on PATH (Debian: apt-get install chromium): the offline site was not opened in a browser")
	}
	dir := t.TempDir()
	for name, data := range unzipAll(t, mustMake(t, copySite(t, false, time.Now()), Options{Year: 2024}).Data) {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), string(data))
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 45*time.Second)
	defer cancelTimeout()

	site := "file://" + filepath.ToSlash(filepath.Join(dir, SiteDir))
	step := func(what string, err error) {
		if err != nil {
			t.Fatalf("browsing the offline site: %s: %v", what, err)
		}
	}
	// eval evaluates expr once the page and its stylesheet have loaded.
	eval := func(expr string) string {
		loaded := `new Promise(done => document.readyState === "complete" ? done() : addEventListener("load", () => done()))`
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](loaded+`.then(() => `+expr+`)`, chromedp.EvalAwaitPromise))
		step(expr, err)
		return v
	}
	location := func() string {
		v, err := chromedp.Run(ctx, chromedp.Location())
		step("location", err)
		return v
	}
	// home → the year's page → a notice → back to the year by the crumbs
	step("open the home page", chromedp.Do(ctx, chromedp.Navigate(site+"/index.html")))
	header := eval(`getComputedStyle(document.querySelector(".site-header")).borderBottomStyle`)
	step("follow the year", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`ul.years a`)), chromedp.WaitVisible(chromedp.CSS(`p.count`))))
	yearURL := location()
	step("follow a notice", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`ul.notices a`)), chromedp.WaitVisible(chromedp.CSS(`article.notice`))))
	noticeURL := location()
	title, err := chromedp.Run(ctx, chromedp.Title())
	step("title", err)
	signature := eval(`getComputedStyle(document.querySelector(".notice")).display`)
	step("follow the crumbs", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`nav.crumbs li:nth-child(2) a`)), chromedp.WaitVisible(chromedp.CSS(`p.count`))))
	backURL := location()
	if header != "solid" || signature != "grid" {
		t.Errorf("the stylesheet does not apply: header border %q, notice laid out as %q (it places the signature); want solid, grid", header, signature)
	}
	if want := site + "/2024/index.html"; yearURL != want || backURL != want {
		t.Errorf("the year's page: got %s, then %s; want %s", yearURL, backURL, want)
	}
	if !strings.HasPrefix(noticeURL, site+"/2024/city-bureau-") || !strings.HasSuffix(noticeURL, "/index.html") {
		t.Errorf("the notice's page: got %s, want %s/2024/city-bureau-…/index.html", noticeURL, site)
	}
	if !strings.Contains(title, "巡察整改情况的通报") {
		t.Errorf("the notice's title = %q", title)
	}
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return ""
}

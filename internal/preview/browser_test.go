package preview

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium returns the path of a Chromium to drive, or skips the test.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH: install Debian's chromium package to run the browser tests")
	return ""
}

// TestBrowser opens pages of a served site in headless Chromium and
// changes their sources: each page must show the change by itself.
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	h := start(t, newSite(t, 3), Options{Drafts: true})
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox)...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	// until waits until the expression is true in the page. It asks again
	// and again from Go, since the page reloads under an action that waits
	// in the page (chromedp.Poll).
	until := func(expr string) error {
		var err error
		for end := time.Now().Add(deadline); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
			var ok bool
			if ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
				return nil
			}
		}
		return fmt.Errorf("still false after %v (last error: %v)", deadline, err)
	}
	const notice = "content/2025/notice-00000.md"
	steps := []struct {
		name   string
		change func()
		until  string // a JavaScript expression that becomes true
	}{
		{"edit", func() { h.edit(notice, "根据省委统一部署", "根据省委统一部署(浏览器中可见)") },
			`document.querySelector("article").textContent.includes("(浏览器中可见)")`},
		{"break the settings", func() {
			h.edit("content/site.toml", `title = "巡视整改情况公开"`, `title = "巡视整改情况公开`)
		},
			`(e => e && e.getBoundingClientRect().height > 0 && e.textContent.includes("content/site.toml:"))(document.querySelector(".disclose-problems")) && document.querySelector("article").textContent.includes("(浏览器中可见)")`},
		{"fix the settings", func() {
			h.edit("content/site.toml", `title = "巡视整改情况公开`, `title = "巡视整改情况公开"`)
		},
			`document.querySelector(".disclose-problems") === null && document.querySelector("article") !== null`},
		{"delete the notice", func() {
			if err := os.Remove(h.file(notice)); err != nil {
				t.Fatal(err)
			}
		}, `location.pathname === "/xszg/2025/" && !document.body.textContent.includes("通报(0)")`},
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(h.origin+"/xszg/2025/notice-00000/"), chromedp.WaitReady("article")); err != nil {
		t.Fatal(err)
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			step.change()
			if err := until(step.until); err != nil {
				text, _ := chromedp.Run(ctx, chromedp.Text("body"))
				path, _ := chromedp.Run(ctx, chromedp.Evaluate[string]("location.pathname"))
				t.Fatalf("%v: the page at %s never showed the change; it reads:\n%.600s", err, path, strings.TrimSpace(text))
			}
		})
	}
}

package templates_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// A reading mode: the checkboxes ticked, and the colour scheme the reader's
// system asks for.
type mode struct {
	name            string
	large, contrast bool
	dark, more      bool // prefers-color-scheme: dark; prefers-contrast: more
}

var modes = []mode{
	{name: "normal"},
	{name: "large", large: true},
	{name: "contrast", contrast: true},
	{name: "dark", dark: true},
	{name: "large+contrast", large: true, contrast: true},
	{name: "prefers-more-contrast", more: true},
	{name: "dark+prefers-more-contrast", dark: true, more: true},
}

// open loads url in the tab, width px wide, in mode m.
func open(ctx context.Context, url string, width int64, m mode) error {
	scheme, contrast := "light", "no-preference"
	if m.dark {
		scheme = "dark"
	}
	if m.more {
		contrast = "more"
	}
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{
			{Name: "prefers-color-scheme", Value: scheme}, {Name: "prefers-contrast", Value: contrast},
		},
	})
	if err != nil {
		return err
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(url)); err != nil {
		return err
	}
	return setModes(ctx, m)
}

// setModes ticks or clears the mode checkboxes as m asks, as a reader does.
func setModes(ctx context.Context, m mode) error {
	for id, want := range map[string]bool{"mode-large": m.large, "mode-contrast": m.contrast} {
		checked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("`+id+`").checked`))
		if err != nil {
			return err
		}
		if checked != want {
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID(id))); err != nil {
				return err
			}
		}
	}
	return nil
}

type axeResult struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	Targets []string
}

// runAxe runs axe-core on the page open in ctx, for WCAG 2.0 and 2.1 A and
// AA and axe's best practices, and returns the violations.
func runAxe(ctx context.Context, axe string) ([]axeResult, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
		return nil, fmt.Errorf("loading axe-core: %w", err)
	}
	const run = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
		.then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
			targets: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " "))})))`
	return chromedp.Run(ctx, chromedp.Evaluate[[]axeResult](run, chromedp.EvalAwaitPromise))
}

// TestAxe runs axe-core in headless Chromium on every kind of page of both
// test sites, in every reading mode: there must be no violation.
func TestAxe(t *testing.T) {
	axePath := needFile(t, filepath.Join("..", "node_modules", "axe-core", "axe.min.js"))
	tab := startBrowser(t)
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("canary", func(t *testing.T) {
		// A page axe must fault: the test has to be able to fail.
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `<!DOCTYPE html><html><head><title>x</title></head><body><img src="a.png"></body></html>`)
		}))
		defer srv.Close()
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL)); err != nil {
			t.Fatal(err)
		}
		violations, err := runAxe(tab, string(axe))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, v := range violations {
			ids = append(ids, v.ID)
		}
		if !slices.Contains(ids, "image-alt") || !slices.Contains(ids, "html-has-lang") {
			t.Errorf("axe found %v on a page with no lang and an image without alt, want image-alt and html-has-lang", ids)
		}
	})
	for _, s := range buildSites(t) {
		base := s.serve(t)
		for _, p := range pageKinds {
			if s.page(p.kind) == none {
				continue
			}
			for _, m := range modes {
				t.Run(s.name+"/"+p.kind+"/"+m.name, func(t *testing.T) {
					if err := open(tab, base+s.page(p.kind), 1280, m); err != nil {
						t.Fatal(err)
					}
					violations, err := runAxe(tab, string(axe))
					if err != nil {
						t.Fatal(err)
					}
					for _, v := range violations {
						t.Errorf("axe %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, "\n\t"))
					}
				})
			}
		}
	}
}

// TestNoSidewaysScroll opens every kind of page 320 px wide in every mode:
// nothing may be wider than the screen.
func TestNoSidewaysScroll(t *testing.T) {
	tab := startBrowser(t)
	for _, s := range buildSites(t) {
		base := s.serve(t)
		for _, p := range pageKinds {
			if s.page(p.kind) == none {
				continue
			}
			for _, m := range modes {
				t.Run(s.name+"/"+p.kind+"/"+m.name, func(t *testing.T) {
					if err := open(tab, base+s.page(p.kind), 320, m); err != nil {
						t.Fatal(err)
					}
					w, err := chromedp.Run(tab, chromedp.Evaluate[[]int](
						`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
					if err != nil {
						t.Fatal(err)
					}
					if w[0] > w[1] {
						t.Errorf("page is %d px wide on a %d px screen, want no sideways scrolling", w[0], w[1])
					}
				})
			}
		}
	}
}

// style reads computed style properties of the first element matching sel,
// through the DevTools CSS domain, so that it works with script disabled.
func style(ctx context.Context, sel string, names ...string) (map[string]string, error) {
	props, err := chromedp.Run(ctx, chromedp.ComputedStyle(chromedp.CSS(sel)))
	if err != nil {
		return nil, err
	}
	got := map[string]string{}
	for _, p := range props {
		for _, n := range names {
			if p.Name == n {
				got[n] = p.Value
			}
		}
	}
	return got, nil
}

func px(t *testing.T, v string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(strings.TrimSuffix(v, "px"), 64)
	if err != nil {
		t.Fatalf("computed length %q: %v", v, err)
	}
	return f
}

// TestModesWithoutScript switches the large-text and high-contrast modes
// with script disabled, as a reader whose browser runs none does.
func TestModesWithoutScript(t *testing.T) {
	tab := startBrowser(t)
	s := buildSites(t)[0]
	url := s.serve(t) + s.page("notice")
	if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	defer chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
	if err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	before, err := style(tab, ".notice p", "font-size", "line-height")
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Click(chromedp.ID("mode-large")), chromedp.Click(chromedp.ID("mode-contrast"))); err != nil {
		t.Fatal(err)
	}
	after, err := style(tab, ".notice p", "font-size", "line-height")
	if err != nil {
		t.Fatal(err)
	}
	size, line := px(t, after["font-size"]), px(t, after["line-height"])
	t.Logf("body text: %s/%s normally, %s/%s in 大字版", before["font-size"], before["line-height"], after["font-size"], after["line-height"])
	if size < 18 || size <= px(t, before["font-size"]) {
		t.Errorf("大字版 body text is %v px (normally %s), want at least 18 px and larger than normal", size, before["font-size"])
	}
	if line/size < 1.3 {
		t.Errorf("大字版 line spacing is %.2f, want at least 1.3", line/size)
	}
	body, err := style(tab, "body", "background-color", "color")
	if err != nil {
		t.Fatal(err)
	}
	if body["background-color"] != "rgb(0, 0, 0)" || body["color"] != "rgb(255, 255, 255)" {
		t.Errorf("高对比度 body is %s on %s, want rgb(255, 255, 255) on rgb(0, 0, 0)", body["color"], body["background-color"])
	}
}

// TestModesRemembered ticks a mode on one page and finds it on the next,
// where script runs; clearing it is remembered too.
func TestModesRemembered(t *testing.T) {
	tab := startBrowser(t)
	s := buildSites(t)[0]
	base := s.serve(t)
	classOn := func(url string) (bool, bool) {
		t.Helper()
		if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(tab, chromedp.Evaluate[[]bool](
			`[document.documentElement.classList.contains("mode-large"), document.getElementById("mode-large").checked]`))
		if err != nil {
			t.Fatal(err)
		}
		return got[0], got[1]
	}
	if err := open(tab, base+s.page("notice"), 1280, mode{large: true}); err != nil {
		t.Fatal(err)
	}
	if class, box := classOn(base + s.page("home")); !class || !box {
		t.Errorf("after ticking 大字版 on a notice, the home page has class %v, checkbox %v; want both true", class, box)
	}
	if err := setModes(tab, mode{}); err != nil {
		t.Fatal(err)
	}
	if class, box := classOn(base + s.page("year")); class || box {
		t.Errorf("after clearing 大字版, the year page has class %v, checkbox %v; want both false", class, box)
	}
}

// TestScreenshots keeps the notice page at 375 and 1280 px as artefacts for
// a reviewer (not goldens: fonts differ between machines).
func TestScreenshots(t *testing.T) {
	tab := startBrowser(t)
	dir := artifacts(t)
	for _, s := range buildSites(t) {
		base := s.serve(t)
		shots := []struct {
			kind string
			m    mode
		}{
			{"notice", mode{name: "normal"}}, {"notice", mode{name: "large", large: true}},
			{"notice", mode{name: "contrast", contrast: true}}, {"notice", mode{name: "dark", dark: true}},
			{"year", mode{name: "normal"}}, {"home", mode{name: "normal"}},
		}
		for _, width := range []int64{375, 1280} {
			for _, shot := range shots {
				if err := open(tab, base+s.page(shot.kind), width, shot.m); err != nil {
					t.Fatal(err)
				}
				// The first screen as the reader sees it, then the whole page.
				top, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				full, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("%s-%s-%d-%s", s.name, shot.kind, width, shot.m.name)
				writeArtifact(t, dir, name+"-top.png", top)
				writeArtifact(t, dir, name+"-full.png", full)
			}
		}
		if err := setModes(tab, mode{}); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshots in %s", dir)
}

func writeArtifact(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSignaturePlacement measures the signature and date on screen: the
// organisation ends two characters from the right edge of the text, and the
// date starts two characters right of the organisation's first character
// (GB/T 9704 7.3.5.2), or, when the date is the longer, ends two characters
// from the right edge.
func TestSignaturePlacement(t *testing.T) {
	tab := startBrowser(t)
	const measure = `(() => {
		const box = sel => { const r = document.createRange(); r.selectNodeContents(document.querySelector(sel)); return r.getBoundingClientRect(); };
		const a = document.querySelector("article.notice").getBoundingClientRect();
		const s = box(".notice .signature"), d = box(".notice .signdate");
		const em = parseFloat(getComputedStyle(document.querySelector(".notice .signature")).fontSize);
		return [a.right, s.left, s.right, d.left, d.right, em];
	})()`
	for _, s := range buildSites(t) {
		base := s.serve(t)
		for _, width := range []int64{320, 375, 1280} {
			t.Run(fmt.Sprintf("%s/%d", s.name, width), func(t *testing.T) {
				if err := open(tab, base+s.page("notice"), width, mode{}); err != nil {
					t.Fatal(err)
				}
				m, err := chromedp.Run(tab, chromedp.Evaluate[[]float64](measure))
				if err != nil {
					t.Fatal(err)
				}
				right, sigLeft, sigRight, dateLeft, dateRight, em := m[0], m[1], m[2], m[3], m[4], m[5]
				near := func(what string, got, want float64) {
					if abs(got-want) > 1.5 {
						t.Errorf("%s: got %.1f px, want %.1f px (1 character = %.1f px)", what, got, want, em)
					}
				}
				near("date start", dateLeft, sigLeft+2*em)
				if dateRight <= sigRight {
					near("signature end", sigRight, right-2*em)
				} else {
					near("date end", dateRight, right-2*em)
				}
			})
		}
	}
}

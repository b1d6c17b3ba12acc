package templates_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"disclose/internal/browser"
	"disclose/internal/build"
	"disclose/internal/site"
)

// A test site: a site folder built with the default templates, its files in
// memory, and the base path its links start with.
type testSite struct {
	name  string
	dir   string // the site folder
	base  string // "/xszg/"
	files fstest.MapFS
}

// The sites every page test runs on: the sample site of the repository
// (the seed notice) and testdata/site (disclosure metadata, statistics to
// sum, all four outline levels, full-width punctuation).
var siteDirs = []struct{ name, dir, base string }{
	{"sample", "..", "/xszg/"},
	{"testsite", "testdata/site", "/"},
}

// The pages of each kind in the two sites; none where a site has no page
// of the kind. The test site lists one notice a page, so that its year and
// home page have a second page.
var pageKinds = []struct{ kind, sample, testsite string }{
	{"notice", "2025/zhejiang-womens-federation/", "2024/district-health-bureau/"},
	{"year", "2025/", "2024/"},
	{"home", "", ""},
	{"404", "404.html", "404.html"},
	{"year-page-2", none, "2024/page/2/"},
	{"home-page-2", none, "page/2/"},
	{"kind", "xunshi/", "xuncha/"},
	{"rounds", "round/", "round/"},
	{"round", none, "round/十二届区委第四轮巡察/"},
	{"units", "unit/", "unit/"},
	{"unit", "unit/省妇女联合会党组/", "unit/区卫生健康局党委/"},
	{"search", "search/?q=%E6%95%B4%E6%94%B9", "search/?q=%E6%95%B4%E6%94%B9"}, // 整改: results shown
}

// none is the page of a kind a site has none of.
const none = "-"

func (s testSite) page(kind string) string {
	for _, p := range pageKinds {
		if p.kind == kind {
			if s.name == "sample" {
				return p.sample
			}
			return p.testsite
		}
	}
	panic("no page of kind " + kind)
}

// buildSites builds every test site into memory.
func buildSites(t *testing.T) []testSite {
	t.Helper()
	var sites []testSite
	for _, d := range siteDirs {
		files := fstest.MapFS{}
		var mu sync.Mutex // the build emits from several goroutines
		emit := func(path string, data []byte) error {
			mu.Lock()
			defer mu.Unlock()
			files[path] = &fstest.MapFile{Data: append([]byte(nil), data...), Mode: 0o644}
			return nil
		}
		problems, err := build.Run(os.DirFS(d.dir), site.Options{}, emit)
		if err != nil {
			t.Fatalf("build %s: %v\n%v", d.dir, err, problems)
		}
		sites = append(sites, testSite{name: d.name, dir: d.dir, base: d.base, files: files})
	}
	return sites
}

// serve serves the site on 127.0.0.1 below its base path, and returns the
// URL of the base.
func (s testSite) serve(t *testing.T) string {
	t.Helper()
	files := http.FileServerFS(s.files)
	srv := httptest.NewServer(http.StripPrefix(strings.TrimSuffix(s.base, "/"), files))
	t.Cleanup(srv.Close)
	return srv.URL + s.base
}

// writeTo writes the site's files below dir.
func (s testSite) writeTo(t *testing.T, dir string) {
	t.Helper()
	for name, f := range s.files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// startBrowser starts headless Chromium for one test, or skips the test
// when there is none.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	return startWith(t, browser.Start)
}

// startPrinter starts the Chromium that disclose prints with (the headless
// shell when it is installed) for one test, or skips the test when there is
// none: the print tests measure the PDFs a build publishes.
func startPrinter(t *testing.T) context.Context {
	t.Helper()
	return startWith(t, browser.StartPrinter)
}

func startWith(t *testing.T, start func(context.Context) (context.Context, context.CancelFunc, error)) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	tab, stop, err := start(context.Background())
	if errors.Is(err, browser.ErrNotFound) {
		t.Skipf("skipping: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return tab
}

// needTool skips the test when a program it runs is missing.
func needTool(t *testing.T, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("skipping: %s is not installed (%s)", name, install)
	}
	return path
}

// needFile skips the test when a file from npm is missing.
func needFile(t *testing.T, path string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("skipping: %s is missing: run npm ci in the repository root", path)
	}
	return path
}

// artifacts is the folder for the files a reviewer looks at (screenshots,
// printed pages): $DISCLOSE_ARTIFACTS, or testdata/artifacts, which git
// ignores.
func artifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("DISCLOSE_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("testdata", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

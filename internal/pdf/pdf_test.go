package pdf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclose/internal/browser"
	"disclose/internal/build"
	"disclose/internal/site"
)

func TestParseIndex(t *testing.T) {
	tests := []struct {
		name, json, base, err string
		notices               int
	}{
		{"empty site", `{"notices": []}`, "/", "", 0},
		{"sub-path", `{"notices": [{"url": "https://example.org/xszg/2025/a/", "path": "2025/a/", "slug": "a"}]}`, "/xszg/", "", 1},
		{"root", `{"notices": [{"url": "https://example.org/2025/a/", "path": "2025/a/", "slug": "a"}]}`, "/", "", 1},
		{"path escapes", `{"notices": [{"url": "https://example.org/../x/", "path": "../x/", "slug": "x"}]}`, "", "unexpected url or path", 0},
		{"url and path disagree", `{"notices": [{"url": "https://example.org/2025/a/", "path": "2025/b/", "slug": "b"}]}`, "", "unexpected url or path", 0},
		{"slug with a slash", `{"notices": [{"url": "https://example.org/2025/a/", "path": "2025/a/", "slug": "../../a"}]}`, "", "unexpected url or path", 0},
		{"not JSON", `<html>`, "", "notices.json", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			notices, base, err := parseIndex([]byte(tt.json))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil || base != tt.base || len(notices) != tt.notices {
				t.Errorf("got %d notices, base %q, error %v; want %d, %q, nil", len(notices), base, err, tt.notices, tt.base)
			}
		})
	}
}

func FuzzParseIndex(f *testing.F) {
	f.Add([]byte(`{"notices": [{"url": "https://example.org/xszg/2025/a/", "path": "2025/a/", "slug": "a"}]}`))
	f.Add([]byte(`{"notices": [{"url": "https://example.org/../x/", "path": "../x/", "slug": "x"}]}`))
	f.Add([]byte(`{"notices": [{"url": "/a/", "path": "a/", "slug": "/"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		notices, _, err := parseIndex(data)
		if err != nil {
			return
		}
		for _, n := range notices {
			name := filepath.Join("site", filepath.FromSlash(n.Path), n.Slug+".pdf")
			if !filepath.IsLocal(name) {
				t.Errorf("notice %+v would be written to %s, outside the site", n, name)
			}
		}
	})
}

func TestSiteWithoutChromium(t *testing.T) {
	t.Setenv(browser.EnvPath, filepath.Join(t.TempDir(), "no-chromium"))
	dir := buildSample(t)
	written, err := Site(context.Background(), dir)
	if !errors.Is(err, browser.ErrNotFound) || len(written) != 0 {
		t.Errorf("got %v, %v; want nothing written and browser.ErrNotFound", written, err)
	}
}

// TestSite prints the sample site in real headless Chromium.
func TestSite(t *testing.T) {
	if _, err := browser.Find(); err != nil {
		t.Skipf("skipping: %v", err)
	}
	if testing.Short() {
		t.Skip("prints with Chromium")
	}
	dir := buildSample(t)
	written, err := Site(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	want := "2025/zhejiang-womens-federation/zhejiang-womens-federation.pdf"
	if len(written) != 1 || written[0] != want {
		t.Fatalf("got %v, want [%s]", written, want)
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(want)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("%s is not a PDF: starts %q", want, data[:min(len(data), 16)])
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "2025", "zhejiang-womens-federation", ".pdf-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

// buildSample builds the repository's sample site into a temporary folder.
func buildSample(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	problems, err := build.ToDisk("../..", out, site.Options{})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, problems)
	}
	return out
}

package browser

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestFindFromEnvironment(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("an executable", func(t *testing.T) {
		t.Setenv(EnvPath, self)
		if got, err := Find(); err != nil || got != self {
			t.Errorf("got %q, %v; want %q", got, err, self)
		}
	})
	t.Run("missing", func(t *testing.T) {
		t.Setenv(EnvPath, filepath.Join(t.TempDir(), "chromium"))
		if _, err := Find(); !errors.Is(err, ErrNotFound) {
			t.Errorf("got %v, want ErrNotFound", err)
		}
	})
	t.Run("not executable", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "chromium")
		if err := os.WriteFile(file, []byte("not a program"), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Setenv(EnvPath, file)
		if _, err := Find(); !errors.Is(err, ErrNotFound) {
			t.Errorf("got %v, want ErrNotFound", err)
		}
	})
}

// TestFindPrinter: printing prefers the headless shell when it is
// installed, the page tests the full browser; $DISCLOSE_CHROMIUM rules both.
func TestFindPrinter(t *testing.T) {
	for _, tc := range []struct {
		name      string
		installed []string
		env       string // a name among installed
		find      string // "" for ErrNotFound
		printer   string
	}{
		{"browser and shell", []string{"chromium", "chromium-headless-shell"}, "", "chromium", "chromium-headless-shell"},
		{"browser only", []string{"chromium"}, "", "chromium", "chromium"},
		{"Chrome for Testing's shell only", []string{"chrome-headless-shell"}, "", "", "chrome-headless-shell"},
		{"the environment names the browser", []string{"chromium", "chromium-headless-shell"}, "chromium", "chromium", "chromium"},
		{"nothing", nil, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, name := range tc.installed {
				if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			t.Setenv("PATH", dir)
			t.Setenv(EnvPath, "")
			if tc.env != "" {
				t.Setenv(EnvPath, filepath.Join(dir, tc.env))
			}
			for _, f := range []struct {
				name string
				find func() (string, error)
				want string
			}{{"Find", Find, tc.find}, {"FindPrinter", FindPrinter, tc.printer}} {
				got, err := f.find()
				switch {
				case f.want == "" && !errors.Is(err, ErrNotFound):
					t.Errorf("%s: got %q, %v; want ErrNotFound", f.name, got, err)
				case f.want != "" && (err != nil || got != filepath.Join(dir, f.want)):
					t.Errorf("%s: got %q, %v; want %s", f.name, got, err, filepath.Join(dir, f.want))
				}
			}
		})
	}
}

// TestStart starts the browser and the printer's Chromium, each headless.
func TestStart(t *testing.T) {
	for _, tc := range []struct {
		name  string
		find  func() (string, error)
		start func(context.Context) (context.Context, context.CancelFunc, error)
	}{{"Start", Find, Start}, {"StartPrinter", FindPrinter, StartPrinter}} {
		t.Run(tc.name, func(t *testing.T) {
			path, err := tc.find()
			if err != nil {
				t.Skipf("skipping: %v", err)
			}
			tab, stop, err := tc.start(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			defer stop()
			got, err := chromedp.Run(tab, chromedp.Evaluate[string](`navigator.userAgent`))
			if err != nil {
				t.Fatal(err)
			}
			if want := "HeadlessChrome"; !strings.Contains(got, want) {
				t.Errorf("%s: user agent %q, want a headless Chromium (%s)", path, got, want)
			}
		})
	}
}

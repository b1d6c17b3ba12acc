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

func TestStart(t *testing.T) {
	if _, err := Find(); err != nil {
		t.Skipf("skipping: %v", err)
	}
	tab, stop, err := Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	got, err := chromedp.Run(tab, chromedp.Evaluate[string](`navigator.userAgent`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "HeadlessChrome"; !strings.Contains(got, want) {
		t.Errorf("user agent %q, want a headless Chromium (%s)", got, want)
	}
}

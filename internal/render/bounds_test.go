package render

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"disclose/internal/site"
)

// TestTemplateBounds renders a site whose notice template loops without
// end: the page stops at its bound with ErrPageTooLarge; a template bound
// to a cancelled context stops with the context's error.
func TestTemplateBounds(t *testing.T) {
	src, err := os.ReadFile("../../templates/notice.html")
	if err != nil {
		t.Fatal(err)
	}
	loop := strings.Replace(string(src), `{{define "main"}}`, `{{define "main"}}{{range $i := 1000000000000}}`+strings.Repeat("巡", 4096)+`{{end}}`, 1)
	files := fstest.MapFS{
		"content/site.toml":     mapFile(archiveTestSettings),
		"content/2024/a.md":     mapFile(archiveTestNotice(2024, "a", "")),
		"templates/notice.html": mapFile(loop),
	}
	s, problems := site.Load(files, site.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	tmpl, problems := LoadTemplates(files, s.Settings.BasePath(), s.Settings.AbsURL)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	discard := func(string, []byte) error { return nil }
	if err := Render(s, tmpl, discard); !errors.Is(err, ErrPageTooLarge) || !strings.Contains(err.Error(), "content/2024/a.md") {
		t.Errorf("got %v, want ErrPageTooLarge naming the notice", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tmpl.Bind(ctx)
	if err := Render(s, tmpl, discard); !errors.Is(err, context.Canceled) {
		t.Errorf("bound to a cancelled context: got %v, want context.Canceled", err)
	}
	tmpl.Bind(context.Background())

	// A loop that writes nothing cannot be stopped, only given up: the
	// build does not wait for it once its context is done. (Its
	// goroutine spins on until this test binary exits.)
	silent := strings.Replace(string(src), `{{define "main"}}`, `{{define "main"}}{{range $i := 1000000000000}}{{end}}`, 1)
	files["templates/notice.html"] = mapFile(silent)
	quiet, problems := LoadTemplates(files, s.Settings.BasePath(), s.Settings.AbsURL)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	quiet.Bind(ctx)
	if err := Render(s, quiet, discard); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a silent loop, its build cancelled: got %v, want the context's error", err)
	}

	plain, _ := LoadTemplates(fstest.MapFS{}, s.Settings.BasePath(), s.Settings.AbsURL)
	if err := Render(s, plain, discard); err != nil {
		t.Errorf("the built-in templates: %v", err)
	}
}

package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"disclose/internal/site"
)

// loopingNotice is a site of one notice whose notice.html runs loop first
// in its "main", and the site's templates.
func loopingNotice(t *testing.T, loop string) (*site.Site, *Templates) {
	t.Helper()
	return loopingIn(t, "main", loop)
}

// loopingIn is loopingNotice with the loop at the start of the define
// name of notice.html.
func loopingIn(t *testing.T, name, loop string) (*site.Site, *Templates) {
	t.Helper()
	src, err := os.ReadFile("../../templates/notice.html")
	if err != nil {
		t.Fatal(err)
	}
	files := fstest.MapFS{
		"content/site.toml":     mapFile(archiveTestSettings),
		"content/2024/a.md":     mapFile(archiveTestNotice(2024, "a", "")),
		"templates/notice.html": mapFile(strings.Replace(string(src), `{{define "`+name+`"}}`, `{{define "`+name+`"}}`+loop, 1)),
	}
	s, problems := site.Load(files, site.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	tmpl, problems := LoadTemplates(files, s.Settings.BasePath(), s.Settings.AbsURL)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	return s, tmpl
}

// TestTemplateBounds renders a site whose notice template loops without
// end: the page stops at its bound with ErrPageTooLarge; a template bound
// to a cancelled context stops with the context's error.
func TestTemplateBounds(t *testing.T) {
	s, tmpl := loopingNotice(t, `{{range $i := 1000000000000}}`+strings.Repeat("巡", 4096)+`{{end}}`)
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
	_, quiet := loopingNotice(t, `{{range $i := 1000000000000}}{{end}}`)
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

// thirtyNotices returns a site of 30 notices of 2024, loaded.
func thirtyNotices(t *testing.T) (fstest.MapFS, *site.Site) {
	t.Helper()
	files := fstest.MapFS{"content/site.toml": mapFile(archiveTestSettings)}
	for i := range 30 {
		files[fmt.Sprintf("content/2024/n%02d.md", i)] = mapFile(archiveTestNotice(2024, fmt.Sprintf("n%02d", i), ""))
	}
	s, problems := site.Load(files, site.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	return files, s
}

// TestRunnersKept: the pages of a build run on runners kept from page to
// page, not on a goroutine started for each; once no page is asked for,
// the runners end, leaving no goroutine behind.
func TestRunnersKept(t *testing.T) {
	files, s := thirtyNotices(t)
	before := runtime.NumGoroutine()
	tmpl, problems := LoadTemplates(files, s.Settings.BasePath(), s.Settings.AbsURL)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	r := NewRenderer(s.Settings, tmpl)
	discard := func(string, []byte) error { return nil }
	for _, n := range s.Notices { // one after the other: one runner does
		if _, err := r.Notice(n, discard); err != nil {
			t.Fatal(err)
		}
	}
	if got := tmpl.run.started.Load(); got > 3 { // 1, unless the machine paused for runnerIdle
		t.Errorf("30 pages one after the other started %d runners, want 1", got)
	}
	if err := Render(s, tmpl, discard); err != nil {
		t.Fatal(err)
	}
	if got, most := tmpl.run.started.Load(), int64(1+runtime.GOMAXPROCS(0)); got > most {
		t.Errorf("a site of 30 notices on %d workers started %d runners, want at most %d", runtime.GOMAXPROCS(0), got, most)
	}
	var after int
	for wait := time.Now().Add(5 * time.Second); time.Now().Before(wait); time.Sleep(20 * time.Millisecond) {
		if after = runtime.NumGoroutine(); after <= before {
			return
		}
	}
	t.Errorf("%d goroutines once the runners were idle, %d before", after, before)
}

// TestItemTemplateBounds: the lines of the lists, written by the "item"
// template apart from the pages, are bounded as the pages are.
func TestItemTemplateBounds(t *testing.T) {
	src, err := os.ReadFile("../../templates/pager.html")
	if err != nil {
		t.Fatal(err)
	}
	files := fstest.MapFS{
		"content/site.toml": mapFile(archiveTestSettings),
		"content/2024/a.md": mapFile(archiveTestNotice(2024, "a", "")),
	}
	s, problems := site.Load(files, site.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	discard := func(string, []byte) error { return nil }
	for _, c := range []struct {
		loop string
		want error
	}{
		{strings.Repeat("巡", 4096), ErrPageTooLarge},
		{"", context.DeadlineExceeded}, // writes nothing: given up when the build is cancelled
	} {
		files["templates/pager.html"] = mapFile(strings.Replace(string(src), `{{define "item"}}`, `{{define "item"}}{{range $i := 1000000000000}}`+c.loop+`{{end}}`, 1))
		tmpl, problems := LoadTemplates(files, s.Settings.BasePath(), s.Settings.AbsURL)
		if problems.HasErrors() {
			t.Fatal(problems)
		}
		ctx, cancel := context.WithCancel(context.Background())
		if c.loop == "" {
			ctx, cancel = context.WithTimeout(context.Background(), 100*time.Millisecond)
		}
		tmpl.Bind(ctx)
		// Writing 64 MiB may take longer than MaxPageTime on a busy
		// machine (or with -race): either bound stops it.
		if err := Render(s, tmpl, discard); !errors.Is(err, c.want) && (c.want != ErrPageTooLarge || !errors.Is(err, ErrPageTooSlow)) {
			t.Errorf("an item template that loops: got %v, want %v", err, c.want)
		}
		cancel()
	}
}

// TestRelativeClones: where links are relative (an archive bundle), the
// templates are cloned once for each kind of page and depth, not for each
// page: a clone is escaped anew when it first runs.
func TestRelativeClones(t *testing.T) {
	files, s := thirtyNotices(t)
	tmpl, problems := LoadTemplates(files, s.Settings.BasePath(), s.Settings.AbsURL, RelativeLinks())
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	var pages atomic.Int64 // emit is called from several goroutines
	if err := Render(s, tmpl, func(path string, _ []byte) error {
		if strings.HasSuffix(path, ".html") {
			pages.Add(1)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(tmpl.clones) == 0 || len(tmpl.clones) > len(pageKinds)*4 {
		t.Errorf("%d pages made %d clones of the templates, want one for each kind and depth", pages.Load(), len(tmpl.clones))
	}
}

// TestPageTimeBounds: the bounds in time stop a template that loops, not
// a page that takes long. A template that writes nothing for an idle
// period is given up (ErrPageIdle); one that writes in every period runs
// on past many idle periods; one that writes now and then is given up at
// the total time (ErrPageTooSlow). The bounds are the test's own, and the
// periods are told to the page through the checked hook: no outcome
// depends on how fast the machine is.
func TestPageTimeBounds(t *testing.T) {
	const periods = 10
	// steady is a job that has written once (before it runs, so that
	// the first period finds a write however late the job starts), then
	// writes once after each check of the bounds (at most n times), and
	// returns; stop ends it early.
	steady := func(s *runners, n int, stop <-chan struct{}) (*boundedWriter, func() error) {
		var buf bytes.Buffer
		w := &boundedWriter{buf: &buf, max: MaxPageBytes}
		tick, wrote := make(chan struct{}), make(chan struct{})
		w.Write([]byte("x"))
		checks := 0
		s.bounds.checked = func() {
			if checks++; checks <= n {
				tick <- struct{}{}
				<-wrote // the next period starts once the page has written
			}
		}
		return w, func() error {
			for range n {
				select {
				case <-tick:
				case <-stop:
					return nil
				}
				_, err := w.Write([]byte("x"))
				wrote <- struct{}{}
				if err != nil {
					return err
				}
			}
			return nil
		}
	}

	t.Run("silent", func(t *testing.T) {
		s := &runners{bounds: pageBounds{idle: time.Millisecond, total: time.Hour}}
		release := make(chan struct{})
		defer close(release)
		w := &boundedWriter{buf: &bytes.Buffer{}, max: MaxPageBytes}
		err := s.bounded(context.Background(), w, func() error { <-release; return nil })
		if !errors.Is(err, ErrPageIdle) || !strings.HasPrefix(err.Error(), "页面模板长时间没有写出任何内容") || !strings.HasSuffix(err.Error(), ": 1ms") {
			t.Errorf("a page that writes nothing: got %v, want ErrPageIdle, Chinese first, with its bound", err)
		}
	})

	t.Run("steady", func(t *testing.T) {
		s := &runners{bounds: pageBounds{idle: time.Millisecond, total: time.Hour}}
		w, job := steady(s, periods, nil)
		if err := s.bounded(context.Background(), w, job); err != nil {
			t.Errorf("a page that wrote in each of %d idle periods: %v", periods, err)
		}
		if got := w.buf.Len(); got != periods+1 {
			t.Errorf("the page wrote %d bytes, want %d", got, periods+1)
		}
	})

	t.Run("slow", func(t *testing.T) {
		s := &runners{bounds: pageBounds{idle: time.Millisecond, total: 4 * time.Millisecond}}
		stop := make(chan struct{})
		defer close(stop)
		w, job := steady(s, periods, stop)
		err := s.bounded(context.Background(), w, job)
		if !errors.Is(err, ErrPageTooSlow) || !strings.HasPrefix(err.Error(), "页面模板运行时间超过上限") || !strings.HasSuffix(err.Error(), ": 4ms") {
			t.Errorf("a page that writes now and then past the total: got %v, want ErrPageTooSlow, Chinese first, with its bound", err)
		}
	})
}

// TestSilentTemplateGivenUp: a site's template that loops writing nothing
// is given up at the idle bound, with a message that names the notice,
// the page and its template.
func TestSilentTemplateGivenUp(t *testing.T) {
	// A loop that ends, long after the idle bound (2,000,000 steps), so
	// that nothing runs on once the test ends.
	s, tmpl := loopingNotice(t, `{{range $i := 2000000}}{{end}}`)
	tmpl.run.bounds = pageBounds{idle: 2 * time.Millisecond}
	err := Render(s, tmpl, func(string, []byte) error { return nil })
	if !errors.Is(err, ErrPageIdle) {
		t.Fatalf("got %v, want ErrPageIdle", err)
	}
	for _, want := range []string{"content/2024/a.md", "2024/a/index.html", "notice.html", "页面模板长时间没有写出任何内容"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the message does not name %q: %v", want, err)
		}
	}
}

// TestSilentPartGivenUp: a part (parts.go) is bounded as its page is, and
// its message names the page and the page's file as the page's does.
func TestSilentPartGivenUp(t *testing.T) {
	// 2,000,000 steps take some 85 ms (670 ms with -race), well past an
	// idle bound of 20 ms; the other parts write well within it even with
	// -race (at 2 ms, site-foot was given up first under -race in CI).
	s, tmpl := loopingIn(t, "time-element", `{{range $i := 2000000}}{{end}}`)
	tmpl.run.bounds = pageBounds{idle: 20 * time.Millisecond}
	err := Render(s, tmpl, func(string, []byte) error { return nil })
	if !errors.Is(err, ErrPageIdle) {
		t.Fatalf("got %v, want ErrPageIdle", err)
	}
	for _, want := range []string{"content/2024/a.md", "2024/a/index.html", "notice.html", "time-element", "页面模板长时间没有写出任何内容"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the message does not name %q: %v", want, err)
		}
	}
}

package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
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

	plain, _ := LoadTemplates(fstest.MapFS{}, s.Settings.BasePath(), s.Settings.AbsURL)
	if err := Render(s, plain, discard); err != nil {
		t.Errorf("the built-in templates: %v", err)
	}
}

// childTest is the variable that tells a test binary run by inChild which
// test it runs for its parent.
const childTest = "DISCLOSE_RENDER_CHILD_TEST"

// inChild runs the test t again in a child process, the test binary run
// for t alone, and reports whether t is that child, which is to run the
// test's body; in the parent it fails t if the child failed or did not
// run it. A template that loops writing nothing cannot be stopped, only
// given up, and its goroutine spins until its process exits: in this
// process, two such loops (TestSilentLoopGivenUp's and
// TestSilentItemGivenUp's) took the processors from every test after
// them, and under -race the rest of the package took three times as long
// (TestTemplatesWrittenBeforeTexts: 78 s, not 32) and a GB of memory.
func inChild(t *testing.T) bool {
	t.Helper()
	if os.Getenv(childTest) == t.Name() {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v", "-test.timeout=5m")
	cmd.Env = append(os.Environ(), childTest+"="+t.Name())
	out, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("--- PASS: "+t.Name()+" ")) {
		t.Errorf("%s in a child process: %v\n%s", t.Name(), err, out)
	}
	return false
}

// TestSilentLoopGivenUp: a loop that writes nothing cannot be stopped,
// only given up: the build does not wait for it once its context is
// done. (Its goroutine spins on until the process exits: a child's.)
func TestSilentLoopGivenUp(t *testing.T) {
	if !inChild(t) {
		return
	}
	s, quiet := loopingNotice(t, `{{range $i := 1000000000000}}{{end}}`)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	quiet.Bind(ctx)
	if err := Render(s, quiet, func(string, []byte) error { return nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a silent loop, its build cancelled: got %v, want the context's error", err)
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
	// A loop that writes stops at the page's bound; one that writes
	// nothing is given up when the build is cancelled: in a child
	// process (TestSilentItemGivenUp), as its goroutine spins on.
	loop := strings.Repeat("巡", 4096)
	if os.Getenv(childTest) == "TestSilentItemGivenUp" {
		loop = ""
	}
	files["templates/pager.html"] = mapFile(strings.Replace(string(src), `{{define "item"}}`, `{{define "item"}}{{range $i := 1000000000000}}`+loop+`{{end}}`, 1))
	tmpl, problems := LoadTemplates(files, s.Settings.BasePath(), s.Settings.AbsURL)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	if loop == "" {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		tmpl.Bind(ctx)
		if err := Render(s, tmpl, discard); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("an item template that loops writing nothing: got %v, want %v", err, context.DeadlineExceeded)
		}
		return
	}
	// Writing 64 MiB may take longer than MaxPageTime on a busy machine
	// (or with -race): either bound stops it.
	if err := Render(s, tmpl, discard); !errors.Is(err, ErrPageTooLarge) && !errors.Is(err, ErrPageTooSlow) {
		t.Errorf("an item template that loops: got %v, want %v", err, ErrPageTooLarge)
	}
}

// TestSilentItemGivenUp is TestItemTemplateBounds with an item template
// that loops writing nothing, in a child process (inChild).
func TestSilentItemGivenUp(t *testing.T) {
	if inChild(t) {
		TestItemTemplateBounds(t)
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

// silentIdle is the idle bound of the tests of a template that loops
// writing nothing. Every other page and part of the site must write
// within it, however busy the machine: at 2 ms and at 20 ms, the site's
// footer ("site-foot") was given up first under -race on a loaded
// machine (in CI, and once in 100 runs with GOMAXPROCS=1), and the
// message named it, not the loop.
const silentIdle = time.Second

// TestSilentTemplateGivenUp: a site's template that loops writing nothing
// is given up at the idle bound, with a message that names the notice,
// the page and its template. (The loop spins on until the process exits:
// a child's, inChild.)
func TestSilentTemplateGivenUp(t *testing.T) {
	if !inChild(t) {
		return
	}
	s, tmpl := loopingNotice(t, `{{range $i := 1000000000000}}{{end}}`)
	tmpl.run.bounds = pageBounds{idle: silentIdle}
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
	if !inChild(t) {
		return
	}
	s, tmpl := loopingIn(t, "time-element", `{{range $i := 1000000000000}}{{end}}`)
	tmpl.run.bounds = pageBounds{idle: silentIdle}
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

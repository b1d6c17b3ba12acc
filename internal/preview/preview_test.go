package preview

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"disclose/internal/corpus"
)

// deadline bounds every wait for something that should happen; it is a
// limit for a broken server, never a measure of a working one.
const deadline = 15 * time.Second

// harness is a real preview server on 127.0.0.1:0, serving a temporary
// site.
type harness struct {
	root   testing.TB // the test that started the server
	t      testing.TB // the (sub)test under way
	dir    string
	srv    *Server
	origin string // http://127.0.0.1:port
	log    *syncBuffer
	stop   context.CancelFunc
	served chan error
	client *http.Client
	once   sync.Once
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newSite writes a site of n notices, two a year from 2025 down.
func newSite(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := corpus.WriteSample(dir, "../..", n, 2); err != nil {
		t.Fatal(err)
	}
	return dir
}

func start(t testing.TB, dir string, opts Options) *harness {
	t.Helper()
	h := &harness{root: t, t: t, dir: dir, log: &syncBuffer{}, served: make(chan error, 1),
		client: &http.Client{
			Transport:     &http.Transport{DisableKeepAlives: true},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}}
	opts.Site, opts.Log = dir, h.log
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h.srv, h.origin = srv, "http://"+ln.Addr().String()
	ctx, stop := context.WithCancel(context.Background())
	h.stop = stop
	go func() { h.served <- srv.Serve(ctx, ln) }()
	t.Cleanup(h.shutdown)
	return h
}

// shutdown stops the server as Ctrl-C does, and checks that it ends.
func (h *harness) shutdown() { h.once.Do(h.stopServer) }

func (h *harness) stopServer() {
	t := h.root
	h.stop()
	select {
	case err := <-h.served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(deadline):
		t.Errorf("Serve did not return %v after it was stopped", deadline)
	}
	if err := h.srv.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if t.Failed() {
		t.Logf("server log:\n%s", h.log)
	}
}

func (h *harness) get(path string) (int, string, http.Header) {
	h.t.Helper()
	resp, err := h.client.Get(h.origin + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.StatusCode, string(body), resp.Header
}

// page GETs a page that must be there.
func (h *harness) page(path string) string {
	h.t.Helper()
	code, body, _ := h.get(path)
	if code != http.StatusOK {
		h.t.Fatalf("GET %s: got status %d, want 200", path, code)
	}
	return body
}

func (h *harness) file(rel string) string { return filepath.Join(h.dir, filepath.FromSlash(rel)) }

func (h *harness) write(rel, text string) {
	h.t.Helper()
	if err := os.MkdirAll(filepath.Dir(h.file(rel)), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(h.file(rel), []byte(text), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) read(rel string) string {
	h.t.Helper()
	b, err := os.ReadFile(h.file(rel))
	if err != nil {
		h.t.Fatal(err)
	}
	return string(b)
}

// edit replaces old by new in a source file, in place.
func (h *harness) edit(rel, old, new string) {
	h.t.Helper()
	src := h.read(rel)
	if !strings.Contains(src, old) {
		h.t.Fatalf("%s has no %q", rel, old)
	}
	h.write(rel, strings.Replace(src, old, new, 1))
}

var versionRE = regexp.MustCompile(`<script src="/_disclose/reload.js" data-version="([^"]+)"></script>`)

// event is one Server-Sent Event.
type event struct{ name, data string }

// stream is the event stream of one open page.
type stream struct {
	t      testing.TB
	events chan event
	cancel context.CancelFunc
}

// open loads the page at path, as a browser does, and opens its event
// stream; it returns once the server has taken the stream.
func (h *harness) open(path string) *stream {
	h.t.Helper()
	m := versionRE.FindStringSubmatch(h.page(path))
	if m == nil {
		h.t.Fatalf("GET %s: the page has no reload script", path)
	}
	return h.openVersion(path, m[1])
}

// openVersion opens the event stream of the page at path, served as
// version.
func (h *harness) openVersion(path, version string) *stream {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	q := url.Values{"v": {version}, "path": {path}}
	req, _ := http.NewRequestWithContext(ctx, "GET", h.origin+"/_disclose/events?"+q.Encode(), nil)
	resp, err := h.client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		h.t.Fatalf("events: got Content-Type %q, want text/event-stream", ct)
	}
	s := &stream{t: h.t, events: make(chan event, 10), cancel: cancel}
	go s.read(resp.Body)
	h.t.Cleanup(cancel)
	if ev := s.next(); ev.name != "" {
		h.t.Fatalf("first event %v, want the retry field alone", ev)
	}
	return s
}

func (s *stream) read(body io.ReadCloser) {
	defer body.Close()
	defer close(s.events)
	sc := bufio.NewScanner(body)
	var ev event
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			s.events <- ev
			ev = event{}
		case strings.HasPrefix(line, "event: "):
			ev.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			ev.data = strings.TrimPrefix(line, "data: ")
		}
	}
}

func (s *stream) next() event {
	s.t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			s.t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(deadline):
		s.t.Fatalf("no event after %v", deadline)
	}
	return event{}
}

func (s *stream) want(name, data string) {
	s.t.Helper()
	if ev := s.next(); ev.name != name || ev.data != data {
		s.t.Fatalf("got event %q with data %q, want %q with %q", ev.name, ev.data, name, data)
	}
}

// TestLive edits a served site as an editor does, and checks after each
// save that the open page is told to reload, or to go elsewhere, and what
// it then loads.
func TestLive(t *testing.T) {
	for _, mode := range []struct {
		name string
		poll time.Duration
	}{{"fsnotify", 0}, {"poll", 20 * time.Millisecond}} {
		t.Run(mode.name, func(t *testing.T) { testLive(t, Options{Drafts: true, Poll: mode.poll}) })
	}
}

func testLive(t *testing.T, opts Options) {
	h := start(t, newSite(t, 4), opts)
	const a, aPage = "content/2025/notice-00000.md", "/xszg/2025/notice-00000/"

	t.Run("edit", func(t *testing.T) {
		h.t = t
		s := h.open(aPage)
		h.edit(a, "根据省委统一部署", "根据省委统一部署(第一次修改)")
		s.want("reload", "")
		if body := h.page(aPage); !strings.Contains(body, "第一次修改") {
			t.Errorf("the page does not show the edit:\n%s", body)
		}
	})
	t.Run("atomic rename-over save", func(t *testing.T) {
		h.t = t
		s := h.open(aPage)
		h.write(a+"___jb_tmp___", strings.Replace(h.read(a), "第一次修改", "第二次修改", 1))
		if err := os.Rename(h.file(a+"___jb_tmp___"), h.file(a)); err != nil {
			t.Fatal(err)
		}
		s.want("reload", "")
		if body := h.page(aPage); !strings.Contains(body, "第二次修改") {
			t.Errorf("the page does not show the edit")
		}
	})
	t.Run("new year folder with a new notice", func(t *testing.T) {
		h.t = t
		s := h.open("/xszg/")
		sample, err := os.ReadFile(filepath.Join("../..", corpus.SamplePath))
		if err != nil {
			t.Fatal(err)
		}
		h.write("content/2026/new-one.md", string(corpus.SampleNotice(sample, 2026, 99)))
		s.want("reload", "")
		if body := h.page("/xszg/"); !strings.Contains(body, `href="/xszg/2026/new-one/"`) {
			t.Errorf("the home page does not list the new notice")
		}
		h.page("/xszg/2026/new-one/")
		h.page("/xszg/2026/")
	})
	t.Run("delete a notice", func(t *testing.T) {
		h.t = t
		s := h.open("/xszg/2026/new-one/")
		if err := os.Remove(h.file("content/2026/new-one.md")); err != nil {
			t.Fatal(err)
		}
		s.want("goto", "/xszg/") // its year is gone too
		if code, _, _ := h.get("/xszg/2026/new-one/"); code != http.StatusNotFound {
			t.Errorf("the deleted page: got status %d, want 404", code)
		}
		s = h.open("/xszg/2024/notice-00003/")
		if err := os.Remove(h.file("content/2024/notice-00003.md")); err != nil {
			t.Fatal(err)
		}
		s.want("goto", "/xszg/2024/")
		if body := h.page("/xszg/2024/"); strings.Contains(body, "notice-00003") {
			t.Errorf("the year page still lists the deleted notice")
		}
	})
	t.Run("break the settings, then fix them", func(t *testing.T) {
		h.t = t
		s := h.open(aPage)
		line := 1 + strings.Count(h.read("content/site.toml")[:strings.Index(h.read("content/site.toml"), "base_url =")], "\n")
		h.edit("content/site.toml", `base_url = "https://example.org/xszg/"`, `base_url = "https://example.org/xszg/`)
		// A poll can catch the file empty while it is saved (see the
		// fix below): the overlay then names other problems first.
		want := `<span class="at">content/site.toml:` + strconv.Itoa(line) + `:`
		var body string
		for try := 0; ; try++ {
			s.want("reload", "")
			if body = h.page(aPage); strings.Contains(body, want) || try == 2 {
				break
			}
		}
		if !strings.Contains(body, "第二次修改") {
			t.Errorf("the last good page is not served")
		}
		if !strings.Contains(body, want) {
			t.Errorf("the page has no overlay with %q:\n%s", want, body)
		}
		if !strings.Contains(h.log.String(), "content/site.toml:"+strconv.Itoa(line)+":") {
			t.Errorf("the terminal does not show the problem:\n%s", h.log)
		}
		s = h.open(aPage)
		h.edit("content/site.toml", `base_url = "https://example.org/xszg/`, `base_url = "https://example.org/xszg/"`)
		// The save truncates the file before it writes it: a poll can
		// catch it empty (title and base_url missing), and the page is
		// told to reload over those problems first, then again once the
		// whole file is read. The overlay must be gone after the last.
		for try := 0; ; try++ {
			s.want("reload", "")
			body := h.page(aPage)
			if !strings.Contains(body, "disclose-problems") {
				break
			}
			if try == 2 {
				t.Fatalf("the overlay is still there after the fix")
			}
		}
	})
}

// A draft with errors is previewed as far as it goes: its errors are
// reported, but no page shows them over it as a failed build's.
func TestDraftWithErrorsShown(t *testing.T) {
	dir := newSite(t, 2)
	sample, err := os.ReadFile(filepath.Join("../..", corpus.SamplePath))
	if err != nil {
		t.Fatal(err)
	}
	draft := strings.Replace(string(corpus.SampleNotice(sample, 2025, 98)), "draft = false", "draft = true", 1)
	draft = strings.Replace(draft, "\n(二)推动妇女儿童", "\n(五)推动妇女儿童", 1)
	if err := os.WriteFile(filepath.Join(dir, "content/2025/wip.md"), []byte(draft), 0o644); err != nil {
		t.Fatal(err)
	}
	h := start(t, dir, Options{Drafts: true})
	for _, p := range []string{"/xszg/2025/wip/", "/xszg/"} {
		if body := h.page(p); strings.Contains(body, "disclose-problems") || !strings.Contains(body, "草稿") {
			t.Errorf("%s: want the draft shown, marked, with no problems over it:\n%s", p, body)
		}
	}
	if log := h.log.String(); !strings.Contains(log, "content/2025/wip.md:") || !strings.Contains(log, "in drafts") {
		t.Errorf("the log does not report the draft's errors:\n%s", log)
	}
}

// TestNavigationPagesServed: the preview serves the navigation pages of
// issue 18, the unit's page at its name percent-encoded as a browser asks
// for it, and a list's later page.
func TestNavigationPagesServed(t *testing.T) {
	dir := newSite(t, 12)
	h := start(t, dir, Options{})
	if body := h.page("/xszg/unit/" + url.PathEscape("省妇女联合会党组") + "/"); !strings.Contains(body, "<h1>省妇女联合会党组</h1>") {
		t.Errorf("the unit's page is not served:\n%.600s", body)
	}
	if body := h.page("/xszg/page/2/"); !strings.Contains(body, "全部通报") {
		t.Errorf("the home page's second page is not served:\n%.600s", body)
	}
	for _, p := range []string{"/xszg/xunshi/", "/xszg/round/", "/xszg/unit/"} {
		h.page(p)
	}
}

package preview

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"disclose/internal/diag"
)

func TestDecide(t *testing.T) {
	files := func(pairs ...string) map[string][]byte {
		m := map[string][]byte{}
		for i := 0; i < len(pairs); i += 2 {
			m[pairs[i]] = []byte(pairs[i+1])
		}
		return m
	}
	before := &state{base: "/xszg/", files: files(
		"index.html", "home", "2025/index.html", "y2025", "2025/a/index.html", "a", "2025/b/index.html", "b",
		"2024/index.html", "y2024", "2024/c/index.html", "c")}
	broken := &state{base: before.base, files: before.files, problems: diag.List{{Path: "content/site.toml", Line: 3, Col: 1, Message: "bad"}}}
	broken.overlay = overlay(broken)
	never := &state{base: "/", problems: broken.problems}
	never.overlay = overlay(never)
	tests := []struct {
		name      string
		old, next *state
		page      string
		want      string
	}{
		{"the page changed", before, &state{base: "/xszg/", files: files("2025/a/index.html", "a2", "2025/index.html", "y2025")},
			"/xszg/2025/a/", "event: reload\ndata: \n\n"},
		{"another page changed", before, &state{base: "/xszg/", files: files("2025/a/index.html", "a", "2025/b/index.html", "b2")},
			"/xszg/2025/a/", ""},
		{"the page is gone: its year page", before, &state{base: "/xszg/", files: files("2025/index.html", "y", "2025/b/index.html", "b")},
			"/xszg/2025/a/", "event: goto\ndata: /xszg/2025/\n\n"},
		{"the page and its year are gone: home", before, &state{base: "/xszg/", files: files("index.html", "home", "2025/index.html", "y2025")},
			"/xszg/2024/c/", "event: goto\ndata: /xszg/\n\n"},
		{"the sources broke", before, broken, "/xszg/2025/a/", "event: reload\ndata: \n\n"},
		{"the sources were fixed", broken, before, "/xszg/2025/a/", "event: reload\ndata: \n\n"},
		{"still broken the same way", broken, broken, "/xszg/2025/a/", ""},
		{"a page that never was", before, before, "/xszg/nope/", ""},
		{"missed a build: reload", nil, before, "/xszg/2025/a/", "event: reload\ndata: \n\n"},
		{"missed a build, and gone", nil, before, "/xszg/2023/x/", "event: goto\ndata: /xszg/\n\n"},
		{"built at last", never, before, "/", "event: reload\ndata: \n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decide(tt.old, tt.next, tt.page); got != tt.want {
				t.Errorf("decide(%s) = %q, want %q", tt.page, got, tt.want)
			}
		})
	}
}

// TestShutdown checks that stopping the server ends open event streams,
// lets Serve return, and leaves no goroutine behind once Close returned.
func TestShutdown(t *testing.T) {
	before := runtime.NumGoroutine()
	dir := newSite(t, 1)
	func() {
		h := start(t, dir, Options{Drafts: true})
		s := h.open("/xszg/")
		h.shutdown()
		if _, ok := <-s.events; ok {
			t.Errorf("an event came after shutdown")
		}
	}()
	var after int
	for wait := time.Now().Add(deadline); time.Now().Before(wait); time.Sleep(10 * time.Millisecond) {
		if after = runtime.NumGoroutine(); after <= before {
			return
		}
	}
	buf := make([]byte, 1<<16)
	t.Errorf("%d goroutines after shutdown, %d before:\n%s", after, before, strings.TrimSpace(string(buf[:runtime.Stack(buf, true)])))
}

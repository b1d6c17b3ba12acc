package preview

import (
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHostHeader asks the real preview on 127.0.0.1 for a draft under
// several Host headers: a page on another site that rebinds its name to
// 127.0.0.1 sends its own name, and must not read the draft.
func TestHostHeader(t *testing.T) {
	h := start(t, newSite(t, 2), Options{Drafts: true, Hosts: []string{"preview.lan"}})
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(h.origin, "http://"))
	tests := []struct {
		host string
		code int
	}{
		{"127.0.0.1:" + port, http.StatusOK},
		{"localhost:" + port, http.StatusOK},
		{"LOCALHOST.:" + port, http.StatusOK},
		{"app.localhost:" + port, http.StatusOK},
		{"127.0.0.2:" + port, http.StatusOK},
		{"[::1]:" + port, http.StatusOK},
		{"preview.lan:" + port, http.StatusOK},
		{"127.0.0.1", http.StatusOK},
		{"attacker.example:" + port, http.StatusMisdirectedRequest},
		{"attacker.example", http.StatusMisdirectedRequest},
		{"localhost.attacker.example:" + port, http.StatusMisdirectedRequest},
		{"127.0.0.1.nip.io:" + port, http.StatusMisdirectedRequest},
		{"10.0.0.1:" + port, http.StatusMisdirectedRequest},
	}
	for _, path := range []string{"/xszg/2025/notice-00000/", "/_disclose/events?v=x", "/_disclose/reload.js"} {
		for _, tt := range tests {
			t.Run(tt.host+path, func(t *testing.T) {
				req, _ := http.NewRequest("GET", h.origin+path, nil)
				req.Host = tt.host
				if tt.code == http.StatusOK && strings.Contains(path, "events") {
					return // a stream that stays open: its refusal is what matters
				}
				resp, err := h.client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				body, _ := io.ReadAll(resp.Body)
				if resp.StatusCode != tt.code {
					t.Fatalf("got status %d, want %d; body:\n%.300s", resp.StatusCode, tt.code, body)
				}
				if tt.code != http.StatusOK && (strings.Contains(string(body), "notice-00000") || !strings.Contains(string(body), "预览只回答本机地址")) {
					t.Errorf("the refusal should explain itself and show nothing of the site; got:\n%s", body)
				}
			})
		}
	}
}

func TestHostsServingEverywhere(t *testing.T) {
	h := newHosts(&net.TCPAddr{IP: net.IPv4zero, Port: 8080}, nil)
	if !h.allows("127.0.0.1:8080") {
		t.Error("127.0.0.1 refused when serving on 0.0.0.0")
	}
	if h.allows("attacker.example:8080") {
		t.Error("attacker.example allowed when serving on 0.0.0.0")
	}
}

// FuzzHostAllows checks that no Host header panics the guard, and that a
// name it allows is one of this computer's.
func FuzzHostAllows(f *testing.F) {
	for _, s := range []string{"127.0.0.1:8080", "[::1]:1", "localhost", "a.localhost.", "attacker.example:80", "[", ":", "%31%32%37.0.0.1"} {
		f.Add(s)
	}
	h := newHosts(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, nil)
	f.Fuzz(func(t *testing.T, host string) {
		if !h.allows(host) {
			return
		}
		name := host
		if n, _, err := net.SplitHostPort(host); err == nil {
			name = n
		}
		name = strings.TrimSuffix(strings.ToLower(strings.Trim(name, "[]")), ".")
		ip := net.ParseIP(name)
		if name != "localhost" && !strings.HasSuffix(name, ".localhost") && (ip == nil || !ip.IsLoopback()) {
			t.Errorf("allowed Host %q", host)
		}
	})
}

// TestNoRedirectLoop serves a site whose base_url climbs out of its folder
// (/%2e%2e/%2e%2e/, which a browser reads as /): the preview once sent /
// to itself for ever. Now the settings are refused, and every path ends in
// a page, after a redirect or two at most.
func TestNoRedirectLoop(t *testing.T) {
	for _, base := range []string{"https://example.org/%2e%2e/%2e%2e/", "https://example.org/./", "https://example.org//evil.example/"} {
		t.Run(base, func(t *testing.T) {
			dir := newSite(t, 1)
			name := filepath.Join(dir, "content/site.toml")
			settings, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			settings = regexp.MustCompile(`(?m)^base_url = .*$`).ReplaceAll(settings, []byte(`base_url = "`+base+`"`))
			if err := os.WriteFile(name, settings, 0o644); err != nil {
				t.Fatal(err)
			}
			h2 := start(t, dir, Options{Drafts: true})
			follow := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
			for _, p := range []string{"/", "/xszg/", "/%2e%2e/%2e%2e/", "/evil.example/"} {
				resp, err := follow.Get(h2.origin + p)
				if err != nil {
					t.Fatalf("GET %s: %v", p, err)
				}
				resp.Body.Close()
				if resp.StatusCode/100 == 3 {
					t.Errorf("GET %s: still a redirect after following them", p)
				}
			}
			if !strings.Contains(h2.log.String(), "base_url") {
				t.Errorf("the log does not name base_url:\n%s", h2.log)
			}
		})
	}
}

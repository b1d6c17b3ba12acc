package preview

import (
	"bytes"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclose/internal/build"
	"disclose/internal/site"
)

func TestHTTP(t *testing.T) {
	h := start(t, newSite(t, 2), Options{Drafts: true})
	tests := []struct {
		method, path string
		code         int
		location     string // for a redirect
		contentType  string
		contains     string
	}{
		{"GET", "/", http.StatusFound, "/xszg/", "", ""},
		{"GET", "/xszg", http.StatusFound, "/xszg/", "", ""},
		{"GET", "/xszg/2025/notice-00000", http.StatusFound, "/xszg/2025/notice-00000/", "", ""},
		{"GET", "/xszg/2025?x=1", http.StatusFound, "/xszg/2025/?x=1", "", ""},
		{"GET", "/xszg/", http.StatusOK, "", "text/html; charset=utf-8", `href="/xszg/2025/notice-00000/"`},
		{"GET", "/xszg/2025/notice-00000/", http.StatusOK, "", "text/html; charset=utf-8", `<h1><span class="title-line">中共浙江省妇女联合会党组</span><span class="title-line">关于巡视整改情况的通报(0)</span></h1>`},
		{"GET", "/xszg/2025/notice-00000/notice.json", http.StatusOK, "", "application/json", `"slug":"notice-00000"`},
		{"GET", "/xszg/feed.xml", http.StatusOK, "", "text/xml; charset=utf-8", "<feed"},
		{"GET", "/xszg/sitemap.xml", http.StatusOK, "", "text/xml; charset=utf-8", "<urlset"},
		{"GET", "/xszg/nothing-here/", http.StatusNotFound, "", "text/html; charset=utf-8", "页面不存在"},
		{"GET", "/elsewhere/", http.StatusNotFound, "", "text/html; charset=utf-8", "/_disclose/reload.js"},
		{"GET", "/_disclose/reload.js", http.StatusOK, "", "text/javascript; charset=utf-8", "new EventSource("},
		{"GET", "/_disclose/preview.css", http.StatusOK, "", "text/css; charset=utf-8", ".disclose-problems"},
		{"HEAD", "/xszg/", http.StatusOK, "", "text/html; charset=utf-8", ""},
		{"POST", "/xszg/", http.StatusMethodNotAllowed, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, h.origin+tt.path, nil)
			resp, err := h.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body := new(bytes.Buffer)
			if _, err := body.ReadFrom(resp.Body); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.code {
				t.Errorf("got status %d, want %d", resp.StatusCode, tt.code)
			}
			if got := resp.Header.Get("Location"); got != tt.location {
				t.Errorf("got Location %q, want %q", got, tt.location)
			}
			if got := resp.Header.Get("Content-Type"); tt.contentType != "" && got != tt.contentType {
				t.Errorf("got Content-Type %q, want %q", got, tt.contentType)
			}
			if !strings.Contains(body.String(), tt.contains) {
				t.Errorf("the body has no %q:\n%.500s", tt.contains, body)
			}
			if tt.method == "HEAD" && body.Len() > 0 {
				t.Errorf("HEAD: got a body of %d bytes, want none", body.Len())
			}
			if got := resp.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("got Cache-Control %q, want no-store: a preview must never be cached", got)
			}
		})
	}
}

// TestDrafts checks that the preview shows drafts, marked as such on their
// page and in the listings, unless told to leave them out.
func TestDrafts(t *testing.T) {
	dir := newSite(t, 2)
	name := filepath.Join(dir, "content/2025/notice-00001.md")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(strings.Replace(string(src), "draft = false", "draft = true", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	h := start(t, dir, Options{Drafts: true})
	if body := h.page("/xszg/2025/notice-00001/"); !strings.Contains(body, "草稿 DRAFT") {
		t.Errorf("the draft's page has no 草稿 DRAFT mark")
	}
	if body := h.page("/xszg/2025/notice-00000/"); strings.Contains(body, "草稿 DRAFT") {
		t.Errorf("a published notice's page has the draft mark")
	}
	for _, listing := range []string{"/xszg/", "/xszg/2025/"} {
		if body := h.page(listing); strings.Count(body, `class="draft-mark"`) != 1 {
			t.Errorf("%s: got %d draft marks, want 1", listing, strings.Count(body, `class="draft-mark"`))
		}
	}
	h2 := start(t, dir, Options{Drafts: false})
	if code, _, _ := h2.get("/xszg/2025/notice-00001/"); code != http.StatusNotFound {
		t.Errorf("without drafts, the draft's page: got status %d, want 404", code)
	}
}

// TestScriptOnlyWhenServing checks that the reload script and the overlay
// are added by the server: a page served has them, and not a file of a
// build of the same site.
func TestScriptOnlyWhenServing(t *testing.T) {
	dir := newSite(t, 2)
	h := start(t, dir, Options{Drafts: true})
	if body := h.page("/xszg/2025/notice-00000/"); !strings.Contains(body, `<script src="/_disclose/reload.js"`) {
		t.Fatalf("the served page has no reload script")
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.ToDisk(dir, out, site.Options{Drafts: true}); err != nil {
		t.Fatal(err)
	}
	files := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data, err := os.ReadFile(p)
		for _, s := range []string{"/_disclose/", "reload.js", "EventSource", "disclose-problems"} {
			if strings.Contains(string(data), s) {
				t.Errorf("%s: a built file holds %q", p, s)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 10 {
		t.Errorf("the build wrote %d files, want at least 10", files)
	}
}

// TestFirstBuildFails checks that a site that does not build at the start
// is served as its problems, and then as itself once fixed.
func TestFirstBuildFails(t *testing.T) {
	dir := newSite(t, 1)
	name := filepath.Join(dir, "content/site.toml")
	good, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte("title = \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := start(t, dir, Options{Drafts: true})
	code, body, _ := h.get("/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, `<span class="at">content/site.toml:1:`) {
		t.Fatalf("got status %d and\n%s\nwant 503 and the problem at content/site.toml:1", code, body)
	}
	if !strings.Contains(body, "网站还没能构建") {
		t.Errorf("the overlay does not say that the site never built")
	}
	m := versionRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the failure page has no reload script")
	}
	s := h.openVersion("/", m[1])
	if err := os.WriteFile(name, good, 0o644); err != nil {
		t.Fatal(err)
	}
	s.want("reload", "")
	if code, _, hdr := h.get("/"); code != http.StatusFound || hdr.Get("Location") != "/xszg/" {
		t.Errorf("after the fix, / gives %d to %q, want a redirect to /xszg/", code, hdr.Get("Location"))
	}
	if body := h.page("/xszg/"); strings.Contains(body, "disclose-problems") {
		t.Errorf("after the fix, the overlay is still there")
	}
}

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"disclose/internal/browser"
	"disclose/internal/build"
	"disclose/internal/output"
	"disclose/internal/site"
)

// The sample site's base URL, and the placeholders of the nginx block of
// docs/deploy.md that the test replaces.
const (
	sampleBase   = "https://example.org/xszg/"
	subPath      = "/xszg/"
	docListen    = "listen 80;"
	docPublicDir = "/var/www/xszg/public/"
)

// TestDeployNginx publishes the sample site as docs/deploy.md says: it
// builds it, serves it with Debian's nginx under its sub-path with the
// nginx block of the guide, and fetches every address a page, the feed,
// the sitemap or notices.json names. Every one answers 200; a missing page
// answers 404 with the site's 404 page; the build marker is not served;
// hashed assets are cached a year and pages not at all. Then Chromium loads
// each kind of page, and no request of those loads (the icon included)
// fails.
func TestDeployNginx(t *testing.T) {
	if testing.Short() {
		t.Skip("the nginx test is skipped in -short mode")
	}
	nginx := findNginx(t)
	dir := t.TempDir()
	public := filepath.Join(dir, "public")
	if problems, err := build.ToDisk("../..", public, site.Options{}); err != nil {
		t.Fatalf("building the sample site: %v\n%v", err, problems)
	}
	if _, err := os.Stat(filepath.Join(public, output.Marker)); err != nil {
		t.Fatalf("the build wrote no %s to hide: %v", output.Marker, err)
	}
	base, accessLog := startNginx(t, nginx, dir, public)
	client := &http.Client{Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	fetched := crawl(t, client, base)
	for _, want := range []string{"", "feed.xml", "sitemap.xml", "notices.json", "404.html", "2025/", "2025/zhejiang-womens-federation/"} {
		if _, ok := fetched[base+subPath+want]; !ok {
			t.Errorf("the crawl never reached %s%s", subPath, want)
		}
	}
	hashed := regexp.MustCompile(`/(?:style|modes|favicon)\.[0-9a-f]{10}\.(?:css|js|svg)$`)
	assets := 0
	for u, r := range fetched {
		cc := r.Header.Get("Cache-Control")
		switch {
		case hashed.MatchString(u):
			assets++
			if !strings.Contains(cc, "max-age=31536000") {
				t.Errorf("%s: Cache-Control %q, want a year (max-age=31536000): its name changes with its content", u, cc)
			}
		case cc != "no-cache":
			t.Errorf("%s: Cache-Control %q, want no-cache: it changes under the same name", u, cc)
		}
	}
	if assets != 3 {
		t.Errorf("fetched %d hashed assets, want 3: the stylesheet, the script and the icon", assets)
	}

	// A missing page: the site's 404 page, with status 404; so too every
	// hidden file of the build (the marker), which is not the site's.
	missing := []string{"no-such-notice/", "2025/no-such-notice/", "2025/.hidden"}
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".") {
			rel, _ := filepath.Rel(public, p)
			missing = append(missing, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(missing, output.Marker) {
		t.Errorf("no %s among the hidden files of the build: %v", output.Marker, missing)
	}
	for _, p := range missing {
		r, body := get(t, client, base+subPath+p)
		if r.StatusCode != http.StatusNotFound || !strings.Contains(body, "<title>页面不存在") {
			t.Errorf("%s%s: got %s, want 404 with the site's 404 page:\n%.300s", subPath, p, r.Status, body)
		}
	}
	// The sub-path without its slash leads to the home page.
	if r, _ := get(t, client, base+strings.TrimSuffix(subPath, "/")); r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != subPath {
		t.Errorf("%s: got %s to %q, want 301 to %s", strings.TrimSuffix(subPath, "/"), r.Status, r.Header.Get("Location"), subPath)
	}

	pageLoads(t, base, accessLog)
}

// findNginx is Debian's nginx, or the test is skipped saying so.
func findNginx(t *testing.T) string {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx"
	}
	t.Skip("skipping: nginx is not installed (apt-get install nginx); docs/deploy.md's configuration is untested")
	return ""
}

// deployBlock is the nginx block of docs/deploy.md.
func deployBlock(t *testing.T) string {
	doc, err := os.ReadFile("../../docs/deploy.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "\n```nginx\n")
	block, _, closed := strings.Cut(rest, "\n```\n")
	if !ok || !closed {
		t.Fatal("docs/deploy.md has no ```nginx block")
	}
	return block
}

// startNginx runs nginx in the foreground with docs/deploy.md's server
// block, on a free port of 127.0.0.1, serving public, everything else of
// its own (prefix, pid, logs, temporary files) in dir, and stops it when
// the test ends. It returns the server's address and its access log.
func startNginx(t *testing.T, nginx, dir, public string) (string, string) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	server := deployBlock(t)
	for _, r := range [][2]string{{docListen, "listen " + addr + ";"}, {docPublicDir, public + "/"}} {
		if !strings.Contains(server, r[0]) {
			t.Fatalf("docs/deploy.md's nginx block has no %q for the test to replace", r[0])
		}
		server = strings.ReplaceAll(server, r[0], r[1])
	}
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;\n" // the workers read the test's temporary folder, which only its owner may
	}
	tmp := filepath.Join(dir, "nginx-tmp")
	accessLog := filepath.Join(dir, "access.log")
	errorLog := filepath.Join(dir, "error.log")
	conf := fmt.Sprintf(`daemon off;
%sworker_processes 1;
pid %[2]s/nginx.pid;
error_log %[3]s;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log %[4]s;
    client_body_temp_path %[5]s/body;
    proxy_temp_path %[5]s/proxy;
    fastcgi_temp_path %[5]s/fastcgi;
    uwsgi_temp_path %[5]s/uwsgi;
    scgi_temp_path %[5]s/scgi;
%[6]s
}
`, user, dir, errorLog, accessLog, tmp, server)
	confPath := filepath.Join(dir, "nginx.conf")
	if err := errors.Join(os.MkdirAll(tmp, 0o755), os.WriteFile(confPath, []byte(conf), 0o644)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nginx, "-p", dir+"/", "-c", confPath, "-e", errorLog)
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt) // nginx stops at once on SIGINT
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	for deadline := time.Now().Add(15 * time.Second); ; {
		select {
		case err := <-done:
			log, _ := os.ReadFile(errorLog)
			t.Fatalf("nginx stopped: %v\n%s\n%s", err, stderr.String(), log)
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx does not answer on %s", addr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return "http://" + addr, accessLog
}

func get(t *testing.T, client *http.Client, u string) (*http.Response, string) {
	t.Helper()
	r, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return r, string(body)
}

// siteURL finds the site's absolute addresses in a feed, a sitemap, JSON
// or a page (canonical links).
var siteURL = regexp.MustCompile(regexp.QuoteMeta(sampleBase) + `[^"'<>\s]*`)

// crawl fetches the home page, the sitemap and the 404 page and, from them
// and everything they lead to,
// every address of the site a page links (href, src) or a feed, the
// sitemap or notices.json names, each once. Every one must answer 200.
// It returns the responses by address.
func crawl(t *testing.T, client *http.Client, base string) map[string]*http.Response {
	fetched := map[string]*http.Response{}
	// The pages link the feed and notices.json; the sitemap and the 404
	// page are for search engines and the server.
	var queue []string
	for _, p := range []string{"", "sitemap.xml", "404.html"} {
		queue = append(queue, base+subPath+p)
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if _, ok := fetched[u]; ok {
			continue
		}
		r, body := get(t, client, u)
		fetched[u] = r
		if r.StatusCode != http.StatusOK {
			t.Errorf("%s: %s, want 200 OK", strings.TrimPrefix(u, base), r.Status)
			continue
		}
		var found []string
		for _, abs := range siteURL.FindAllString(body, -1) {
			found = append(found, base+subPath+strings.TrimPrefix(abs, sampleBase))
		}
		if strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
			for _, ref := range pageRefs(t, body) {
				found = append(found, resolve(t, u, ref))
			}
		}
		for _, f := range found {
			f, _, _ = strings.Cut(f, "#")
			if strings.HasPrefix(f, base+"/") {
				queue = append(queue, f)
			}
		}
	}
	if len(fetched) < 10 {
		t.Errorf("the crawl fetched only %d addresses: %v", len(fetched), slices.Sorted(maps.Keys(fetched)))
	}
	return fetched
}

// pageRefs are the href and src attributes of a page.
func pageRefs(t *testing.T, page string) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if a.Key == "href" || a.Key == "src" {
				refs = append(refs, a.Val)
			}
		}
	}
	return refs
}

// resolve is ref, found on the page at u, as an absolute address.
func resolve(t *testing.T, u, ref string) string {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := req.URL.Parse(ref)
	if err != nil {
		t.Errorf("%s links %q, which is not an address: %v", u, ref, err)
		return ""
	}
	return r.String()
}

// pageLoads loads the home page, a year's page, a notice's page and a
// missing page in Chromium from nginx, and reads nginx's access log: no
// request of those loads may fail but the missing page's own. Without an
// icon of its own a page makes the browser ask for /favicon.ico, which
// the site does not have.
func pageLoads(t *testing.T, base, accessLog string) {
	tab, stop, err := browser.Start(context.Background())
	if errors.Is(err, browser.ErrNotFound) {
		t.Logf("page loads not checked: %v", err)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	before := logLines(t, accessLog)
	missing := subPath + "no-such-notice/"
	pages := []string{subPath, subPath + "2025/", subPath + "2025/zhejiang-womens-federation/", missing}
	ctx, cancel := context.WithTimeout(tab, 60*time.Second)
	defer cancel()
	for i, p := range pages {
		// The icon is asked for after the load: wait for the browser to
		// show it (or to give up on it) before the next page. After the
		// first page, until nginx logged the request of the icon, however
		// busy the machine (within the tab's time): the next pages may
		// take it from the browser's cache.
		if _, err := chromedp.Run(ctx, chromedp.Navigate(base+p)); err != nil {
			t.Fatalf("loading %s: %v", p, err)
		}
		time.Sleep(time.Second)
		iconAsked := func() bool {
			return slices.ContainsFunc(logLines(t, accessLog)[len(before):], func(l string) bool { return strings.Contains(l, "/favicon.") })
		}
		for wait := time.Now().Add(20 * time.Second); i == 0 && time.Now().Before(wait) && !iconAsked(); {
			time.Sleep(50 * time.Millisecond)
		}
	}
	lines := logLines(t, accessLog)[len(before):]
	request := regexp.MustCompile(`"(?:GET|HEAD) (\S+) [^"]*" (\d{3}) `)
	seen := map[string]bool{}
	for _, l := range lines {
		m := request.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		seen[m[1]] = true
		if m[2] >= "400" && m[1] != missing {
			t.Errorf("a page load asked for %s and got %s", m[1], m[2])
		}
	}
	for _, p := range pages {
		if !seen[p] {
			t.Errorf("nginx's access log has no request of %s: the test did not see the page loads (%d lines)", p, len(lines))
		}
	}
	if !slices.ContainsFunc(slices.Collect(maps.Keys(seen)), func(p string) bool { return strings.Contains(p, "/favicon.") }) {
		t.Errorf("Chromium asked for no icon during the loads (requests: %v): the test cannot see an icon that is missing", slices.Sorted(maps.Keys(seen)))
	}
}

func logLines(t *testing.T, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		lines = append(lines, s.Text())
	}
	return lines
}

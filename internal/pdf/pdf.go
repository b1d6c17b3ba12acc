// Package pdf prints the notices of a built site to PDF with headless
// Chromium (package browser), on A4 as the print stylesheet sets them
// (GB/T 9704 type area, page numbers). It works on the output folder after
// the build pipeline has written it: it reads notices.json to find the
// notices and the base URL, serves the folder on 127.0.0.1 so that every
// link resolves as it will when published, and writes each PDF beside the
// notice's page, as <year>/<slug>/<slug>.pdf.
package pdf

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/chromedp/chromedp"

	"disclose/internal/browser"
	"disclose/internal/output"
)

// Print prints the page at pageURL in the browser tab ctx (from
// browser.Start) once its fonts have loaded, with the page size and margins
// of its own stylesheet, as a tagged PDF with an outline.
func Print(ctx context.Context, pageURL string) ([]byte, error) {
	err := chromedp.Do(ctx, chromedp.Navigate(pageURL), fontsLoaded())
	if err != nil {
		return nil, fmt.Errorf("无法打开 %s: %w", pageURL, err)
	}
	data, err := chromedp.Run(ctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFOutlineAndTagged(),
	))
	if err != nil {
		return nil, fmt.Errorf("无法打印 %s: %w", pageURL, err)
	}
	return data, nil
}

// fontsLoaded waits until the page's fonts are ready, so that the text is
// set in them and not in a fallback.
func fontsLoaded() chromedp.Action[chromedp.Void] {
	wait := chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := wait(ctx, t)
		return chromedp.Void{}, err
	}
}

// notice is what Site reads of one notice in notices.json.
type notice struct {
	URL  string `json:"url"`
	Path string `json:"path"` // below the base URL: 2025/slug/
	Slug string `json:"slug"`
}

// Site prints every notice of the site built in dir and returns the files
// written, relative to dir. It needs Chromium: without it the error is
// browser.ErrNotFound. Each PDF is written whole or not at all.
func Site(ctx context.Context, dir string) ([]string, error) {
	notices, base, err := readIndex(dir)
	if err != nil || len(notices) == 0 {
		return nil, err
	}
	srv, err := serve(dir, base)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	tab, stop, err := browser.Start(ctx)
	if err != nil {
		return nil, err
	}
	defer stop()
	var written []string
	for _, n := range notices {
		name := path.Join(n.Path, n.Slug+".pdf")
		data, err := Print(tab, srv.url+base+n.Path)
		if err == nil {
			err = output.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), data)
		}
		if err != nil {
			return written, fmt.Errorf("%s: %w", name, err)
		}
		written = append(written, name)
	}
	return written, nil
}

// readIndex reads dir/notices.json: the notices, and the base path of the
// site ("/xszg/"), which is each notice's URL less its path.
func readIndex(dir string) ([]notice, string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "notices.json"))
	if err != nil {
		return nil, "", fmt.Errorf("无法读取生成的网站: %w", err)
	}
	return parseIndex(data)
}

// parseIndex reads notices.json, refusing a notice whose path would leave
// the site folder.
func parseIndex(data []byte) ([]notice, string, error) {
	var index struct{ Notices []notice }
	if err := json.Unmarshal(data, &index); err != nil {
		return nil, "", fmt.Errorf("notices.json: %w", err)
	}
	base := "/"
	for _, n := range index.Notices {
		u, err := url.Parse(strings.TrimSuffix(n.URL, n.Path))
		if err != nil || !strings.HasSuffix(n.URL, n.Path) || !path.IsAbs(u.Path) || !localPath(n.Path) || strings.ContainsAny(n.Slug, `/\`) {
			return nil, "", fmt.Errorf("notices.json 中通报 %[1]q 的网址或路径异常; notices.json: notice %[1]q has an unexpected url or path", n.URL)
		}
		base = u.Path
	}
	return index.Notices, base, nil
}

// localPath reports whether p stays inside the site folder.
func localPath(p string) bool {
	return p != "" && filepath.IsLocal(filepath.FromSlash(strings.TrimSuffix(p, "/")))
}

// server serves a built site on 127.0.0.1 below its base path.
type server struct {
	url string // http://127.0.0.1:port
	*http.Server
}

func serve(dir, base string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	files := http.FileServerFS(os.DirFS(dir))
	s := &server{url: "http://" + ln.Addr().String(),
		Server: &http.Server{Handler: http.StripPrefix(strings.TrimSuffix(base, "/"), files)}}
	go func() {
		if err := s.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.Close()
		}
	}()
	return s, nil
}

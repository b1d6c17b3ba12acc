package render_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"disclose/internal/notice"
	"disclose/internal/render"
	"disclose/internal/site"
)

// TestPrinter: with a Printer, each notice's PDF is emitted beside its
// page, which links it with its size, and notices.json lists it; the page
// handed to the printer is the page without the link, so the PDF's cache
// key does not depend on the PDF. A printer that returns no PDF leaves the
// page as it is without one.
func TestPrinter(t *testing.T) {
	fsys := sampleSite(t)
	s, problems := site.Load(fsys, site.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	tmpl, _ := render.LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL)
	render1 := func(p render.Printer) map[string][]byte {
		files := map[string][]byte{}
		var mu sync.Mutex
		err := render.RenderPrinted(s, tmpl, p, func(path string, data []byte) error {
			mu.Lock()
			files[path] = bytes.Clone(data)
			mu.Unlock()
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	plain := render1(nil)
	const page = "2025/zhejiang-womens-federation/index.html"
	fake := bytes.Repeat([]byte("%PDF-1.7 "), 2000) // 18,000 bytes: 18 KB
	var handed []byte
	printed := render1(func(n *notice.Notice, path string, p []byte) ([]byte, error) {
		if path != page {
			t.Errorf("printer handed %s, want %s", path, page)
		}
		handed = bytes.Clone(p)
		return fake, nil
	})
	if !bytes.Equal(handed, plain[page]) {
		t.Error("the printer was handed another page than the one published without a PDF")
	}
	if got := printed["2025/zhejiang-womens-federation/zhejiang-womens-federation.pdf"]; !bytes.Equal(got, fake) {
		t.Errorf("PDF emitted: %d bytes, want the printer's %d", len(got), len(fake))
	}
	link := `<p class="download"><a href="/xszg/2025/zhejiang-womens-federation/zhejiang-womens-federation.pdf" type="application/pdf" download>下载PDF版</a>（PDF，18 KB）</p>`
	if !strings.Contains(string(printed[page]), link) {
		t.Errorf("the page lacks %s", link)
	}
	if strings.Contains(string(plain[page]), "下载PDF版") || strings.Contains(string(plain["notices.json"]), `"pdf"`) {
		t.Error("without a printer, the page links a PDF or notices.json lists one")
	}
	entry := `"pdf":{"url":"https://example.org/xszg/2025/zhejiang-womens-federation/zhejiang-womens-federation.pdf","size":18000}`
	if !strings.Contains(string(printed["notices.json"]), entry) {
		t.Errorf("notices.json lacks %s", entry)
	}
	none := render1(func(*notice.Notice, string, []byte) ([]byte, error) { return nil, nil })
	if !bytes.Equal(none[page], plain[page]) {
		t.Error("a printer that returns no PDF changed the page")
	}
}

package bundle

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclose/internal/browser"
	"disclose/internal/build"
	"disclose/internal/site"
)

// TestBundleHoldsPDFs: a year built with --pdf is sealed with each
// notice's PDF, the very bytes the site publishes, linked from the
// bundle's page and listed in the manifest; made again, the bundle is the
// same bytes. Without the PDFs printed, a site that prints (pdf = true)
// is warned, notice by notice.
func TestBundleHoldsPDFs(t *testing.T) {
	if _, err := browser.Find(); err != nil {
		t.Skipf("skipping: %v", err)
	}
	if testing.Short() {
		t.Skip("prints with Chromium")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := copySite(t, false, time.Now().Add(-time.Hour))
	cache := filepath.Join(t.TempDir(), "pdf")

	// Without PDFs printed, a site that prints is warned.
	settings := filepath.Join(dir, site.SettingsPath)
	src, _ := os.ReadFile(settings)
	writeFile(t, settings, "pdf = true\n"+string(src))
	_, problems, err := Make(os.DirFS(dir), Options{Year: 2024, PDFCache: cache})
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, d := range problems {
		if d.Rule == "archive-pdf" {
			warned = append(warned, d.Path)
		}
	}
	if want := []string{"content/2024/city-bureau-a.md", "content/2024/city-bureau-b.md"}; strings.Join(warned, " ") != strings.Join(want, " ") {
		t.Errorf("warned of %v, want %v", warned, want)
	}

	out := filepath.Join(t.TempDir(), "public")
	if _, res, err := build.ToDiskPDF(dir, out, site.Options{}, build.PDFOptions{Cache: cache}); err != nil || res.PDF.Printed != 3 {
		t.Fatalf("build: %v, printed %d, want 3", err, res.PDF.Printed)
	}
	b := mustMake(t, dir, Options{Year: 2024, PDFCache: cache})
	files := unzipAll(t, b.Data)
	for _, slug := range []string{"city-bureau-a", "city-bureau-b"} {
		name := "2024/" + slug + "/" + slug + ".pdf"
		published, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(files["site/"+name], published) {
			t.Errorf("site/%s: %d bytes, want the %d bytes the site publishes", name, len(files["site/"+name]), len(published))
		}
		if !bytes.Contains(files["site/2024/"+slug+"/index.html"], []byte(`href="../../2024/`+slug+"/"+slug+`.pdf"`)) {
			t.Errorf("the bundle's page of %s does not link its PDF", slug)
		}
		if !bytes.Contains(files[ManifestPath], []byte(`"site/`+name+`"`)) {
			t.Errorf("the manifest does not list site/%s", name)
		}
	}
	if again := mustMake(t, dir, Options{Year: 2024, PDFCache: cache}); !bytes.Equal(again.Data, b.Data) {
		t.Error("the bundle made again differs")
	}
}

package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"disclose/internal/browser"
	"disclose/internal/budget"
	"disclose/internal/corpus"
	"disclose/internal/render"
	"disclose/internal/site"
)

var sizes = []int{1000, 10000}

// BenchmarkLoad measures reading and parsing every notice.
func BenchmarkLoad(b *testing.B) {
	for _, n := range sizes {
		fsys := corpus.MapFS(corpus.Defaults(n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if s, problems := site.Load(fsys, site.Options{}); s == nil {
					b.Fatal(problems)
				}
			}
		})
	}
}

// BenchmarkRender measures rendering a loaded site into memory.
func BenchmarkRender(b *testing.B) {
	for _, n := range sizes {
		fsys := corpus.MapFS(corpus.Defaults(n))
		s, problems := site.Load(fsys, site.Options{})
		if s == nil {
			b.Fatal(problems)
		}
		t, _ := render.LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if err := render.Render(s, t, func(string, []byte) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuildToDisk measures a whole build from a site on disk to a new
// output folder: load, render and write.
func BenchmarkBuildToDisk(b *testing.B) {
	// The collector paced as the disclose command paces it, so that a
	// profile shows the command's share of collecting, not the default's.
	budget.Set(budget.Default)
	for _, n := range sizes {
		dir := b.TempDir()
		if err := corpus.Write(dir, corpus.Defaults(n)); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				i++
				out := filepath.Join(dir, fmt.Sprint("out", i))
				if problems, err := ToDisk(dir, out, site.Options{}); err != nil {
					b.Fatal(err, problems)
				}
			}
			b.StopTimer()
			for ; i > 0; i-- {
				os.RemoveAll(filepath.Join(dir, fmt.Sprint("out", i)))
			}
		})
	}
}

// BenchmarkRebuildOneChanged measures "disclose build" after one notice of
// n changed, the last build's output and record at hand.
func BenchmarkRebuildOneChanged(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.Setenv("XDG_CACHE_HOME", b.TempDir())
			dir := b.TempDir()
			if err := corpus.Write(dir, corpus.Defaults(n)); err != nil {
				b.Fatal(err)
			}
			past := time.Now().Add(-time.Hour)
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					err = os.Chtimes(p, past, past)
				}
				return err
			})
			out := filepath.Join(dir, "public")
			if _, err := ToDisk(dir, out, site.Options{}); err != nil {
				b.Fatal(err)
			}
			changed := filepath.Join(dir, "content/2020/notice-000005.md")
			for b.Loop() {
				past = past.Add(time.Second)
				if err := os.Chtimes(changed, past, past); err != nil {
					b.Fatal(err)
				}
				if problems, err := ToDisk(dir, out, site.Options{}); err != nil {
					b.Fatal(err, problems)
				}
			}
		})
	}
}

// BenchmarkIncrementalOneChanged measures a preview's rebuild into memory
// after one notice of n changed, the watcher naming it (TrustChanges): its
// body, or its title (then its year page and the lists of every notice
// change too).
func BenchmarkIncrementalOneChanged(b *testing.B) {
	edits := []struct {
		name string
		edit func(src []byte, i int) []byte
	}{
		{"body", func(src []byte, i int) []byte { return fmt.Appendf(bytes.Clone(src), "\n第%d次修改。\n", i) }},
		{"title", func(src []byte, i int) []byte {
			return bytes.Replace(src, []byte("title = \""), fmt.Appendf(nil, "title = \"%d", i), 1)
		}},
	}
	for _, n := range sizes {
		for _, e := range edits {
			b.Run(fmt.Sprint(n, "/", e.name), func(b *testing.B) { benchmarkIncremental(b, n, e.edit) })
		}
	}
}

func benchmarkIncremental(b *testing.B, n int, edit func([]byte, int) []byte) {
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Defaults(n)); err != nil {
		b.Fatal(err)
	}
	inc := NewIncremental(os.DirFS(dir), site.Options{Drafts: true})
	inc.TrustChanges()
	files := map[string][]byte{}
	var mu sync.Mutex
	emit := func(p string, data []byte) error {
		mu.Lock()
		files[p] = data
		mu.Unlock()
		return nil
	}
	if problems, err := inc.Run(emit); err != nil {
		b.Fatal(err, problems)
	}
	const changed = "content/2020/notice-000005.md"
	src, err := os.ReadFile(filepath.Join(dir, changed))
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		if err := os.WriteFile(filepath.Join(dir, changed), edit(src, i), 0o644); err != nil {
			b.Fatal(err)
		}
		inc.Changed(changed)
		if problems, err := inc.Run(emit); err != nil {
			b.Fatal(err, problems)
		}
	}
}

// pdfSizes are the sites BenchmarkPrint prints: a small one for a quick
// look, and the year of 200 notices docs/performance.md holds to 30 s.
var pdfSizes = []int{20, 200}

// BenchmarkPrint measures build --pdf of n notices with nothing printed
// before (a new PDF cache each time): one browser, pdf.DefaultTabs tabs.
// Besides the time, it reports the CPU spent by the build and every
// process of the browser (cpu-s/op, on Linux), which a loaded machine
// does not inflate as it does the time. It needs Chromium; -bench
// 'Print/20' for the small site.
func BenchmarkPrint(b *testing.B) {
	needChromium(b)
	for _, n := range pdfSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			if err := corpus.Write(dir, corpus.Defaults(n)); err != nil {
				b.Fatal(err)
			}
			i := 0
			var cpu float64
			for b.Loop() {
				i++
				b.StopTimer()
				cache, out := filepath.Join(dir, fmt.Sprint("cache", i)), filepath.Join(dir, fmt.Sprint("out", i))
				b.Setenv("XDG_CACHE_HOME", filepath.Join(dir, fmt.Sprint("record", i)))
				b.StartTimer()
				w := watchCPU()
				_, res, err := ToDiskPDF(dir, out, site.Options{}, PDFOptions{Mode: PDFPrint, Cache: cache})
				cpu += w.seconds()
				if err != nil || res.PDF.Printed != n {
					b.Fatalf("%v: printed %d, want %d", err, res.PDF.Printed, n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*n), "ms/notice")
			if cpu > 0 {
				// The CPU the build and the browser spent: what the machine
				// must do, whatever else runs on it.
				b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
				b.ReportMetric(cpu*1000/float64(b.N*n), "cpu-ms/notice")
			}
		})
	}
}

// BenchmarkPrintOneChanged measures build --pdf after one notice of 200
// changed, every other PDF in the cache and the last build at hand: the
// browser is started for the one page.
func BenchmarkPrintOneChanged(b *testing.B) {
	needChromium(b)
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Defaults(200)); err != nil {
		b.Fatal(err)
	}
	out, cache := filepath.Join(dir, "public"), filepath.Join(dir, "pdf")
	opts := PDFOptions{Mode: PDFPrint, Cache: cache}
	if _, _, err := ToDiskPDF(dir, out, site.Options{}, opts); err != nil {
		b.Fatal(err)
	}
	changed := filepath.Join(dir, "content/2020/notice-000005.md")
	src, err := os.ReadFile(changed)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		edited := fmt.Appendf(bytes.Clone(src), "\n第%d次修改。\n", i)
		if err := os.WriteFile(changed, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		_, res, err := ToDiskPDF(dir, out, site.Options{}, opts)
		if err != nil || res.PDF.Printed != 1 {
			b.Fatalf("%v: printed %d, want 1", err, res.PDF.Printed)
		}
	}
}

func needChromium(b *testing.B) {
	if _, err := browser.FindPrinter(); err != nil {
		b.Skipf("skipping: %v", err)
	}
}

package output

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"disclose/internal/pool"
)

// BenchmarkWrite measures writing one notice's files, as a build writes
// them: a new folder <year>/<slug>/ with its page and notice.json. writer
// is the Writer; os is what the benchmark's floor does (os.MkdirAll and
// os.WriteFile), for comparison. Nearly all of either is the system calls
// (open, write, close, mkdir): run it with TMPDIR on tmpfs to leave out
// the disk.
func BenchmarkWrite(b *testing.B) {
	page := bytes.Repeat([]byte("<p>根据省委统一部署，省委第六巡视组开展了巡视。</p>\n"), 300) // 20 KB
	data := bytes.Repeat([]byte(`{"title":"中共某某党组关于巡视整改进展情况的通报"}`), 40)
	b.Run("writer", func(b *testing.B) {
		w, err := Begin(filepath.Join(b.TempDir(), "public"), nil)
		if err != nil {
			b.Fatal(err)
		}
		defer w.Abort()
		i := 0
		for b.Loop() {
			dir := fmt.Sprintf("%d/notice-%06d/", 2015+i%12, i)
			if err := w.Write(dir+"index.html", page); err != nil {
				b.Fatal(err)
			}
			if err := w.Write(dir+"notice.json", data); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("os", func(b *testing.B) {
		out := b.TempDir()
		i := 0
		for b.Loop() {
			dir := filepath.Join(out, fmt.Sprint(2015+i%12), fmt.Sprintf("notice-%06d", i))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "index.html"), page, 0o644); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "notice.json"), data, 0o644); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

// siteFile is a file of a site, its path and size.
type siteFile struct {
	path string
	size int
}

// siteFiles lists the files of a site of n notices as a build writes them
// (measured on a build of 10,000 corpus notices: 29,463 files in 11,548
// folders, 483 MB): each notice's page and notice.json in a folder of its
// own below its year, the search index's files below search/<year>/, the
// pages of the lists, a page for each of a dozen units, and the files at
// the top (notices.json and sitemap.xml the largest).
func siteFiles(n int) []siteFile {
	var files []siteFile
	add := func(size int, format string, args ...any) {
		files = append(files, siteFile{fmt.Sprintf(format, args...), size})
	}
	for i := range n {
		add(27<<10, "%d/notice-%06d/index.html", 2015+i%12, i)
		add(9<<10, "%d/notice-%06d/notice.json", 2015+i%12, i)
	}
	for i := range n * 8 / 10 {
		add(8<<10, "search/%d/c%d.bin", 2015+i%12, i/12)
	}
	for i := range n / 20 {
		add(7<<10, "page/%d/index.html", i+2)
	}
	for i := range 12 {
		add(170<<10, "unit/单位%d/index.html", i)
		add(40<<10, "%d/index.html", 2015+i)
	}
	add(n*900, "notices.json")
	add(n*116, "sitemap.xml")
	for _, name := range []string{"index.html", "feed.xml", "404.html", "style.css", "search.js"} {
		add(20<<10, "%s", name)
	}
	return files
}

// BenchmarkWriteSite measures writing a site of 10,000 notices as a build
// writes it (siteFiles), on GOMAXPROCS goroutines as the build does, into
// a new staging folder that is then thrown away (not measured). Besides
// the time, it reports the processor time of the writing (cpu-ms/op, user
// and system, all threads): nearly all of it is the system's, making the
// files and folders and copying the bytes. Run it with TMPDIR on tmpfs to
// leave out the disk.
func BenchmarkWriteSite(b *testing.B) {
	files := siteFiles(10000)
	largest := 0
	for _, f := range files {
		largest = max(largest, f.size)
	}
	data := bytes.Repeat([]byte("根据省委统一部署"), largest/24+1)
	out := filepath.Join(b.TempDir(), "public")
	var cpu time.Duration
	for b.Loop() {
		start := cpuTime()
		w, err := Begin(out, nil)
		if err != nil {
			b.Fatal(err)
		}
		err = pool.Run(len(files), func(i int) error { return w.Write(files[i].path, data[:files[i].size]) })
		if err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
		b.StopTimer()
		if err := w.Abort(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

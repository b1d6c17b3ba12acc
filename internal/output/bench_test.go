package output

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
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

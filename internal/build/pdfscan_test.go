package build

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

func TestContains(t *testing.T) {
	pattern := []byte(`"pdf":{"url":`)
	filler := strings.Repeat(`{"title":"x","pdf":null},`, 7) // 175 bytes
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"empty", "", false},
		{"none", filler + filler, false},
		{"at the start", `"pdf":{"url":"a"}` + filler, true},
		{"at the end", filler + `"pdf":{"url":`, true},
		{"across pieces", filler[:60] + `"pdf":{"url":"b"}` + filler, true},
		{"cut short", filler + `"pdf":{"url"`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Every size of piece, so that the pattern falls across
			// each boundary; and a reader that hands one byte at a time.
			for size := 1; size <= 80; size++ {
				if got := contains(strings.NewReader(tc.text), pattern, size); got != tc.want {
					t.Errorf("pieces of %d: got %v, want %v", size, got, tc.want)
				}
			}
			if got := contains(iotest.OneByteReader(strings.NewReader(tc.text)), pattern, 16); got != tc.want {
				t.Errorf("one byte a read: got %v, want %v", got, tc.want)
			}
			if got := contains(iotest.TimeoutReader(strings.NewReader(tc.text)), pattern, 4096); got != tc.want && len(tc.text) <= 4096 {
				t.Errorf("a read error after the text: got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestHasPDFsReadsInPieces: a build looks for a PDF in the notices.json of
// the output it replaces without reading the file whole: at 100,000
// notices it is 120 MB, and each build began by holding it (issue 15,
// item 13).
func TestHasPDFsReadsInPieces(t *testing.T) {
	out := t.TempDir()
	line := `{"url":"https://example.org/2025/a/","title":"关于省委第一巡视组反馈意见整改进展情况的通报","statistics":[]},` + "\n"
	big := bytes.Repeat([]byte(line), (16<<20)/len(line))
	for _, tc := range []struct {
		name string
		data []byte
		want bool
	}{
		{"none", big, false},
		{"the last", append(bytes.Clone(big), `{"pdf":{"url":"https://example.org/2025/z/z.pdf","size":1}}`...), true},
	} {
		if err := os.WriteFile(filepath.Join(out, "notices.json"), tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got := hasPDFs(out)
		runtime.ReadMemStats(&after)
		if got != tc.want {
			t.Errorf("%s: hasPDFs = %v, want %v", tc.name, got, tc.want)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
			t.Errorf("%s: hasPDFs allocated %d bytes for a notices.json of %d", tc.name, alloc, len(tc.data))
		}
	}
	if hasPDFs(filepath.Join(out, "missing")) {
		t.Error("an output without notices.json has PDFs")
	}
}

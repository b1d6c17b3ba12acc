package preview

import (
	"flag"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"disclose/internal/budget"
	"disclose/internal/corpus"
)

var benchNotices = flag.Int("notices", 10000, "how many notices BenchmarkServe's site has")

// BenchmarkServe measures, on the benchmark corpus of -notices notices
// (internal/corpus, as bench/ uses), what an editor waits for: the time from the start of the preview
// to its first page served (the whole site built), and the median time
// from saving one notice to the reload event its open page receives. Run:
//
//	go test -run '^$' -bench BenchmarkServe -benchtime 20x ./internal/preview/
func BenchmarkServe(b *testing.B) {
	budget.Set(budget.Default) // as the disclose command does
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Defaults(*benchNotices)); err != nil {
		b.Fatal(err)
	}
	const source, page = "content/2015/notice-000000.md", "/2015/notice-000000/"
	// 1. From the start to the first page served.
	began := time.Now()
	h := start(b, dir, Options{Drafts: true})
	if code, _, _ := h.get(page); code != http.StatusOK {
		b.Fatalf("GET %s: got status %d, want 200", page, code)
	}
	startup := time.Since(began)
	// 2. From a save of one notice to its page's reload event.
	var waits []time.Duration
	for i := 0; b.Loop(); i++ {
		s := h.open(page)
		before := h.read(source)
		saved := time.Now()
		h.write(source, before+"\n第"+strconv.Itoa(i)+"次修改。\n")
		s.want("reload", "")
		waits = append(waits, time.Since(saved))
		s.cancel()
	}
	slices.Sort(waits)
	b.ReportMetric(float64(waits[len(waits)/2].Microseconds())/1000, "ms-save-to-reload(median)")
	b.ReportMetric(float64(startup.Microseconds())/1000, "ms-start-to-first-page")
	b.ReportMetric(float64(*benchNotices), "notices")
}

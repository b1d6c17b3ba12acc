package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"disclose/internal/corpus"
	"disclose/internal/render"
	"disclose/internal/search"
	"disclose/internal/site"
)

// indexSite writes a site of notices in 2024 and 2025, aged so that a
// build may reuse their pages.
func indexSite(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	must(t, corpus.Write(src, corpus.Options{Notices: 8, Seed: 3, FirstYear: 2024, LastYear: 2025}))
	age(t, src)
	return src
}

// yearOf returns the year folder of notice i of the corpus.
func yearOf(t *testing.T, src string, i int) string {
	return filepath.Base(filepath.Dir(noticeFile(t, src, i)))
}

// A build to disk after one notice changed rebuilds the index of that
// notice's year only: the other year's files are the same files (linked
// from the last output, not written again).
func TestIndexCarriedOverByYearToDisk(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := indexSite(t)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	changed := yearOf(t, src, 1)
	other := "2024"
	if changed == "2024" {
		other = "2025"
	}
	before := infos(t, out)
	edit(t, noticeFile(t, src, 1), "研究部署整改工作", "研究部署整改工作，并已完成")
	mustBuild(t, src, out)
	after := infos(t, out)
	for p, info := range after {
		same := before[p] != nil && os.SameFile(info, before[p])
		switch {
		case strings.HasPrefix(p, search.Dir+other+"/") && !same:
			t.Errorf("%s was written again; want it carried over", p)
		case strings.HasPrefix(p, search.Dir+changed+"/c") && same:
			t.Errorf("%s was carried over; want it rebuilt", p)
		}
	}
	if len(after) == 0 {
		t.Fatal("no index files")
	}
}

// infos describes each index file of out: os.SameFile tells a file
// carried over (linked) from one written again.
func infos(t *testing.T, out string) map[string]os.FileInfo {
	t.Helper()
	m := map[string]os.FileInfo{}
	filepath.WalkDir(filepath.Join(out, "search"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		must(t, err)
		rel, _ := filepath.Rel(out, p)
		m[filepath.ToSlash(rel)] = info
		return nil
	})
	return m
}

// previewRun runs b and returns the files it emitted, by path, in the
// bytes it handed over.
func previewRun(t *testing.T, b *Incremental) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	var mu sync.Mutex
	if _, err := b.Run(func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[p] = data
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return files
}

// The preview, after one notice changed, indexes that notice's year again
// and hands the other year's files over as it kept them.
func TestIndexCarriedOverByYearInPreview(t *testing.T) {
	src := indexSite(t)
	b := NewIncremental(os.DirFS(src), site.Options{})
	run := func() map[string][]byte { return previewRun(t, b) }
	first := run()
	changed := yearOf(t, src, 1)
	edit(t, noticeFile(t, src, 1), "研究部署整改工作", "研究部署整改工作，并已完成")
	b.Changed(strings.TrimPrefix(filepath.ToSlash(noticeFile(t, src, 1)), filepath.ToSlash(src)+"/"))
	second := run()
	n := 0
	for p, data := range second {
		if !strings.HasPrefix(p, search.Dir) || p == search.Dir+"index.json" || strings.HasSuffix(p, ".html") {
			continue
		}
		n++
		same := len(data) > 0 && len(first[p]) > 0 && &data[0] == &first[p][0]
		if carried := !strings.HasPrefix(p, search.Dir+changed+"/"); same != carried {
			t.Errorf("%s: kept from the last run %v, want %v", p, same, carried)
		}
	}
	if n == 0 {
		t.Fatal("no index files")
	}
}

// The preview keeps the index files it is handed (memoryIndex.keep), so
// its builders must not make the next file in their bytes, as a build to
// disk's do (keepsNothing): the files the preview kept are, byte for
// byte, those a build to disk writes, for a site of several years and
// several chunks a year.
func TestPreviewKeepsIndexAsWritten(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := t.TempDir()
	must(t, corpus.Write(src, corpus.Options{Notices: 60, Seed: 5, FirstYear: 2021, LastYear: 2025}))
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	files := previewRun(t, NewIncremental(os.DirFS(src), site.Options{}))
	n := 0
	for p, data := range files {
		if !strings.HasPrefix(p, search.Dir) || strings.HasSuffix(p, ".html") {
			continue
		}
		n++
		disk, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		must(t, err)
		if string(data) != string(disk) {
			t.Errorf("%s: the preview kept %d bytes unlike the %d a build to disk wrote", p, len(data), len(disk))
		}
	}
	if n < 10 {
		t.Fatalf("%d index files; want a site of several years and chunks", n)
	}
}

// A room lets jobs run together up to its size in weight, a job heavier
// than the room alone: the years of a large site are indexed one at a
// time, those of a small one GOMAXPROCS at once.
func TestRoom(t *testing.T) {
	for _, tc := range []struct {
		name     string
		weights  []int
		size     int
		together int // jobs that must have run at the same time
	}{
		{"small years together", []int{800, 800, 800, 800}, 4000, 2},
		{"large years alone", []int{8000, 8000, 8000}, 4000, 1},
		{"a large year among small ones", []int{3000, 8000, 500, 3000}, 4000, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRoom(tc.size)
			var mu sync.Mutex
			weight, jobs, most := 0, 0, 0
			var wg sync.WaitGroup
			for _, w := range tc.weights {
				wg.Go(func() {
					got := r.enter(w)
					mu.Lock()
					weight += min(w, tc.size)
					jobs++
					most = max(most, jobs)
					if weight > tc.size {
						t.Errorf("jobs of %d in weight at once, in a room of %d", weight, tc.size)
					}
					mu.Unlock()
					time.Sleep(10 * time.Millisecond)
					mu.Lock()
					weight -= min(w, tc.size)
					jobs--
					mu.Unlock()
					r.leave(got)
				})
			}
			wg.Wait()
			if most < tc.together {
				t.Errorf("at most %d jobs ran at once; want %d", most, tc.together)
			}
			if r.used != 0 {
				t.Errorf("the room holds %d after every job left", r.used)
			}
		})
	}
}

// A site with a year of more notices than the index indexes at once
// writes its listings and then its index, not both at once.
func TestLargeYear(t *testing.T) {
	siteOf := func(years ...int) *render.Listing {
		s := &render.Listing{}
		for _, y := range years {
			s.Notices = append(s.Notices, &render.Entry{Year: y})
		}
		return s
	}
	many := func(year, n int) []int { return slices.Repeat([]int{year}, n) }
	for _, tc := range []struct {
		name  string
		s     *render.Listing
		large bool
	}{
		{"no notices", siteOf(), false},
		{"years of a 10,000-notice site", siteOf(slices.Concat(many(2024, 833), many(2025, 834))...), false},
		{"a year at the bound", siteOf(many(2025, indexedAtOnce)...), false},
		{"a year past it", siteOf(slices.Concat(many(2024, 10), many(2025, indexedAtOnce+1))...), true},
	} {
		if got := largeYear(tc.s); got != tc.large {
			t.Errorf("%s: largeYear = %v, want %v", tc.name, got, tc.large)
		}
	}
}

package build

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"disclose/internal/corpus"
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

// The preview, after one notice changed, indexes that notice's year again
// and hands the other year's files over as it kept them.
func TestIndexCarriedOverByYearInPreview(t *testing.T) {
	src := indexSite(t)
	b := NewIncremental(os.DirFS(src), site.Options{})
	run := func() map[string][]byte {
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

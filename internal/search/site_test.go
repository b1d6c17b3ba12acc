package search_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"disclose/internal/build"
	"disclose/internal/search"
	"disclose/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// buildSite builds testdata/site and returns its files.
func buildSite(t *testing.T, opts site.Options) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	var mu sync.Mutex
	_, err := build.Run(os.DirFS("testdata/site"), opts, func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[p] = slices.Clone(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// The index of a small site is the golden files testdata/golden/search/.
func TestIndexGolden(t *testing.T) {
	files := buildSite(t, site.Options{})
	var got []string
	for p, data := range files {
		if !strings.HasPrefix(p, search.Dir) || strings.HasSuffix(p, ".html") {
			continue
		}
		got = append(got, p)
		golden := filepath.Join("testdata/golden", p)
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil || string(want) != string(data) {
			t.Errorf("%s differs from %s (run with -update if the change is intended)", p, golden)
		}
	}
	slices.Sort(got)
	var want []string
	filepath.WalkDir("testdata/golden", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			want = append(want, filepath.ToSlash(strings.TrimPrefix(p, "testdata/golden/")))
		}
		return nil
	})
	if !*update && !slices.Equal(got, want) {
		t.Errorf("files: got %v, want %v", got, want)
	}
}

// Drafts are never indexed, even in a build that shows them.
func TestDraftsNeverIndexed(t *testing.T) {
	for _, opts := range []site.Options{{}, {Drafts: true}} {
		files := buildSite(t, opts)
		for p, data := range files {
			if strings.HasPrefix(p, search.Dir) && strings.Contains(string(data), "draft-notice") {
				t.Errorf("drafts %v: %s names the draft", opts.Drafts, p)
			}
		}
		hits := query(t, files, "紫罗兰计划")
		if len(hits) != 0 {
			t.Errorf("drafts %v: the draft's phrase found %v", opts.Drafts, hits)
		}
	}
}

// query runs q over the index in files and returns the paths found.
func query(t *testing.T, files map[string][]byte, q string) []string {
	t.Helper()
	read := func(p string) ([]byte, error) {
		b, ok := files[search.Dir+p]
		if !ok {
			return nil, fmt.Errorf("%s: not found", p)
		}
		return b, nil
	}
	hits, err := search.Match(read, q)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, h := range hits {
		var rows [][4]string
		if err := json.Unmarshal(files[fmt.Sprintf("%s%d/d%d.json", search.Dir, h.Year, h.Doc/search.BlockSize)], &rows); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, rows[h.Doc%search.BlockSize][0])
	}
	return paths
}

package render

import (
	"bytes"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"disclose/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestSpecialPagesGolden renders the site of noticePageSites whose notices
// have what the sample has not (corrections, 政府信息公开, a draft,
// half-width punctuation, a contact block with every item, two archive
// bundles) and compares every page and JSON file with testdata/special/.
// go test ./internal/render -update rewrites them; review the diff like
// code.
func TestSpecialPagesGolden(t *testing.T) {
	r, s := loadSite(t, noticePageSites(t)["special"], site.Options{Drafts: true})
	var mu sync.Mutex
	got := map[string][]byte{}
	err := Render(s, r.t, func(path string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if strings.HasSuffix(path, ".html") || strings.HasSuffix(path, ".json") {
			got[path] = bytes.Clone(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "special")
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for path, data := range got {
			name := filepath.Join(dir, filepath.FromSlash(path))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var want []string
	err = filepath.WalkDir(dir, func(name string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, name)
			want = append(want, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	paths := slices.Sorted(maps.Keys(got))
	if !slices.Equal(paths, want) {
		t.Fatalf("files: got %v, want %v", paths, want)
	}
	for _, path := range paths {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got[path], data) {
			t.Errorf("%s differs from the golden file (run with -update if the change is intended):\n%s", path, firstDifference(data, got[path]))
		}
	}
}

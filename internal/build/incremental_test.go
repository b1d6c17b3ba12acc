package build_test

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"disclose/internal/build"
	"disclose/internal/corpus"
	"disclose/internal/site"
)

// collect builds into a map, as the preview does.
func collect(run func(emit func(string, []byte) error) error) (map[string][]byte, error) {
	files := map[string][]byte{}
	var mu sync.Mutex
	err := run(func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[p] = data
		return nil
	})
	return files, err
}

// yearFile matches the files of a year: its page and its notices'.
var yearFile = regexp.MustCompile(`^[0-9]{4}/`)

// listings returns the files of a site that are rendered after every
// change: those of no year.
func listings(files map[string][]byte) []string {
	var l []string
	for p := range files {
		if !yearFile.MatchString(p) {
			l = append(l, p)
		}
	}
	return l
}

// TestIncremental edits a site step by step and checks after each step
// that an Incremental renders only what the step touched, and that what it
// emits is byte for byte what a fresh Run builds.
func TestIncremental(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.WriteSample(dir, "../..", 6, 2); err != nil {
		t.Fatal(err)
	}
	sample, err := os.ReadFile(filepath.Join("../..", corpus.SamplePath))
	if err != nil {
		t.Fatal(err)
	}
	opts := site.Options{Drafts: true}
	b := build.NewIncremental(os.DirFS(dir), opts)
	notice := func(url string) []string { return []string{url + "index.html", url + "notice.json"} }
	steps := []struct {
		name    string
		change  func(t *testing.T)
		changed []string // told to Changed
		want    []string // files of years rendered anew besides the listings; nil: everything
	}{
		{name: "first build", change: func(*testing.T) {}},
		{name: "nothing changed", change: func(*testing.T) {}, want: []string{}},
		{name: "saved unchanged", change: func(t *testing.T) { touch(t, dir, "content/2024/notice-00002.md") },
			// Read again, so its year page too; their bytes are the same.
			want: slices.Concat(notice("2024/notice-00002/"), []string{"2024/index.html"})},
		{
			name:   "one notice edited",
			change: func(t *testing.T) { replace(t, dir, "content/2024/notice-00002.md", "(2)", "(二)", false) },
			want:   slices.Concat(notice("2024/notice-00002/"), []string{"2024/index.html"}),
		},
		{
			name:    "edited keeping size and time, and told",
			change:  func(t *testing.T) { replace(t, dir, "content/2023/notice-00004.md", "(4)", "(5)", true) },
			changed: []string{"content/2023"}, // a folder: every notice in it
			want:    slices.Concat(notice("2023/notice-00004/"), notice("2023/notice-00005/"), []string{"2023/index.html"}),
		},
		{
			name: "new year folder",
			change: func(t *testing.T) {
				write(t, dir, "content/2019/new.md", corpus.SampleNotice(sample, 2019, 99))
			},
			want: slices.Concat(notice("2019/new/"), []string{"2019/index.html"}),
		},
		{
			name:   "notice deleted",
			change: func(t *testing.T) { remove(t, dir, "content/2025/notice-00001.md") },
			want:   []string{"2025/index.html"},
		},
		{
			name:   "draft",
			change: func(t *testing.T) { replace(t, dir, "content/2019/new.md", "draft = false", "draft = true", false) },
			want:   slices.Concat(notice("2019/new/"), []string{"2019/index.html"}),
		},
		{
			name: "template changed",
			change: func(t *testing.T) {
				write(t, dir, "templates/404.html", []byte(`{{define "main"}}<h1>没有这一页</h1>{{end}}`))
			},
		},
		{
			name: "settings changed",
			change: func(t *testing.T) {
				replace(t, dir, "content/site.toml", "巡视整改情况公开", "巡察整改情况公开", false)
			},
		},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			step.change(t)
			b.Changed(step.changed...)
			got, err := collect(func(emit func(string, []byte) error) error { _, err := b.Run(emit); return err })
			if err != nil {
				t.Fatal(err)
			}
			want, err := collect(func(emit func(string, []byte) error) error {
				_, err := build.Run(os.DirFS(dir), opts, emit)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, got, want)
			rendered := b.Rendered()
			expect := slices.Concat(step.want, listings(want))
			if step.want == nil {
				expect = slices.Collect(maps.Keys(want))
			}
			slices.Sort(rendered)
			slices.Sort(expect)
			if !slices.Equal(rendered, expect) {
				t.Errorf("rendered anew:\n got %v\nwant %v", rendered, expect)
			}
		})
	}
	if !strings.Contains(string(mustRead(t, dir, "content/site.toml")), "巡察") {
		t.Fatal("the last step did not run")
	}
}

// TestIncrementalProblems checks that a broken notice fails the run with
// its problem, and that the run after the fix builds the whole site.
func TestIncrementalProblems(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.WriteSample(dir, "../..", 3, 2); err != nil {
		t.Fatal(err)
	}
	b := build.NewIncremental(os.DirFS(dir), site.Options{})
	if _, err := b.Run(func(string, []byte) error { return nil }); err != nil {
		t.Fatal(err)
	}
	replace(t, dir, "content/2025/notice-00001.md", `source = "`, `source = `, false)
	problems, err := b.Run(func(string, []byte) error { return nil })
	if err != build.ErrProblems {
		t.Fatalf("got error %v, want ErrProblems", err)
	}
	if got := problems.Error(); !strings.HasPrefix(got, "content/2025/notice-00001.md:6:") {
		t.Errorf("got problems %q, want one at content/2025/notice-00001.md:6", got)
	}
	replace(t, dir, "content/2025/notice-00001.md", `source = `, `source = "`, false)
	got, err := collect(func(emit func(string, []byte) error) error { _, err := b.Run(emit); return err })
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got["2025/notice-00001/index.html"]; !ok {
		t.Errorf("the fixed notice's page is missing")
	}
}

func sameFiles(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			t.Errorf("%s: missing from the incremental build", p)
		case !bytes.Equal(g, w):
			t.Errorf("%s: incremental build differs from a full build", p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: in the incremental build, not in a full build", p)
		}
	}
}

func mustRead(t *testing.T, dir, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func write(t *testing.T, dir, path string, data []byte) {
	t.Helper()
	name := filepath.Join(dir, path)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// replace replaces old by new in the file at path; with keepTime, it gives
// the file back its modification time, as a coarse clock would.
func replace(t *testing.T, dir, path, old, new string, keepTime bool) {
	t.Helper()
	info, err := os.Stat(filepath.Join(dir, path))
	if err != nil {
		t.Fatal(err)
	}
	src := string(mustRead(t, dir, path))
	if !strings.Contains(src, old) {
		t.Fatalf("%s has no %q", path, old)
	}
	write(t, dir, path, []byte(strings.Replace(src, old, new, 1)))
	if keepTime {
		if err := os.Chtimes(filepath.Join(dir, path), time.Time{}, info.ModTime()); err != nil {
			t.Fatal(err)
		}
	}
}

func touch(t *testing.T, dir, path string) {
	t.Helper()
	write(t, dir, path, mustRead(t, dir, path))
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, path), later, later); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, dir, path string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, path)); err != nil {
		t.Fatal(err)
	}
}

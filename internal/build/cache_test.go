package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclose/internal/corpus"
	"disclose/internal/render"
	"disclose/internal/site"
)

// TestIncrementalEqualsClean builds a site, changes it in every way a user
// does, builds it again into the same folder (reusing the last build), and
// checks the result byte for byte against a clean build of the same
// sources. It also checks that unchanged pages really were carried over.
func TestIncrementalEqualsClean(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := t.TempDir()
	if err := corpus.Write(src, corpus.Options{Notices: 12, Seed: 7, FirstYear: 2024, LastYear: 2025}); err != nil {
		t.Fatal(err)
	}
	age(t, src)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)

	steps := []struct {
		name   string
		change func(t *testing.T)
	}{
		{"nothing", func(t *testing.T) {}},
		{"edit a notice", func(t *testing.T) {
			edit(t, filepath.Join(src, "content/2024/notice-000000.md"), "研究部署整改工作。", "研究部署整改工作，并已完成。")
		}},
		{"edit the front matter only", func(t *testing.T) {
			edit(t, filepath.Join(src, "content/2025/notice-000001.md"), "source = \"", "source = \"新")
		}},
		{"add a notice", func(t *testing.T) {
			copyFile(t, filepath.Join(src, "content/2024/notice-000002.md"), filepath.Join(src, "content/2024/added.md"))
		}},
		{"delete a notice", func(t *testing.T) { must(t, os.Remove(filepath.Join(src, "content/2025/notice-000003.md"))) }},
		{"rename a notice", func(t *testing.T) {
			must(t, os.Rename(filepath.Join(src, "content/2024/notice-000004.md"), filepath.Join(src, "content/2024/renamed.md")))
		}},
		{"change a template", func(t *testing.T) {
			must(t, os.MkdirAll(filepath.Join(src, "templates"), 0o755))
			must(t, os.WriteFile(filepath.Join(src, "templates/style.css"), []byte("body { color: #222; }\n"), 0o644))
		}},
		{"change the settings", func(t *testing.T) {
			edit(t, filepath.Join(src, "content/site.toml"), "publisher = \"", "publisher = \"新")
		}},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			before := snapshot(t, out)
			step.change(t)
			age(t, src)
			mustBuild(t, src, out)
			clean := filepath.Join(t.TempDir(), "clean")
			mustBuild(t, src, clean)
			sameTree(t, out, clean)
			if step.name == "nothing" || strings.HasPrefix(step.name, "edit") {
				if carried(t, before, out) == 0 {
					t.Error("no page was carried over from the last build")
				}
			}
		})
	}
}

func mustBuild(t *testing.T, src, out string) {
	t.Helper()
	if problems, err := ToDisk(src, out, site.Options{}); err != nil {
		t.Fatalf("build: %v\n%v", err, problems)
	}
}

// age moves the modification time of every source saved in the last
// minute an hour back, as for files saved well before the build (a file
// saved within the last moments is never reused). Files aged before keep
// their time, as unchanged files do.
func age(t *testing.T, dir string) {
	t.Helper()
	now := time.Now()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil && now.Sub(info.ModTime()) < time.Minute {
			err = os.Chtimes(p, now.Add(-time.Hour), now.Add(-time.Hour))
		}
		return err
	})
	must(t, err)
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", path, old)
	}
	must(t, os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644))
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	must(t, err)
	must(t, os.WriteFile(to, b, 0o644))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot records the file infos of a tree, to tell carried-over files.
func snapshot(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	infos := map[string]os.FileInfo{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		infos[rel], err = os.Stat(p)
		return err
	})
	must(t, err)
	return infos
}

// carried counts the files of dir that are the same files as in before.
func carried(t *testing.T, before map[string]os.FileInfo, dir string) int {
	t.Helper()
	n := 0
	for rel, info := range snapshot(t, dir) {
		if old, ok := before[rel]; ok && os.SameFile(old, info) {
			n++
		}
	}
	return n
}

func sameTree(t *testing.T, got, want string) {
	t.Helper()
	g, w := snapshot(t, got), snapshot(t, want)
	if len(g) != len(w) {
		t.Errorf("got %d files, want %d", len(g), len(w))
	}
	for rel := range w {
		if _, ok := g[rel]; !ok {
			t.Errorf("%s missing from the incremental build", rel)
			continue
		}
		a, _ := os.ReadFile(filepath.Join(got, rel))
		b, _ := os.ReadFile(filepath.Join(want, rel))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from a clean build", rel)
		}
	}
	for rel := range g {
		if _, ok := w[rel]; !ok {
			t.Errorf("%s is in the incremental build but not in a clean one", rel)
		}
	}
}

// TestCacheRecord: the record reads back as written, and a damaged one is
// refused (the build is then a full one), never trusted in part.
func TestCacheRecord(t *testing.T) {
	c := &buildCache{Key: []byte("key"), Marker: 42, Notices: map[string]cachedNotice{
		"content/2025/a.md": {Size: 1, ModTime: 2, Files: []string{"2025/a/index.html"}},
		"content/2025/b.md": {Size: 3, ModTime: 4, Summary: render.Summary{Text: "摘要"}},
	}}
	var buf bytes.Buffer
	must(t, writeCache(&buf, c))
	full := bytes.Clone(buf.Bytes())
	got, err := readCache(&buf, 42)
	must(t, err)
	if string(got.Key) != "key" || got.Marker != 42 || len(got.Notices) != 2 ||
		got.Notices["content/2025/b.md"].Summary.Text != "摘要" {
		t.Errorf("read back %+v", got)
	}
	for _, cut := range []int{0, 1, len(full) / 2, len(full) - 1} {
		if _, err := readCache(bytes.NewReader(full[:cut]), 42); err == nil {
			t.Errorf("a record cut to %d of %d bytes was read without error", cut, len(full))
		}
	}
	// The record of an output folder since removed or replaced: its
	// entries are not read.
	other, err := readCache(bytes.NewReader(full), -1)
	must(t, err)
	if len(other.Notices) != 0 {
		t.Errorf("read %d entries of a record whose output folder is gone, want none", len(other.Notices))
	}
}

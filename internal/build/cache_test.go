package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"disclose/internal/corpus"
	"disclose/internal/diag"
	"disclose/internal/site"
)

// TestIncrementalEqualsClean builds a site, changes it in every way a user
// does, builds it again into the same folder (reusing the last build and
// the spare, the output of the build before), and checks the result byte
// for byte against a clean build of the same sources. The changes follow
// one another, so that the spare each build reuses is two builds behind:
// it holds pages of notices since edited, deleted or renamed, a year since
// emptied, pages rendered with the templates or settings of before. It
// also checks that unchanged pages really were carried over, and that the
// spare really was reused.
func TestIncrementalEqualsClean(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := t.TempDir()
	if err := corpus.Write(src, corpus.Options{Notices: 12, Seed: 7, FirstYear: 2023, LastYear: 2025}); err != nil {
		t.Fatal(err)
	}
	age(t, src)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	n := func(i int) string { return noticeFile(t, src, i) }
	editBody := func(i int, what string) func(t *testing.T) {
		return func(t *testing.T) { edit(t, n(i), "研究部署整改工作", "研究部署整改工作，"+what) }
	}

	steps := []struct {
		name   string
		change func(t *testing.T)
	}{
		{"nothing", func(t *testing.T) {}},
		{"edit a notice", editBody(1, "并已完成")},
		{"edit the front matter only", func(t *testing.T) { edit(t, n(2), "source = \"", "source = \"新") }},
		{"edit the same notice again", editBody(1, "再次修订")},
		{"add a notice", func(t *testing.T) { copyFile(t, n(2), filepath.Join(filepath.Dir(n(2)), "added.md")) }},
		{"delete a notice", func(t *testing.T) { must(t, os.Remove(n(4))) }},
		{"rename a notice", func(t *testing.T) { must(t, os.Rename(n(5), filepath.Join(filepath.Dir(n(5)), "renamed.md"))) }},
		{"empty a year", func(t *testing.T) {
			for _, i := range []int{0, 3, 6, 9} { // 2023
				must(t, os.Remove(n(i)))
			}
		}},
		{"change a template", func(t *testing.T) {
			must(t, os.MkdirAll(filepath.Join(src, "templates"), 0o755))
			must(t, os.WriteFile(filepath.Join(src, "templates/style.css"), []byte("body { color: #222; }\n"), 0o644))
		}},
		{"nothing after a template change", func(t *testing.T) {}},
		{"edit after a template change", editBody(7, "并已完成")},
		{"change the settings", func(t *testing.T) {
			edit(t, filepath.Join(src, "content/site.toml"), "publisher = \"", "publisher = \"新")
		}},
		{"edit after a settings change", editBody(8, "并已完成")},
		{"delete the added notice", func(t *testing.T) { must(t, os.Remove(filepath.Join(filepath.Dir(n(2)), "added.md"))) }},
		{"seal 2025", func(t *testing.T) { sealYear(t, src, 2025) }},
		{"edit nothing, 2025 sealed: notices carried over keep their sums", func(t *testing.T) {}},
		{"edit again", editBody(10, "并已完成")},
	}
	for i, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			before := snapshot(t, out)
			spare, spareErr := os.Stat(sparePath(out))
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
			if i > 0 { // the first rebuild leaves the first spare
				if spareErr != nil {
					t.Fatalf("no spare before the build: %v", spareErr)
				}
				if now, err := os.Stat(out); err != nil || !os.SameFile(spare, now) {
					t.Errorf("the spare was not reused as the new output (%v)", err)
				}
			}
			beside(t, out, "public", ".public.previous")
		})
	}
	// A seal record that holds another text of a notice carried over: the
	// build compares the record with the carried notice's sum, and fails.
	record := filepath.Join(src, filepath.FromSlash(site.SealPath(2025)))
	rec, err := os.ReadFile(record)
	must(t, err)
	i := bytes.LastIndex(rec, []byte(" = \"")) + len(" = \"")
	rec[i] ^= 1 // one hexadecimal digit of the last notice's sum
	must(t, os.WriteFile(record, rec, 0o644))
	age(t, src)
	problems, err := ToDisk(src, out, site.Options{})
	if err == nil || !slices.ContainsFunc(problems, func(d diag.Diagnostic) bool { return d.Rule == site.RuleSealChanged }) {
		t.Errorf("a seal record that differs from a notice carried over: got %v, %v; want the notice changed since sealing", err, problems)
	}
}

// sealYear writes a seal record of year in the site src, holding its
// notices as they are now.
func sealYear(t *testing.T, src string, year int) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(src, "content", fmt.Sprint(year), "*.md"))
	must(t, err)
	rec := fmt.Sprintf("[[version]]\nversion = 1\nsealed = %d-12-31\nfile = \"x.zip\"\nsha256 = %q\nmanifest_sha256 = %q\n[version.notices]\n",
		year, strings.Repeat("1", 64), strings.Repeat("2", 64))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		must(t, err)
		rel, err := filepath.Rel(src, p)
		must(t, err)
		rec += fmt.Sprintf("%q = %q\n", filepath.ToSlash(rel), site.SourceSum(data))
	}
	must(t, os.MkdirAll(filepath.Join(src, "content", "archive"), 0o755))
	must(t, os.WriteFile(filepath.Join(src, filepath.FromSlash(site.SealPath(year))), []byte(rec), 0o644))
}

// noticeFile is the source of the corpus's notice number i.
func noticeFile(t *testing.T, src string, i int) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(src, "content", "*", fmt.Sprintf("notice-%06d.md", i)))
	if err != nil || len(m) != 1 {
		t.Fatalf("notice %d: found %v (%v)", i, m, err)
	}
	return m[0]
}

// sparePath is where the spare of out is kept (see output.Spare).
func sparePath(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".previous")
}

// beside checks that the folder holding out holds these names only.
func beside(t *testing.T, out string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	must(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(got)
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Errorf("beside the output: got %v, want %v", got, names)
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

package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclose/internal/corpus"
	"disclose/internal/site"
)

// spareSite writes a small site and builds it twice into out, so that the
// spare is there; it returns the site folder and out.
func spareSite(t *testing.T) (string, string) {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := t.TempDir()
	must(t, corpus.Write(src, corpus.Options{Notices: 6, Seed: 3, FirstYear: 2024, LastYear: 2025}))
	age(t, src)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	mustBuild(t, src, out)
	if _, err := os.Stat(filepath.Join(sparePath(out), ".disclose-output")); err != nil {
		t.Fatalf("no spare after two builds: %v", err)
	}
	return src, out
}

// checkClean builds src again and compares out with a clean build.
func checkClean(t *testing.T, src, out string) {
	t.Helper()
	clean := filepath.Join(t.TempDir(), "clean")
	mustBuild(t, src, clean)
	sameTree(t, out, clean)
}

// spoil changes the page of an unchanged notice in the spare: if the
// spare were trusted, the next build would publish it.
func spoil(t *testing.T, spare string) {
	t.Helper()
	page := filepath.Join(spare, "2024", "notice-000000", "index.html")
	must(t, os.Remove(page)) // a hard link to the live page: never written through
	must(t, os.WriteFile(page, []byte("spoiled"), 0o644))
}

// TestSpareNotTrusted: a spare that is missing, not disclose's, replaced,
// or changed after its build is not trusted as the record describes it:
// the build is still the same bytes as a clean one, and a folder that is
// not disclose's is left alone.
func TestSpareNotTrusted(t *testing.T) {
	for _, tc := range []struct {
		name   string
		spoil  func(t *testing.T, out, spare string)
		builds int // after the change, before the check
	}{
		{"missing", func(t *testing.T, out, spare string) { must(t, os.RemoveAll(spare)) }, 1},
		{"output deleted by the user", func(t *testing.T, out, spare string) { must(t, os.RemoveAll(out)) }, 2},
		{"not disclose's", func(t *testing.T, out, spare string) {
			must(t, os.RemoveAll(spare))
			must(t, os.MkdirAll(spare, 0o755))
			must(t, os.WriteFile(filepath.Join(spare, "notes.txt"), []byte("mine"), 0o644))
		}, 1},
		{"replaced by a copy", func(t *testing.T, out, spare string) {
			must(t, os.RemoveAll(spare))
			copyTree(t, out, spare) // same names, same times, other files
			spoil(t, spare)
		}, 1},
		{"marker touched", func(t *testing.T, out, spare string) {
			spoil(t, spare)
			future := time.Now().Add(time.Hour)
			must(t, os.Chtimes(filepath.Join(spare, ".disclose-output"), future, future))
		}, 1},
		{"page replaced in the spare", func(t *testing.T, out, spare string) {
			time.Sleep(10 * time.Millisecond) // past the marker's time, on a coarse clock
			spoil(t, spare)
		}, 1},
		{"files added to the output", func(t *testing.T, out, spare string) {
			// As build --pdf does, and a user might: they must be gone
			// from the build after next, which reuses this output.
			must(t, os.WriteFile(filepath.Join(out, "2024", "notice-000000", "notice-000000.pdf"), []byte("%PDF"), 0o644))
			must(t, os.WriteFile(filepath.Join(out, "extra.txt"), []byte("x"), 0o644))
			must(t, os.MkdirAll(filepath.Join(out, "2025", "notice-000001", "more", "deep"), 0o755))
			must(t, os.WriteFile(filepath.Join(out, "2025", "notice-000001", "more", "deep", "x"), nil, 0o644))
		}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, out := spareSite(t)
			spare := sparePath(out)
			tc.spoil(t, out, spare)
			foreign := tc.name == "not disclose's"
			for range tc.builds {
				edit(t, noticeFile(t, src, 1), "研究部署整改工作", "研究部署整改工作，并已完成")
				age(t, src)
				mustBuild(t, src, out)
				checkClean(t, src, out)
			}
			if foreign {
				if b, err := os.ReadFile(filepath.Join(spare, "notes.txt")); err != nil || string(b) != "mine" {
					t.Errorf("a folder that is not disclose's was touched: %q, %v", b, err)
				}
				return
			}
			beside(t, out, "public", ".public.previous")
		})
	}
}

// TestFailedBuildLeavesOutput: a build that fails leaves the output as it
// was, file for file, and nothing beside it that the next build would
// trust; the next builds are still the same bytes as clean ones.
func TestFailedBuildLeavesOutput(t *testing.T) {
	src, out := spareSite(t)
	before := snapshot(t, out)
	broken := noticeFile(t, src, 2)
	good, err := os.ReadFile(broken)
	must(t, err)
	edit(t, noticeFile(t, src, 1), "研究部署整改工作", "研究部署整改工作，并已完成")
	must(t, os.WriteFile(broken, []byte(strings.Replace(string(good), "title = ", "title = = ", 1)), 0o644))
	age(t, src)
	if _, err := ToDisk(src, out, site.Options{}); !errors.Is(err, ErrProblems) {
		t.Fatalf("got %v, want ErrProblems", err)
	}
	after := snapshot(t, out)
	if len(after) != len(before) || carried(t, before, out) != len(before) {
		t.Errorf("the output changed: %d of %d files the same, want all", carried(t, before, out), len(before))
	}
	beside(t, out, "public") // the spare it took was written into: removed
	for range 3 {
		must(t, os.WriteFile(broken, good, 0o644))
		good = []byte(strings.Replace(string(good), "研究部署整改工作", "研究部署整改工作，再次修订", 1))
		age(t, src)
		mustBuild(t, src, out)
		checkClean(t, src, out)
		beside(t, out, "public", ".public.previous")
	}
}

// copyTree copies the folder from to to, keeping modification times, as
// cp -a does.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return errors.Join(os.WriteFile(target, b, 0o644), os.Chtimes(target, info.ModTime(), info.ModTime()))
	})
	must(t, err)
	err = filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.Chtimes(filepath.Join(to, rel), info.ModTime(), info.ModTime())
	})
	must(t, err)
}

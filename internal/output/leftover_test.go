package output

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestLeftoversCleared: a build removes the staging folders that killed
// builds left beside its output, and nothing else: not a folder a running
// build holds, not one changed in the last minute, not a file or a link of
// the same name, not another output's.
func TestLeftoversCleared(t *testing.T) {
	if !lockable {
		t.Skip("no folder locks on this system: leftovers are never removed")
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	elsewhere := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	hourAgo := time.Now().Add(-time.Hour)
	folder := func(name string, old bool) string {
		path := filepath.Join(parent, name)
		must(os.MkdirAll(filepath.Join(path, "2025", "n1"), 0o755))
		must(os.WriteFile(filepath.Join(path, "2025", "n1", "index.html"), []byte("half"), 0o644))
		if old {
			must(os.Chtimes(path, hourAgo, hourAgo))
		}
		return path
	}
	removed := []string{
		folder(".public.new-3141592653", true),     // os.MkdirTemp's ending
		folder(".public.new-Q2ZK7W4MXA.old", true), // claim's ending; the old output of a swap by renames
	}
	held := folder(".public.new-2718281828", true)
	kept := []string{
		held,
		folder(".public.new-1414213562", false),
		folder(".public2.new-other", true),
		folder(".public.previous", true),
		folder(".public.new-x.previous", true), // the spare of an output named public.new-x
		folder(".public.new-", true),
	}
	file := filepath.Join(parent, ".public.new-1732050807")
	must(os.WriteFile(file, []byte("not a folder"), 0o644))
	must(os.Chtimes(file, hourAgo, hourAgo))
	target := filepath.Join(elsewhere, "target")
	must(os.MkdirAll(target, 0o755))
	must(os.WriteFile(filepath.Join(target, "keep.txt"), []byte("keep"), 0o644))
	link := filepath.Join(parent, ".public.new-2236067977")
	must(os.Symlink(target, link))
	kept = append(kept, file, link, filepath.Join(target, "keep.txt"))

	lock := lockDir(held) // a build still running
	if lock == nil {
		t.Fatal("cannot lock a folder")
	}
	defer lock.Close()

	w, err := Begin(out, nil)
	must(err)
	if lockDir(w.staging) != nil {
		t.Error("the staging folder of a running build is not locked")
	}
	write(t, w, map[string]string{"index.html": "new"})
	_, err = w.Commit(false)
	must(err)
	for _, path := range removed {
		if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: a killed build's folder was not removed (%v)", filepath.Base(path), err)
		}
	}
	for _, path := range kept {
		if _, err := os.Lstat(path); err != nil {
			t.Errorf("%s was removed: %v", path, err)
		}
	}
	if l := lockDir(out); l == nil {
		t.Error("the output folder is still locked after the build")
	} else {
		l.Close()
	}
}

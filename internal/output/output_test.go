package output

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, w *Writer, files map[string]string) {
	t.Helper()
	for p, data := range files {
		if err := w.Write(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCommitReplacesWhole(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	w, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, map[string]string{"index.html": "one", "2024/old/index.html": "old"})
	if _, err := w.Commit(false); err != nil {
		t.Fatal(err)
	}
	w, err = Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, map[string]string{"index.html": "two"})
	if _, err := w.Commit(false); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "two" {
		t.Errorf("index.html: got %q, want two", got)
	}
	if _, err := os.Stat(filepath.Join(out, "2024")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a file of the old build survived")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v, want only public", entries)
	}
}

func TestAbortLeavesOld(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	w, _ := Begin(out, nil)
	write(t, w, map[string]string{"index.html": "published"})
	if _, err := w.Commit(false); err != nil {
		t.Fatal(err)
	}
	w, _ = Begin(out, nil)
	write(t, w, map[string]string{"index.html": "half"})
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "published" {
		t.Errorf("got %q, want the old output", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("staging folder left behind: %v", entries)
	}
}

func TestRefuses(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "mine")
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(mine, nil); err == nil {
		t.Error("Begin replaced a folder that is not disclose's output")
	}
	w, err := Begin(filepath.Join(dir, "public"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for _, p := range []string{"../escape.html", "/etc/passwd", "a/../../b", `a\..\..\b`, ""} {
		if err := w.Write(p, nil); err == nil {
			t.Errorf("Write(%q) succeeded, want a refusal", p)
		}
	}
}

func TestSwapByRename(t *testing.T) {
	dir := t.TempDir()
	staging, out := filepath.Join(dir, "new"), filepath.Join(dir, "out")
	for d, content := range map[string]string{staging: "new", out: "old"} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "f"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old, err := swapByRename(staging, out)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "f")); got != "new" {
		t.Errorf("out: got %q, want new", got)
	}
	if got := read(t, filepath.Join(old, "f")); got != "old" {
		t.Errorf("old: got %q, want old", got)
	}
}

// buildInto makes one build into out, with the spare the last build's
// record describes, do writing its files; it keeps the old output as the
// spare, and says whether the build reused the spare.
func buildInto(t *testing.T, out string, spare *Spare, do func(w *Writer)) bool {
	t.Helper()
	w, err := Begin(out, spare)
	if err != nil {
		t.Fatal(err)
	}
	do(w)
	if _, err := w.Commit(true); err != nil {
		t.Fatal(err)
	}
	return w.Reused()
}

// TestSpareReused: the third build into a folder reuses the output of the
// first as its staging folder: it keeps what it is told to, writes and
// links without ever writing through a hard link shared with the live
// output, and removes what it did not put there, folders left empty too.
func TestSpareReused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build := func(spare *Spare, do func(w *Writer)) bool { t.Helper(); return buildInto(t, out, spare, do) }
	files := []string{Marker, "index.html", "2024/a/index.html", "2024/gone/index.html", "2025/b/index.html"}
	build(nil, func(w *Writer) {
		write(t, w, map[string]string{"index.html": "home 1", "2024/a/index.html": "a", "2024/gone/index.html": "gone",
			"2025/b/index.html": "b 1"})
	})
	first := Identity(out)
	build(nil, func(w *Writer) {
		write(t, w, map[string]string{"index.html": "home 2"})
		for _, p := range []string{"2024/a/index.html", "2024/gone/index.html", "2025/b/index.html"} {
			if err := w.Link(p); err != nil {
				t.Fatal(err)
			}
		}
	})
	spare := sparePath(out)
	if Identity(spare) != first {
		t.Fatalf("the spare is not the first output: %q, want %q", Identity(spare), first)
	}
	reused := build(&Spare{Marker: first, Files: files}, func(w *Writer) {
		if err := w.Keep("2024/a/index.html"); err != nil {
			t.Fatal(err)
		}
		// b is a hard link shared with the live output: written anew.
		write(t, w, map[string]string{"index.html": "home 3", "2025/b/index.html": "b 3"})
		if l := lockDir(w.staging); l != nil {
			l.Close()
			t.Error("the spare taken as the staging folder is not locked")
		}
	})
	if !reused {
		t.Error("the spare was not reused")
	}
	for path, want := range map[string]string{
		filepath.Join(out, "index.html"):             "home 3",
		filepath.Join(out, "2024/a/index.html"):      "a",
		filepath.Join(out, "2025/b/index.html"):      "b 3",
		filepath.Join(spare, "2025/b/index.html"):    "b 1", // the output before: not written through
		filepath.Join(spare, "index.html"):           "home 2",
		filepath.Join(spare, "2024/gone/index.html"): "gone",
	} {
		if got := read(t, path); got != want {
			t.Errorf("%s: got %q, want %q", path, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "2024/gone")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the folder of a page not put in the new output is still there (%v)", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 2 {
		t.Errorf("beside the output: %v, want public and its spare", entries)
	}

	if lockable { // a spare another build is taking is left to it
		held := lockDir(spare)
		defer held.Close()
		w, err := Begin(out, &Spare{Marker: Identity(spare), Files: files})
		if err != nil {
			t.Fatal(err)
		}
		if w.Reused() {
			t.Error("a build took the spare another build holds")
		}
		if err := w.Abort(); err != nil {
			t.Fatal(err)
		}
		if got := read(t, filepath.Join(spare, "index.html")); got != "home 2" {
			t.Errorf("the held spare: got %q, want it untouched", got)
		}
	}
}

// TestRemoveAllLink: removing an old output that is a link removes the
// link alone, never what it leads to.
func TestRemoveAllLink(t *testing.T) {
	target := t.TempDir()
	if err := os.WriteFile(filepath.Join(target, "index.html"), []byte("live"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "old")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := removeAll(link); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(link); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the link is still there: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(target, "index.html")); string(b) != "live" {
		t.Errorf("the link's target lost its file: %q, %v", b, err)
	}
}

// TestAbortReadOnly: a staging folder holding read-only folders (a reused
// spare made read-only) is removed whole by Abort, leaving nothing beside
// the output. As root, whom a read-only folder does not stop, it passes
// either way; run as another user, it fails without the folders being
// made writable first.
func TestAbortReadOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	w, err := Begin(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, map[string]string{"2025/a/index.html": "a", "2025/b/index.html": "b"})
	for _, d := range []string{"2025/a", "2025/b", "2025"} {
		if err := os.Chmod(filepath.Join(w.staging, d), 0o555); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Abort(); err != nil {
		t.Errorf("abort: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 0 {
		writable(filepath.Dir(dir))
		t.Errorf("left beside the output: %v", entries)
	}
}

// TestWriteFrom: a file written piece by piece holds every piece, in
// order; a file already in the staging folder (a hard link to the live
// output, in a reused spare) is replaced, not written through; a path that
// leaves the folder and a failed write are refused.
func TestWriteFrom(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	w, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, map[string]string{"data/notices.json": "old"})
	live := filepath.Join(t.TempDir(), "live.json")
	if err := os.Link(filepath.Join(w.staging, "data/notices.json"), live); err != nil {
		t.Fatal(err)
	}
	pieces := func(ps ...string) func(io.Writer) error {
		return func(f io.Writer) error {
			for _, p := range ps {
				if _, err := io.WriteString(f, p); err != nil {
					return err
				}
			}
			return nil
		}
	}
	if err := w.WriteFrom("data/notices.json", pieces("{", `"a":1`, "}\n")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"../escape.json", "/etc/passwd", ""} {
		if err := w.WriteFrom(p, pieces("x")); err == nil {
			t.Errorf("WriteFrom(%q) succeeded, want a refusal", p)
		}
	}
	failed := errors.New("disk full")
	if err := w.WriteFrom("other.json", func(io.Writer) error { return failed }); !errors.Is(err, failed) {
		t.Errorf("a failed write returned %v, want %v", err, failed)
	}
	if _, err := w.Commit(false); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "data/notices.json")); got != "{\"a\":1}\n" {
		t.Errorf("notices.json: got %q", got)
	}
	if got := read(t, live); got != "old" {
		t.Errorf("the file the staging folder held was written through: %q", got)
	}
}

// TestKeepLinked: a file the reused spare holds is kept where it is the
// live output's file itself, and linked from the live output where it is
// a file of its own, even with the same name and a digest that says the
// same: the live output's file is the one its build found as it left it.
// Held reads what the spare holds, and nothing where there is no spare.
func TestKeepLinked(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build := func(spare *Spare, do func(w *Writer)) { t.Helper(); buildInto(t, out, spare, do) }
	build(nil, func(w *Writer) {
		write(t, w, map[string]string{"search/a.bin": "a", "search/b.bin": "b 1"})
		if _, ok := w.Held("search/a.bin"); ok {
			t.Error("Held: a new staging folder holds nothing")
		}
	})
	first := Identity(out)
	build(nil, func(w *Writer) {
		if err := w.KeepLinked("search/a.bin"); err != nil { // no spare: linked
			t.Fatal(err)
		}
		write(t, w, map[string]string{"search/b.bin": "b 2"})
	})
	files := []string{Marker, "search/a.bin", "search/b.bin"}
	build(&Spare{Marker: first, Files: files}, func(w *Writer) {
		if data, ok := w.Held("search/b.bin"); !ok || string(data) != "b 1" {
			t.Errorf("Held: got %q, %v; want the spare's b 1", data, ok)
		}
		if _, ok := w.Held("search/c.bin"); ok {
			t.Error("Held: a file the spare does not hold")
		}
		for _, p := range []string{"search/a.bin", "search/b.bin"} {
			if err := w.KeepLinked(p); err != nil {
				t.Fatal(err)
			}
		}
	})
	for path, want := range map[string]string{"search/a.bin": "a", "search/b.bin": "b 2"} {
		if got := read(t, filepath.Join(out, path)); got != want {
			t.Errorf("%s: got %q, want %q", path, got, want)
		}
	}
}

package output

import (
	"errors"
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
	w, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, map[string]string{"index.html": "one", "2024/old/index.html": "old"})
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	w, err = Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, map[string]string{"index.html": "two"})
	if err := w.Commit(); err != nil {
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
	w, _ := Begin(out)
	write(t, w, map[string]string{"index.html": "published"})
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	w, _ = Begin(out)
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
	if _, err := Begin(mine); err == nil {
		t.Error("Begin replaced a folder that is not disclose's output")
	}
	w, err := Begin(filepath.Join(dir, "public"))
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

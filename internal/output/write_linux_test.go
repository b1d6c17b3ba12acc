package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// openFiles counts the descriptors the process holds open.
func openFiles(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd:", err)
	}
	return len(entries)
}

// TestStageWritesByDescriptor: files at every depth land where their paths
// say, with the modes of a file and folder made by path, also past the
// folders the stage holds open at most; Commit and Abort let go of every
// folder held open.
func TestStageWritesByDescriptor(t *testing.T) {
	for _, commit := range []bool{true, false} {
		t.Run(fmt.Sprint("commit=", commit), func(t *testing.T) {
			before := openFiles(t)
			out := filepath.Join(t.TempDir(), "public")
			w, err := Begin(out, nil)
			if err != nil {
				t.Fatal(err)
			}
			files := map[string]string{
				"index.html":            "home",
				"round/index.html":      "round",
				"a/b/c/d/e/f.txt":       "deep",
				"a/b/c/g.txt":           "beside",
				"search/2025/c1.bin":    "c1",
				"search/2025/c2.bin":    "c2",
				"./2025/./n/index.html": "not clean",
				"2025/n/notice.json":    "{}",
				"2025/m/index.html":     "m",
				"unit/省文化和旅游厅党组/index.html": "unit",
			}
			for i := range stageOpenAtMost + 20 { // more parents than are held open
				files[fmt.Sprintf("p%d/q/index.html", i)] = fmt.Sprint(i)
			}
			for p, data := range files {
				if err := w.Write(p, []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			// Written by descriptor: the staging folder open, and as
			// many folders held open as a stage holds, no more.
			if w.st.root < 0 {
				t.Error("the staging folder is not open: the stage wrote by whole paths")
			}
			if held := len(w.st.dirs); held != stageOpenAtMost {
				t.Errorf("the stage holds %d folders open, want %d", held, stageOpenAtMost)
			}
			if !commit {
				if err := w.Abort(); err != nil {
					t.Fatal(err)
				}
				if after := openFiles(t); after != before {
					t.Errorf("%d descriptors open after Abort, %d before Begin", after, before)
				}
				return
			}
			if _, err := w.Commit(false); err != nil {
				t.Fatal(err)
			}
			if after := openFiles(t); after != before {
				t.Errorf("%d descriptors open after Commit, %d before Begin", after, before)
			}
			ref := t.TempDir()
			os.WriteFile(filepath.Join(ref, "f"), nil, 0o644)
			os.Mkdir(filepath.Join(ref, "d"), 0o755)
			fileMode, dirMode := mode(t, filepath.Join(ref, "f")), mode(t, filepath.Join(ref, "d"))
			for p, want := range files {
				full := filepath.Join(out, filepath.FromSlash(p))
				if got := read(t, full); got != want {
					t.Errorf("%s: got %q, want %q", p, got, want)
				}
				if got := mode(t, full); got != fileMode {
					t.Errorf("%s: mode %v, want %v as os.WriteFile gives", p, got, fileMode)
				}
				if got := mode(t, filepath.Dir(full)); got != dirMode {
					t.Errorf("%s: folder mode %v, want %v as os.Mkdir gives", p, got, dirMode)
				}
			}
		})
	}
}

func mode(t *testing.T, name string) os.FileMode {
	t.Helper()
	info, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode()
}

// TestStageFileInTheWay: a file where a folder should be fails the write
// with the system's error and the whole path, and leaves the file.
func TestStageFileInTheWay(t *testing.T) {
	w := staged(t)
	for _, p := range []string{"2025/a", "x"} {
		if err := w.Write(p, []byte("file")); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{"2025/a/index.html", "2025/a/b/index.html", "x/y/z/index.html", "x/index.html"} {
		err := w.Write(p, []byte("page"))
		var pe *os.PathError
		if !errors.Is(err, syscall.ENOTDIR) || !errors.As(err, &pe) || !filepath.IsAbs(pe.Path) {
			t.Errorf("%s: got %v, want a path error saying not a folder", p, err)
		}
	}
	if got := read(t, filepath.Join(w.staging, "2025", "a")); got != "file" {
		t.Errorf("the file in the way: %q", got)
	}
}

// TestStageEmptyFolderInTheWay: an empty folder where a file is to be
// written is removed, as os.Remove removes it; a folder with files in it
// is not, and the write fails.
func TestStageEmptyFolderInTheWay(t *testing.T) {
	w := staged(t)
	if err := os.MkdirAll(filepath.Join(w.staging, "2025", "a", "index.html"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := w.Write("2025/a/index.html", []byte("page")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(w.staging, "2025", "a", "index.html")); got != "page" {
		t.Errorf("got %q", got)
	}
	if err := os.MkdirAll(filepath.Join(w.staging, "2025", "b", "index.html", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := w.Write("2025/b/index.html", []byte("page")); err == nil {
		t.Error("a folder with a folder in it was replaced by a file")
	}
}

// staged begins a build into a new folder, aborted when the test ends.
func staged(t *testing.T) *Writer {
	t.Helper()
	w, err := Begin(filepath.Join(t.TempDir(), "public"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Abort() })
	return w
}

//go:build unix

package site

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mkfifo makes a named pipe at path and, when the test ends, opens it for
// writing once, which lets a reader stuck on it go.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
}

// within runs f, failing the test if it has not returned in ten seconds:
// a reader that opened a named pipe would wait for a writer for ever. f
// runs on another goroutine: it reports with t.Errorf, never t.Fatal.
func within(t *testing.T, what string, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: still waiting after 10 s: it opened the named pipe", what)
		return nil
	}
}

// TestNamedPipeNotOpened: a named pipe (FIFO) named as the settings, a
// notice, a seal record, or reached by a link, is refused at once with a
// message saying what it is, by every reader of the sources.
func TestNamedPipeNotOpened(t *testing.T) {
	dir := t.TempDir()
	mkfifo(t, filepath.Join(dir, SettingsPath))
	mkfifo(t, filepath.Join(dir, "content", "2025", "pipe.md"))
	mkfifo(t, filepath.Join(dir, "content", "archive", "2025.toml"))
	if err := os.Symlink("pipe.md", filepath.Join(dir, "content", "2025", "link.md")); err != nil {
		t.Fatal(err)
	}
	folder, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer folder.Close()
	want := "named pipe (FIFO)"
	check := func(what, msg string) {
		t.Helper()
		if !strings.Contains(msg, want) || !strings.Contains(msg, "普通文件") {
			t.Errorf("%s: got %q, want a message saying it is a %s", what, msg, want)
		}
	}
	for _, p := range []string{"content/2025/pipe.md", "content/2025/link.md"} {
		err := within(t, "ReadSource "+p, func() error { _, _, err := ReadSource(folder, p); return err })
		if err == nil {
			t.Errorf("ReadSource %s: no error", p)
		} else {
			check("ReadSource "+p, err.Error())
		}
		err = within(t, "ReadSource os.DirFS "+p, func() error { _, _, err := ReadSource(os.DirFS(dir), p); return err })
		if err == nil {
			t.Errorf("ReadSource os.DirFS %s: no error", p)
		}
		within(t, "ReadNotice "+p, func() error {
			n, problems := ReadNotice(folder, nil, p, Options{})
			if n != nil || len(problems) != 1 {
				t.Errorf("ReadNotice %s: got %v and %v, want no notice and one problem", p, n, problems)
				return nil
			}
			check("ReadNotice "+p, problems[0].Message)
			return nil
		})
	}
	within(t, "LoadSettings", func() error {
		s, problems := LoadSettings(folder)
		if s != nil || len(problems) != 1 {
			t.Errorf("LoadSettings: got %v and %v, want no settings and one problem", s, problems)
			return nil
		}
		check("LoadSettings", problems[0].Message)
		return nil
	})
	within(t, "ReadSeals", func() error {
		_, problems := ReadSeals(folder)
		if len(problems) != 1 {
			t.Errorf("ReadSeals: got %v, want one problem", problems)
			return nil
		}
		check("ReadSeals", problems[0].Message)
		return nil
	})
}

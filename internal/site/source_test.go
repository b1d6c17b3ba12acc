package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"
)

// TestReadSource: a Folder reads each kind of file as the os.Root would,
// and tells the size and time os.Stat tells.
func TestReadSource(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/2025/a.md", "正文 a")
	write("content/2025/b.md", "正文 b")
	write("content/2024/c.md", "")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(outside, "secret.md"), []byte("秘密"), 0o644))
	must(os.Symlink("b.md", filepath.Join(dir, "content/2025/link.md")))
	must(os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "content/2025/escape.md")))
	must(os.Mkdir(filepath.Join(dir, "content/2025/folder.md"), 0o755))
	old := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	must(os.Chtimes(filepath.Join(dir, "content/2025/a.md"), old, old))

	f, err := OpenFolder(dir)
	must(err)
	defer f.Close()
	for _, c := range []struct {
		path, want string
		err        bool
	}{
		{"content/2025/a.md", "正文 a", false},
		{"content/2025/b.md", "正文 b", false},
		{"content/2024/c.md", "", false},
		{"content/2025/link.md", "正文 b", false}, // a link inside the site is followed
		{"content/2025/escape.md", "", true},    // one that leaves it is not
		{"content/2025/missing.md", "", true},
		{"content/2025/folder.md", "", true},
		{"content/2023/none.md", "", true},
		{"../x.md", "", true},
	} {
		t.Run(c.path, func(t *testing.T) {
			src, info, err := ReadSource(f, c.path)
			if (err != nil) != c.err {
				t.Fatalf("got error %v, want an error: %v", err, c.err)
			}
			if c.err {
				return
			}
			if string(src) != c.want {
				t.Errorf("got %q, want %q", src, c.want)
			}
			want, err := os.Stat(filepath.Join(dir, c.path))
			must(err)
			if info.Size() != want.Size() || !info.ModTime().Equal(want.ModTime()) {
				t.Errorf("got size %d time %v, want %d %v", info.Size(), info.ModTime(), want.Size(), want.ModTime())
			}
			stat, err := StatSource(f, c.path)
			must(err)
			if stat.Size() != want.Size() || !stat.ModTime().Equal(want.ModTime()) {
				t.Errorf("StatSource: got size %d time %v, want %d %v", stat.Size(), stat.ModTime(), want.Size(), want.ModTime())
			}
		})
	}
	if _, err := StatSource(f, "content/2025/escape.md"); err == nil {
		t.Error("StatSource followed a link out of the site folder")
	}
	if info, _ := StatSource(f, "content/2025/a.md"); !info.ModTime().Equal(old) {
		t.Errorf("StatSource: got time %v, want %v to the nanosecond", info.ModTime(), old)
	}
	// Another file system is read by its own means.
	m := fstest.MapFS{"content/2025/a.md": {Data: []byte("x"), ModTime: old}}
	src, info, err := ReadSource(m, "content/2025/a.md")
	if err != nil || !bytes.Equal(src, []byte("x")) || !info.ModTime().Equal(old) {
		t.Errorf("MapFS: got %q %v %v", src, info, err)
	}
	// Links are told, for the build to say where one leads.
	if target, err := fs.ReadLink(f, "content/2025/escape.md"); err != nil || target != filepath.Join(outside, "secret.md") {
		t.Errorf("ReadLink: got %q %v", target, err)
	}
	must(f.Close())
	if _, _, err := ReadSource(f, "content/2025/a.md"); err == nil {
		t.Error("a closed Folder was read")
	}
}

package site

import (
	"bytes"
	"errors"
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

// TestReadBodyInto: what ReadBodyInto reads of a file from an offset is
// what a plain read of the whole file cut there gives, whatever room its
// buffer has, in a Folder (open, read from the offset, close) and in any
// other fs.FS; a file shorter than the offset is an error.
func TestReadBodyInto(t *testing.T) {
	dir := t.TempDir()
	long := bytes.Repeat([]byte("巡察整改情况通报。"), 20000) // 540 KB: more than a read's first room
	files := map[string][]byte{
		"content/2025/a.md":  []byte("+++\ntitle = \"甲\"\n+++\n正文 a"),
		"content/2025/b.md":  append([]byte("+++\n+++\n"), long...),
		"content/2025/c.md":  []byte("+++\n+++\n"),    // no body
		"content/2025/d.md":  make([]byte, minTail+8), // a body that fills the first read's room
		"content/2025/e.md":  make([]byte, 5),
		"content/2025/ln.md": nil,
	}
	fsys := fstest.MapFS{}
	for p, data := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if p == "content/2025/ln.md" {
			if err := os.Symlink("a.md", full); err != nil {
				t.Fatal(err)
			}
			files[p] = files["content/2025/a.md"]
			fsys[p] = &fstest.MapFile{Data: files[p]}
			continue
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
		fsys[p] = &fstest.MapFile{Data: data}
	}
	f, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tests := []struct {
		path string
		off  int
	}{
		{"content/2025/a.md", 22},
		{"content/2025/a.md", 0},
		{"content/2025/a.md", 31}, // the end: an empty body
		{"content/2025/a.md", 32}, // beyond the end
		{"content/2025/b.md", 8},
		{"content/2025/b.md", 100001},
		{"content/2025/c.md", 8},
		{"content/2025/d.md", 8},
		{"content/2025/d.md", 0},
		{"content/2025/e.md", 6},
		{"content/2025/ln.md", 22}, // a link: read through the os.Root
		{"content/2025/missing.md", 0},
	}
	for _, tt := range tests {
		for _, fs := range []struct {
			name string
			fsys fs.FS
		}{{"folder", f}, {"map", fsys}} {
			for _, room := range []int{0, 4, 64, minTail, 1 << 20} {
				got, err := ReadBodyInto(fs.fsys, tt.path, tt.off, make([]byte, 0, room))
				data, ok := files[tt.path]
				switch {
				case !ok:
					if err == nil {
						t.Errorf("%s %s: no error for a missing file", fs.name, tt.path)
					}
				case tt.off > len(data):
					if !errors.Is(err, ErrShorter) {
						t.Errorf("%s %s from %d (room %d): got %q, %v, want ErrShorter", fs.name, tt.path, tt.off, room, got, err)
					}
				case err != nil || !bytes.Equal(got, data[tt.off:]):
					t.Errorf("%s %s from %d (room %d): got %d bytes, %v, want %d bytes", fs.name, tt.path, tt.off, room, len(got), err, len(data)-tt.off)
				}
			}
		}
	}
}

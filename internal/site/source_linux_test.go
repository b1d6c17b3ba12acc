package site

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReadAtStatAt: the fast path takes a regular file and leaves a link
// and a folder to the os.Root. TestReadSource cannot tell: the slow path
// reads the same bytes.
func TestReadAtStatAt(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "a.md"), []byte("正文 a"), 0o644))
	must(os.Symlink("a.md", filepath.Join(dir, "link.md")))
	must(os.Mkdir(filepath.Join(dir, "folder.md"), 0o755))
	d, err := os.Open(dir)
	must(err)
	defer d.Close()
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"a.md", true},
		{"link.md", false},
		{"folder.md", false},
		{"missing.md", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, info, ok := readAt(d, c.name, nil)
			if ok != c.ok {
				t.Fatalf("readAt: got ok %v, want %v", ok, c.ok)
			}
			if ok && (string(src) != "正文 a" || info.Size() != int64(len(src))) {
				t.Errorf("readAt: got %q of size %d, want %q", src, info.Size(), "正文 a")
			}
			info, ok = statAt(d, c.name)
			if ok != c.ok {
				t.Fatalf("statAt: got ok %v, want %v", ok, c.ok)
			}
			if ok && info.Size() != int64(len("正文 a")) {
				t.Errorf("statAt: got size %d, want %d", info.Size(), len("正文 a"))
			}
		})
	}
}

// TestReadSourceInto: a Folder reads a source into the buffer it is handed
// when the buffer has room, and into new memory when not; the bytes are
// the file's either way.
func TestReadSourceInto(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("正文 a"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, c := range []struct {
		name   string
		buf    []byte
		shared bool
	}{
		{"room", make([]byte, 3, 64), true},
		{"exact", make([]byte, 0, len("正文 a")), true},
		{"small", make([]byte, 0, 4), false},
		{"nil", nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, info, err := ReadSourceInto(f, "a.md", c.buf)
			if err != nil {
				t.Fatal(err)
			}
			if string(src) != "正文 a" || info.Size() != int64(len(src)) {
				t.Errorf("got %q of size %d, want %q", src, info.Size(), "正文 a")
			}
			if shared := cap(c.buf) > 0 && &src[:1][0] == &c.buf[:1][0]; shared != c.shared {
				t.Errorf("read into the buffer: got %v, want %v", shared, c.shared)
			}
		})
	}
}

package output

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteNew: a new file the stage writes gets the bytes and the mode a
// file written by os.WriteFile gets; an existing one is refused with
// fs.ErrExist, for the writer to unlink it rather than write through a
// hard link.
func TestWriteNew(t *testing.T) {
	dir := t.TempDir()
	st := openStage(dir)
	defer st.close()
	for _, data := range [][]byte{nil, []byte("通报"), bytes.Repeat([]byte("整改"), 1<<20)} {
		full := filepath.Join(dir, "f")
		os.Remove(full)
		if err := st.writeNew(".", "f", data); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(full)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("read back %d bytes (%v), want %d", len(got), err, len(data))
		}
		ref := filepath.Join(dir, "ref")
		if err := os.WriteFile(ref, data, 0o644); err != nil {
			t.Fatal(err)
		}
		a, _ := os.Stat(full)
		b, _ := os.Stat(ref)
		if a.Mode() != b.Mode() {
			t.Errorf("mode %v, want %v as os.WriteFile gives", a.Mode(), b.Mode())
		}
	}
	linked := filepath.Join(dir, "linked")
	if err := os.Link(filepath.Join(dir, "f"), linked); err != nil {
		t.Fatal(err)
	}
	if err := st.writeNew(".", "linked", []byte("x")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("writing over an existing file: got %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "f")); len(got) != 2<<20*3 {
		t.Errorf("the file linked to was changed: %d bytes", len(got))
	}
	if err := st.writeNew("none", "f", nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("writing into a missing folder: got %v, want fs.ErrNotExist", err)
	}
}

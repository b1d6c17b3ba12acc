package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestSpool: what a spool keeps reads back as it was put, from memory or
// from its file, once it keeps more than it may hold in memory; a piece
// larger than a chunk too; its file is removed when it is closed.
func TestSpool(t *testing.T) {
	dir := t.TempDir()
	sp := newSpool(dir, 2*chunkSize)
	var pieces [][]byte
	var at []spooled
	for i := range 5000 {
		p := bytes.Repeat([]byte(fmt.Sprintf("piece %d;", i)), 1+i%200)
		if i == 2500 {
			p = bytes.Repeat([]byte("x"), chunkSize+10) // alone in a chunk of its own
		}
		a, err := sp.put(p)
		must(t, err)
		pieces, at = append(pieces, p), append(at, a)
	}
	if sp.file == nil || sp.held > 2*chunkSize+chunkSize {
		t.Fatalf("%d bytes in memory, file %v: want at most some %d, the rest in the file", sp.held, sp.file != nil, 2*chunkSize)
	}
	// A build killed now must leave nothing beside its output: where the
	// system allows it, the open file has no name.
	if runtime.GOOS == "linux" || runtime.GOOS == "darwin" {
		if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) > 0 {
			t.Errorf("while the spool is open, its folder holds %v: a killed build would leave it", left)
		}
	}
	var buf []byte
	for i, a := range at {
		got, err := sp.get(a, &buf)
		must(t, err)
		if !bytes.Equal(got, pieces[i]) {
			t.Fatalf("piece %d: read back %d bytes, not the %d put", i, len(got), len(pieces[i]))
		}
	}
	for i, a := range at { // again: reading one never changes another
		got, err := sp.get(a, &buf)
		must(t, err)
		if !bytes.Equal(got, pieces[i]) {
			t.Fatalf("piece %d read again: %d bytes, not the %d put", i, len(got), len(pieces[i]))
		}
	}
	must(t, sp.close())
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) > 0 {
		t.Errorf("left after close: %v", left)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
}

// TestSpoolInMemory: a spool that never holds more than it may keep in
// memory writes no file.
func TestSpoolInMemory(t *testing.T) {
	dir := t.TempDir()
	sp := newSpool(dir, spoolResident)
	for i := range 1000 {
		_, err := sp.put([]byte(fmt.Sprint("line ", i)))
		must(t, err)
	}
	if sp.file != nil {
		t.Errorf("a spool of %d bytes wrote a file", sp.held)
	}
	must(t, sp.close())
}

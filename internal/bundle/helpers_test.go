package bundle

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// copySite copies testdata/site into a new temporary folder, creating the
// files in path order or in reverse, each with the modification time mtime.
func copySite(t *testing.T, reverse bool, mtime time.Time) string {
	t.Helper()
	src := os.DirFS("testdata/site")
	var paths []string
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if reverse {
		slices.Reverse(paths)
	}
	dir := t.TempDir()
	for _, p := range paths {
		data, err := fs.ReadFile(src, p)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, p), string(data))
		if err := os.Chtimes(filepath.Join(dir, p), mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// mustMake makes the bundle of year from the site folder dir.
func mustMake(t *testing.T, dir string, opts Options) *Bundle {
	t.Helper()
	b, problems, err := Make(os.DirFS(dir), opts)
	if err != nil {
		t.Fatalf("Make: %v\n%v", err, problems)
	}
	return b
}

// unzipAll returns every file of a ZIP by name.
func unzipAll(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = b
	}
	return files
}

// rezip unpacks a bundle, lets change alter its files, and packs them again.
func rezip(t testing.TB, data []byte, change func(files map[string][]byte)) []byte {
	t.Helper()
	files := unzipAll(t, data)
	change(files)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

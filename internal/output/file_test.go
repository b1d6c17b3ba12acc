package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestWriteFile(t *testing.T) {
	tests := []struct {
		name     string
		old      string      // the file's bytes before; "" for no file
		oldMode  fs.FileMode // its mode before
		write    func(string, []byte) error
		wantErr  error
		want     string
		wantMode fs.FileMode
	}{
		{name: "new file", write: WriteFile, want: "new", wantMode: NewFileMode},
		{name: "replaced, mode kept", write: WriteFile, old: "old", oldMode: 0o600, want: "new", wantMode: 0o600},
		{name: "replaced, executable kept", write: WriteFile, old: "old", oldMode: 0o755, want: "new", wantMode: 0o755},
		{name: "created", write: CreateFile, want: "new", wantMode: NewFileMode},
		{name: "not created over a file", write: CreateFile, old: "old", oldMode: 0o640,
			wantErr: fs.ErrExist, want: "old", wantMode: 0o640},
		{name: "cache, new", write: WriteCache, want: "new", wantMode: NewFileMode},
		{name: "cache, replaced", write: WriteCache, old: "old", oldMode: 0o600, want: "new", wantMode: 0o600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "sub", "x.md")
			if tt.old != "" {
				writeOld(t, name, tt.old, tt.oldMode)
			}
			err := tt.write(name, []byte("new"))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got error %v, want %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), name) {
				t.Errorf("got error %q, want it to name %s", err, name)
			}
			assertFile(t, name, tt.want, tt.wantMode)
			assertOnly(t, filepath.Dir(name), "x.md")
		})
	}
}

// syncCounter is a temporary file that counts its syncs.
type syncCounter struct {
	*os.File
	syncs *int
}

func (f syncCounter) Sync() error { *f.syncs++; return f.File.Sync() }

// TestWriteSyncsWhenDurable: WriteFile and CreateFile sync the file they
// write; WriteCache does not.
func TestWriteSyncsWhenDurable(t *testing.T) {
	for _, h := range []how{{durable: true}, {exclusive: true, durable: true}, {}} {
		t.Run(fmt.Sprintf("%+v", h), func(t *testing.T) {
			root, err := os.OpenRoot(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			syncs := 0
			create := func(root *os.Root, name string) (tempFile, string, error) {
				f, tmp, err := createTemp(root, name)
				if err != nil {
					return nil, "", err
				}
				return syncCounter{f.(*os.File), &syncs}, tmp, nil
			}
			if err := writeIn(root, "x", []byte("x"), h, create); err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{true: 1, false: 0}[h.durable]; syncs != want {
				t.Errorf("got %d syncs, want %d", syncs, want)
			}
		})
	}
}

// TestWriteFileThroughLink: a file reached through a symbolic link is
// replaced where it is, its mode kept, and the link stays a link.
func TestWriteFileThroughLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere", "real.toml")
	writeOld(t, target, "old", 0o600)
	link := filepath.Join(dir, "site", "2024.toml")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../elsewhere/real.toml", link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	assertFile(t, target, "new", 0o600)
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("got %v, %v for the link, want it still a symbolic link", info, err)
	}
	assertOnly(t, filepath.Dir(target), "real.toml")
}

// failingFile is a temporary file whose step named fail fails.
type failingFile struct {
	*os.File
	fail string
}

var errInjected = errors.New("injected failure")

func (f failingFile) Write(p []byte) (int, error) {
	if f.fail == "write" {
		n, _ := f.File.Write(p[:len(p)/2]) // half written, then the disk is full
		return n, errInjected
	}
	return f.File.Write(p)
}

func (f failingFile) Sync() error {
	if f.fail == "sync" {
		return errInjected
	}
	return f.File.Sync()
}

func (f failingFile) Close() error {
	err := f.File.Close()
	if f.fail == "close" {
		return errInjected
	}
	return err
}

func TestWriteFileFailsWhole(t *testing.T) {
	for _, fail := range []string{"write", "sync", "close"} {
		for _, exclusive := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s exclusive=%v", fail, exclusive), func(t *testing.T) {
				dir := t.TempDir()
				name := "x.md"
				if !exclusive {
					writeOld(t, filepath.Join(dir, name), "old bytes", 0o600)
				}
				root, err := os.OpenRoot(dir)
				if err != nil {
					t.Fatal(err)
				}
				defer root.Close()
				create := func(root *os.Root, name string) (tempFile, string, error) {
					f, tmp, err := createTemp(root, name)
					if err != nil {
						return nil, "", err
					}
					return failingFile{f.(*os.File), fail}, tmp, nil
				}
				err = writeIn(root, name, []byte("new bytes, longer than the old"), how{exclusive: exclusive, durable: true}, create)
				if !errors.Is(err, errInjected) {
					t.Fatalf("got error %v, want %v", err, errInjected)
				}
				if exclusive {
					assertOnly(t, dir)
					return
				}
				assertFile(t, filepath.Join(dir, name), "old bytes", 0o600)
				assertOnly(t, dir, name)
			})
		}
	}
}

func TestWriteFileRefuses(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(filepath.Join(dir, "folder"))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	tests := []struct{ name, target string }{
		{"a folder", "."},
		{"a path out of the root", "../escape.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := WriteFileIn(root, tt.target, []byte("x")); err == nil {
				t.Fatalf("got no error writing %s, want one", tt.target)
			}
			assertOnly(t, dir, "folder")
			assertOnly(t, filepath.Join(dir, "folder"))
		})
	}
}

func writeOld(t *testing.T, name, data string, mode fs.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

func assertFile(t *testing.T, name, want string, wantMode fs.FileMode) {
	t.Helper()
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got %q in %s, want %q", got, name, want)
	}
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != wantMode {
		t.Errorf("got mode %v, want %v", info.Mode().Perm(), wantMode)
	}
}

// assertOnly fails unless dir holds exactly the entries names: no
// temporary file is left behind.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("got %q in %s, want %q", got, dir, names)
	}
}

// TestWriteFileInThroughLink: WriteFileIn replaces the file a link inside
// the root leads to, following links as the system does (a ".." after a
// linked folder goes up from where that folder is), keeps the link, and
// refuses a link that leads out of the root or is absolute, leaving
// everything as it was.
func TestWriteFileInThroughLink(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.md")
	writeOld(t, outside, "secret", 0o644)
	writeOld(t, filepath.Join(dir, "notes", "a.md"), "old a", 0o640)
	writeOld(t, filepath.Join(dir, "store", "shared", "b.md"), "old b", 0o644)
	writeOld(t, filepath.Join(dir, "content", "shared", "b.md"), "decoy", 0o644)
	links := map[string]string{
		"content/2025/a.md":        "../../notes/a.md",
		"content/linked":           "../store/2025",
		"store/2025/b.md":          "../shared/b.md", // content/linked/b.md: store/shared/b.md, not content/shared/b.md
		"content/2025/escape.md":   "../../../" + filepath.Base(filepath.Dir(outside)) + "/secret.md",
		"content/2025/absolute.md": outside,
	}
	for link, target := range links {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(link)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for name, want := range map[string]string{"content/2025/a.md": "notes/a.md", "content/linked/b.md": "store/shared/b.md"} {
		if err := WriteFileIn(root, name, []byte("new")); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, want)); string(b) != "new" {
			t.Errorf("%s: %s holds %q, want the new bytes", name, want, b)
		}
	}
	assertFile(t, filepath.Join(dir, "notes", "a.md"), "new", 0o640)
	assertFile(t, filepath.Join(dir, "content", "shared", "b.md"), "decoy", 0o644)
	for _, name := range []string{"content/2025/escape.md", "content/2025/absolute.md"} {
		err := WriteFileIn(root, name, []byte("new"))
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: got %v, want an error naming it", name, err)
		}
	}
	assertFile(t, outside, "secret", 0o644)
	for link := range links {
		if info, err := os.Lstat(filepath.Join(dir, link)); err != nil || info.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link: %v", link, err)
		}
	}
}

package build

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSpareEditedInPlace: a page of the spare edited in place is, through
// the hard link, the live output's page too; the next build notices it by
// the page's times and writes that notice's pages anew, and so does every
// build after: the output is a clean build's bytes each time.
func TestSpareEditedInPlace(t *testing.T) {
	page := filepath.Join("2024", "notice-000000", "index.html")
	for _, tc := range []struct {
		name string
		in   func(out, spare string) string // the folder whose page is edited
		keep bool                           // the page's modification time is put back
	}{
		{"in the spare", func(out, spare string) string { return spare }, false},
		{"in the spare, time put back", func(out, spare string) string { return spare }, true},
		{"in the output", func(out, spare string) string { return out }, false},
		{"in the output, time put back", func(out, spare string) string { return out }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, out := spareSite(t)
			spare := sparePath(out)
			edited := filepath.Join(tc.in(out, spare), page)
			info, err := os.Stat(edited)
			must(t, err)
			time.Sleep(10 * time.Millisecond) // past the marker's time, on a coarse clock
			f, err := os.OpenFile(edited, os.O_WRONLY|os.O_TRUNC, 0)
			must(t, err)
			_, err = f.WriteString("<p>tampered</p>")
			must(t, err)
			must(t, f.Close())
			if tc.keep {
				must(t, os.Chtimes(edited, info.ModTime(), info.ModTime()))
			}
			for i := range 4 {
				if i%2 == 1 {
					edit(t, noticeFile(t, src, 1), "研究部署整改工作", "研究部署整改工作，并已完成")
					age(t, src)
				}
				mustBuild(t, src, out)
				checkClean(t, src, out)
				if b, _ := os.ReadFile(filepath.Join(out, page)); strings.Contains(string(b), "tampered") {
					t.Fatalf("build %d published the edit", i+1)
				}
			}
			beside(t, out, "public", ".public.previous")
		})
	}
}

// TestReadOnlySpare: a spare made read-only (as a deployment that makes
// its web root read-only leaves it after the next build) neither fails
// the build nor leaves a staging folder behind, and the new output's
// folders and files have the modes a clean build gives them. As root,
// where a read-only folder is still writable, the modes are what shows
// that the read-only folders were not published as they were.
func TestReadOnlySpare(t *testing.T) {
	// The spare made read-only, or the output, which the next build makes
	// the spare and the one after reuses.
	for _, which := range []string{"spare", "output"} {
		t.Run(which, func(t *testing.T) {
			src, out := spareSite(t)
			locked := sparePath(out)
			if which == "output" {
				locked = out
			}
			t.Cleanup(func() { writable(filepath.Dir(out)) })
			must(t, filepath.WalkDir(locked, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if d.IsDir() {
					return os.Chmod(p, 0o555)
				}
				return os.Chmod(p, 0o444)
			}))
			for i := range 3 {
				edit(t, noticeFile(t, src, 1), "研究部署整改工作", "研究部署整改工作，第"+string(rune('一'+i))+"次")
				age(t, src)
				mustBuild(t, src, out)
				checkClean(t, src, out)
				sameModes(t, out, filepath.Join(t.TempDir(), "clean"), src)
				beside(t, out, "public", ".public.previous")
			}
		})
	}
}

// writable makes every folder under dir writable again, for t.TempDir's
// cleanup.
func writable(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
}

// sameModes builds src into clean and compares the modes of out's files
// and folders with it.
func sameModes(t *testing.T, out, clean, src string) {
	t.Helper()
	mustBuild(t, src, clean)
	modes := func(dir string) map[string]fs.FileMode {
		m := map[string]fs.FileMode{}
		must(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := d.Info()
			rel, _ := filepath.Rel(dir, p)
			m[rel] = info.Mode()
			return err
		}))
		return m
	}
	got, want := modes(out), modes(clean)
	for rel, mode := range want {
		if got[rel] != mode {
			t.Errorf("%s: got mode %v, want %v as a clean build", rel, got[rel], mode)
		}
	}
}

// TestUnwritableSpare: a spare with a read-only folder that cannot be
// made writable, not even by root (immutable: chattr +i, as a folder of
// another user is to anyone else), is not reused: the build starts from a
// new folder, succeeds, and leaves no staging folder behind: the spare it
// could not remove goes back to its name. It needs chattr and the right
// to use it (root on ext4, xfs, btrfs, tmpfs), and is skipped without.
func TestUnwritableSpare(t *testing.T) {
	src, out := spareSite(t)
	locked := filepath.Join(sparePath(out), "2024", "notice-000000")
	must(t, os.Chmod(locked, 0o555))
	if b, err := exec.Command("chattr", "+i", locked).CombinedOutput(); err != nil {
		t.Skipf("cannot make a folder immutable here: chattr +i: %v: %s", err, b)
	}
	// Wherever a build moved it.
	t.Cleanup(func() { exec.Command("chattr", "-R", "-i", filepath.Dir(out)).Run() })
	for i := range 2 {
		edit(t, noticeFile(t, src, 1), "研究部署整改工作", "研究部署整改工作，第"+string(rune('一'+i))+"次")
		age(t, src)
		mustBuild(t, src, out)
		checkClean(t, src, out)
		beside(t, out, "public", ".public.previous")
	}
}

// TestReadOnlySpareAsAnotherUser runs TestReadOnlySpare again as a user
// whom read-only folders do stop (nobody, through setpriv), when the tests
// run as root, as they do in CI: there, TestReadOnlySpare can only check
// the modes of the output. The test binary is copied where that user may
// run it.
func TestReadOnlySpareAsAnotherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("not root: TestReadOnlySpare already runs as a user whom read-only folders stop")
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("no setpriv (util-linux) to run the test as another user")
	}
	dir, err := os.MkdirTemp("", "disclose-nobody-")
	must(t, err)
	t.Cleanup(func() { writable(dir); os.RemoveAll(dir) })
	must(t, os.Chmod(dir, 0o777))
	self, err := os.Executable()
	must(t, err)
	bin := filepath.Join(dir, "build.test")
	data, err := os.ReadFile(self)
	must(t, err)
	must(t, os.WriteFile(bin, data, 0o755))
	cmd := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
		bin, "-test.run", "^TestReadOnlySpare$", "-test.count=1", "-test.v")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir, "TMPDIR="+dir, "XDG_CACHE_HOME="+filepath.Join(dir, "cache"))
	out, err := cmd.CombinedOutput()
	if !strings.Contains(string(out), "=== RUN") {
		t.Skipf("setpriv could not run the test as nobody here (a container without CAP_SETUID?): %v\n%s", err, out)
	}
	if err != nil || !strings.Contains(string(out), "--- PASS: TestReadOnlySpare ") {
		t.Errorf("TestReadOnlySpare as nobody: %v\n%s", err, out)
	}
}

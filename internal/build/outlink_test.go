package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclose/internal/corpus"
	"disclose/internal/site"
)

// TestOutputIsLink: an output folder that is a symbolic link to a
// published output (public -> /srv/www) is built through: the folder it
// leads to holds the new site, whole, and the link stays a link. Nothing
// the target held is lost but the old build it is replaced with.
func TestOutputIsLink(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := t.TempDir()
	must(t, corpus.Write(src, corpus.Options{Notices: 4, Seed: 5, FirstYear: 2024, LastYear: 2025}))
	age(t, src)
	www := filepath.Join(t.TempDir(), "srv", "www")
	mustBuild(t, src, www)
	out := filepath.Join(t.TempDir(), "public")
	must(t, os.Symlink(www, out))
	for i := range 3 {
		if i == 2 {
			edit(t, noticeFile(t, src, 1), "研究部署整改工作", "研究部署整改工作，并已完成")
			age(t, src)
		}
		mustBuild(t, src, out)
		info, err := os.Lstat(out)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("build %d: the output link was replaced: %v, %v", i+1, info.Mode(), err)
		}
		if target, _ := os.Readlink(out); target != www {
			t.Errorf("build %d: the link leads to %s, want %s", i+1, target, www)
		}
		checkClean(t, src, www)
		beside(t, www, "www", ".www.previous")
		beside(t, out, "public")
	}
}

// TestOutputIsBrokenLink: a link that leads nowhere is refused with a
// message naming it, and left as it was.
func TestOutputIsBrokenLink(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := t.TempDir()
	must(t, corpus.Write(src, corpus.Options{Notices: 2, Seed: 5, FirstYear: 2025, LastYear: 2025}))
	out := filepath.Join(t.TempDir(), "public")
	must(t, os.Symlink(filepath.Join(t.TempDir(), "gone", "www"), out))
	_, err := ToDisk(src, out, site.Options{})
	if err == nil || !strings.Contains(err.Error(), out) || !strings.Contains(err.Error(), "链接") {
		t.Fatalf("got %v, want an error naming the link %s", err, out)
	}
	if info, err := os.Lstat(out); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was touched: %v", err)
	}
}

// TestOutputBesideReadOnly: when the folder holding the output (for a
// link, the folder holding the folder it leads to) cannot be written in,
// the build says so, and the output is left as it was.
func TestOutputBesideReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: a read-only folder is still writable")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := t.TempDir()
	must(t, corpus.Write(src, corpus.Options{Notices: 2, Seed: 5, FirstYear: 2025, LastYear: 2025}))
	www := filepath.Join(t.TempDir(), "srv", "www")
	mustBuild(t, src, www)
	before := snapshot(t, www)
	out := filepath.Join(t.TempDir(), "public")
	must(t, os.Symlink(www, out))
	must(t, os.Chmod(filepath.Dir(www), 0o555))
	t.Cleanup(func() { os.Chmod(filepath.Dir(www), 0o755) })
	_, err := ToDisk(src, out, site.Options{})
	if err == nil || !strings.Contains(err.Error(), filepath.Dir(www)+" must be writable") {
		t.Errorf("got %v, want an error saying %s must be writable", err, filepath.Dir(www))
	}
	if carried(t, before, www) != len(before) {
		t.Errorf("the output changed")
	}
}

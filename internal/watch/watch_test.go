package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// deadline bounds how long a test waits for a batch that should come; it
// is a limit for a broken watcher, never a measure of a working one.
const deadline = 10 * time.Second

type site struct {
	t     *testing.T
	dir   string
	whole bool // write each file under a hidden name, then rename it into place
}

func (s site) path(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

func (s site) write(rel, text string) {
	s.t.Helper()
	if err := os.MkdirAll(filepath.Dir(s.path(rel)), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if !s.whole {
		if err := os.WriteFile(s.path(rel), []byte(text), 0o644); err != nil {
			s.t.Fatal(err)
		}
		return
	}
	temp := filepath.Join(filepath.Dir(s.path(rel)), ".whole-"+filepath.Base(rel))
	if err := os.WriteFile(temp, []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
	if err := os.Rename(temp, s.path(rel)); err != nil {
		s.t.Fatal(err)
	}
}

func (s site) rename(from, to string) {
	s.t.Helper()
	if err := os.Rename(s.path(from), s.path(to)); err != nil {
		s.t.Fatal(err)
	}
}

func (s site) remove(rel string) {
	s.t.Helper()
	if err := os.RemoveAll(s.path(rel)); err != nil {
		s.t.Fatal(err)
	}
}

func newSite(t *testing.T) site {
	s := site{t: t, dir: t.TempDir()}
	s.write("content/site.toml", "title = 'x'\n")
	s.write("content/2025/a.md", "a\n")
	s.write("content/2025/b.md", "b\n")
	s.write("public/index.html", "built\n")
	return s
}

// await reads batches until every path of want has been seen, and fails if
// a batch holds a path not in want.
func await(t *testing.T, w *Watcher, want ...string) {
	t.Helper()
	seen := map[string]bool{}
	timeout := time.After(deadline)
	for len(seen) < len(want) {
		select {
		case batch := <-w.C:
			for _, p := range batch {
				if !slices.Contains(want, p) {
					t.Errorf("got change of %s, want only %v", p, want)
				}
				seen[p] = true
			}
		case <-timeout:
			t.Fatalf("saw %v after %v, want %v", seen, deadline, want)
		}
	}
}

// TestWatch makes the changes editors and users make, one after the other,
// and checks the paths each one is reported as: with fsnotify, and polling.
func TestWatch(t *testing.T) {
	steps := []struct {
		name   string
		change func(s site)
		want   []string
	}{
		{"plain write", func(s site) { s.write("content/2025/a.md", "a2\n") }, []string{"content/2025/a.md"}},
		{"vim save", func(s site) {
			s.write("content/2025/4913", "")
			s.remove("content/2025/4913")
			s.rename("content/2025/a.md", "content/2025/a.md~")
			s.write("content/2025/a.md", "a3\n")
			s.remove("content/2025/a.md~")
		}, []string{"content/2025/a.md"}},
		{"atomic rename over (VS Code, JetBrains)", func(s site) {
			s.write("content/2025/a.md___jb_tmp___", "a4\n")
			s.rename("content/2025/a.md", "content/2025/a.md___jb_old___")
			s.rename("content/2025/a.md___jb_tmp___", "content/2025/a.md")
			s.remove("content/2025/a.md___jb_old___")
		}, []string{"content/2025/a.md"}},
		{"gedit save", func(s site) {
			s.write("content/2025/.goutputstream-XYZ", "a5\n")
			s.rename("content/2025/.goutputstream-XYZ", "content/2025/a.md")
		}, []string{"content/2025/a.md"}},
		{"swap file and permissions only, then a write", func(s site) {
			s.write("content/2025/.b.md.swp", "swap")
			if err := os.Chmod(s.path("content/2025/b.md"), 0o600); err != nil {
				t.Fatal(err)
			}
			s.write("content/site.toml", "title = 'y'\n")
		}, []string{"content/site.toml"}},
		{"temporary file that comes and goes", func(s site) {
			s.write("content/2025/tmp-save.md", "x")
			s.remove("content/2025/tmp-save.md")
			s.write("content/2025/b.md", "b2\n")
		}, []string{"content/2025/b.md"}},
		{"new year folder", func(s site) { s.write("content/2026/new.md", "n\n") },
			[]string{"content/2026", "content/2026/new.md"}},
		{"a notice in the new folder", func(s site) { s.write("content/2026/newer.md", "n\n") },
			[]string{"content/2026/newer.md"}},
		{"delete", func(s site) { s.remove("content/2025/b.md") }, []string{"content/2025/b.md"}},
		{"rename a folder", func(s site) { s.rename("content/2026", "content/2024") },
			[]string{"content/2026", "content/2024", "content/2024/new.md", "content/2024/newer.md"}},
		{"the renamed folder is watched", func(s site) { s.write("content/2024/new.md", "n2\n") },
			[]string{"content/2024/new.md"}},
		{"templates folder appears", func(s site) { s.write("templates/style.css", "p{}") },
			[]string{"templates", "templates/style.css"}},
		{"build output is not watched", func(s site) {
			s.write("public/index.html", "rebuilt\n")
			s.write("templates/style.css", "p{ }")
		}, []string{"templates/style.css"}},
	}
	for _, mode := range []struct {
		name string
		poll time.Duration
	}{{"fsnotify", 0}, {"poll", 20 * time.Millisecond}} {
		t.Run(mode.name, func(t *testing.T) {
			s := newSite(t)
			// A poll between a file's creation and its write would see it
			// change twice, the second time in the next step; in poll mode
			// every file appears whole, as an editor's save by rename.
			s.whole = mode.poll > 0
			w, err := New(s.dir, Options{Dirs: []string{"content", "templates"}, Poll: mode.poll,
				Log: func(err error) { t.Errorf("logged: %v", err) }})
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				if err := w.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
				if _, ok := <-w.C; ok {
					t.Errorf("C is open after Close")
				}
			}()
			for _, step := range steps {
				if mode.poll > 0 && step.name == "temporary file that comes and goes" {
					continue // too quick for polling to see: nothing to test
				}
				t.Run(step.name, func(t *testing.T) {
					s.t = t
					step.change(s)
					await(t, w, step.want...)
				})
			}
		})
	}
}

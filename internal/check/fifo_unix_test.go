//go:build unix

package check

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNamedPipe: check given a named pipe (FIFO) as a notice or as the
// settings ends at once and says what the file is, where reading it
// would wait for a writer for ever.
func TestNamedPipe(t *testing.T) {
	for _, pipe := range []string{"content/2025/b.md", "content/site.toml"} {
		t.Run(pipe, func(t *testing.T) {
			dir := writeSite(t, map[string]string{"content/2025/a.md": noticeSrc("", "下一步,将持续整改。\n")})
			full := filepath.Join(dir, filepath.FromSlash(pipe))
			os.Remove(full)
			if err := mkfifo(full); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { // a writer, which lets a reader stuck on it go
				if f, err := os.OpenFile(full, os.O_RDWR, 0); err == nil {
					f.Close()
				}
			})
			done := make(chan Report, 1)
			go func() {
				r, _ := Run(dir, Options{Fix: true})
				done <- r
			}()
			var r Report
			select {
			case r = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("check still waiting after 10 s: it opened the named pipe")
			}
			found := false
			for _, p := range r.Problems {
				found = found || p.Path == pipe && strings.Contains(p.Message, "named pipe (FIFO)")
			}
			if !found {
				t.Errorf("got %v, want an error on %s saying it is a named pipe", r.Problems, pipe)
			}
			if info, err := os.Lstat(full); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
				t.Errorf("the named pipe was replaced: %v", err)
			}
		})
	}
}

// mkfifo makes a named pipe at path with the system's mkfifo: raw system
// calls belong in the platform files of output and site.
func mkfifo(path string) error {
	if out, err := exec.Command("mkfifo", path).CombinedOutput(); err != nil {
		return fmt.Errorf("mkfifo: %v: %s", err, out)
	}
	return nil
}

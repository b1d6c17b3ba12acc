//go:build unix

package build

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"disclose/internal/site"
)

// TestNamedPipeNotice: a build whose sources hold a named pipe (FIFO) as a
// notice, or as the settings, stops at once with an error saying what the
// file is, and leaves the output as it was.
func TestNamedPipeNotice(t *testing.T) {
	for _, pipe := range []func(src string) string{
		func(src string) string { return noticeFile(t, src, 2) },
		func(src string) string { return src + "/content/site.toml" },
	} {
		src, out := spareSite(t)
		before := snapshot(t, out)
		full := pipe(src)
		must(t, os.Remove(full))
		must(t, mkfifo(full))
		t.Cleanup(func() { // a writer, which lets a reader stuck on it go
			if f, err := os.OpenFile(full, os.O_RDWR, 0); err == nil {
				f.Close()
			}
		})
		type result struct {
			msg string
			err error
		}
		done := make(chan result, 1)
		go func() {
			problems, err := ToDisk(src, out, site.Options{})
			done <- result{fmt.Sprint(problems), err}
		}()
		select {
		case r := <-done:
			if !errors.Is(r.err, ErrProblems) || !strings.Contains(r.msg, "named pipe (FIFO)") {
				t.Errorf("%s: got %v and\n%s\nwant ErrProblems and a message saying it is a named pipe", full, r.err, r.msg)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: the build still waits after 20 s: it opened the named pipe", full)
		}
		if carried(t, before, out) != len(before) {
			t.Errorf("the output changed")
		}
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

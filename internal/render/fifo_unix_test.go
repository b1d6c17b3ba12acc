//go:build unix

package render

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNamedPipeTemplate: a named pipe (FIFO) in place of a template is
// refused at once, with a message saying what it is, where reading it
// would wait for a writer for ever.
func TestNamedPipeTemplate(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, TemplateDir, "notice.html")
	if err := os.MkdirAll(filepath.Dir(pipe), 0o755); err != nil {
		t.Fatal(err)
	}
	// mkfifo(1): raw system calls belong in the platform files of output and site.
	if out, err := exec.Command("mkfifo", pipe).CombinedOutput(); err != nil {
		t.Skipf("mkfifo: %v: %s", err, out)
	}
	t.Cleanup(func() { // a writer, which lets a reader stuck on it go
		if f, err := os.OpenFile(pipe, os.O_RDWR, 0); err == nil {
			f.Close()
		}
	})
	done := make(chan string, 1)
	go func() {
		_, problems := LoadTemplates(os.DirFS(dir), "/", func(p string) string { return "https://example.org" + p })
		var got strings.Builder
		for _, p := range problems {
			got.WriteString(p.Path + ": " + p.Message + "\n")
		}
		done <- got.String()
	}()
	select {
	case got := <-done:
		if !strings.Contains(got, TemplateDir+"/notice.html: ") || !strings.Contains(got, "named pipe (FIFO)") {
			t.Errorf("got problems\n%s\nwant one on %s/notice.html saying it is a named pipe", got, TemplateDir)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("LoadTemplates still waits after 10 s: it opened the named pipe")
	}
}

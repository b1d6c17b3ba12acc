package corpus

import (
	"os"
	"sync"
	"testing"

	"disclose/internal/build"
	"disclose/internal/site"
)

// TestWriteSample checks that a written site builds without problems, with
// every notice at its own URL.
func TestWriteSample(t *testing.T) {
	dir := t.TempDir()
	paths, err := WriteSample(dir, "../..", 13, 10)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	var mu sync.Mutex // emit is called from several goroutines
	problems, err := build.Run(os.DirFS(dir), site.Options{}, func(p string, _ []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[p] = true
		return nil
	})
	if err != nil || len(problems) > 0 {
		t.Fatalf("build: %v\n%v", err, problems)
	}
	for _, want := range []string{"2025/notice-00000/index.html", "2024/notice-00012/index.html", "2024/index.html"} {
		if !files[want] {
			t.Errorf("no %s among the %d files built", want, len(files))
		}
	}
	if got, want := len(paths), 13; got != want {
		t.Errorf("got %d paths, want %d", got, want)
	}
}

// TestMapFS checks that the site in memory holds the settings and every
// notice, as Files gives them.
func TestMapFS(t *testing.T) {
	fsys := MapFS(Defaults(5))
	var want []string
	Files(Defaults(5), func(f File) error {
		want = append(want, f.Path)
		if got := fsys[f.Path]; got == nil || string(got.Data) != string(f.Data) {
			t.Errorf("%s: not in the MapFS as Files gives it", f.Path)
		}
		return nil
	})
	if got := len(fsys); got != len(want) || got != 6 {
		t.Errorf("got %d files, want %d (the settings and 5 notices)", got, len(want))
	}
}

package build

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"disclose/internal/corpus"
	"disclose/internal/load"
	"disclose/internal/site"
)

// TestAssembleAsLoad: a build, which keeps an entry a notice, reports
// notices at one URL as load.Site does, which keeps the notices: three
// notices with one slug key (the message at the key of each after the
// first, naming the first) and one whose file name is another's slug.
func TestAssembleAsLoad(t *testing.T) {
	fsys := corpus.MapFS(corpus.Options{Notices: 6, Seed: 3, FirstYear: 2025, LastYear: 2025})
	slugged := func(path, slug string) {
		src := string(fsys[path].Data)
		fsys[path] = &fstest.MapFile{Data: []byte(strings.Replace(src, "source = ", "slug = \""+slug+"\"\nsource = ", 1))}
	}
	slugged("content/2025/notice-000001.md", "same")
	slugged("content/2025/notice-000003.md", "same")
	slugged("content/2025/notice-000004.md", "same")
	slugged("content/2025/notice-000005.md", "notice-000000")
	got, err := Run(fsys, site.Options{}, func(string, []byte) error { return nil })
	if !errors.Is(err, ErrProblems) {
		t.Fatalf("build: %v, want ErrProblems", err)
	}
	_, _, want := load.Site(fsys, site.Options{})
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got\n%v\nwant (load.Site)\n%v", got, want)
	}
	if n := strings.Count(fmt.Sprint(got), "same URL"); n != 3 {
		t.Errorf("%d notices told at one URL, want 3:\n%v", n, got)
	}
}

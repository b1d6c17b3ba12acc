package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"disclose/internal/corpus"
	"disclose/internal/notice"
	"disclose/internal/render"
	"disclose/internal/search"
	"disclose/internal/site"
)

// buildYear reads each notice into the memory of the one before
// (site.ReadSourceInto): what it indexes must be what notices read each
// into memory of its own give, however long the one before was.
func TestBuildYearReadsIntoOneBuffer(t *testing.T) {
	src := t.TempDir()
	must(t, corpus.Write(src, corpus.Options{Notices: 30, Seed: 7, FirstYear: 2025, LastYear: 2025}))
	folder, err := site.OpenFolder(src)
	must(t, err)
	defer folder.Close()
	paths, err := fs.Glob(folder, "content/2025/*.md")
	must(t, err)
	if len(paths) < 10 {
		t.Fatalf("%d notices in 2025, want at least 10", len(paths))
	}
	var notices []*render.Entry
	var docs []search.Doc
	settings := &site.Settings{BaseURL: "https://example.org/"}
	lengths := map[int]bool{}
	for _, p := range paths {
		data, err := os.ReadFile(filepath.Join(src, p))
		must(t, err)
		n, problems := notice.Parse(p, data)
		if n == nil {
			t.Fatalf("%s: %v", p, problems)
		}
		e, err := render.NewEntry(settings, n, nil, "")
		must(t, err)
		notices = append(notices, e)
		docs = append(docs, search.DocOf(n, string(data[n.BodyOffset:])))
		lengths[len(data)] = true
	}
	if len(lengths) < 2 {
		t.Fatal("the notices are all of one length: a short one never lands in a longer one's memory")
	}
	collect := func(files map[string][]byte) render.Emit {
		return func(p string, data []byte) error {
			files[p] = bytes.Clone(data)
			return nil
		}
	}
	got, want := map[string][]byte{}, map[string][]byte{}
	if _, err := buildYear(folder, search.Scratch("").NewBuilder(false), 2025, notices, "d", collect(got)); err != nil {
		t.Fatal(err)
	}
	if _, err := search.Scratch("").BuildYear(2025, len(docs), search.Docs(docs), "d", collect(want)); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d index files, want %d", len(got), len(want))
	}
	for p, w := range want {
		if !bytes.Equal(got[p], w) {
			t.Errorf("%s differs from the index of notices read each into its own memory", p)
		}
	}
}

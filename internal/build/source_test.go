package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"disclose/internal/corpus"
	"disclose/internal/load"
	"disclose/internal/site"
)

// TestKeptNoticesOwnTheirSource: a worker reads each notice into one
// buffer, which the next notice it reads overwrites. A notice the pipeline
// keeps without rendering it (here every notice: the renderer is missing,
// as when the templates are broken) keeps a copy of its own: its body is
// its file's.
func TestKeptNoticesOwnTheirSource(t *testing.T) {
	dir := t.TempDir()
	must(t, corpus.Write(dir, corpus.Defaults(20)))
	folder, err := site.OpenFolder(dir)
	must(t, err)
	defer folder.Close()
	settings, problems := site.LoadSettings(folder)
	if settings == nil {
		t.Fatal(problems)
	}
	paths, _ := site.NoticePaths(folder)
	p := &pipeline{fsys: folder, mem: none{}, workers: 1, reader: load.NewReader(folder, settings, site.Options{})}
	results, err := p.notices(paths)
	must(t, err)
	for i, b := range results {
		if b.n == nil {
			t.Fatalf("%s: not kept", paths[i])
		}
		src, err := os.ReadFile(filepath.Join(dir, paths[i]))
		must(t, err)
		if !bytes.Equal(b.n.Body, src[b.n.BodyOffset:]) || !bytes.Equal(b.n.File.Source(), src) {
			t.Errorf("%s: the notice kept does not hold its own source", paths[i])
		}
	}
}

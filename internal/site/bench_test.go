package site

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"disclose/internal/corpus"
)

// BenchmarkParseNotice measures reading one corpus notice's front matter
// and checking it: what a build does for every notice before its body.
func BenchmarkParseNotice(b *testing.B) {
	fsys := corpus.MapFS(corpus.Defaults(100))
	settings, problems := LoadSettings(fsys)
	if settings == nil {
		b.Fatal(problems)
	}
	delete(fsys, SettingsPath)
	paths := slices.Sorted(maps.Keys(fsys))
	i := 0
	for b.Loop() {
		p := paths[i%len(paths)]
		if n, problems := ParseNotice(settings, p, fsys[p].Data, Options{}); n == nil {
			b.Fatal(problems)
		}
		i++
	}
}

// BenchmarkReadSource measures reading one corpus notice from a site
// folder on disk into the buffer of the one before, as a build's workers
// do (ReadSourceInto): open, fstat, read, close. Run it with TMPDIR on a
// tmpfs to leave the disk out.
func BenchmarkReadSource(b *testing.B) {
	dir := b.TempDir()
	fsys := corpus.MapFS(corpus.Defaults(100))
	for p, f := range fsys {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	folder, err := OpenFolder(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer folder.Close()
	delete(fsys, SettingsPath)
	paths := slices.Sorted(maps.Keys(fsys))
	var buf []byte
	i := 0
	for b.Loop() {
		src, _, err := ReadSourceInto(folder, paths[i%len(paths)], buf)
		if err != nil {
			b.Fatal(err)
		}
		buf = src
		i++
	}
}

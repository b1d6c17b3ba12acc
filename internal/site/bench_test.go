package site

import (
	"maps"
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

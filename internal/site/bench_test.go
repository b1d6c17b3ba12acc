package site

import (
	"testing"

	"disclose/internal/corpus"
)

// BenchmarkParseNotice measures reading one corpus notice's front matter
// and checking it: what a build does for every notice before its body.
func BenchmarkParseNotice(b *testing.B) {
	var files []corpus.File
	var settings *Settings
	corpus.Files(corpus.Defaults(100), func(f corpus.File) error {
		if f.Path == SettingsPath {
			return nil
		}
		files = append(files, f)
		return nil
	})
	i := 0
	for b.Loop() {
		f := files[i%len(files)]
		if n, problems := ParseNotice(settings, f.Path, f.Data, Options{}); n == nil {
			b.Fatal(problems)
		}
		i++
	}
}

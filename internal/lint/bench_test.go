package lint

import (
	"os"
	"testing"

	"disclose/internal/markdown"
	"disclose/internal/site"
)

// BenchmarkSample proofreads the sample notice.
func BenchmarkSample(b *testing.B) {
	s, problems := site.Load(os.DirFS("../.."), site.Options{})
	if s == nil {
		b.Fatal(problems)
	}
	conv := markdown.New(markdown.Options{})
	for b.Loop() {
		for _, n := range s.Notices {
			Notice(n, conv)
		}
	}
}

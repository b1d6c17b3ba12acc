package lint

import (
	"os"
	"testing"

	"disclose/internal/site"
)

// BenchmarkSample proofreads the sample notice.
func BenchmarkSample(b *testing.B) {
	s, problems := site.Load(os.DirFS("../.."), site.Options{})
	if s == nil {
		b.Fatal(problems)
	}
	for b.Loop() {
		Site(s)
	}
}

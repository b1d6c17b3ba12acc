package lint

import (
	"os"
	"testing"

	"disclose/internal/diag"
	"disclose/internal/markdown"
	"disclose/internal/site"
)

// TestSampleSite: the repository's sample notice, a real published one,
// raises nothing at all.
func TestSampleSite(t *testing.T) {
	s, problems := site.Load(os.DirFS("../.."), site.Options{})
	if s == nil {
		t.Fatalf("the sample site does not load:\n%v", problems)
	}
	conv := markdown.New(markdown.Options{})
	var got diag.List
	for _, n := range s.Notices {
		got = append(got, Notice(n, conv).Problems...)
	}
	if len(got) != 0 {
		t.Errorf("got findings on the sample site, want none:\n%v", got)
	}
}

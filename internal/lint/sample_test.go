package lint

import (
	"os"
	"testing"

	"disclose/internal/site"
)

// TestSampleSite: the repository's sample notice, a real published one,
// raises nothing at all.
func TestSampleSite(t *testing.T) {
	s, problems := site.Load(os.DirFS("../.."), site.Options{})
	if s == nil {
		t.Fatalf("the sample site does not load:\n%v", problems)
	}
	if got := Site(s); len(got) != 0 {
		t.Errorf("got findings on the sample site, want none:\n%v", got)
	}
}

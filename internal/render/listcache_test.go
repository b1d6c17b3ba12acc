package render

import (
	"testing"

	"disclose/internal/site"
)

// TestListingCachePrunes wants the entries a ListingCache keeps to be
// those of the notices of the call: a notice no longer listed loses its
// entry of sitemap.xml, the others keep theirs. A draft is never listed
// in it (see published), so it has no entry.
func TestListingCachePrunes(t *testing.T) {
	_, ss := loadSite(t, noticePageSites(t)["special"], site.Options{Drafts: true})
	s, _ := listingOf(t, ss, nil)
	var c ListingCache
	for i, s := range []*Listing{s, {Settings: s.Settings, Notices: s.Notices[1:]}} {
		c.begin(s.Notices)
		if _, err := sitemap(s, nil, &c); err != nil {
			t.Fatal(err)
		}
		listed := published(s)
		if len(listed) == len(s.Notices) {
			t.Fatalf("call %d: the site has no draft", i)
		}
		if len(c.locs) != len(listed) {
			t.Errorf("call %d: got %d entries of sitemap.xml, want %d", i, len(c.locs), len(listed))
		}
		for _, n := range s.Notices {
			if (c.locs[n] == nil) != n.Draft {
				t.Errorf("call %d: %s (draft: %v) has an entry: %v", i, n.Path, n.Draft, c.locs[n] != nil)
			}
		}
	}
}

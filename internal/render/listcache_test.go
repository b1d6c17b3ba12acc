package render

import (
	"testing"

	"disclose/internal/site"
)

// TestListingCachePrunes wants the entries a ListingCache keeps to be
// those of the notices of the call: a notice no longer listed loses its
// entries of notices.json and sitemap.xml, the others keep theirs. A draft
// is never listed in either (see published), so it has no entry.
func TestListingCachePrunes(t *testing.T) {
	_, s := loadSite(t, noticePageSites(t)["special"], site.Options{Drafts: true})
	var c ListingCache
	for i, s := range []*site.Site{s, {Settings: s.Settings, Notices: s.Notices[1:]}} {
		c.begin(s.Notices)
		if _, err := noticesJSON(s, nil, &c); err != nil {
			t.Fatal(err)
		}
		if _, err := sitemap(s, nil, nil, &c); err != nil {
			t.Fatal(err)
		}
		listed := published(s)
		if len(listed) == len(s.Notices) {
			t.Fatalf("call %d: the site has no draft", i)
		}
		if len(c.items) != len(listed) || len(c.locs) != len(listed) {
			t.Errorf("call %d: got %d entries of notices.json and %d of sitemap.xml, want %d of each",
				i, len(c.items), len(c.locs), len(listed))
		}
		for _, n := range s.Notices {
			if (c.items[n] == nil || c.locs[n] == nil) != n.Draft {
				t.Errorf("call %d: %s (draft: %v) has entries %v, %v", i, n.Path, n.Draft, c.items[n] != nil, c.locs[n] != nil)
			}
		}
	}
}

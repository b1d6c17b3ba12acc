package render

import (
	"bytes"
	"testing"

	"disclose/internal/notice"
	"disclose/internal/site"
)

// TestSitemapCached wants sitemap.xml written from the entries a
// ListingCache kept, all of them or some, to be the file written afresh.
func TestSitemapCached(t *testing.T) {
	_, s := loadSite(t, noticePageSites(t)["special"], site.Options{Drafts: true})
	var c ListingCache
	for i, notices := range [][]*notice.Notice{s.Notices, s.Notices, append([]*notice.Notice{new(*s.Notices[0])}, s.Notices[1:]...)} {
		s := &site.Site{Settings: s.Settings, Notices: notices, Sealed: s.Sealed}
		want, err := sitemap(s, newNavigation(s.Notices), nil)
		if err != nil {
			t.Fatal(err)
		}
		c.begin(s.Notices)
		got, err := sitemap(s, newNavigation(s.Notices), &c)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("call %d: the sitemap differs from one written afresh:\n%s", i, firstDifference(want, got))
		}
	}
}

// BenchmarkSitemap writes sitemap.xml of 1000 notices, none cached.
func BenchmarkSitemap(b *testing.B) {
	r, notices := benchNotices(b, 1000)
	s := &site.Site{Settings: r.st, Notices: notices}
	for b.Loop() {
		if _, err := sitemap(s, newNavigation(s.Notices), nil); err != nil {
			b.Fatal(err)
		}
	}
}

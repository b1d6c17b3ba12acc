package render

import (
	"bytes"
	"testing"

	"disclose/internal/site"
)

// TestSitemapCached wants sitemap.xml written from the entries a
// ListingCache kept, all of them or some, to be the file written afresh;
// also once a notice whose entry was kept has a PDF.
func TestSitemapCached(t *testing.T) {
	_, ss := loadSite(t, noticePageSites(t)["special"], site.Options{Drafts: true})
	s, _ := listingOf(t, ss, nil)
	var c ListingCache
	if len(published(s)) < 2 {
		t.Fatal("the site has one published notice: the test needs two")
	}
	first := *s.Notices[0]
	for i, notices := range [][]*Entry{s.Notices, s.Notices, append([]*Entry{&first}, s.Notices[1:]...), s.Notices} {
		s := &Listing{Settings: s.Settings, Notices: notices, Sealed: s.Sealed}
		if i == 3 {
			for _, n := range published(s)[1:] {
				n.PDF = &PDF{Path: n.URL() + n.Slug + ".pdf", Size: 1000}
			}
		}
		want, err := sitemap(s, newNavigation(s.Notices), nil)
		if err != nil {
			t.Fatal(err)
		}
		if i == 3 && !bytes.Contains(want, []byte(".pdf</loc>")) {
			t.Fatal("call 3: no PDF listed")
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
	s, _ := listingOf(b, &site.Site{Settings: r.st, Notices: notices}, nil)
	for b.Loop() {
		if _, err := sitemap(s, newNavigation(s.Notices), nil); err != nil {
			b.Fatal(err)
		}
	}
}

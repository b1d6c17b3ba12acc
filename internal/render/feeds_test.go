package render

import (
	"bytes"
	"testing"

	"disclose/internal/notice"
	"disclose/internal/site"
)

// TestSitemapCached wants sitemap.xml written from the entries a
// ListingCache kept, all of them or some, to be the file written afresh;
// also once a notice whose entry was kept has a PDF.
func TestSitemapCached(t *testing.T) {
	_, s := loadSite(t, noticePageSites(t)["special"], site.Options{Drafts: true})
	var c ListingCache
	withPDF := map[*notice.Notice]Summary{}
	for _, n := range published(s)[1:] {
		withPDF[n] = Summary{PDF: &PDF{Path: PDFPath(n), Size: 1000}}
	}
	if len(withPDF) == 0 {
		t.Fatal("the site has one published notice: the test needs two")
	}
	for i, notices := range [][]*notice.Notice{s.Notices, s.Notices, append([]*notice.Notice{new(*s.Notices[0])}, s.Notices[1:]...), s.Notices} {
		s := &site.Site{Settings: s.Settings, Notices: notices, Sealed: s.Sealed}
		var summaries map[*notice.Notice]Summary
		if i == 3 {
			summaries = withPDF
		}
		want, err := sitemap(s, newNavigation(s.Notices), summaries, nil)
		if err != nil {
			t.Fatal(err)
		}
		if i == 3 && !bytes.Contains(want, []byte(".pdf</loc>")) {
			t.Fatal("call 3: no PDF listed")
		}
		c.begin(s.Notices)
		got, err := sitemap(s, newNavigation(s.Notices), summaries, &c)
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
		if _, err := sitemap(s, newNavigation(s.Notices), nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

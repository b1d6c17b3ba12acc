package render

import (
	"testing"

	"disclose/internal/notice"
	"disclose/internal/site"
)

// entriesOf are the entries of notices, without their lines of
// notices.json, for the tests of what the listings show of them.
func entriesOf(notices []*notice.Notice) []*Entry {
	out := make([]*Entry, len(notices))
	for i, n := range notices {
		out[i] = entryOf(n, nil, "")
	}
	return out
}

// listingOf is the listing of s, with the PDFs and summary texts
// summaries give (nil: none).
func listingOf(t testing.TB, s *site.Site, summaries map[*notice.Notice]Summary) (*Listing, map[*Entry]string) {
	t.Helper()
	l, texts, err := ListingOf(s, summaries)
	if err != nil {
		t.Fatal(err)
	}
	return l, texts
}

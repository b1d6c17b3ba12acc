package render

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"time"

	"disclose/internal/search"
)

// FeedSize is how many of the newest notices the Atom feed carries.
const FeedSize = 50

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Link      atomLink   `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Author    atomPerson `xml:"author"`
	Summary   string     `xml:"summary"`
}

// published is the site's notices but its drafts, newest first: a build
// with --drafts (the preview's) shows drafts on their pages and in the
// listings, marked 草稿, but the feed, the sitemap and notices.json, which
// other programs read and index, never carry them. It is s.Notices itself
// when the site has no draft.
func published(s *Listing) []*Entry {
	i := slices.IndexFunc(s.Notices, func(n *Entry) bool { return n.Draft })
	if i < 0 {
		return s.Notices
	}
	out := slices.Clip(s.Notices[:i])
	for _, n := range s.Notices[i:] {
		if !n.Draft {
			out = append(out, n)
		}
	}
	return out
}

// FeedNotices returns the notices the feed carries, newest first: the
// newest published ones, at most FeedSize. They are the only notices whose
// Summary text the listings show.
func FeedNotices(s *Listing) []*Entry {
	notices := published(s)
	return notices[:min(len(notices), FeedSize)]
}

// feed writes the Atom feed of the newest notices. Its updated time is the
// newest notice's, never the build's, so the same sources give the same
// bytes.
func feed(s *Listing, texts map[*Entry]string) ([]byte, error) {
	st := s.Settings
	f := atomFeed{
		Lang: st.Language, Title: st.Title, ID: st.AbsURL(""),
		Updated: "1970-01-01T00:00:00Z",
		Links: []atomLink{{Href: st.AbsURL("feed.xml"), Rel: "self", Type: "application/atom+xml"},
			{Href: st.AbsURL(""), Rel: "alternate", Type: "text/html"}},
		Author: atomPerson{Name: cmpOr(st.Publisher, st.Title)},
	}
	notices := FeedNotices(s)
	if len(notices) > 0 {
		f.Updated = notices[0].Date.Format(time.RFC3339)
	}
	for _, n := range notices {
		f.Entries = append(f.Entries, atomEntry{
			Title: n.Title, ID: st.AbsURL(n.URL()),
			Link:      atomLink{Href: st.AbsURL(n.URL()), Rel: "alternate", Type: "text/html"},
			Published: n.Date.Format(time.RFC3339), Updated: n.Date.Format(time.RFC3339),
			Author:  atomPerson{Name: n.Signature.Organization},
			Summary: texts[n],
		})
	}
	return marshalXML(f)
}

type sitemapURL struct {
	XMLName xml.Name `xml:"url"`
	Loc     string   `xml:"loc"`
	LastMod string   `xml:"lastmod,omitempty"`
}

// sitemap returns sitemap.xml (see writeSitemap) whole.
func sitemap(s *Listing, nav *navigation, c *ListingCache) ([]byte, error) {
	var buf bytes.Buffer
	err := writeSitemap(&buf, s, nav, c)
	return buf.Bytes(), err
}

// writeSitemap writes to w the sitemap: the home and search pages, the
// year pages, the pages of nav (the navigation of s's notices) and every
// notice, drafts and the years of only drafts left out; after a notice's
// page, its PDF when its entry has one (the site prints them), with
// the same date. It is written entry by entry, each notice's without a
// PDF kept in c, indented as marshalXML indents a urlSet, and handed to w
// in pieces of about 64 KiB, as writeNoticesJSON does: a large site's
// (some 120 bytes a notice) is never held whole.
func writeSitemap(w io.Writer, s *Listing, nav *navigation, c *ListingCache) error {
	const piece = 64 << 10
	st := s.Settings
	notices := published(s)
	if len(notices) < len(s.Notices) {
		// Drafts shown (build --drafts): list the pages a site of the
		// published notices alone has, no unit or round of drafts only.
		nav = newNavigation(notices)
	}
	var buf bytes.Buffer
	buf.Grow(piece + 4096)
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	// One encoder writes every entry it has to. Its buffer is flushed
	// at the end of each Encode, and it starts each entry after its first
	// on a new line: the first one's is written here.
	enc := xml.NewEncoder(&buf)
	enc.Indent("  ", "  ")
	buf.WriteByte('\n')
	write := func(u sitemapURL) ([]byte, error) {
		start := buf.Len()
		err := enc.Encode(u)
		return bytes.TrimPrefix(buf.Bytes()[start:], []byte{'\n'}), err
	}
	for _, p := range []string{"", search.Dir} { // the home and search pages
		if _, err := write(sitemapURL{Loc: st.AbsURL(p)}); err != nil {
			return err
		}
	}
	for _, y := range s.Years() {
		if !slices.ContainsFunc(notices, func(n *Entry) bool { return n.Year == y }) {
			continue
		}
		if _, err := write(sitemapURL{Loc: st.AbsURL(yearPath(y))}); err != nil {
			return err
		}
	}
	for _, p := range navPaths(st, notices, nav) {
		if _, err := write(sitemapURL{Loc: st.AbsURL(escapePath(p))}); err != nil {
			return err
		}
	}
	for _, n := range notices {
		if buf.Len() >= piece {
			if _, err := w.Write(buf.Bytes()); err != nil {
				return err
			}
			buf.Reset()
		}
		pdf := n.PDF
		if entry := c.sitemapEntry(n); entry != nil && pdf == nil {
			buf.WriteByte('\n')
			buf.Write(entry)
			continue
		}
		date := n.Date.Format(time.DateOnly)
		entry, err := write(sitemapURL{Loc: st.AbsURL(n.URL()), LastMod: date})
		if err != nil {
			return err
		}
		if pdf != nil {
			// Not kept: c holds entries that depend on the front matter
			// alone, and whether a notice has a PDF does not.
			if _, err := write(sitemapURL{Loc: st.AbsURL(pdf.Path), LastMod: date}); err != nil {
				return err
			}
			continue
		}
		c.keepSitemapEntry(n, entry)
	}
	buf.WriteString("\n</urlset>\n")
	_, err := w.Write(buf.Bytes())
	return err
}

func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// noticesJSON returns notices.json (see writeNoticesJSON), in one buffer
// of the right size.
func noticesJSON(s *Listing) ([]byte, error) {
	size := 2048
	for _, n := range published(s) {
		size += len(n.item) + 2
	}
	var buf bytes.Buffer
	buf.Grow(size)
	err := writeNoticesJSON(&buf, s)
	return buf.Bytes(), err
}

// writeNoticesJSON writes notices.json to w: the site's title and URL and
// every published notice's data (drafts never), newest first, one notice a
// line, as each entry wrote it (NewEntry). It hands w the file in pieces
// of about 64 KiB: a build to disk writes them to the file as they come
// (Stream), so that the file of a large site (1.2 KB a notice) is never
// held whole.
func writeNoticesJSON(w io.Writer, s *Listing) error {
	const piece = 64 << 10
	notices := published(s)
	var buf bytes.Buffer
	buf.Grow(piece + 4096)
	head := struct {
		Title string `json:"title"`
		URL   string `json:"url"`
	}{s.Settings.Title, s.Settings.AbsURL("")}
	if err := writeJSON(&buf, head); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // the object goes on with the notices
	buf.WriteString(`,"notices":[`)
	var scratch []byte
	for i, n := range notices {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
		line, err := s.item(n, &scratch)
		if err != nil {
			return err
		}
		buf.Write(line)
		if buf.Len() >= piece {
			if _, err := w.Write(buf.Bytes()); err != nil {
				return err
			}
			buf.Reset()
		}
	}
	if len(notices) > 0 {
		buf.WriteByte('\n')
	}
	buf.WriteString("]}\n")
	_, err := w.Write(buf.Bytes())
	return err
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

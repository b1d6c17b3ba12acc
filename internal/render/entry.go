package render

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"disclose/internal/notice"
	"disclose/internal/site"
)

// Entry is what the listings keep of one notice once its page is
// written: the fields the year, home and navigation pages, feed.xml,
// sitemap.xml, the search index and the build's record read, and its line
// of notices.json already written. Its strings are the notice's own, most
// shared with the other notices (notice.Parse interns them); it holds no
// front-matter text, no key positions and no map. A site of 100,000
// notices keeps one of these a notice, some 400 bytes, where it kept the
// notice itself, some 1,000 (TestEntrySize).
type Entry struct {
	Title       string
	Date        notice.DateTime
	Inspection  Inspected
	Statistics  []notice.Statistic
	Corrections []notice.Correction
	Signature   Signed
	Path        string // site-relative: content/2025/slug.md
	Slug        string
	Sum         string // of the source (load.Notice.Sum)
	PDF         *PDF   // the notice printed; nil when it has none
	item        []byte // its line of notices.json; nil once spooled
	spooled     uint64 // where its line is in the Listing's Items, when item is nil
	Year        int
	BodyOffset  int32 // of the body in the source, for the search index
	size        int32 // of its line of notices.json
	Draft       bool
}

// Inspected is what the listings show of an inspection
// (notice.Inspection).
type Inspected struct {
	Kind, Group, Organization, Round, Level string
	Units                                   int // a round summary: how many units were inspected
	Named                                   []string
}

// Signed is what the feed shows of the signature: its author.
type Signed struct{ Organization string }

// URL is the notice's path below the site's base URL: 2025/slug/.
func (e *Entry) URL() string { return strconv.Itoa(e.Year) + "/" + e.Slug + "/" }

// Notice returns a notice with the fields of e that the search index
// reads (search.DocOf): its title, date, inspection and statistics; and
// its draft mark and corrections (site.Closed).
func (e *Entry) Notice() *notice.Notice {
	in := e.Inspection
	return &notice.Notice{Path: e.Path, Year: e.Year, Slug: e.Slug, BodyOffset: int(e.BodyOffset),
		FrontMatter: notice.FrontMatter{Title: e.Title, Date: e.Date, Draft: e.Draft, Statistics: e.Statistics, Corrections: e.Corrections,
			Inspection: notice.Inspection{Kind: in.Kind, Group: in.Group, Organization: in.Organization,
				Round: in.Round, Level: in.Level, Units: in.Units, Named: in.Named}}}
}

// entryBuffers are the buffers entries' lines of notices.json are written
// into before they are copied out at their size.
var entryBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// NewEntry makes the entry of n, rendered with the settings st; pdf is
// its PDF, or nil; sum the SHA-256 of its source. It writes n's line of
// notices.json then, as notices.json has it.
func NewEntry(st *site.Settings, n *notice.Notice, pdf *PDF, sum string) (*Entry, error) {
	e := entryOf(n, pdf, sum)
	if n.Draft {
		return e, nil // never in notices.json
	}
	buf := entryBuffers.Get().(*bytes.Buffer)
	defer entryBuffers.Put(buf)
	buf.Reset()
	d := newNoticeData(st, n, nil, pdf)
	if err := writeJSON(buf, &d); err != nil {
		return nil, err
	}
	e.item = bytes.Clone(buf.Bytes())
	return e, nil
}

// entryOf is NewEntry without the line of notices.json.
func entryOf(n *notice.Notice, pdf *PDF, sum string) *Entry {
	in := n.Inspection
	return &Entry{Title: n.Title, Date: n.Date, Statistics: n.Statistics, Corrections: n.Corrections,
		Inspection: Inspected{Kind: in.Kind, Group: in.Group, Organization: in.Organization, Round: in.Round,
			Level: in.Level, Units: in.Units, Named: in.Named},
		Signature: Signed{n.Signature.Organization}, Path: n.Path, Slug: n.Slug, Sum: sum, PDF: pdf,
		Year: n.Year, BodyOffset: int32(n.BodyOffset), Draft: n.Draft}
}

// Spool hands e's line of notices.json to put, which keeps it and says
// where, for the Listing's Items to give it back; e's copy is dropped.
func (e *Entry) Spool(put func(line []byte) (at uint64, err error)) error {
	if e.item == nil {
		return nil
	}
	at, err := put(e.item)
	if err != nil {
		return err
	}
	e.spooled, e.size, e.item = at, int32(len(e.item)), nil
	return nil
}

// Listing is a site as the listings take it: its settings, its entries
// newest first (drafts only when the site shows them), and its sealed
// years. Items gives back the line of notices.json an entry spooled
// (Entry.Spool): the one put kept at at, size bytes long, read into *buf
// (grown as needed) if it must be read, else memory the caller must not
// change; nil when no entry spooled its line.
type Listing struct {
	Settings *site.Settings
	Notices  []*Entry
	Sealed   map[int][]site.Seal
	Items    func(at uint64, size int, buf *[]byte) ([]byte, error)
}

// ListingOf makes the listing of s: each notice's entry, with the PDF
// summaries give it.
func ListingOf(s *site.Site, summaries map[*notice.Notice]Summary) (*Listing, map[*Entry]string, error) {
	l := &Listing{Settings: s.Settings, Sealed: s.Sealed, Notices: make([]*Entry, len(s.Notices))}
	texts := map[*Entry]string{}
	for i, n := range s.Notices {
		e, err := NewEntry(s.Settings, n, summaries[n].PDF, "")
		if err != nil {
			return nil, nil, err
		}
		l.Notices[i] = e
		if t := summaries[n].Text; t != "" {
			texts[e] = t
		}
	}
	return l, texts, nil
}

// Years returns the years that have notices, newest first.
func (l *Listing) Years() []int {
	var years []int
	for _, e := range l.Notices {
		if !slices.Contains(years, e.Year) {
			years = append(years, e.Year)
		}
	}
	slices.SortFunc(years, func(a, b int) int { return b - a })
	return years
}

// InYear returns the entries of one year, newest first.
func (l *Listing) InYear(year int) []*Entry {
	var in []*Entry
	for _, e := range l.Notices {
		if e.Year == year {
			in = append(in, e)
		}
	}
	return in
}

// item returns e's line of notices.json, read into *buf if it must be.
func (l *Listing) item(e *Entry, buf *[]byte) ([]byte, error) {
	if e.item != nil || e.size == 0 {
		return e.item, nil
	}
	return l.Items(e.spooled, int(e.size), buf)
}

// NewestFirst orders entries as a site's notices are (site.Assemble): by
// publication time, newest first, then by URL.
func NewestFirst(a, b *Entry) int {
	if c := b.Date.Compare(a.Date.Time); c != 0 {
		return c
	}
	// The URLs "<year>/<slug>/" compared without making them: the years
	// have four digits.
	if c := cmp.Compare(a.Year, b.Year); c != 0 {
		return c
	}
	return compareSlashed(a.Slug, b.Slug)
}

// compareSlashed compares a+"/" with b+"/".
func compareSlashed(a, b string) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	next := func(s string) byte {
		if len(s) > n {
			return s[n]
		}
		return '/'
	}
	if len(a) == len(b) {
		return 0
	}
	return cmp.Compare(next(a), next(b))
}

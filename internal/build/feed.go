package build

import (
	"fmt"
	"slices"
	"sync"

	"disclose/internal/render"
	"disclose/internal/site"
)

// The feed shows the summary (the first paragraph's text) of its newest
// notices alone, at most 50 (render.FeedNotices), and notices.json the PDF
// of each notice that has one. A build of many notices does not keep every
// notice's summary until its listings are written (about 270 bytes a
// notice; 26 MB at 100,000): the pipeline offers each notice's to a
// newest, which keeps those that may be among the feed's, and the build
// record keeps only the texts of the feed it wrote. A notice of the feed
// whose text is not known (carried over from an earlier build that did
// not show it in its feed) has its body read and converted again.

// newest keeps the summaries of the newest notices offered to it, in the
// order of the listings (site.Assemble's: newest first, then by URL), at
// most size of them (render.FeedSize); drafts are never in the feed. It is safe for
// concurrent use.
type newest struct {
	size int
	mu   sync.Mutex
	list []newsItem
}

type newsItem struct {
	e     entry
	text  string
	known bool // text is n's summary; else it must be made again
}

// offer notes the summary text of n, which the feed may show; known is
// false when the text is not known (a notice carried over). f may be nil:
// it keeps nothing then.
func (f *newest) offer(n *render.Entry, text string, known bool) {
	if f == nil || n == nil || n.Draft {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.list) == f.size && n.Date.Compare(f.list[f.size-1].e.e.Date.Time) < 0 {
		return // older than the oldest kept: the common case, no URL made
	}
	e := entry{e: n, url: n.URL()}
	i, _ := slices.BinarySearchFunc(f.list, e, func(a newsItem, b entry) int { return compare(a.e, b) })
	if i >= f.size {
		return
	}
	f.list = slices.Insert(f.list, i, newsItem{e, text, known})
	if len(f.list) > f.size {
		f.list[f.size] = newsItem{}
		f.list = f.list[:f.size]
	}
}

// text returns the summary text offered for n, and whether it is known.
func (f *newest) text(n *render.Entry) (string, bool) {
	for _, it := range f.list {
		if it.e.e == n {
			return it.text, it.known
		}
	}
	return "", false
}

// summaries returns the summary text of each notice of the feed of l, as
// the listings take them (render.ListingsStreamed). A text that was not
// offered is made again from the notice's source in fsys, as its page
// was: the source must be the one the notice was read from (its SHA-256
// is the entry's Sum).
func (p *pipeline) summaries(l *render.Listing, kept *newest) (map[*render.Entry]string, error) {
	out := make(map[*render.Entry]string, kept.size)
	for _, n := range render.FeedNotices(l) {
		text, ok := kept.text(n)
		if !ok {
			var err error
			if text, err = p.summaryAgain(n); err != nil {
				return nil, err
			}
		}
		out[n] = text
	}
	return out, nil
}

// summaryAgain reads the source of n again, and returns the summary of its
// body as its page has it.
func (p *pipeline) summaryAgain(e *render.Entry) (string, error) {
	src, _, err := site.ReadSource(p.fsys, e.Path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", e.Path, err)
	}
	if site.SourceSum(src) != e.Sum || int(e.BodyOffset) > len(src) {
		return "", fmt.Errorf("%s: 构建期间文件被修改, 请重新构建; changed while the site was built; build again", e.Path)
	}
	again := e.Notice()
	again.Body = src[e.BodyOffset:]
	doc, err := p.r.Convert(again)
	if err != nil {
		return "", err
	}
	return doc.Summary, nil
}

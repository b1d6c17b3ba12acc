package build

import (
	"fmt"
	"slices"
	"sync"

	"disclose/internal/notice"
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
func (f *newest) offer(n *notice.Notice, text string, known bool) {
	if f == nil || n == nil || n.Draft {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.list) == f.size && n.Date.Compare(f.list[f.size-1].e.n.Date.Time) < 0 {
		return // older than the oldest kept: the common case, no URL made
	}
	e := entry{n, n.URL()}
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
func (f *newest) text(n *notice.Notice) (string, bool) {
	for _, it := range f.list {
		if it.e.n == n {
			return it.text, it.known
		}
	}
	return "", false
}

// summaries returns what the listings of s need of its notices' Summaries
// (render.ListingsStreamed): the text of each notice of the feed, and the
// PDF of each notice that has one, pdfs. A text that was not offered is
// made again from the notice's source in fsys, as its page was: the
// source must be the one the notice was read from (its SHA-256 is sums[n]).
func (p *pipeline) summaries(s *site.Site, kept *newest, pdfs map[*notice.Notice]*render.PDF, sums map[*notice.Notice]string) (map[*notice.Notice]render.Summary, error) {
	out := make(map[*notice.Notice]render.Summary, len(pdfs)+kept.size)
	for n, pdf := range pdfs {
		out[n] = render.Summary{PDF: pdf}
	}
	for _, n := range render.FeedNotices(s) {
		text, ok := kept.text(n)
		if !ok {
			var err error
			if text, err = p.summaryAgain(n, sums[n]); err != nil {
				return nil, err
			}
		}
		out[n] = render.Summary{Text: text, PDF: pdfs[n]}
	}
	return out, nil
}

// summaryAgain reads the source of n again, and returns the summary of its
// body as its page has it.
func (p *pipeline) summaryAgain(n *notice.Notice, sum string) (string, error) {
	src, _, err := site.ReadSource(p.fsys, n.Path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", n.Path, err)
	}
	if site.SourceSum(src) != sum || n.BodyOffset > len(src) {
		return "", fmt.Errorf("%s: 构建期间文件被修改, 请重新构建; changed while the site was built; build again", n.Path)
	}
	again := *n
	again.Body = src[n.BodyOffset:]
	doc, err := p.r.Convert(&again)
	if err != nil {
		return "", err
	}
	return doc.Summary, nil
}

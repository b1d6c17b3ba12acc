// Package render is the second step of the build pipeline (load → render →
// write): it turns a loaded site into the files of the published site and
// hands each one to an Emit function, so the caller decides whether files go
// to disk (build) or to memory (preview, tests). It writes:
//
//	<year>/<slug>/index.html   one page per notice
//	<year>/<slug>/notice.json  that notice's metadata, statistics and sections
//	<year>/index.html          the notices of one year
//	index.html                 the home page: the newest notices and the years
//	404.html                   the page for a URL that does not exist
//	feed.xml                   Atom feed of the newest notices
//	sitemap.xml                every page, for search engines
//	notices.json               every notice's metadata
//	style.<hash>.css           the stylesheet, named by its content
//
// The output depends on nothing but the sources: no build time, listings
// sorted.
package render

import (
	"fmt"
	"strconv"

	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// Emit receives one output file: its path below the output folder
// (slash-separated) and its bytes. The bytes are not reused after Emit
// returns.
type Emit func(path string, data []byte) error

// Render renders s with templates t, handing every file to emit.
func Render(s *site.Site, t *Templates, emit Emit) error {
	st := s.Settings
	sv := siteView{Title: st.Title, Language: st.Language, Publisher: st.Publisher, CSS: t.cssPath}
	conv := markdown.New(markdown.Options{UnsafeHTML: st.UnsafeHTML})
	docs := make(map[*notice.Notice]markdown.Doc, len(s.Notices))
	// 1. Notices: convert each body once; the page, its JSON, the feed and
	// notices.json all use the result.
	for _, n := range s.Notices {
		doc, err := conv.Convert(n.Body)
		if err != nil {
			return fmt.Errorf("%s: %w", n.Path, err)
		}
		docs[n] = doc
		if err := renderNotice(t, sv, st, n, doc, emit); err != nil {
			return err
		}
	}
	// 2. Listings: one page per year, and the home page.
	for _, y := range s.Years() {
		if err := emitPage(t, "year", yearPage(sv, y, s.InYear(y)), strconv.Itoa(y)+"/index.html", emit); err != nil {
			return err
		}
	}
	if err := emitPage(t, "home", homePage(sv, s), "index.html", emit); err != nil {
		return err
	}
	if err := emitPage(t, "404", page{Site: sv, Title: "页面不存在", Path: "404.html"}, "404.html", emit); err != nil {
		return err
	}
	// 3. The stylesheet and the machine-readable files.
	if err := emit(t.cssPath, t.css); err != nil {
		return err
	}
	return renderData(s, docs, emit)
}

func renderNotice(t *Templates, sv siteView, st *site.Settings, n *notice.Notice, doc markdown.Doc, emit Emit) error {
	if err := emitPage(t, "notice", noticePage(sv, n, doc), n.URL()+"index.html", emit); err != nil {
		return fmt.Errorf("%s: %w", n.Path, err)
	}
	data, err := marshalJSON(newNoticeData(st, n, doc))
	if err != nil {
		return fmt.Errorf("%s: %w", n.Path, err)
	}
	return emit(n.URL()+"notice.json", data)
}

func emitPage(t *Templates, kind string, p page, path string, emit Emit) error {
	html, err := t.execute(kind, p)
	if err != nil {
		return err
	}
	return emit(path, html)
}

// renderData writes feed.xml, sitemap.xml and notices.json.
func renderData(s *site.Site, docs map[*notice.Notice]markdown.Doc, emit Emit) error {
	all := siteData{Title: s.Settings.Title, URL: s.Settings.AbsURL(""), Notices: []noticeData{}}
	for _, n := range s.Notices {
		all.Notices = append(all.Notices, newNoticeData(s.Settings, n, docs[n]))
	}
	files := []struct {
		path string
		make func() ([]byte, error)
	}{
		{"feed.xml", func() ([]byte, error) { return feed(s, docs) }},
		{"sitemap.xml", func() ([]byte, error) { return sitemap(s) }},
		{"notices.json", func() ([]byte, error) { return marshalJSON(all) }},
	}
	for _, f := range files {
		data, err := f.make()
		if err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
		if err := emit(f.path, data); err != nil {
			return err
		}
	}
	return nil
}

package render

import (
	"bytes"
	"encoding/json"
	"strings"

	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// A notice's JSON is described once: by the struct tags of noticeData and
// of the notice package's types, which encoding/json follows.

// noticeData is one notice in notices.json and notice.json.
type noticeData struct {
	URL  string `json:"url"`
	Path string `json:"path"` // below the base URL
	Year int    `json:"year"`
	Slug string `json:"slug"`
	notice.FrontMatter
	PDF      *pdfData      `json:"pdf,omitempty"`      // the notice printed, when the site prints
	Sections []sectionData `json:"sections,omitempty"` // in notice.json only
}

// pdfData is a notice's PDF in notices.json.
type pdfData struct {
	URL  string `json:"url"`
	Size int64  `json:"size"` // in bytes
}

type sectionData struct {
	Level int    `json:"level"`
	ID    string `json:"id"`
	URL   string `json:"url"`
	Title string `json:"title"`
}

func newNoticeData(st *site.Settings, n *notice.Notice, outline []markdown.Entry, pdf *PDF) noticeData {
	d := noticeData{URL: st.AbsURL(n.URL()), Path: n.URL(), Year: n.Year, Slug: n.Slug, FrontMatter: n.FrontMatter}
	if pdf != nil {
		d.PDF = &pdfData{URL: st.AbsURL(pdf.Path), Size: pdf.Size}
	}
	if d.Statistics == nil {
		d.Statistics = []notice.Statistic{}
	}
	if len(outline) == 0 {
		return d
	}
	// The sections' URLs are cut from one string: a notice has dozens.
	var urls strings.Builder
	urls.Grow(len(outline) * (len(d.URL) + 12))
	for _, e := range outline {
		urls.WriteString(d.URL)
		urls.WriteByte('#')
		urls.WriteString(e.ID)
	}
	all, at := urls.String(), 0
	d.Sections = make([]sectionData, len(outline))
	for i, e := range outline {
		end := at + len(d.URL) + 1 + len(e.ID)
		d.Sections[i] = sectionData{Level: e.Level, ID: e.ID, URL: all[at:end], Title: e.Title}
		at = end
	}
	return d
}

// writeJSON appends v's JSON to buf as one line with no newline, HTML
// characters as they are: the files are read by programs, not browsers.
func writeJSON(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	return nil
}

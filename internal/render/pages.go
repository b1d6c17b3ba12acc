package render

import (
	"html/template"
	"strconv"
	"strings"

	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// page is what every page template receives.
type page struct {
	Site   siteView
	Path   string // the page's path below the base URL: "2025/slug/"
	Title  string // the page's own title; empty on the home page
	Crumbs []crumb
	Notice *noticeView
	Year   *yearView
	Home   *homeView
}

type siteView struct {
	Title, Language, Publisher string
	Domain                     string // the host of the base URL, for the SiteDomain meta tag
	CSS                        string // path of the stylesheet
	Script                     string // path of modes.js
}

type crumb struct{ Name, Path string }

type noticeView struct {
	*notice.Notice
	// The fields the notice template reads most, copied from the embedded
	// notice: the template engine finds a field of an embedded struct
	// only by a search that costs more than the rest of its work.
	Title       string
	Date        notice.DateTime
	Draft       bool
	Source      string
	Inspection  notice.Inspection
	Statistics  []notice.Statistic
	Signature   notice.Signature
	Corrections []notice.Correction

	html           []byte           // the body; templates read it as Body
	Summary        string           // the first paragraph, for the description meta tag
	TOC            []markdown.Entry // levels 1 and 2
	Contact        contactView
	DisclosureRows []field // the 政府信息公开 table; empty when the notice has none
}

// field is one labelled value: a row of the disclosure table.
type field struct{ Label, Value string }

// disclosureRows lists the 政府信息公开 metadata that is given, in the order
// government sites show it, with the publication date.
func disclosureRows(n *notice.Notice) []field {
	d := n.Disclosure
	if d == nil {
		return nil
	}
	all := []field{
		{"索引号", d.IndexNumber},
		{"文件名称", d.Name},
		{"主题分类", d.Topic},
		{"发布机构", d.Publisher},
		{"成文日期", d.WrittenDate.Chinese()},
		{"文号", d.DocumentNumber},
		{"发布日期", n.Date.Format("2006年1月2日")},
		{"公开方式", d.Method},
		{"公开范围", d.Scope},
		{"有效性", d.Validity},
	}
	var rows []field
	for _, f := range all {
		if f.Value != "" {
			rows = append(rows, f)
		}
	}
	return rows
}

// contactView is the contact line, punctuated as the notice punctuates:
// 联系方式:电话0571-87050365;邮政信箱:…;电子邮箱:…。, or, when the notice
// gives its contact sentence as published (contact.text), that sentence,
// one paragraph per line, and no items. A notice whose text keeps its own
// contact line has neither: the page adds none.
type contactView struct {
	Lines            []string
	Invitation       string
	Colon, Semicolon string
	Items            []contactItem
}

type contactItem struct {
	Label string // "电话", "邮政信箱:"
	Value string
	Href  template.URL // tel: or mailto:, when the value is a phone or an email
}

type yearView struct {
	Year    int
	Notices []*notice.Notice
	Seals   []site.Seal // the year's archive bundles, oldest first; none if not sealed
	Totals  []total     // the statistics summed over the year
	Chart   *chart      // the totals as a bar chart; nil when there are none
}

type homeView struct {
	Newest []*notice.Notice
	Years  []yearLink
}

type yearLink struct {
	Year, Count int
	Path        string
	Sealed      bool // the year has an archive bundle
}

func newContact(c notice.Contact, punctuation string) contactView {
	v := contactView{Invitation: c.Invitation, Colon: "：", Semicolon: "；"}
	if t := strings.TrimSpace(c.Text); t != "" {
		v.Lines = strings.Split(strings.ReplaceAll(t, "\r\n", "\n"), "\n")
		return v
	}
	if punctuation == notice.HalfWidth {
		v.Colon, v.Semicolon = ":", ";"
	}
	if c.Phone != "" {
		v.Items = append(v.Items, contactItem{Label: "电话", Value: c.Phone, Href: template.URL("tel:" + telDigits(c.Phone))})
	}
	if c.Mailbox != "" {
		v.Items = append(v.Items, contactItem{Label: "邮政信箱" + v.Colon, Value: c.Mailbox})
	}
	if c.Email != "" {
		v.Items = append(v.Items, contactItem{Label: "电子邮箱" + v.Colon, Value: c.Email, Href: template.URL("mailto:" + c.Email)})
	}
	return v
}

// telDigits keeps what a tel: URL may hold: digits, "+" and "-".
func telDigits(phone string) string {
	return strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || r == '+' || r == '-' {
			return r
		}
		return -1
	}, phone)
}

func tocOf(outline []markdown.Entry) []markdown.Entry {
	var toc []markdown.Entry
	for _, e := range outline {
		if e.Level <= 2 {
			toc = append(toc, e)
		}
	}
	return toc
}

func yearPath(year int) string { return strconv.Itoa(year) + "/" }

// Body is the notice's body as HTML, for the template engine. It is copied
// only when a template reads it: pageWriter writes the bytes as they are.
func (v *noticeView) Body() template.HTML { return template.HTML(v.html) }

// noticePage is the data of n's page. It takes no fourth argument: the
// variadic one is ignored, left only for BenchmarkNoticeSteps, which
// passes one, until that file is next edited.
func noticePage(sv siteView, n *notice.Notice, doc markdown.Doc) page {
	v := &noticeView{Notice: n, Title: n.Title, Date: n.Date, Draft: n.Draft, Source: n.Source,
		Inspection: n.Inspection, Statistics: n.Statistics, Signature: n.Signature,
		Corrections: n.Corrections, html: doc.HTML, Summary: doc.Summary,
		TOC: tocOf(doc.Outline), Contact: newContact(n.Contact, n.Punctuation),
		DisclosureRows: disclosureRows(n)}
	return page{
		Site: sv, Path: n.URL(), Title: n.Title,
		Crumbs: []crumb{{"首页", ""}, {strconv.Itoa(n.Year) + "年", yearPath(n.Year)}},
		Notice: v,
	}
}

func yearPage(sv siteView, year int, notices []*notice.Notice, seals []site.Seal) page {
	return page{
		Site: sv, Path: yearPath(year), Title: strconv.Itoa(year) + "年",
		Crumbs: []crumb{{"首页", ""}},
		Year:   newYearView(year, notices, seals),
	}
}

func newYearView(year int, notices []*notice.Notice, seals []site.Seal) *yearView {
	totals := yearTotals(notices)
	return &yearView{Year: year, Notices: notices, Seals: seals, Totals: totals, Chart: newChart(year, totals)}
}

func homePage(sv siteView, s *site.Site) page {
	h := &homeView{Newest: s.Notices[:min(len(s.Notices), s.Settings.HomeNotices)]}
	for _, y := range s.Years() {
		h.Years = append(h.Years, yearLink{Year: y, Count: len(s.InYear(y)), Path: yearPath(y), Sealed: len(s.Sealed[y]) > 0})
	}
	return page{Site: sv, Home: h}
}

package render

import (
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/search"
	"disclose/internal/site"
)

// page is what every page template receives. The templates are the only
// description of the pages, and html/template finds each value by
// reflection: a field of a struct with no methods and no embedded struct
// costs it least, a method call most. So the views below hand the
// templates values computed beforehand (dates formatted, the table of
// contents cut from the outline, the body already HTML) in plain structs,
// and the templates only place them.
//
// text/template finds a field by its name, comparing it with each name of
// the struct in turn: the fields a page looks up most come first.
type page struct {
	Shared sharedView // what every page of the site has alike
	Notice *noticeView
	// TitleHTML is Title as html/template writes it in an element's text
	// (prepared), for the breadcrumb trail's last step, the title element
	// and a notice's ArticleTitle meta tag
	TitleHTML template.HTML `escaped:"text"`
	Site      siteView
	Title     string // the page's own title; empty on the home page
	Canonical string // the page's absolute URL; empty on the 404 page and a draft's (noindex)
	Crumbs    []crumb
	Trail     template.HTML // the crumbs' links, as the "trail" part wrote them (parts.go)
	Path      string        // the page's path below the base URL: "2025/slug/"
	Links     *links
	Year      *yearView
	Home      *homeView
	Pager     *pager // the links between the pages of a list; nil on a page of one
	List      *listView
	Round     *roundView
	Unit      *unitView
	Index     *indexView
	Search    *searchView
}

// sharedView is what layout.html's "site-start", "site-meta", "site-head"
// and "site-foot" wrote, once
// for every page of a site.
type sharedView struct {
	Start, Meta, Head, Foot template.HTML
}

// siteView is the site as its pages show it. TitleHTML and ColumnHTML
// are Title and Column as html/template writes them in an element's
// text (prepared), for the title element and the ColumnName meta tag.
type siteView struct {
	TitleHTML                  template.HTML `escaped:"text"`
	ColumnHTML                 template.HTML `escaped:"text"`
	Title, Language, Publisher string
	Column                     string // the column's name, for the ColumnName meta tag
	Domain                     string // the host of the base URL, for the SiteDomain meta tag
	CSS                        string // path of the stylesheet
	Script                     string // path of modes.js
}

// links are the links every page has, as the page writes them.
type links struct {
	Home   string
	CSS    string // the stylesheet
	Script string // modes.js
	Icon   string // favicon.svg
	Feed   string // feed.xml
	Data   string // notices.json
	Search string // the search page
}

// crumb is a step of the breadcrumb trail: Path below the base URL, URL as
// the page links it.
type crumb struct{ Name, Path, URL string }

// timeView is a date or a time as a page shows it: ISO for the datetime
// attribute, Text for the reader; Element, on a notice's page, the two as
// the "time-element" part wrote them (parts.go), from ISOHTML and
// TextHTML, the two as html/template writes them in an element's text or
// an attribute's value (noticeTexts; not on the lists' lines).
type timeView struct {
	Element           template.HTML
	ISO, Text         string
	ISOHTML, TextHTML template.HTML `escaped:"text"`
}

// noticeView is what a notice's page shows of it, the fields looked up
// most first (page).
//
// A value a template places in an element's text costs a call of
// html/template's escaper, by reflection, each time it is placed; the
// same value as a template.HTML costs none (trusted.go). So the texts
// notice.html places in an element's text are also given as
// html/template writes them there (the fields ending in HTML, Figures:
// noticeTexts), and the lines of the table of contents as one value
// (TOCLines); the fields they are made from stay, for a site's
// notice.html written before them and for the values placed elsewhere
// (an attribute, the title element).
type noticeView struct {
	// DateISOHTML, SourceHTML and SummaryHTML are Date.ISO, Source and
	// Summary as html/template writes them in an element's text, or in
	// an attribute's value: for the meta tags, and the source's in the
	// dateline
	DateISOHTML    template.HTML `escaped:"text"`
	SourceHTML     template.HTML `escaped:"text"`
	SummaryHTML    template.HTML `escaped:"text"`
	Draft          bool
	DisclosureRows []field // the 政府信息公开 table; empty when the notice has none
	Title          string
	TitleLinesHTML []template.HTML `escaped:"text"`
	Corrections    []correctionView
	Inspection     inspectionView
	Figures        []figureView // the statistics, as the page shows them
	// FigureLines is the list of figures, each line as "figure-line"
	// wrote it (figureLines).
	FigureLines template.HTML
	PDF         *pdfView   // the notice printed; nil when it has none
	TOC         []tocEntry // the outline's levels 1 and 2
	// TOCLines is the table of contents, each line as "toc-line-start"
	// wrote its start, its title as html/template writes it in an
	// element's text, and its end as "toc-line-end" wrote it (tocLines).
	TOCLines   template.HTML
	Date       timeView      // the publication date: ISO 8601 with the time, and 2006年1月2日
	Body       template.HTML // the text, as goldmark wrote it
	Contact    contactView
	Signature  signatureView
	Source     string
	Summary    string   // the first paragraph, for the description meta tag
	TitleLines []string // the title as printed, cut into lines (GB/T 9704 7.3.3)
	Statistics []notice.Statistic
	Year       int
}

// figureView is a statistic as the page shows it: its value as written,
// its unit and its label, as html/template writes them in an element's
// text; Line, the figure's line of the list as the "figure-line" part
// wrote it from the three (parts.go).
type figureView struct {
	Value, Unit, Label template.HTML `escaped:"text"`
	Line               template.HTML
}

// pdfView is a notice's PDF as its page links it: Size reads "325 KB".
type pdfView struct{ Path, Size string }

// sizeText is a file's size as a download link gives it: KB below a
// megabyte, rounded up so that a small file never reads "0 KB"; MB with one
// decimal above.
func sizeText(n int64) string {
	if n < 1000*1024 {
		return strconv.FormatInt((n+1023)/1024, 10) + " KB"
	}
	return strconv.FormatFloat(float64(n)/(1024*1024), 'f', 1, 64) + " MB"
}

// inspectionView is the inspection; a date not given is nil. UnitPath and
// RoundPath are the pages of the unit and the round, when they are named;
// UnitURL and RoundURL link them as the page does, and UnitLink and
// RoundLink are the links as the "facts-link" part wrote them (parts.go).
type inspectionView struct {
	KindHTML          template.HTML `escaped:"text"` // Kind as html/template writes it in an element's text
	FactsStart        template.HTML // the heading and the group, unit and round, as "facts-start" wrote them (parts.go)
	Start, End        *timeView
	Feedback          *timeView
	GroupHTML         template.HTML `escaped:"text"` // Group as html/template writes it in an element's text
	Organization      string
	UnitLink          template.HTML
	RoundPath         string
	Kind, Group       string
	RoundLink         template.HTML
	UnitPath, Round   string
	UnitURL, RoundURL string
}

type signatureView struct {
	OrganizationHTML template.HTML `escaped:"text"` // Organization as html/template writes it in an element's text
	Date             timeView
	Organization     string
}

type correctionView struct {
	Date      timeView
	What, Why string
}

// field is one labelled value: a row of the disclosure table. LabelHTML
// and ValueHTML are Label and Value as html/template writes them in an
// element's text.
type field struct {
	LabelHTML, ValueHTML template.HTML `escaped:"text"`
	Label, Value         string
}

// disclosureRows lists the 政府信息公开 metadata that is given, in the order
// government sites show it. The publication date is not among them: the
// page shows it once, in the dateline under the title.
func disclosureRows(n *notice.Notice) []field {
	d := n.Disclosure
	if d == nil {
		return nil
	}
	all := []field{
		{Label: "索引号", Value: d.IndexNumber},
		{Label: "文件名称", Value: d.Name},
		{Label: "主题分类", Value: d.Topic},
		{Label: "发布机构", Value: d.Publisher},
		{Label: "成文日期", Value: d.WrittenDate.Chinese()},
		{Label: "文号", Value: d.DocumentNumber},
		{Label: "公开方式", Value: d.Method},
		{Label: "公开范围", Value: d.Scope},
		{Label: "有效性", Value: d.Validity},
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
// contact line has neither: the page adds none. The fields ending in HTML
// are those before them as html/template writes them in an element's
// text (noticeTexts).
type contactView struct {
	LinesHTML                 []template.HTML `escaped:"text"`
	Items                     []contactItem
	InvitationHTML, ColonHTML template.HTML `escaped:"text"`
	Lines                     []string
	Invitation                string
	Colon, Semicolon          string
}

type contactItem struct {
	LeadHTML  template.HTML `escaped:"text"`
	Href      template.URL  // tel: or mailto:, when the value is a phone or an email
	ValueHTML template.HTML `escaped:"text"`
	Lead      string        // the label after the semicolon that ends the item before: "；邮政信箱："
	Value     string
	Label     string // "电话", "邮政信箱:"
}

// yearView is a page of a year's list. The first page also has the
// year's archive bundles and totals.
type yearView struct {
	Year    int
	Page    int    // from 1
	Count   int    // the year's notices, on every page
	Kinds   string // the kinds of inspection of the year's notices: 巡视, 巡察 or 巡视巡察
	Notices []listItem
	Items   []template.HTML // the page's notices, as the "item" template wrote each
	Seals   []sealView      // the year's archive bundles, oldest first; none if not sealed
	// Download is true when a bundle can be downloaded from the page.
	Download bool
	Totals   []total // the statistics summed over the year
	Charts   []chart // the totals as bar charts, one per unit that has one
}

// sealView is a bundle as a year's page shows it: Download is where it
// can be downloaded ("" when site.toml does not say where bundles are
// published and the location is no web address).
type sealView struct {
	site.Seal
	Download string
}

// listItem is a notice in a list: a year's, or the newest on the home page.
type listItem struct {
	Path, Title               string
	Draft                     bool
	Date                      string // "2006-01-02"
	Kind, Group, Organization string // the inspection's
	// DateElement is Date as the "list-time" part wrote it, where the
	// templates place it (parts.go)
	DateElement template.HTML
	// Title, Kind, Group and Organization as html/template writes them
	// in an element's text, for the lines of the lists the renderer
	// writes ("item", the units' pages): lineTexts
	TitleHTML, KindHTML, GroupHTML, OrganizationHTML template.HTML `escaped:"text"`
}

// lineTexts fills in the values of items that the templates place in an
// element's text as html/template writes them there (plainText): a value
// with none of the characters its escaper replaces is itself, and a line
// places it with no escaper call.
func (t *Templates) lineTexts(items []listItem) error {
	for i := range items {
		it := &items[i]
		for _, f := range [...]struct {
			s   string
			dst *template.HTML
		}{{it.Title, &it.TitleHTML}, {it.Kind, &it.KindHTML}, {it.Group, &it.GroupHTML}, {it.Organization, &it.OrganizationHTML}} {
			var err error
			if *f.dst, err = t.text.html(f.s); err != nil {
				return err
			}
		}
	}
	return nil
}

// noticeTexts fills in the values of v that the templates place in an
// element's text, or in an attribute's value, as html/template writes
// them there (plainText): the fields ending in HTML, and Figures.
func (t *Templates) noticeTexts(v *noticeView) error {
	w := textWriter{p: t.text}
	v.SourceHTML = w.html(v.Source)
	v.DateISOHTML, v.SummaryHTML = w.html(v.Date.ISO), w.html(v.Summary)
	v.Date.ISOHTML, v.Date.TextHTML = v.DateISOHTML, w.html(v.Date.Text)
	for _, d := range [...]*timeView{&v.Signature.Date, v.Inspection.Start, v.Inspection.End, v.Inspection.Feedback} {
		if d != nil {
			d.ISOHTML, d.TextHTML = w.html(d.ISO), w.html(d.Text)
		}
	}
	for i := range v.Corrections {
		d := &v.Corrections[i].Date
		d.ISOHTML, d.TextHTML = w.html(d.ISO), w.html(d.Text)
	}
	v.TitleLinesHTML = w.all(v.TitleLines)
	for i := range v.DisclosureRows {
		r := &v.DisclosureRows[i]
		r.LabelHTML, r.ValueHTML = w.html(r.Label), w.html(r.Value)
	}
	in := &v.Inspection
	in.KindHTML, in.GroupHTML = w.html(in.Kind), w.html(in.Group)
	if len(v.Statistics) > 0 {
		v.Figures = make([]figureView, len(v.Statistics))
		for i, s := range v.Statistics {
			v.Figures[i] = figureView{Value: w.html(s.Value.Text), Unit: w.html(s.Unit), Label: w.html(s.Label)}
		}
	}
	c := &v.Contact
	c.LinesHTML = w.all(c.Lines)
	c.InvitationHTML, c.ColonHTML = w.html(c.Invitation), w.html(c.Colon)
	for i := range c.Items {
		it := &c.Items[i]
		it.LeadHTML, it.ValueHTML = w.html(it.Lead), w.html(it.Value)
	}
	v.Signature.OrganizationHTML = w.html(v.Signature.Organization)
	return w.err
}

// textWriter makes the values html/template writes in an element's text
// (plainText.html), keeping the first error.
type textWriter struct {
	p   *plainText
	err error
}

func (w *textWriter) html(s string) template.HTML {
	h, err := w.p.html(s)
	if w.err == nil {
		w.err = err
	}
	return h
}

// all is html of each of texts; nil for none.
func (w *textWriter) all(texts []string) []template.HTML {
	if len(texts) == 0 {
		return nil
	}
	out := make([]template.HTML, len(texts))
	for i, s := range texts {
		out[i] = w.html(s)
	}
	return out
}

// homeView is a page of the home page's list, newest first. The first
// page also has the ways to browse: by year, by kind, by round, by unit.
type homeView struct {
	Page          int             // from 1
	Newest        []listItem      // on the first page
	Items         []template.HTML // on a later page, as the "item" template wrote each
	Years         []yearLink
	Kinds         []navLink
	Rounds, Units int // how many rounds and units have a page
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
	for i := range v.Items {
		v.Items[i].Lead = v.Items[i].Label
		if i > 0 {
			v.Items[i].Lead = v.Semicolon + v.Items[i].Label
		}
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

// tocEntry is a line of the table of contents: a section (一、) or, when
// Sub, an item of one ((一)). The table of contents is the longest list
// of a page, and each value a template writes costs an escaper called by
// reflection: notice.html places Line, the line up to the end of its
// title, one value a line instead of three. Line is LineStart, the line
// up to its title as the "toc-line-start" part wrote it once for this
// anchor and level (parts.go), followed by the title as html/template
// writes it in an element's text (tocLines). ID, Sub, Title and LineStart
// stay for the templates that write the line themselves.
// LineEnd, the end of the line (after its title) as "toc-line-end"
// wrote it, is what TOCLines places after each line.
type tocEntry struct {
	Line      template.HTML
	LineStart template.HTML
	LineEnd   template.HTML
	ID, Title string
	Sub       bool
}

func tocOf(outline []markdown.Entry) []tocEntry {
	n := 0
	for i := range outline {
		if outline[i].Level <= 2 {
			n++
		}
	}
	toc := make([]tocEntry, 0, n)
	for i := range outline {
		if e := &outline[i]; e.Level <= 2 {
			toc = append(toc, tocEntry{ID: e.ID, Title: e.Title, Sub: e.Level == 2})
		}
	}
	return toc
}

func yearPath(year int) string { return strconv.Itoa(year) + "/" }

// noticePage is the data of n's page; doc is its converted body.
func noticePage(sv siteView, n *notice.Notice, doc markdown.Doc) page {
	in := n.Inspection
	v := &noticeView{Title: n.Title, TitleLines: n.TitleLines(), Source: n.Source, Year: n.Year, Draft: n.Draft,
		Date:        timeView{ISO: n.Date.Attr(), Text: notice.Date{Time: n.Date.Time}.Chinese()},
		Inspection:  inspectionView{Kind: in.Kind, Group: in.Group, Organization: in.Organization, Round: in.Round, Start: dateView(in.Start), End: dateView(in.End), Feedback: dateView(in.Feedback)},
		Statistics:  n.Statistics,
		Signature:   signatureView{Organization: n.Signature.Organization, Date: timeView{ISO: n.Signature.Date.ISO(), Text: n.Signature.Written()}},
		Corrections: make([]correctionView, len(n.Corrections)),
		Body:        bodyOf(doc), Summary: doc.Summary, TOC: tocOf(doc.Outline),
		Contact: newContact(n.Contact, n.Punctuation), DisclosureRows: disclosureRows(n)}
	for i, c := range n.Corrections {
		v.Corrections[i] = correctionView{dayOf(c.Date), c.What, c.Why}
	}
	if nameSegment(in.Organization) != "" {
		v.Inspection.UnitPath = unitPath(in.Organization)
	}
	if nameSegment(in.Round) != "" {
		v.Inspection.RoundPath = roundPath(in.Round)
	}
	return page{
		Site: sv, Path: n.URL(), Title: n.Title,
		Crumbs: []crumb{{Name: "首页"}, {Name: strconv.Itoa(n.Year) + "年", Path: yearPath(n.Year)}},
		Notice: v,
	}
}

// bodyOf is the converted body of doc as a page places it: goldmark's
// output, trusted as HTML. It is not a copy (a body is some 20 KB, and
// copying it was a tenth of what making a page's values cost): the page
// is written before doc's memory is reused (NoticeDoc releases it last).
func bodyOf(doc markdown.Doc) template.HTML {
	return template.HTML(unsafe.String(unsafe.SliceData(doc.HTML), len(doc.HTML)))
}

// dayOf is d as a page shows it.
func dayOf(d notice.Date) timeView { return timeView{ISO: d.ISO(), Text: d.Chinese()} }

// dateView is dayOf(d), or nil when d is not given.
func dateView(d notice.Date) *timeView {
	if !d.Set() {
		return nil
	}
	v := dayOf(d)
	return &v
}

// listItems are the notices as a list shows them.
func listItems(notices []*Entry) []listItem {
	items := make([]listItem, len(notices))
	for i, n := range notices {
		in := n.Inspection
		items[i] = listItem{Path: n.URL(), Title: n.Title, Draft: n.Draft, Date: n.Date.Format(time.DateOnly),
			Kind: in.Kind, Group: in.Group, Organization: in.Organization}
	}
	return items
}

// yearPage is page k (from 1) of the list of year's notices, cut in
// pages of size; bundleURL gives the address of a bundle file where
// bundles are published, or "".
func yearPage(sv siteView, year, k, size int, notices []*Entry, seals []site.Seal, bundleURL func(string) string) page {
	list := pages(notices, size)
	v := &yearView{Year: year, Page: k, Count: len(notices), Kinds: kindsOf(notices), Notices: listItems(list[k-1])}
	if k == 1 {
		v.Totals = yearTotals(notices)
		v.Charts = newCharts(year, v.Totals)
		for _, s := range seals {
			sv := sealView{Seal: s, Download: s.LocationURL()}
			if u := bundleURL(s.File); u != "" {
				sv.Download = u
			}
			v.Download = v.Download || sv.Download != ""
			v.Seals = append(v.Seals, sv)
		}
	}
	return page{
		Site: sv, Path: pagePath(yearPath(year), k), Title: pageTitle(strconv.Itoa(year)+"年", k),
		Crumbs: []crumb{{Name: "首页"}}, Pager: newPager(yearPath(year), k, len(list)),
		Year: v,
	}
}

// kindsOf names the kinds of inspection notices are about, 巡视 before
// 巡察, for a heading that names only what the list holds; both when
// none is given (a draft's).
func kindsOf(notices []*Entry) string {
	var xunshi, xuncha bool
	for _, n := range notices {
		xunshi = xunshi || n.Inspection.Kind == notice.KindXunshi
		xuncha = xuncha || n.Inspection.Kind == notice.KindXuncha
	}
	switch {
	case xunshi && !xuncha:
		return notice.KindXunshi
	case xuncha && !xunshi:
		return notice.KindXuncha
	}
	return notice.KindXunshi + notice.KindXuncha
}

// searchView is what the search page offers: the filters' values, and the
// years for a reader whose browser runs no script.
type searchView struct {
	Years         []yearLink
	Kinds, Levels []string
	Rounds        []string
	Index, Script string // the index's index.json and search.js, as the page links them
	Action        string // the page itself, where the form is sent
}

func searchPage(sv siteView, s *Listing) page {
	v := &searchView{Kinds: search.Kinds, Levels: search.Levels}
	for _, y := range s.Years() {
		v.Years = append(v.Years, yearLink{Year: y, Count: len(s.InYear(y)), Path: yearPath(y)})
	}
	for _, n := range s.Notices {
		if r := n.Inspection.Round; r != "" && !n.Draft && !slices.Contains(v.Rounds, r) {
			v.Rounds = append(v.Rounds, r)
		}
	}
	slices.Sort(v.Rounds)
	return page{Site: sv, Path: search.Dir, Title: "搜索", Crumbs: []crumb{{Name: "首页"}}, Search: v}
}

package render

import (
	"bytes"
	"strconv"
	"strings"
)

// The notice page is most of a build: one per notice. html/template
// executes a page by reflection, field by field and escaper by escaper,
// at about a microsecond an action and some 150 actions a page; it was the
// build's largest cost. So the page of the built-in layout.html and
// notice.html is also written here, in Go, with the escaping html/template
// applies in each place (html.go, url.go in its sources). It is used only
// when neither file is overridden and links are absolute; the templates
// stay the reference: TestNoticePageMatchesTemplate renders every kind of
// notice both ways and wants the same bytes, so a change to either file
// that is not made to the other fails it.

// pageWriter writes the pages of the built-in templates: the notice page
// here, the year page in yearpage.go.
type pageWriter struct {
	url, abs func(string) string
}

func (w pageWriter) write(b *bytes.Buffer, p page) {
	w.layout(b, p, func() { w.meta(b, p.Notice) }, func() { w.main(b, p.Notice) })
}

// layout writes layout.html around the page's "meta" block (meta may be
// nil: an empty block) and its "main".
func (w pageWriter) layout(b *bytes.Buffer, p page, meta, main func()) {
	// layout.html, up to the "meta" block.
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	escape(b, p.Site.Language)
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if p.Title != "" {
		escape(b, p.Title)
		b.WriteString(" - ")
	}
	escape(b, p.Site.Title)
	b.WriteString("</title>\n<meta name=\"SiteName\" content=\"")
	escape(b, p.Site.Title)
	b.WriteString("\">\n<meta name=\"SiteDomain\" content=\"")
	escape(b, p.Site.Domain)
	b.WriteString("\">")
	if meta != nil {
		meta()
	}
	// layout.html, from the canonical link to the main element.
	b.WriteString("\n<link rel=\"canonical\" href=\"")
	escapeURL(b, w.abs(p.Path))
	b.WriteString("\">\n<link rel=\"stylesheet\" href=\"")
	escapeURL(b, w.url(p.Site.CSS))
	b.WriteString("\">\n<script src=\"")
	escapeURL(b, w.url(p.Site.Script))
	b.WriteString("\"></script>\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
	escape(b, p.Site.Title)
	b.WriteString("\" href=\"")
	escapeURL(b, w.url("feed.xml"))
	b.WriteString("\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">跳到正文</a>\n<header class=\"site-header\">\n<div class=\"bar\">\n<p class=\"site-title\"><a href=\"")
	escapeURL(b, w.url(""))
	b.WriteString("\">")
	escape(b, p.Site.Title)
	b.WriteString("</a></p>\n<div class=\"modes\" role=\"group\" aria-label=\"阅读模式\">\n<label><input type=\"checkbox\" id=\"mode-large\">大字版</label>\n<label><input type=\"checkbox\" id=\"mode-contrast\">高对比度</label>\n</div>\n</div>\n</header>")
	if len(p.Crumbs) > 0 {
		b.WriteString("\n<nav class=\"crumbs\" aria-label=\"当前位置\">\n<ol>")
		for _, c := range p.Crumbs {
			b.WriteString("<li><a href=\"")
			escapeURL(b, w.url(c.Path))
			b.WriteString("\">")
			escape(b, c.Name)
			b.WriteString("</a></li>")
		}
		b.WriteString("<li aria-current=\"page\">")
		escape(b, p.Title)
		b.WriteString("</li></ol>\n</nav>")
	}
	b.WriteString("\n<main id=\"main\">\n")
	main()
	b.WriteString("\n</main>\n<footer class=\"site-footer\">\n<p>")
	if p.Site.Publisher != "" {
		escape(b, p.Site.Publisher)
		b.WriteString(" · ")
	}
	b.WriteString("<a href=\"")
	escapeURL(b, w.url("feed.xml"))
	b.WriteString("\">订阅(Atom)</a> · <a href=\"")
	escapeURL(b, w.url("notices.json"))
	b.WriteString("\">数据(JSON)</a></p>\n</footer>\n</body>\n</html>\n")
}

// meta writes notice.html's "meta": the metadata government sites read.
func (w pageWriter) meta(b *bytes.Buffer, n *noticeView) {
	b.WriteString("\n<meta name=\"ArticleTitle\" content=\"")
	escape(b, n.Title)
	b.WriteString("\">\n<meta name=\"PubDate\" content=\"")
	escape(b, n.Date.Display())
	b.WriteString("\">\n<meta name=\"ContentSource\" content=\"")
	escape(b, n.Source)
	b.WriteString("\">\n<meta name=\"ColumnName\" content=\"")
	b.WriteString(strconv.Itoa(n.Year))
	b.WriteString("年\">")
	if n.Summary != "" {
		b.WriteString("\n<meta name=\"description\" content=\"")
		escape(b, n.Summary)
		b.WriteString("\">")
	}
}

// main writes notice.html's "main": the notice's facts and its text.
func (w pageWriter) main(b *bytes.Buffer, n *noticeView) {
	if n.Draft {
		b.WriteString("\n<p class=\"draft\" role=\"note\"><strong>草稿 DRAFT</strong> 本页为草稿，尚未发布。</p>")
	}
	if len(n.DisclosureRows) > 0 {
		b.WriteString("\n<table class=\"disclosure\">\n<caption>政府信息公开</caption>\n<tbody>")
		for _, r := range n.DisclosureRows {
			b.WriteString("\n<tr><th scope=\"row\">")
			escape(b, r.Label)
			b.WriteString("</th><td>")
			escape(b, r.Value)
			b.WriteString("</td></tr>")
		}
		b.WriteString("\n</tbody>\n</table>")
	}
	b.WriteString("\n<h1>")
	escape(b, n.Title)
	b.WriteString("</h1>")
	if len(n.Corrections) > 0 {
		b.WriteString("\n<aside class=\"corrections\" id=\"corrections\" aria-labelledby=\"corrections-title\">\n<h2 id=\"corrections-title\">更正说明</h2>\n<p>本通报发布后作了以下更正，下文为更正后的文本。</p>\n<ol>")
		for _, c := range n.Corrections {
			b.WriteString("\n<li>")
			timeElement(b, c.Date.ISO(), c.Date.Chinese())
			b.WriteString("\n<dl><dt>更正内容</dt><dd>")
			escape(b, c.What)
			b.WriteString("</dd><dt>更正原因</dt><dd>")
			escape(b, c.Why)
			b.WriteString("</dd></dl></li>")
		}
		b.WriteString("\n</ol>\n</aside>")
	}
	w.facts(b, n)
	if len(n.TOC) > 0 {
		b.WriteString("\n<nav class=\"toc\" aria-label=\"目录\">\n<details>\n<summary>目录</summary>\n<ol>")
		for _, e := range n.TOC {
			b.WriteString("\n<li class=\"toc")
			b.WriteString(strconv.Itoa(e.Level))
			b.WriteString("\"><a href=\"#")
			var id strings.Builder
			processURL(&id, e.ID, false)
			escape(b, id.String())
			b.WriteString("\">")
			escape(b, e.Title)
			b.WriteString("</a></li>")
		}
		b.WriteString("\n</ol>\n</details>\n</nav>")
	}
	b.WriteString("\n<article class=\"notice\">\n<p class=\"dateline\">")
	timeElement(b, n.Date.Attr(), n.Date.Display())
	b.WriteString(" <span class=\"source\">")
	escape(b, n.Source)
	b.WriteString("</span></p>\n")
	b.Write(n.html)
	w.contact(b, n)
	b.WriteString("\n<p class=\"signature\">")
	escape(b, n.Signature.Organization)
	b.WriteString("</p>\n<p class=\"signdate\">")
	timeElement(b, n.Signature.Date.ISO(), n.Signature.Written())
	b.WriteString("</p>\n</article>\n")
}

// facts writes the section of the inspection's facts and figures.
func (w pageWriter) facts(b *bytes.Buffer, n *noticeView) {
	in := n.Inspection
	b.WriteString("\n<section class=\"facts\" aria-labelledby=\"facts-title\">\n<h2 id=\"facts-title\">")
	escape(b, in.Kind)
	b.WriteString("整改概况</h2>\n<dl>")
	if in.Group != "" {
		b.WriteString("<dt>")
		escape(b, in.Kind)
		b.WriteString("组</dt><dd>")
		escape(b, in.Group)
		b.WriteString("</dd>")
	}
	if in.Organization != "" {
		b.WriteString("<dt>被")
		escape(b, in.Kind)
		b.WriteString("单位</dt><dd>")
		escape(b, in.Organization)
		b.WriteString("</dd>")
	}
	if in.Start.Set() {
		b.WriteString("<dt>")
		escape(b, in.Kind)
		b.WriteString("时间</dt><dd>")
		timeElement(b, in.Start.ISO(), in.Start.Chinese())
		if in.End.Set() {
			b.WriteString("至")
			timeElement(b, in.End.ISO(), in.End.Chinese())
		}
		b.WriteString("</dd>")
	}
	if in.Feedback.Set() {
		b.WriteString("<dt>反馈时间</dt><dd>")
		timeElement(b, in.Feedback.ISO(), in.Feedback.Chinese())
		b.WriteString("</dd>")
	}
	b.WriteString("\n<dt>发布时间</dt><dd>")
	timeElement(b, n.Date.Attr(), n.Date.Display())
	b.WriteString("</dd>\n</dl>")
	if len(n.Statistics) > 0 {
		b.WriteString("\n<ul class=\"figures\" aria-label=\"整改数据\">")
		for _, s := range n.Statistics {
			b.WriteString("\n<li><span class=\"value\">")
			escape(b, s.Value.Text)
			b.WriteString("<span class=\"unit\">")
			escape(b, s.Unit)
			b.WriteString("</span></span><span class=\"label\">")
			escape(b, s.Label)
			b.WriteString("</span></li>")
		}
		b.WriteString("\n</ul>")
	}
	b.WriteString("\n</section>")
}

// contact writes the contact line under the text.
func (w pageWriter) contact(b *bytes.Buffer, n *noticeView) {
	c := n.Contact
	for _, l := range c.Lines {
		b.WriteString("\n<p class=\"contact\">")
		escape(b, l)
		b.WriteString("</p>")
	}
	if len(c.Items) == 0 {
		return
	}
	b.WriteString("\n<p class=\"contact\">")
	escape(b, c.Invitation)
	b.WriteString("联系方式")
	escape(b, c.Colon)
	for i, item := range c.Items {
		if i > 0 {
			escape(b, c.Semicolon)
		}
		escape(b, item.Label)
		if item.Href != "" {
			b.WriteString("<a href=\"")
			normalizeURL(b, string(item.Href)) // a template.URL: not filtered
			b.WriteString("\">")
			escape(b, item.Value)
			b.WriteString("</a>")
		} else {
			escape(b, item.Value)
		}
	}
	b.WriteString("。</p>")
}

// timeElement writes <time datetime="iso">text</time>.
func timeElement(b *bytes.Buffer, iso, text string) {
	b.WriteString("<time datetime=\"")
	escape(b, iso)
	b.WriteString("\">")
	escape(b, text)
	b.WriteString("</time>")
}

// escape writes s as html/template writes a plain string in text, in a
// quoted attribute or in a title (its htmlEscaper, attrEscaper and
// rcdataEscaper: the same table). The characters it replaces are ASCII,
// so a byte loop replaces them as its rune loop does, even in text that
// is not valid UTF-8.
func escape(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// escapeURL writes the URL u as html/template writes a value in an href
// or src attribute: a scheme other than http, https and mailto is refused
// (urlFilter), bytes a URL may not hold are percent-encoded (urlNormalizer),
// and the result is escaped for the attribute.
func escapeURL(b *bytes.Buffer, u string) {
	if !safeURL(u) {
		u = "#ZgotmplZ"
	}
	normalizeURL(b, u)
}

// normalizeURL is escapeURL without the filter, as html/template writes a
// template.URL: the contact links, tel: among them, are made by us.
func normalizeURL(b *bytes.Buffer, u string) {
	var s strings.Builder
	processURL(&s, u, true)
	escape(b, s.String())
}

func safeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}

// processURL is html/template's processURLOnto: it percent-encodes what
// is not unreserved; with norm, it keeps reserved characters and valid
// escapes too (normalising a URL); without, it encodes a URL's part.
func processURL(b *strings.Builder, s string, norm bool) {
	b.Grow(len(s) + 16)
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			if norm {
				continue
			}
		case c == '-' || c == '.' || c == '_' || c == '~',
			'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte("0123456789abcdef"[c>>4])
		b.WriteByte("0123456789abcdef"[c&15])
		written = i + 1
	}
	b.WriteString(s[written:])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

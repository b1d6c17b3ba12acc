package render

import (
	"bytes"
	"strconv"
)

// The year page is written in Go as the notice page is (noticepage.go),
// for the same reason: it lists every notice of its year, hundreds of rows
// that html/template would execute field by field. year.html stays the
// reference: TestYearPageMatchesTemplate.

// writeYear writes the page of year.html.
func (w pageWriter) writeYear(b *bytes.Buffer, p page) {
	w.layout(b, p, nil, func() { w.yearMain(b, p.Year) })
}

// yearMain writes year.html's "main": the year's notices, its archive
// bundles and its totals.
func (w pageWriter) yearMain(b *bytes.Buffer, y *yearView) {
	year := strconv.Itoa(y.Year)
	b.WriteString("\n<h1>")
	b.WriteString(year)
	b.WriteString("年巡视巡察整改情况通报</h1>\n<p class=\"count\">共 ")
	b.WriteString(strconv.Itoa(len(y.Notices)))
	b.WriteString(" 篇</p>")
	if len(y.Seals) > 0 {
		b.WriteString("\n<section class=\"archived\" id=\"archived\" aria-labelledby=\"archived-title\">\n<h2 id=\"archived-title\">已封存归档</h2>\n<p>本年度通报已封存为归档包。归档包内有可离线浏览的网页、源文件和校验清单；用 disclose verify 或下列 SHA-256 校验值可核对归档包完整、未被改动。</p>\n<ul>")
		for _, s := range y.Seals {
			b.WriteString("\n<li>第")
			b.WriteString(strconv.Itoa(s.Version))
			b.WriteString("版，")
			timeElement(b, s.Sealed.ISO(), s.Sealed.Chinese())
			b.WriteString("封存：归档包 ")
			if u := s.LocationURL(); u != "" {
				b.WriteString("<a href=\"")
				escapeURL(b, u)
				b.WriteString("\">")
				escape(b, s.File)
				b.WriteString("</a>")
			} else {
				escape(b, s.File)
			}
			if s.Location != "" {
				b.WriteString("，存放于")
				escape(b, s.Location)
			}
			b.WriteString("；SHA-256 <code class=\"hash\">")
			escape(b, s.SHA256)
			b.WriteString("</code></li>")
		}
		b.WriteString("\n</ul>\n</section>")
	}
	b.WriteString("\n<section aria-labelledby=\"list-title\">\n<h2 id=\"list-title\">通报列表</h2>\n<ul class=\"notices\">")
	for _, n := range y.Notices {
		b.WriteString("\n<li><a href=\"")
		escapeURL(b, w.url(n.URL()))
		b.WriteString("\">")
		escape(b, n.Title)
		b.WriteString("</a>")
		if n.Draft {
			b.WriteString(" <strong class=\"draft-mark\">草稿</strong>")
		}
		b.WriteString("\n<p class=\"about\">发布日期 ")
		date := n.Date.Format("2006-01-02")
		timeElement(b, date, date)
		if org := n.Inspection.Organization; org != "" {
			b.WriteString(" · 被")
			escape(b, n.Inspection.Kind)
			b.WriteString("单位 ")
			escape(b, org)
		}
		if group := n.Inspection.Group; group != "" {
			b.WriteString(" · ")
			escape(b, group)
		}
		b.WriteString("</p></li>")
	}
	b.WriteString("\n</ul>\n</section>")
	if len(y.Totals) > 0 {
		w.totals(b, y, year)
	}
	b.WriteString("\n")
}

// totals writes the year's totals: the chart and the table that says it
// in words.
func (w pageWriter) totals(b *bytes.Buffer, y *yearView, year string) {
	b.WriteString("\n<section aria-labelledby=\"totals-title\">\n<h2 id=\"totals-title\">")
	b.WriteString(year)
	b.WriteString("年整改数据合计</h2>")
	if c := y.Chart; c != nil {
		b.WriteString("\n<figure class=\"chart\">\n<svg role=\"img\" aria-labelledby=\"chart-title\" width=\"100%\" height=\"")
		escape(b, c.Height)
		b.WriteString("em\">\n<title id=\"chart-title\">")
		escape(b, c.Title)
		b.WriteString("</title>")
		for _, r := range c.Rows {
			b.WriteString("\n<text class=\"label\" x=\"0\" y=\"")
			escape(b, r.TextY)
			b.WriteString("em\">")
			escape(b, r.Label)
			b.WriteString(" ")
			escape(b, r.Value)
			escape(b, r.Unit)
			b.WriteString("</text>\n<rect class=\"track\" x=\"0\" y=\"")
			escape(b, r.BarY)
			b.WriteString("em\" width=\"100%\" height=\"")
			escape(b, r.BarHeight)
			b.WriteString("em\"/>\n<rect class=\"bar\" x=\"0\" y=\"")
			escape(b, r.BarY)
			b.WriteString("em\" width=\"")
			escape(b, r.Percent)
			b.WriteString("%\" height=\"")
			escape(b, r.BarHeight)
			b.WriteString("em\"/>")
		}
		b.WriteString("\n</svg>\n<figcaption>")
		escape(b, c.Caption)
		b.WriteString("</figcaption>\n</figure>")
	}
	b.WriteString("\n<table class=\"totals\">\n<caption>")
	b.WriteString(year)
	b.WriteString("年整改数据合计（上图的文字说明）</caption>\n<thead><tr><th scope=\"col\">项目</th><th scope=\"col\" class=\"num\">合计</th><th scope=\"col\">单位</th><th scope=\"col\" class=\"num\">通报篇数</th></tr></thead>\n<tbody>")
	for _, t := range y.Totals {
		b.WriteString("\n<tr><th scope=\"row\">")
		escape(b, t.Label)
		if t.Average {
			b.WriteString("（平均）")
		}
		b.WriteString("</th><td class=\"num\">")
		escape(b, t.Value)
		b.WriteString("</td><td>")
		escape(b, t.Unit)
		b.WriteString("</td><td class=\"num\">")
		b.WriteString(strconv.Itoa(t.Notices))
		b.WriteString("</td></tr>")
	}
	b.WriteString("\n</tbody>\n</table>\n</section>")
}

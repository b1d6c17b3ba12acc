package templates_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// find returns the elements under n that match.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var found []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && match(c) {
			found = append(found, c)
		}
	}
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return strings.Contains(" "+attr(n, "class")+" ", " "+class+" ") }
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func parsePage(t *testing.T, s testSite, path string) *html.Node {
	t.Helper()
	f, ok := s.files[path]
	if !ok {
		t.Fatalf("%s: no page %s", s.name, path)
	}
	doc, err := html.Parse(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestNoticeArticleHoldsOnlyTheNotice checks that what the templates add to
// a notice (title, crumbs, facts and figures, contents, disclosure table)
// is outside the <article>, which reads as the notice was published, and
// that each of them is there.
func TestNoticeArticleHoldsOnlyTheNotice(t *testing.T) {
	for _, s := range buildSites(t) {
		t.Run(s.name, func(t *testing.T) {
			doc := parsePage(t, s, s.page("notice")+"index.html")
			articles := find(doc, tag("article"))
			if len(articles) != 1 {
				t.Fatalf("got %d articles, want 1", len(articles))
			}
			a := articles[0]
			for _, what := range []string{"facts", "figures", "toc", "disclosure", "crumbs", "modes"} {
				if got := find(a, hasClass(what)); len(got) > 0 {
					t.Errorf("the article holds .%s, want it outside", what)
				}
			}
			for _, el := range []string{"h1", "nav", "table", "dl", "ul", "svg", "input"} {
				if got := find(a, tag(el)); len(got) > 0 {
					t.Errorf("the article holds <%s>, want it outside", el)
				}
			}
			want := []string{"facts", "figures", "toc", "crumbs", "modes", "dateline", "signature", "signdate", "contact"}
			if s.name == "testsite" {
				want = append(want, "disclosure")
			}
			for _, what := range want {
				if len(find(doc, hasClass(what))) == 0 {
					t.Errorf("no .%s on the page", what)
				}
			}
			if h1 := find(doc, tag("h1")); len(h1) != 1 {
				t.Errorf("got %d h1, want 1", len(h1))
			}
		})
	}
}

// TestYearTotalsOnPage checks the year page's charts and its table against
// the test site's statistics: 12.35 + 3.2 万元, 9 + 21 项, 96.5%, 2人. Each
// unit has one total, so only the percentage, on its own scale of 100%,
// is drawn: bars of different units are never side by side.
func TestYearTotalsOnPage(t *testing.T) {
	s := buildSites(t)[1]
	doc := parsePage(t, s, "2024/index.html")
	svgs := find(doc, tag("svg"))
	if len(svgs) != 1 || attr(svgs[0], "role") != "img" || attr(svgs[0], "aria-labelledby") == "" {
		t.Fatalf("got %d charts, want one inline SVG with role img and a name", len(svgs))
	}
	name := text(find(svgs[0], tag("title"))[0])
	if want := "2024年整改数据合计（单位：%）：问题整改完成率（平均） 96.5%"; name != want {
		t.Errorf("chart title: got %q, want %q", name, want)
	}
	if got, want := strings.TrimSpace(text(find(doc, tag("figcaption"))[0])), "单位：%。条形长度为百分比的数值，满格为100%。"; got != want {
		t.Errorf("chart caption: got %q, want %q", got, want)
	}
	rows := find(find(doc, hasClass("totals"))[0], tag("tr"))
	var got []string
	for _, r := range rows[1:] {
		var cells []string
		for _, c := range find(r, func(n *html.Node) bool { return n.Data == "th" || n.Data == "td" }) {
			cells = append(cells, strings.TrimSpace(text(c)))
		}
		got = append(got, strings.Join(cells, " "))
	}
	want := "追回资金 15.55 万元 2|建立完善制度 30 项 2|问题整改完成率（平均） 96.5 % 1|诫勉谈话 2 人 1"
	if strings.Join(got, "|") != want {
		t.Errorf("totals table:\ngot  %s\nwant %s", strings.Join(got, "|"), want)
	}
	if bars := find(svgs[0], hasClass("bar")); len(bars) != 1 {
		t.Errorf("got %d bars, want 1", len(bars))
	}
}

package render

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"
	"unicode/utf8"

	"disclose/internal/corpus"
	"disclose/internal/site"
)

// trustData is the data of TestTrustHTML's templates: values of every
// kind trustHTML must tell apart.
type trustData struct {
	HTML  template.HTML
	Text  string
	Ptr   *trustData
	List  []template.HTML
	Texts []string
	Any   any
	Map   map[string]template.HTML
	URL   template.URL
	Link  string
}

// Method has the type of a trusted value, but text/template calls it: it
// is no field.
func (trustData) Method() template.HTML { return "<i>m</i>" }

// TestTrustHTML: trustHTML drops the HTML escaper's call exactly where
// the value is a template.HTML each time the action runs, and the
// templates write the same bytes (or fail with the same error) after as
// before.
func TestTrustHTML(t *testing.T) {
	const x = `<b title="t">&amp; 'q' +</b>`
	data := &trustData{HTML: x, Text: `<s> & "t" +`, Ptr: &trustData{HTML: "<u>p</u>", Text: "<p>"},
		List: []template.HTML{"<a>1</a>", "<a>2</a>"}, Texts: []string{"<1>", "<2>"},
		Any: template.HTML("<b>any</b>"), Map: map[string]template.HTML{"k": "<b>k</b>"},
		URL: "javascript:x(1)?a=b c&d=é", Link: "javascript:y(2) é"}
	for _, c := range []struct {
		src     string
		kept    int // the HTML escaper's calls left in the templates
		filters int // the URL filter's
	}{
		{`{{.HTML}}`, 0, 0},
		{`{{.Text}}`, 1, 0},
		{`{{.Method}}`, 1, 0},
		{`{{.Any}}`, 1, 0},
		{`{{.Map.k}}{{.Map.none}}`, 2, 0},
		{`{{.Ptr.HTML}} {{.Ptr.Text}}`, 1, 0},
		{`{{.Ptr.Ptr.HTML}}`, 0, 0}, // nil pointer: the same error
		{`{{range .List}}{{.}}{{end}}`, 0, 0},
		{`{{range .Texts}}{{.}}{{end}}`, 1, 0},
		{`{{range $i, $h := .List}}{{$i}}{{$h}}{{end}}`, 1, 0},
		{`{{range $h := .List}}{{$h}}{{else}}{{$h}}{{end}}`, 1, 0},
		{`{{range $h := .Texts}}{{$h}}{{else}}{{$h}}{{end}}`, 2, 0},
		{`{{range .List}}{{$.HTML}}{{end}}`, 0, 0},
		{`{{with .HTML}}{{.}}{{end}}`, 0, 0},
		{`{{with .Text}}{{.}}{{else}}{{.HTML}}{{end}}`, 1, 0},
		{`{{with $h := .HTML}}{{$h}}{{.}}{{end}}`, 0, 0},
		{`{{if $h := .HTML}}{{$h}}{{.}}{{end}}`, 1, 0},
		{`{{$h := .HTML}}{{$h}}`, 0, 0},
		{`{{$h := .HTML}}{{$h = .Text}}{{$h}}`, 1, 0},
		{`{{$h := .HTML}}{{with .Ptr}}{{$h := .Text}}{{$h}}{{end}}{{$h}}`, 1, 0},
		{`{{template "x" .HTML}}{{define "x"}}{{.}}{{end}}`, 0, 0},
		{`{{template "x" .HTML}}{{template "x" .Text}}{{define "x"}}{{.}}{{end}}`, 1, 0},
		{`{{template "x" (.HTML)}}{{define "x"}}{{.}}{{end}}`, 1, 0},
		{`{{template "x"}}{{define "x"}}{{.}}{{end}}`, 1, 0},
		{`{{template "r" .}}{{define "r"}}{{.HTML}}{{with .Ptr}}{{template "r" .}}{{end}}{{end}}`, 0, 0},
		{`<p title="{{.HTML}}">{{.HTML}}</p>`, 0, 0},
		{`<a href="/{{.HTML}}">`, 0, 0},
		{`<script>var h = {{.HTML}};</script><textarea>{{.HTML}}</textarea>`, 0, 0},
		{`{{.HTML | printf "%s"}}{{print .HTML}}`, 2, 0},
		{`{{block "b" .List}}{{range .}}{{.}}{{end}}{{end}}`, 0, 0},
		{`<a href="{{.URL}}">{{.URL}}</a><a href="{{.Link}}">`, 1, 0}, // the string's escapers called as one (urlAttr)
		{`<a href="{{.URL}}/{{.URL}}?q={{.URL}}#{{.URL}}">`, 0, 0},
		{`<a title="{{.URL}}" href="x">`, 0, 0},
		{`{{range $u := .List}}<a href="{{$.URL}}{{$u}}">{{end}}`, 0, 1},
		{`{{with .Any}}<a href="{{.}}">{{end}}`, 0, 1},
	} {
		t.Run(c.src, func(t *testing.T) {
			tmpl := template.Must(template.New("t").Parse(c.src))
			var before, after bytes.Buffer
			errBefore := tmpl.Execute(&before, data)
			trustHTML(tmpl, []trustedEntry{{"t", reflect.TypeOf(data)}})
			errAfter := tmpl.Execute(&after, data)
			if fmt.Sprint(errBefore) != fmt.Sprint(errAfter) {
				t.Errorf("error: got %v, want %v", errAfter, errBefore)
			}
			if after.String() != before.String() {
				t.Errorf("got %s, want %s", after.String(), before.String())
			}
			if got := escapes(tmpl, htmlEscaper); got != c.kept {
				t.Errorf("HTML escaper's calls left: got %d, want %d", got, c.kept)
			}
			if got := escapes(tmpl, urlFilter); got != c.filters {
				t.Errorf("URL filter's calls left: got %d, want %d", got, c.filters)
			}
		})
	}
}

// escapes counts the calls of the escaper name in tmpl's templates.
func escapes(tmpl *template.Template, name string) int {
	n := 0
	var count func(parse.Node)
	count = func(node parse.Node) {
		switch x := node.(type) {
		case *parse.ListNode:
			if x != nil {
				for _, c := range x.Nodes {
					count(c)
				}
			}
		case *parse.ActionNode:
			for _, cmd := range x.Pipe.Cmds {
				if isCall(cmd, name) {
					n++
				}
			}
		case *parse.IfNode:
			count(x.List)
			count(x.ElseList)
		case *parse.RangeNode:
			count(x.List)
			count(x.ElseList)
		case *parse.WithNode:
			count(x.List)
			count(x.ElseList)
		}
	}
	for _, d := range tmpl.Templates() {
		if d.Tree != nil {
			count(d.Tree.Root)
		}
	}
	return n
}

// TestTrustedPages: every page of the test sites and of a corpus site,
// with links absolute and relative, is the same byte for byte whether
// the templates are trusted or not; and trusted, a notice's page places
// its body, its parts and its texts made beforehand (noticeTexts)
// without the HTML escaper, and its meta tags' values and its title
// element's without the attribute's and RCDATA's.
func TestTrustedPages(t *testing.T) {
	sites := noticePageSites(t)
	sites["corpus"] = corpus.MapFS(corpus.Defaults(40))
	for name, fsys := range sites {
		for _, relative := range []bool{false, true} {
			t.Run(fmt.Sprint(name, map[bool]string{true: " relative"}[relative]), func(t *testing.T) {
				want, _ := renderTrusted(t, fsys, relative, false)
				got, tm := renderTrusted(t, fsys, relative, true)
				samePages(t, got, want)
				if relative {
					return
				}
				tmpl := tm.pages["notice"]
				main := tmpl.Lookup("main").Tree.Root.String()
				for _, placed := range []string{"{{.Body}}", "{{.TOCLines}}", "{{$kind := .KindHTML}}{{.FactsStart}}", "<dt>{{$kind}}时间</dt><dd>{{.Element}}{{with $in.End}}至{{.Element}}",
					`<span class="title-line">{{.}}</span>`, `<ul class="figures" aria-label="整改数据">{{.FigureLines}}`,
					`<span class="source">{{.}}</span>`, "{{.InvitationHTML}}联系方式{{.ColonHTML}}{{range .Items}}{{.LeadHTML}}", `<p class="signature">{{.}}</p>`} {
					if !strings.Contains(main, placed) {
						t.Errorf("notice.html places %s with its escaper: %s", placed, main)
					}
				}
				facts := tmpl.Lookup("facts-start").Tree.Root.String()
				for _, placed := range []string{`<h2 id="facts-title">{{.KindHTML}}整改概况`, "<dt>{{$.KindHTML}}组</dt><dd>{{.}}</dd>", "<dd>{{.UnitLink}}</dd>", "<dd>{{.RoundLink}}</dd>"} {
					if !strings.Contains(facts, placed) {
						t.Errorf("notice.html's facts-start places %s with its escaper: %s", placed, facts)
					}
				}
				if tm, placed := tmpl.Lookup("time-element").Tree.Root.String(), `<time datetime="{{.ISOHTML}}">{{.TextHTML}}</time>`; tm != placed {
					t.Errorf("notice.html's time-element places its texts with their escapers: %s", tm)
				}
				figure := tmpl.Lookup("figure-line").Tree.Root.String()
				if placed := `<span class="value">{{.Value}}<span class="unit">{{.Unit}}</span></span><span class="label">{{.Label}}</span>`; !strings.Contains(figure, placed) {
					t.Errorf("notice.html's figure-line places %s with its escaper: %s", placed, figure)
				}
				if item := tm.pages["kind"].Lookup("item").Tree.Root.String(); !strings.Contains(item, `<a href="{{url .Path | `+urlAttrFunc+`}}">`) {
					t.Errorf("pager.html's item links its notice through three escapers: %s", item)
				}
				meta := tmpl.Lookup("meta").Tree.Root.String()
				for _, placed := range []string{`content="{{.TitleHTML}}"`, `content="{{.Notice.DateISOHTML}}"`, `content="{{.Notice.SourceHTML}}"`,
					`content="{{.Site.ColumnHTML}}"`, `<meta name="description" content="{{.}}">`} {
					if !strings.Contains(meta, placed) {
						t.Errorf("notice.html places %s with its escaper: %s", placed, meta)
					}
				}
				layout := tmpl.Lookup("layout").Tree.Root.String()
				for _, placed := range []string{"{{.Shared.Start}}", "{{.Shared.Meta}}", "{{.Shared.Head}}", `<li aria-current="page">{{with .TitleHTML}}{{.}}`,
					"<title>{{if .Title}}{{.TitleHTML}} - {{end}}{{.Site.TitleHTML}}</title>"} {
					if !strings.Contains(layout, placed) {
						t.Errorf("layout.html places %s with its escaper: %s", placed, layout)
					}
				}
			})
		}
	}
}

// renderTrusted renders the site in fsys as renderAll does, its templates
// trusted or not, and returns its pages by path.
func renderTrusted(t *testing.T, fsys fstest.MapFS, relative, trusted bool) (map[string][]byte, *Templates) {
	t.Helper()
	pages, tm, err := renderPrepared(t, fsys, site.Options{Drafts: true}, relative, func(tm *Templates) { tm.untrusted = !trusted })
	if err != nil {
		t.Fatal(err)
	}
	return pages, tm
}

// TestPartOfOtherType: a part run with data of another type than the one
// trust read its template with is an error, not a page.
func TestPartOfOtherType(t *testing.T) {
	r, _ := loadSite(t, noticePageSites(t)["sample"], site.Options{})
	tmpl, err := r.t.pageTemplate("notice", "2025/x/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.t.writePart(tmpl, "time-element", &timeView{ISO: "2025-01-02", Text: "2025年1月2日"}); err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Errorf("got %v, want an internal error", err)
	}
	if got, err := r.t.writePart(tmpl, "time-element", timeView{ISO: "2025-01-02", Text: "2025年1月2日"}); err != nil || !strings.Contains(string(got), "<time") {
		t.Errorf("got %q, %v", got, err)
	}
}

// TestPlainText: plainText tells a string html/template writes as it is
// in an element's text, for every character and every byte that is no
// UTF-8, and writes every string as html/template does.
func TestPlainText(t *testing.T) {
	p := newPlainText()
	escaped := func(s string) string {
		var b strings.Builder
		if err := p.escaper.Execute(&b, s); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	var plain strings.Builder
	check := func(s string) {
		if p.is(s) {
			plain.WriteString(s)
		} else if escaped(s) == s {
			t.Errorf("%q: html/template writes it as it is, plainText says not", s)
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if utf8.ValidRune(r) {
			check(string(r))
		}
		if plain.Len() > 1<<16 || r == utf8.MaxRune {
			if s := plain.String(); escaped(s) != s {
				t.Fatalf("html/template escapes characters plainText says it writes as they are, below %U", r)
			}
			plain.Reset()
		}
	}
	for c := 0x80; c <= 0xff; c++ {
		check(string([]byte{byte(c)}))
	}
	if s := plain.String(); escaped(s) != s {
		t.Fatal("html/template escapes bytes that are no UTF-8")
	}
	for _, s := range []string{"", "一、关于“<责任>”问题", "A&B + 'c' \"d\"\x00", "\xff<"} {
		var b strings.Builder
		if err := p.write(&b, s); err != nil || b.String() != escaped(s) {
			t.Errorf("write(%q) = %q, %v; want %q", s, b.String(), err, escaped(s))
		}
	}
	// Each character the escaper replaces, at each place of a text of
	// Chinese characters, ASCII or both (is reads eight bytes at once).
	for _, text := range []string{"一、关于“学习贯彻”问题的整改情况", "(1)plain ASCII text, long enough", "（一）ab推进新型c婚育文化建设。"} {
		if !p.is(text) {
			t.Errorf("%q: plainText says html/template escapes it", text)
		}
		for i := 0; i <= len(text); i++ {
			for c := range p.changed {
				if p.changed[c] {
					if s := text[:i] + string(rune(c)) + text[i:]; p.is(s) {
						t.Errorf("%q: plainText says html/template writes it as it is", s)
					}
				}
			}
		}
	}
}

// FuzzPlainText: plainText writes a string as html/template does, and
// html returns what it writes.
func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"", "一、关于“<责任>”问题的整改情况", "A&B + 'c' \"d\"\x00", "\xff\xfe<", "\uFDD0\uFFFF"} {
		f.Add(s)
	}
	p := newPlainText()
	f.Fuzz(func(t *testing.T, s string) {
		var got, want strings.Builder
		if err := p.write(&got, s); err != nil {
			t.Fatal(err)
		}
		if err := template.Must(template.New("").Parse("<p>{{.}}</p>")).Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		if "<p>"+got.String()+"</p>" != want.String() {
			t.Errorf("%q: got %q, want %q", s, got.String(), want.String())
		}
		if h, err := p.html(s); err != nil || "<p>"+string(h)+"</p>" != want.String() {
			t.Errorf("%q: html gives %q, %v; want %q", s, h, err, want.String())
		}
	})
}

// TestTemplatesWrittenBeforeTOCLine: a site whose own notice.html is the
// built-in one as it was before the lines of the table of contents were
// written whole (testdata/before-toc-line, from 7e30ce8: it places .LineStart and
// .Title) gets the same pages, byte for byte, as the built-in templates
// make; also where the headings hold what html/template escapes.
func TestTemplatesWrittenBeforeTOCLine(t *testing.T) {
	sites := noticePageSites(t)
	headings := maps.Clone(sites["sample"])
	const sample = "content/2025/zhejiang-womens-federation.md"
	headings[sample] = &fstest.MapFile{Data: append(bytes.Clone(headings[sample].Data),
		"\n## 八、关于“A&B <c> + 'd' \"e\"”问题的整改情况\n\n(一)完善<制度> & 'x'+y。\n\n正文。\n"...)}
	sites["headings"] = headings
	own, err := os.ReadFile(filepath.Join("testdata", "before-toc-line", "notice.html"))
	if err != nil {
		t.Fatal(err)
	}
	for name, fsys := range sites {
		for _, relative := range []bool{false, true} {
			t.Run(fmt.Sprint(name, map[bool]string{true: " relative"}[relative]), func(t *testing.T) {
				want, _, err := renderAll(t, fsys, site.Options{Drafts: true}, relative)
				if err != nil {
					t.Fatal(err)
				}
				if name == "headings" && !bytes.Contains(want["2025/zhejiang-womens-federation/index.html"], []byte(`<a href="#s8-1">(一)完善&lt;制度&gt; &amp; &#39;x&#39;&#43;y。</a></li>`)) {
					t.Error("the table of contents does not hold the heading with its characters escaped")
				}
				older := maps.Clone(fsys)
				older["templates/notice.html"] = &fstest.MapFile{Data: own}
				got, _, err := renderAll(t, older, site.Options{Drafts: true}, relative)
				if err != nil {
					t.Fatal(err)
				}
				samePages(t, got, want)
			})
		}
	}
}

// escapedContexts are the places trust drops the escaper of a field
// tagged escaped:"text" (escapedTag), each as a template of its own: an
// element's text, a quoted attribute's value and RCDATA (the title
// element, a textarea).
var escapedContexts = []string{`<p>{{.}}</p>`, `<p title="{{.}}">`, `<meta content='{{.}}'>`, `<title>{{.}}</title>`, `<textarea>{{.}}</textarea>`}

// TestEscapedTextAsItIs: in each place trust drops its escaper, a text
// as plainText writes it, handed as a template.HTML, is written as it
// is, and is what the text itself handed as a string writes there; for
// every character, alone and among Chinese text.
func TestEscapedTextAsItIs(t *testing.T) {
	p := newPlainText()
	texts := []string{"", "一、关于“<责任>”问题", "A&B + 'c' \"d\"\x00", "\xff<", "&amp; &#34; &lt;b&gt;", "<!-- x -->", "<a href=\"x\">y</a>", "a\tb\nc"}
	for r := rune(0); r < 0x3000; r++ {
		texts = append(texts, string(r), "关于"+string(r)+"问题")
	}
	for _, src := range escapedContexts {
		tmpl := template.Must(template.New("t").Parse(src))
		write := func(v any) string {
			var b strings.Builder
			if err := tmpl.Execute(&b, v); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		for _, s := range texts {
			h, err := p.html(s)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Replace(src, "{{.}}", string(h), 1)
			if got := write(h); got != want {
				t.Errorf("%s, %q: its text as plainText writes it, %q, is written %q", src, s, h, got)
			}
			if got := write(s); got != want {
				t.Errorf("%s, %q: the text is written %q, not as plainText writes it, %q", src, s, got, want)
			}
		}
	}
}

// escapedData has a field of each kind tagged escaped:"text".
type escapedData struct {
	Text   template.HTML   `escaped:"text"`
	Lines  []template.HTML `escaped:"text"`
	HTML   template.HTML
	String string `escaped:"text"` // misplaced: not a template.HTML
}

// TestTrustEscapedText: trustHTML drops the escaper of a field tagged
// escaped:"text" where it is placed in an element's text, a quoted
// attribute's value or RCDATA, reached through a range, a with or a
// variable; not elsewhere (an unquoted attribute, a URL, a script), not
// that of a template.HTML not tagged there, not that of a misplaced tag.
func TestTrustEscapedText(t *testing.T) {
	data := escapedData{Text: "a&amp;b", Lines: []template.HTML{"&lt;1&gt;", "2"}, HTML: "<b>&amp;</b>", String: "<s>"}
	for _, c := range []struct {
		src  string
		kept int // escapers' calls left
	}{
		{`<p title="{{.Text}}">{{.Text}}</p><title>{{.Text}}</title>`, 0},
		{`{{range .Lines}}<p title="{{.}}">{{.}}</p>{{end}}`, 0},
		{`{{with .Text}}<meta content="{{.}}">{{end}}{{$t := .Text}}<textarea>{{$t}}</textarea>`, 0},
		{`<p title={{.Text}}>`, 1},
		{`<a href="{{.Text}}">`, 3},
		{`<script>var t = {{.Text}};</script>`, 1},
		{`<p title="{{.HTML}}"><title>{{.HTML}}</title>`, 2},
		{`<p title="{{.String}}">{{.String}}`, 2},
	} {
		t.Run(c.src, func(t *testing.T) {
			tmpl := template.Must(template.New("t").Parse(c.src))
			var before, after bytes.Buffer
			if err := tmpl.Execute(&before, data); err != nil {
				t.Fatal(err)
			}
			trustHTML(tmpl, []trustedEntry{{"t", reflect.TypeOf(data)}})
			if err := tmpl.Execute(&after, data); err != nil {
				t.Fatal(err)
			}
			if after.String() != before.String() {
				t.Errorf("got %s, want %s", after.String(), before.String())
			}
			if got := escaperCalls(tmpl); got != c.kept {
				t.Errorf("escapers' calls left: got %d, want %d", got, c.kept)
			}
		})
	}
}

// escaperCalls counts the calls of html/template's escapers in tmpl's
// templates.
func escaperCalls(tmpl *template.Template) int {
	n := 0
	for _, name := range []string{"attrescaper", "commentescaper", "cssescaper", "cssvaluefilter", "htmlnamefilter", "htmlescaper", "jsregexpescaper",
		"jsstrescaper", "jstmpllitescaper", "jsvalescaper", "nospaceescaper", "rcdataescaper", "srcsetescaper", "urlescaper", "urlfilter", "urlnormalizer"} {
		n += escapes(tmpl, "_html_template_"+name)
	}
	return n
}

// TestEscapedTags: every field of the views tagged escaped:"text" is a
// template.HTML or a []template.HTML, and is filled in from plainText
// (the tests above hold the pages to that).
func TestEscapedTags(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type, string)
	tagged := 0
	walk = func(typ reflect.Type, at string) {
		typ = indirectType(typ)
		for typ != nil && (typ.Kind() == reflect.Slice || typ.Kind() == reflect.Array) {
			typ = indirectType(typ.Elem())
		}
		if typ == nil || typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Tag.Get(escapedTag) != "" {
				tagged++
				if escapedType(f.Type) == nil || f.Tag.Get(escapedTag) != "text" {
					t.Errorf("%s.%s is tagged %q but is a %s", at, f.Name, f.Tag, f.Type)
				}
			}
			walk(f.Type, at+"."+f.Name)
		}
	}
	for _, e := range trustedEntries {
		walk(e.data, e.name)
	}
	walk(reflect.TypeFor[unitEntry](), "unitEntry")
	if tagged < 20 {
		t.Errorf("%d fields tagged escaped:\"text\": the views were not all walked", tagged)
	}
}

// TestURLAttr: urlAttr writes a string or a template.URL as html/template
// writes it in a quoted URL attribute, each character of ASCII and some
// others at each place of a link, and links of every scheme.
func TestURLAttr(t *testing.T) {
	want := func(v any) string {
		var b strings.Builder
		if err := template.Must(template.New("").Parse(`<a href="{{.}}">`)).Execute(&b, v); err != nil {
			t.Fatal(err)
		}
		return strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a href="`), `">`)
	}
	values := []string{"", "https://example.org/xszg/2024/slug/", "/xszg/unit/%e7%9c%81/", "tel:0571-87050365", "mailto:a+b@example.org",
		"javascript:alert(1)", "JavaScript:x", "HTTPS://x", "data:x", "a/b:c", "//host/p?q=1&r=2#f", "%", "%4", "%4g", "%41", "省妇联/", "a b", "x\x00y"}
	for c := 0; c < 0x80; c++ {
		for _, at := range []string{"https://example.org/%s/x", "%s", "/a%s", "tel:%s1"} {
			values = append(values, strings.Replace(at, "%s", string(rune(c)), 1))
		}
	}
	values = append(values, "é", "\xff", "\u2028")
	for _, s := range values {
		for _, v := range []any{s, template.URL(s)} {
			if got, w := urlAttr(v), want(v); got != w {
				t.Errorf("urlAttr(%T %q) = %q, want %q", v, s, got, w)
			}
		}
	}
}

// FuzzURLAttr holds urlAttr to html/template for any string, as a string
// and as a template.URL: a link is written as it is only where the
// escapers of a quoted URL attribute would leave it so.
func FuzzURLAttr(f *testing.F) {
	for _, s := range []string{"", "https://example.org/xszg/", "tel:0571-87050365", "mailto:a+b@example.org", "javascript:alert(1)", "%4g", "a\"b'<c>&d", "省妇联/"} {
		f.Add(s)
	}
	tmpl := template.Must(template.New("").Parse(`<a href="{{.}}">`))
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range []any{s, template.URL(s)} {
			var b strings.Builder
			if err := tmpl.Execute(&b, v); err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a href="`), `">`)
			if got := urlAttr(v); got != want {
				t.Errorf("urlAttr(%T %q) = %q, want %q", v, s, got, want)
			}
		}
	})
}

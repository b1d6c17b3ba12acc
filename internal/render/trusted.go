package render

import (
	"bytes"
	"encoding/binary"
	"errors"
	"html/template"
	"reflect"
	"strings"
	"sync/atomic"
	"text/template/parse"
	"unicode/utf8"
	"unsafe"
)

// html/template escapes a template the first time it runs: it appends to
// each action the escapers of the action's context, and text/template
// calls them by reflection for every value a page writes, about half of
// what a page's templates cost. In the text of an element the escaper is
// html/template's HTML escaper, and handed a template.HTML it returns it
// as it is: the value is trusted markup, and nothing is escaped. Such
// values are placed on every page: the parts (parts.go), the shared head
// and foot, a notice's body, the lines of its table of contents and of
// the lists; nearly every second value of a notice's page. Likewise, the
// filter that starts a URL attribute's escapers returns a template.URL as
// it is (a contact's tel: and mailto: links).
//
// So once html/template has escaped a kind of page's templates, and
// before any page runs them, trust drops that one call from each action
// whose value has that type wherever the action is reached: its type
// is found from the views' Go types, following the templates as they run
// (with, range, variables, template calls), from the data the renderer
// hands each template it runs by name (trustedEntries). An action whose
// value's type cannot be told for certain (a method, a map's value, an
// interface, a function's result, a variable assigned to) keeps its call,
// as does every action in another context. The pages are the same byte
// for byte: the call returned its argument, and text/template writes a
// string and a template.HTML alike, as the URL normalizer after the filter
// does a string and a template.URL. The templates, the site's own
// included, are unchanged: only what html/template added to them is
// trimmed, where it changes nothing.

// The names html/template gives its escapers in the templates it
// escaped: the HTML escaper, of an element's text; the URL filter and
// normalizer, of a URL attribute's value (href="{{.}}"). The filter, too,
// returns a template.URL as it is, and the normalizer then writes the
// string it returned as it writes the template.URL itself.
const (
	htmlEscaper   = "_html_template_htmlescaper"
	urlFilter     = "_html_template_urlfilter"
	urlNormalizer = "_html_template_urlnormalizer"
	// the escapers of a quoted attribute's value and of the text of a
	// title or a textarea element (RCDATA)
	attrEscaper   = "_html_template_attrescaper"
	rcdataEscaper = "_html_template_rcdataescaper"
	// urlAttrFunc is urlAttr's name in the templates trust rewrote.
	urlAttrFunc = "_disclose_urlattr"
)

var (
	htmlType   = reflect.TypeFor[template.HTML]()
	urlType    = reflect.TypeFor[template.URL]()
	stringType = reflect.TypeFor[string]()
	// textType and textsType stand, in trustWalk, for the type of a
	// field tagged escaped:"text" (escapedTag)
	textType  = reflect.TypeFor[escapedText]()
	textsType = reflect.TypeFor[[]escapedText]()
)

// escapedTag marks a field of the views, a template.HTML or a
// []template.HTML, that only ever holds text as html/template writes it
// in an element's text (plainText.html: the text itself, or escaped by
// html/template's HTML escaper), `escaped:"text"`. Such a value holds
// none of the characters the escapers of an element's text, of a quoted
// attribute's value and of RCDATA replace but its entities' ampersands,
// and each of those escapers, handed it as a template.HTML, writes it as
// it is: the HTML escaper returns a template.HTML as it is; the
// attribute's strips its tags (it has none: no "<") and then replaces
// what the RCDATA escaper replaces in a template.HTML, which is what the
// HTML escaper replaces but "&" (TestEscapedTextAsItIs). And each writes
// a string as the HTML escaper does: such a field placed in an
// attribute's value or a title is what its text placed there wrote.
const escapedTag = "escaped"

// escapedText is the type trustWalk gives a field tagged escapedTag; no
// value has it.
type escapedText template.HTML

// trustedEntry is a template the renderer runs by name, and the type of
// the data it hands it.
type trustedEntry struct {
	name string
	data reflect.Type
}

// trustedEntries are the templates the renderer runs by name, in the
// order a page first runs them: sharedOf and withParts run the parts,
// every page "layout", items the lines of the lists (writePart checks
// the data it is handed against this list).
var trustedEntries = []trustedEntry{
	{"site-start", reflect.TypeFor[page]()},
	{"site-meta", reflect.TypeFor[page]()},
	{"site-head", reflect.TypeFor[page]()},
	{"site-foot", reflect.TypeFor[page]()},
	{partList[partTrail].name, reflect.TypeFor[[]crumb]()},
	{partList[partTocLine].name, reflect.TypeFor[tocAnchor]()},
	{partList[partTocLineEnd].name, reflect.TypeFor[tocAnchor]()},
	{partList[partLink].name, reflect.TypeFor[linkView]()},
	{partList[partTime].name, reflect.TypeFor[timeView]()},
	{partList[partListTime].name, reflect.TypeFor[timeView]()},
	{partList[partFigure].name, reflect.TypeFor[figureView]()},
	{partList[partFacts].name, reflect.TypeFor[factsView]()},
	{"layout", reflect.TypeFor[page]()},
	{"item", reflect.TypeFor[listItem]()},
}

// entryType is the type of the data the template name is run with; nil
// if the renderer does not run it by name.
func entryType(name string) reflect.Type {
	for _, e := range trustedEntries {
		if e.name == name {
			return e.data
		}
	}
	return nil
}

// trust has html/template escape the templates of tmpl that the renderer
// runs, then drops the escapers' calls that return their argument as it
// is (trustHTML). It runs before any page runs tmpl: it changes the
// templates' trees, which a running template reads. A template that does
// not escape (an error html/template reports again when a page runs it)
// is left as it is; one that does not stop within the bounds of a page
// leaves every template as it is.
func (t *Templates) trust(tmpl *template.Template) {
	if t.untrusted {
		return
	}
	var escaped []trustedEntry
	for _, e := range trustedEntries {
		if tmpl.Lookup(e.name) == nil {
			continue
		}
		// The data is nil, and the template stops at its first write:
		// it runs only so that html/template escapes it.
		var finished atomic.Bool
		w := &boundedWriter{buf: new(bytes.Buffer), max: -1}
		err := t.run.bounded(t.context(), w, func() error {
			defer finished.Store(true)
			return tmpl.ExecuteTemplate(w, e.name, nil)
		})
		if !finished.Load() {
			return // it may still be running
		}
		var escapeErr *template.Error
		if !errors.As(err, &escapeErr) {
			escaped = append(escaped, e)
		}
	}
	trustHTML(tmpl, escaped)
}

// trustHTML drops, from the templates of tmpl that html/template has
// escaped, the HTML escaper's call of each action whose value is a
// template.HTML wherever the action is reached from entries, and the URL
// filter's of each whose value is a template.URL; it returns how many it
// dropped.
//
// And it has the three escapers of a quoted URL attribute's value (its
// filter, normalizer and attribute escaper) called as one, urlAttr,
// where the value is a string or a template.URL each time the action is
// reached: one call by reflection instead of three, which writes the
// same.
func trustHTML(tmpl *template.Template, entries []trustedEntry) int {
	w := trustWalk{tmpl: tmpl, visited: map[trustVisit]bool{}, html: map[*parse.ActionNode]bool{}, urlAttr: map[*parse.ActionNode]bool{}, assigned: map[string]map[string]bool{}}
	for _, e := range entries {
		w.template(e.name, e.data)
	}
	tmpl.Funcs(template.FuncMap{urlAttrFunc: urlAttr})
	dropped := 0
	for n, one := range w.urlAttr {
		if one {
			last := n.Pipe.Cmds[3]
			last.Args[0].(*parse.IdentifierNode).Ident = urlAttrFunc
			n.Pipe.Cmds = append(n.Pipe.Cmds[:1], last)
			dropped += 2
		}
	}
	for n, trusted := range w.html {
		if trusted && !w.urlAttr[n] {
			n.Pipe.Cmds = append(n.Pipe.Cmds[:1], n.Pipe.Cmds[2:]...)
			dropped++
		}
	}
	return dropped
}

// trustWalk follows templates as they run, with the Go type of their dot
// and variables (nil where it cannot be told), and notes for each action
// whether its first escaper returns its value as it is each time it is
// reached.
type trustWalk struct {
	tmpl     *template.Template
	visited  map[trustVisit]bool
	html     map[*parse.ActionNode]bool // trusted: the first escaper is dropped
	urlAttr  map[*parse.ActionNode]bool // a URL attribute's escapers are called as one (urlAttr)
	assigned map[string]map[string]bool // by template, the variables assigned to ($x = …)
}

type trustVisit struct {
	name string
	dot  reflect.Type
}

// trustScope is the variables of one template as it runs, innermost
// last, as text/template keeps them.
type trustScope struct {
	vars     []trustVar
	assigned map[string]bool
}

type trustVar struct {
	name string
	typ  reflect.Type
}

func (s *trustScope) push(name string, typ reflect.Type) {
	s.vars = append(s.vars, trustVar{name, typ})
}

func (s *trustScope) lookup(name string) reflect.Type {
	if s.assigned[name] {
		return nil
	}
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].typ
		}
	}
	return nil
}

// template follows the template name run with a dot of type dot.
func (w *trustWalk) template(name string, dot reflect.Type) {
	key := trustVisit{name, dot}
	if w.visited[key] {
		return
	}
	w.visited[key] = true
	d := w.tmpl.Lookup(name)
	if d == nil || d.Tree == nil || d.Tree.Root == nil {
		return // a template html/template derived for another context, or none
	}
	if w.assigned[name] == nil {
		w.assigned[name] = map[string]bool{}
		assignedVars(d.Tree.Root, w.assigned[name])
	}
	s := &trustScope{vars: []trustVar{{"$", dot}}, assigned: w.assigned[name]}
	w.list(d.Tree.Root, dot, s)
}

func (w *trustWalk) list(l *parse.ListNode, dot reflect.Type, s *trustScope) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		w.node(n, dot, s)
	}
}

func (w *trustWalk) node(node parse.Node, dot reflect.Type, s *trustScope) {
	switch n := node.(type) {
	case *parse.ActionNode:
		w.action(n, dot, s)
		if !n.Pipe.IsAssign {
			for _, v := range n.Pipe.Decl {
				s.push(v.Ident[0], pipeType(n.Pipe, dot, s))
			}
		}
	case *parse.IfNode:
		w.branch(&n.BranchNode, dot, s, false)
	case *parse.WithNode:
		w.branch(&n.BranchNode, dot, s, true)
	case *parse.RangeNode:
		w.rangeNode(n, dot, s)
	case *parse.TemplateNode:
		var typ reflect.Type
		if n.Pipe != nil {
			typ = pipeType(n.Pipe, dot, s)
		}
		w.template(n.Name, typ)
	case *parse.ListNode:
		w.list(n, dot, s)
	}
}

// action notes whether the escaper after n's value returns the value as
// it is: a template.HTML in an element's text, escaped text (escapedTag)
// there, in a quoted attribute's value or in RCDATA, or a template.URL in
// a URL attribute's value, whose normalizer follows its filter.
func (w *trustWalk) action(n *parse.ActionNode, dot reflect.Type, s *trustScope) {
	cmds := n.Pipe.Cmds
	trusted := false
	if len(n.Pipe.Decl) == 0 && len(cmds) >= 2 && len(cmds[0].Args) == 1 {
		switch typ := argType(cmds[0].Args[0], dot, s); {
		case len(cmds) == 2 && isCall(cmds[1], htmlEscaper):
			trusted = typ == htmlType || typ == textType
		case len(cmds) == 2 && (isCall(cmds[1], attrEscaper) || isCall(cmds[1], rcdataEscaper)):
			trusted = typ == textType
		case len(cmds) >= 3 && isCall(cmds[1], urlFilter) && isCall(cmds[2], urlNormalizer):
			trusted = typ == urlType
		}
	}
	if before, ok := w.html[n]; ok {
		trusted = trusted && before
	}
	w.html[n] = trusted
	one := len(n.Pipe.Decl) == 0 && len(cmds) == 4 &&
		isCall(cmds[1], urlFilter) && isCall(cmds[2], urlNormalizer) && isCall(cmds[3], attrEscaper)
	if one {
		typ := commandType(cmds[0], dot, s)
		one = typ == stringType || typ == urlType
	}
	if before, ok := w.urlAttr[n]; ok {
		one = one && before
	}
	w.urlAttr[n] = one
}

// commandType is the type of what cmd gives where it is a value
// (argType), or a call of the renderer's url or abs function, which
// return a string (LoadTemplates); nil for anything else.
func commandType(cmd *parse.CommandNode, dot reflect.Type, s *trustScope) reflect.Type {
	switch len(cmd.Args) {
	case 1:
		return argType(cmd.Args[0], dot, s)
	case 2:
		if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok && (id.Ident == "url" || id.Ident == "abs") {
			return stringType
		}
	}
	return nil
}

// isCall reports whether cmd calls the function name with the value
// before it alone.
func isCall(cmd *parse.CommandNode, name string) bool {
	if len(cmd.Args) != 1 {
		return false
	}
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	return ok && id.Ident == name
}

// branch follows an if or a with: its variables last until its end, and
// a with's dot is its pipeline's value.
func (w *trustWalk) branch(b *parse.BranchNode, dot reflect.Type, s *trustScope, with bool) {
	mark := len(s.vars)
	typ := pipeType(b.Pipe, dot, s)
	if !b.Pipe.IsAssign {
		for _, v := range b.Pipe.Decl {
			s.push(v.Ident[0], typ)
		}
	}
	inner := dot
	if with {
		inner = typ
	}
	w.list(b.List, inner, s)
	w.list(b.ElseList, dot, s)
	s.vars = s.vars[:mark]
}

// rangeNode follows a range: in its body the dot and the last variable
// are an element, the first of two variables its index or key; in its
// else they are what the pipeline gave.
func (w *trustWalk) rangeNode(r *parse.RangeNode, dot reflect.Type, s *trustScope) {
	mark := len(s.vars)
	typ := pipeType(r.Pipe, dot, s)
	var elem reflect.Type
	if t := indirectType(typ); t != nil {
		switch t.Kind() {
		case reflect.Array, reflect.Slice, reflect.Map, reflect.Chan:
			elem = known(t.Elem())
		}
	}
	decl := 0
	if !r.Pipe.IsAssign {
		decl = len(r.Pipe.Decl)
		for _, v := range r.Pipe.Decl {
			s.push(v.Ident[0], typ)
		}
	}
	body := len(s.vars)
	if decl > 0 {
		s.vars[body-1].typ = elem
	}
	if decl > 1 {
		s.vars[body-2].typ = nil // the index or the key
	}
	w.list(r.List, elem, s)
	for i := mark; i < body; i++ {
		s.vars[i].typ = typ
	}
	w.list(r.ElseList, dot, s)
	s.vars = s.vars[:mark]
}

// pipeType is the type of what pipe gives, where it is a field, a
// variable or the dot alone.
func pipeType(pipe *parse.PipeNode, dot reflect.Type, s *trustScope) reflect.Type {
	if pipe == nil || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 1 {
		return nil
	}
	return argType(pipe.Cmds[0].Args[0], dot, s)
}

// argType is the type of a value that is the dot, a field of the dot or
// a variable or a field of one; nil for anything else.
func argType(arg parse.Node, dot reflect.Type, s *trustScope) reflect.Type {
	switch a := arg.(type) {
	case *parse.DotNode:
		return known(dot)
	case *parse.FieldNode:
		return fieldType(dot, a.Ident)
	case *parse.VariableNode:
		return fieldType(s.lookup(a.Ident[0]), a.Ident[1:])
	}
	return nil
}

// fieldType is the type of the field chain idents of a value of type t,
// as text/template finds it: through pointers, in structs only, and nil
// where a name is a method's (text/template calls a method before it
// looks for a field); textType or textsType where the last field is
// tagged escapedTag.
func fieldType(t reflect.Type, idents []string) reflect.Type {
	t = known(t)
	for _, id := range idents {
		t = indirectType(t)
		if t == nil || t.Kind() != reflect.Struct {
			return nil
		}
		if _, ok := reflect.PointerTo(t).MethodByName(id); ok {
			return nil
		}
		f, ok := t.FieldByName(id)
		if !ok || !f.IsExported() {
			return nil
		}
		t = known(f.Type)
		if f.Tag.Get(escapedTag) == "text" {
			t = escapedType(t)
		}
	}
	return t
}

// escapedType is what trustWalk takes a field of type t tagged
// escapedTag for: textType for a template.HTML, textsType for a
// []template.HTML; nil for any other (the tag is misplaced: nothing is
// trusted).
func escapedType(t reflect.Type) reflect.Type {
	switch t {
	case htmlType:
		return textType
	case reflect.SliceOf(htmlType):
		return textsType
	}
	return nil
}

// indirectType is t through its pointers.
func indirectType(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// known is t, or nil where a value of type t may hold any type.
func known(t reflect.Type) reflect.Type {
	if t == nil || t.Kind() == reflect.Interface {
		return nil
	}
	return t
}

// assignedVars adds to vars each variable below node that is assigned
// to ({{$x = …}}): its type may change as the template runs.
func assignedVars(node parse.Node, vars map[string]bool) {
	pipe := func(p *parse.PipeNode) {
		if p != nil && p.IsAssign {
			for _, v := range p.Decl {
				vars[v.Ident[0]] = true
			}
		}
	}
	branch := func(b *parse.BranchNode) {
		pipe(b.Pipe)
		assignedVars(b.List, vars)
		if b.ElseList != nil {
			assignedVars(b.ElseList, vars)
		}
	}
	switch n := node.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				assignedVars(c, vars)
			}
		}
	case *parse.ActionNode:
		pipe(n.Pipe)
	case *parse.IfNode:
		branch(&n.BranchNode)
	case *parse.WithNode:
		branch(&n.BranchNode)
	case *parse.RangeNode:
		branch(&n.BranchNode)
	}
}

// plainText tells the strings that html/template writes in an element's
// text as they are: those with none of the characters its HTML escaper
// replaces. Which characters those are, and what it writes for each, is
// asked of html/template, once for each below utf8.RuneSelf; it replaces
// none above, nor a byte that is no UTF-8 (TestPlainText tries every
// one), and each character on its own, whatever is around it: a string
// is written character by character, each as it writes it alone.
type plainText struct {
	escaper *template.Template // {{.}}, in an element's text
	changed [utf8.RuneSelf]bool
	written [utf8.RuneSelf]string // what the escaper writes for each changed
}

func newPlainText() *plainText {
	p := &plainText{escaper: template.Must(template.New("text").Parse("{{.}}"))}
	var b strings.Builder
	for c := range p.changed {
		b.Reset()
		s := string(rune(c))
		if err := p.escaper.Execute(&b, s); err != nil {
			panic(err) // a string in an element's text never fails
		}
		p.changed[c], p.written[c] = b.String() != s, b.String()
	}
	return p
}

// is reports whether html/template writes s as it is in an element's
// text. Chinese text is bytes of UTF-8 sequences, none below
// utf8.RuneSelf: eight such bytes are passed over at once.
func (p *plainText) is(s string) bool {
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read, never written
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0x8080808080808080 {
			continue
		}
		for _, c := range b[i : i+8] {
			if c < utf8.RuneSelf && p.changed[c] {
				return false
			}
		}
	}
	for _, c := range b[i:] {
		if c < utf8.RuneSelf && p.changed[c] {
			return false
		}
	}
	return true
}

// write writes s to b as html/template writes it in an element's text:
// s itself, or else each character the escaper changes as it writes it.
func (p *plainText) write(b *strings.Builder, s string) error {
	if p.is(s) {
		b.WriteString(s)
		return nil
	}
	p.escape(b, s)
	return nil
}

// escape writes s to b, each character below utf8.RuneSelf the escaper
// changes as it writes it (a byte of a character above is never one).
func (p *plainText) escape(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && p.changed[c] {
			b.WriteString(s[start:i])
			b.WriteString(p.written[c])
			start = i + 1
		}
	}
	b.WriteString(s[start:])
}

// html is s as html/template writes it in an element's text (write), a
// value the templates place with no escaper call.
func (p *plainText) html(s string) (template.HTML, error) {
	if p.is(s) {
		return template.HTML(s), nil
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	p.escape(&b, s)
	return template.HTML(b.String()), nil
}

// urlAttr writes v, a string or a template.URL, as html/template's
// escapers of a quoted URL attribute's value write it: its URL filter
// (a string whose scheme is not http, https or mailto is "#ZgotmplZ"; a
// template.URL is let through), its normalizer (percent-encoding what a
// URL does not hold as it is) and its attribute escaper. A value they
// leave as it is, which is what links mostly are, is returned as it is;
// any other is written by html/template itself (urlAttrSlow).
func urlAttr(v any) string {
	switch x := v.(type) {
	case string:
		if safeURL(x) && plainURL(x) {
			return x
		}
	case template.URL:
		if plainURL(string(x)) {
			return string(x)
		}
	}
	return urlAttrSlow(v)
}

// urlAttrTemplate is a quoted URL attribute's value, escaped by
// html/template: urlAttrSlow cuts what it wrote out of what is around. It
// writes no page: html/template escapes every quoted URL attribute (an
// a's href as an img's src) with the same three escapers, and the tests
// hold urlAttr to a link's href itself (TestURLAttr, FuzzURLAttr).
var urlAttrTemplate = template.Must(template.New("url").Parse(`<img src="{{.}}">`))

// urlAttrSlow is urlAttr, written by html/template.
func urlAttrSlow(v any) string {
	var b strings.Builder
	if err := urlAttrTemplate.Execute(&b, v); err != nil {
		return "" // a string or a template.URL never fails
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), `<img src="`), `">`)
}

// safeURL is html/template's test of a string in a URL attribute: no
// scheme, or http, https or mailto.
func safeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}

// plainURL says whether html/template's URL normalizer and attribute
// escaper both leave s as it is: letters, digits, "-._~", the reserved
// characters the normalizer keeps but "&" and "+" (the attribute escaper
// replaces them), and "%" before two hexadecimal digits.
func plainURL(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~!#$*,/:;=?@[]", c) >= 0:
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
		default:
			return false
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

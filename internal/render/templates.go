package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"disclose/internal/diag"
	"disclose/internal/search"
	"disclose/internal/site"
	"disclose/templates"
)

// TemplateDir is the folder of a site's own templates, relative to the site
// folder. A file there overrides the built-in one of the same name.
const TemplateDir = "templates"

// pageKinds are the templates that make a page, each with layout.html.
var pageKinds = []string{"notice", "year", "home", "404", "kind", "browse", "round", "unit", "search"}

// Templates is a site's parsed templates and stylesheet: parsed once, used
// for every page.
type Templates struct {
	pages    map[string]*template.Template
	css      []byte
	cssPath  string // style.<hash>.css
	digest   []byte // of every file the templates were parsed from
	relative bool   // links relative to each page; see RelativeLinks
	// script remembers the reading modes where script runs: modes.<hash>.js.
	script     []byte
	scriptPath string
	// icon is the site's icon, linked from every page: favicon.<hash>.svg.
	icon     []byte
	iconPath string
	// search is the search page's script: search.<hash>.js.
	search     []byte
	searchPath string
	// url and abs are the functions of the same names the templates call;
	// links holds the links of every page when they are not relative.
	url, abs func(string) string
	links    *links
	ctx      atomic.Pointer[context.Context] // see Bind
	run      runners                         // the goroutines the pages run on (bounds.go)
	// shared holds what "site-head" and "site-foot" wrote, by kind of
	// page, depth (when links are relative) and site.
	sharedMu sync.Mutex
	shared   map[sharedKey]sharedView
	// clones holds, where links are relative, the templates of each kind
	// with the url function of each depth of page.
	clonesMu sync.Mutex
	clones   map[cloneKey]*template.Template
	// placed holds the parts each kind of page places, and parts what
	// they wrote (parts.go).
	placed map[string]partSet
	parts  parts
	// trusted runs trust once on each kind's templates (trusted.go),
	// before any page runs them; untrusted, for the tests, keeps every
	// escaper's call.
	trusted   map[string]*sync.Once
	untrusted bool
	// text writes a string as html/template writes it in an element's
	// text (trusted.go).
	text *plainText
}

type sharedKey struct {
	kind  string
	depth int
	site  siteView
}

// loadAsset reads a file served as it is, and names it by its content
// (style.css → style.<hash>.css) so that a browser never keeps an old copy.
func loadAsset(files overlay, name string, problems *diag.List) ([]byte, string) {
	data, err := files.read(name)
	if err != nil {
		problems.Errorf(diag.Pos{Path: TemplateDir + "/" + name}, "无法读取 (cannot read): %v", err)
	}
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return data, strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
}

// Digest identifies the templates' sources: two sets with the same digest
// render the same pages.
func (t *Templates) Digest() []byte { return t.digest }

// Assets returns the files every page links besides the pages, by path
// below the base URL (the stylesheet and the script), and the
// stylesheet's path among them.
func (t *Templates) Assets() (files map[string][]byte, stylesheet string) {
	return map[string][]byte{t.cssPath: t.css, t.scriptPath: t.script}, t.cssPath
}

// Option changes how LoadTemplates' templates write links.
type Option func(*Templates)

// RelativeLinks makes the url function write every link relative to the
// page it is on, with index.html written out ("../2024/index.html"), so
// that the pages browse from a folder opened as file:// with no server: the
// offline copy inside an archive bundle. Without it a link is the base path
// and the site path ("/xszg/2024/"), for a site served over HTTP.
func RelativeLinks() Option { return func(t *Templates) { t.relative = true } }

// LoadTemplates parses the templates: the built-in ones, overridden by the
// site's templates/ folder in siteFS. A site's template file overrides the
// built-in file of its name define by define (overlay.parse): a define the
// site's file lacks falls back to the built-in one, so that a site's copy
// made before a define was added still makes every page. A file served as
// it is (style.css, modes.js, favicon.svg, search.js) is replaced whole.
// base is the base path every link starts with ("/xszg/").
func LoadTemplates(siteFS fs.FS, base string, abs func(string) string, opts ...Option) (*Templates, diag.List) {
	files := overlay{upper: siteFS, lower: templates.FS, digest: sha256.New()}
	t := &Templates{pages: map[string]*template.Template{}, placed: map[string]partSet{}, trusted: map[string]*sync.Once{}, text: newPlainText()}
	for _, o := range opts {
		o(t)
	}
	var problems diag.List
	t.css, t.cssPath = loadAsset(files, "style.css", &problems)
	t.script, t.scriptPath = loadAsset(files, "modes.js", &problems)
	t.icon, t.iconPath = loadAsset(files, "favicon.svg", &problems)
	t.search, t.searchPath = loadAsset(files, "search.js", &problems)
	url := func(p string) string { return base + p }
	t.url, t.abs = url, abs
	funcs := template.FuncMap{"url": url, "abs": abs}
	// layout.html is read and parsed once; each kind of page adds its own
	// file to a copy of it.
	layout := template.New("layout").Funcs(funcs)
	if err := files.parse(layout, "layout.html"); err != nil {
		problems.Add(templateProblem(files, "layout.html", err))
	}
	// pager.html: the parts the list pages share (the list of notices,
	// the links between pages), apart from layout.html so that a site's
	// own older layout.html still makes every page.
	if err := files.parse(layout, "pager.html"); err != nil {
		problems.Add(templateProblem(files, "pager.html", err))
	}
	for _, kind := range pageKinds {
		tmpl, err := layout.Clone()
		if err != nil { // only after an execution, which has not happened
			return nil, append(problems, templateProblem(files, "layout.html", err))
		}
		if err := files.parse(tmpl, kind+".html"); err != nil {
			problems.Add(templateProblem(files, kind+".html", err))
		}
		t.pages[kind] = tmpl
		t.placed[kind] = partsPlaced(tmpl)
		t.trusted[kind] = new(sync.Once)
	}
	if t.relative {
		files.digest.Write([]byte("relative links\n"))
	}
	t.links = t.linksOf(url)
	t.digest = files.digest.Sum(nil)
	return t, problems
}

// overlay reads a template from the site's folder, or else the built-in
// one, and adds what it read to digest.
type overlay struct {
	upper, lower fs.FS
	digest       hash.Hash
}

// read returns the site's own copy of name where it has one, or else the
// built-in one: a file served as it is (style.css) is replaced whole.
func (o overlay) read(name string) ([]byte, error) {
	b, err := o.readUpper(name)
	if errors.Is(err, fs.ErrNotExist) {
		b, err = fs.ReadFile(o.lower, name)
	}
	o.add(name, b)
	return b, err
}

// add adds name's content b to the digest.
func (o overlay) add(name string, b []byte) {
	fmt.Fprintf(o.digest, "%s %d\n", name, len(b))
	o.digest.Write(b)
}

// readUpper returns the site's own copy of name, or an error that is
// fs.ErrNotExist where it has none.
func (o overlay) readUpper(name string) ([]byte, error) {
	if o.upper == nil {
		return nil, fs.ErrNotExist
	}
	return site.ReadFile(o.upper, TemplateDir+"/"+name)
}

// overridden reports whether the site has its own copy of name.
func (o overlay) overridden(name string) bool {
	if o.upper == nil {
		return false
	}
	_, err := fs.Stat(o.upper, TemplateDir+"/"+name)
	return err == nil
}

// builtinPrefix names the built-in file's own body where a site's file
// overrides it ("(built-in) pager.html"), which is never executed: the
// site's file is the one of its name.
const builtinPrefix = "(built-in) "

// parse parses the template file name into t. A site's own file overrides
// the built-in one define by define: the built-in file is parsed first,
// then the site's, whose defines replace the built-in ones of their names;
// a define the site's file lacks (one added to the built-in file after
// the site's copy was made) is the built-in one. The file's top-level
// body, outside any define, is the site's.
func (o overlay) parse(t *template.Template, name string) error {
	own, err := o.readUpper(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		o.add(name, nil)
		return err
	}
	builtin, builtinErr := fs.ReadFile(o.lower, name)
	if err != nil { // the site has no copy: the built-in file alone
		o.add(name, builtin)
		if builtinErr != nil {
			return builtinErr
		}
		_, err = t.New(name).Parse(string(builtin))
		return err
	}
	o.add(builtinPrefix+name, builtin)
	o.add(name, own)
	if builtinErr == nil {
		if _, err := t.New(builtinPrefix + name).Parse(string(builtin)); err != nil {
			return err
		}
	}
	_, err = t.New(name).Parse(string(own))
	return err
}

// templateProblem turns a template error ("template: notice.html:12: …")
// into a diagnostic at the file and line it names.
func templateProblem(files overlay, name string, err error) diag.Diagnostic {
	path := "(built-in) " + name
	if files.overridden(name) {
		path = TemplateDir + "/" + name
	}
	msg := strings.TrimPrefix(err.Error(), "template: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, name+":"); ok {
		if _, scanErr := fmt.Sscanf(rest, "%d:", &line); scanErr == nil {
			msg = strings.TrimLeft(strings.TrimPrefix(rest, fmt.Sprint(line)), ": ")
		}
	}
	return diag.Diagnostic{Path: path, Line: line, Col: 1, Message: "模板有误; template: " + msg}
}

// execute renders the page of kind with p, for the page written at path
// (slash-separated, below the output folder); size is a guess of the
// page's size, to spare the buffer's growing.
func (t *Templates) execute(kind, path string, p page, size int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(size)
	if err := t.executeTo(&buf, kind, path, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// executeTo is execute into buf.
func (t *Templates) executeTo(buf *bytes.Buffer, kind, path string, p page) error {
	p = t.linked(p, path)
	tmpl, err := t.pageTemplate(kind, path)
	if err != nil {
		return fmt.Errorf("%s page: %w", kind, err)
	}
	// A template that fails or runs past its bounds, the page's or one of
	// the parts written for it, is named with the page and its file.
	named := func(err error) error { return fmt.Errorf("%s page (%s, %s.html): %w", kind, path, kind, err) }
	if p, err = t.prepared(kind, tmpl, path, p); err != nil {
		return named(err)
	}
	// Within bounds (bounds.go). On an error, buf may still be written
	// by a template given up: it is not to be read.
	w := &boundedWriter{buf: buf, max: buf.Len() + MaxPageBytes}
	if err := t.run.bounded(t.context(), w, func() error { return tmpl.ExecuteTemplate(w, "layout", p) }); err != nil {
		return named(err)
	}
	return nil
}

// prepared is p, the page of kind at path that tmpl makes, with the
// values its templates place made beforehand: what the shared parts
// wrote, the parts (parts.go), and its texts as html/template writes
// them in an element's text (the page's and the site's title, the
// column's name; a notice's: noticeTexts).
func (t *Templates) prepared(kind string, tmpl *template.Template, path string, p page) (page, error) {
	w := textWriter{p: t.text}
	p.TitleHTML = w.html(p.Title)
	p.Site.TitleHTML, p.Site.ColumnHTML = w.html(p.Site.Title), w.html(p.Site.Column)
	if w.err != nil {
		return p, w.err
	}
	if p.Notice != nil {
		if err := t.noticeTexts(p.Notice); err != nil {
			return p, err
		}
	}
	var err error
	if p.Shared, err = t.sharedOf(kind, tmpl, path, p); err != nil {
		return p, err
	}
	return p, t.withParts(kind, tmpl, &p)
}

// pageTemplate returns the templates of kind for the page at path,
// escaped and trusted (trusted.go). Where links are relative, each depth
// of page needs its own url function: the parsed templates, never
// executed in this mode, are cloned once for each kind and depth (a clone
// is escaped anew when it first runs, which cost more than the page
// itself when each page had its own).
func (t *Templates) pageTemplate(kind, path string) (*template.Template, error) {
	tmpl := t.pages[kind]
	if !t.relative {
		t.trusted[kind].Do(func() { t.trust(tmpl) })
		return tmpl, nil
	}
	key := cloneKey{kind, strings.Count(path, "/")}
	t.clonesMu.Lock()
	defer t.clonesMu.Unlock()
	if c, ok := t.clones[key]; ok {
		return c, nil
	}
	c, err := tmpl.Clone()
	if err != nil {
		return nil, err
	}
	c.Funcs(template.FuncMap{"url": relativeURL(path)})
	t.trust(c)
	if t.clones == nil {
		t.clones = map[cloneKey]*template.Template{}
	}
	t.clones[key] = c
	return c, nil
}

type cloneKey struct {
	kind  string
	depth int
}

// sharedParts are the templates written once for every page of a site
// (layout.html): what each wrote is a field of page.Shared.
var sharedParts = []string{"site-start", "site-meta", "site-head", "site-foot"}

// sharedOf returns what the shared parts of tmpl, the templates of the
// kind of page at path, write for p's site; a part tmpl does not define
// (a site's own older layout.html) writes nothing. Each is written from
// p's Site and Links alone, once for each kind of page and, where links
// are relative, each depth.
func (t *Templates) sharedOf(kind string, tmpl *template.Template, path string, p page) (sharedView, error) {
	key := sharedKey{kind: kind, site: p.Site}
	if t.relative {
		key.depth = strings.Count(path, "/")
	}
	t.sharedMu.Lock()
	v, ok := t.shared[key]
	t.sharedMu.Unlock()
	if ok {
		return v, nil
	}
	data := page{Site: p.Site, Links: p.Links}
	var parts [4]template.HTML
	for i, name := range sharedParts {
		if tmpl.Lookup(name) == nil {
			continue
		}
		var err error
		if parts[i], err = t.writePart(tmpl, name, data); err != nil {
			return sharedView{}, err
		}
	}
	v = sharedView{Start: parts[0], Meta: parts[1], Head: parts[2], Foot: parts[3]}
	t.sharedMu.Lock()
	if t.shared == nil {
		t.shared = map[sharedKey]sharedView{}
	}
	t.shared[key] = v
	t.sharedMu.Unlock()
	return v, nil
}

// relativeURL returns the url function of the page at path: it turns a
// site path ("", "2024/", "style.x.css") into a link relative to that page,
// naming index.html where the site path is a folder, since a browser
// showing files does not look for index.html itself.
func relativeURL(path string) func(string) string {
	up := strings.Repeat("../", strings.Count(path, "/"))
	return func(p string) string {
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		return up + p
	}
}

// linksOf is the links every page has, made by url.
func (t *Templates) linksOf(url func(string) string) *links {
	return &links{Home: url(""), CSS: url(t.cssPath), Script: url(t.scriptPath), Icon: url(t.iconPath),
		Feed: url("feed.xml"), Data: url("notices.json"), Search: url(search.Dir)}
}

// linked is p, the page written at path, with its links: the page's own
// links made beforehand save the templates a call of url for each.
func (t *Templates) linked(p page, path string) page {
	url := t.url
	p.Links = t.links
	if t.relative {
		url = relativeURL(path)
		p.Links = t.linksOf(url)
	}
	for i, c := range p.Crumbs {
		p.Crumbs[i].URL = url(c.Path)
	}
	if v := p.Notice; v != nil {
		v.Inspection.UnitURL = url(v.Inspection.UnitPath)
		if v.Inspection.RoundPath != "" {
			v.Inspection.RoundURL = url(v.Inspection.RoundPath)
		}
	}
	if p.Search != nil {
		v := *p.Search
		v.Index, v.Script, v.Action = url(search.Dir+"index.json"), url(t.searchPath), url(search.Dir)
		p.Search = &v
	}
	// The 404 page has no address of its own, and a draft is not
	// published: neither names a canonical URL, and the layout tells
	// search engines not to index them.
	if path != "404.html" && (p.Notice == nil || !p.Notice.Draft) {
		p.Canonical = t.abs(p.Path)
	}
	return p
}

// items writes the notices at the indexes given as the "item" template
// does on the page at path, and returns them at those indexes.
func (t *Templates) items(path string, notices []*Entry, at []int) ([]template.HTML, error) {
	tmpl, err := t.pageTemplate("kind", path)
	if err != nil {
		return nil, fmt.Errorf("list item: %w", err)
	}
	// The items of one page are written within the bounds of one page,
	// into one string cut in items.
	var buf bytes.Buffer
	buf.Grow(len(at) * 512) // a line is some 400 bytes
	w := &boundedWriter{buf: &buf, max: MaxPageBytes}
	ends := make([]int, len(at))
	lines := make([]listItem, len(at))
	for k, i := range at {
		lines[k] = listItems(notices[i : i+1])[0]
	}
	if err := t.listTimes("kind", tmpl, lines); err != nil {
		return nil, fmt.Errorf("list item: %w", err)
	}
	if err := t.lineTexts(lines); err != nil {
		return nil, fmt.Errorf("list item: %w", err)
	}
	err = t.run.bounded(t.context(), w, func() error {
		for k := range at {
			if err := tmpl.ExecuteTemplate(w, "item", lines[k]); err != nil {
				return err
			}
			ends[k] = buf.Len()
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list item: %w", err)
	}
	out := make([]template.HTML, len(notices))
	all, start := buf.String(), 0
	for k, i := range at {
		out[i] = template.HTML(all[start:ends[k]])
		start = ends[k]
	}
	return out, nil
}

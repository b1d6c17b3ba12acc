package build

import (
	"context"
	"io/fs"
	"maps"
	"slices"
	"sync"
	"time"

	"disclose/internal/diag"
	"disclose/internal/load"
	"disclose/internal/render"
	"disclose/internal/site"
)

// Incremental builds one site again and again into memory, as a preview
// does after every save, rendering again only what changed: the pages of
// the notices whose files changed, their year pages, and the home page,
// feed, sitemap and notices.json (whose other entries it keeps; see
// render.ListingCache). It keeps what each part of the last run read (the
// settings, the templates, the seal records, the list of notices, and each
// notice's front matter, problems and files) and the notices in the order
// of the listings, updated notice by notice (order.go). A notice whose
// front matter did not change keeps its place in the listings: editing a
// body renders no year page again. A change of the settings or the
// templates renders everything again. Run emits every file, so its
// output is a whole site, the same bytes Run emits; RunChanges emits only
// what changed since the last run without errors, and what is gone. A test
// proves both give a clean build's bytes after every kind of change.
//
// It is the memory (memory.go) of the pipeline of each of its runs: the
// pipeline asks it whether a notice carries over and tells it what it
// built, as it asks the record of a build to disk.
//
// How it learns what changed: by default, each run looks at the size and
// modification time of every source file, and reads again those that
// differ and those Changed named. After TrustChanges, it relies on Changed
// alone, as a preview whose watcher names every changed path can: a run
// then reads only the files named (changes.go).
//
// An Incremental is not safe for concurrent use: one Run at a time.
type Incremental struct {
	fsys    fs.FS
	opts    site.Options
	trusted bool     // see TrustChanges
	forget  []string // named by Changed since the last run
	whole   bool     // the next run starts from nothing

	// What the last run read, part by part.
	settings  *site.Settings
	templates *render.Templates
	r         *render.Renderer
	key       []byte // of the kept notices' settings, templates and options (see key)
	seals     map[int][]site.Seal
	reader    *load.Reader // of the settings read
	found     struct{ settings, templates, seals, scan diag.List }
	notices   map[string]*kept // every notice file, by source path
	order     order
	listings  render.ListingCache
	searchIx  *memoryIndex // the search index of the last run; nil: none to carry over

	// What the caller of RunChanges holds: the files of run number good,
	// the last without errors (tracked: if that is known), and of those,
	// the ones gone since.
	gen, good int
	tracked   bool
	gone      []string
	listed    []string // the listings' files in run good

	out      render.Emit // the caller's emit, for kept files
	mu       sync.Mutex  // guards what follows, written by the pipeline's goroutines
	next     map[string]*kept
	rendered []string
}

// kept is one notice file as the last run left it: its front matter and
// problems, and the files rendered from it (none when it was not rendered:
// it has errors, or is a draft left out).
type kept struct {
	gen   int // the run that rendered it
	size  int64
	mod   time.Time
	built built
	files []file
}

// NewIncremental returns an Incremental for the site whose folder is fsys.
func NewIncremental(fsys fs.FS, opts site.Options) *Incremental {
	return &Incremental{fsys: fsys, opts: opts, whole: true}
}

// TrustChanges makes b rely on Changed to learn of every change, as a
// preview can whose watcher names every path that changed: a run then
// reads again only the notices Changed named, and the settings, templates
// or seal records only when named. It looks at every source file again
// only when Changed names a folder, a file under content/ that is not a
// notice, a notice it does not know that is gone, or "." (anything may
// have changed, as after a watcher lost events).
func (b *Incremental) TrustChanges() { b.trusted = true }

// Changed tells b that the files at these site-relative, slash-separated
// paths (or below them, for folders) changed: they are read again even if
// their size and modification time look the same, as they do after two
// saves within one tick of a file system's clock. "." means anything.
func (b *Incremental) Changed(paths ...string) { b.forget = append(b.forget, paths...) }

// Settings returns the site settings of the last run that could read them,
// or nil.
func (b *Incremental) Settings() *site.Settings { return b.settings }

// Rendered returns the paths of the files the last Run rendered anew, in
// no particular order; it emitted the others from memory.
func (b *Incremental) Rendered() []string {
	reused := map[string]bool{}
	for _, p := range b.listings.Reused() {
		reused[p] = true
	}
	return slices.DeleteFunc(slices.Clone(b.rendered), func(p string) bool { return reused[p] })
}

// Run builds the site, as the function Run does: when the problems include
// an error, the files emitted must be thrown away.
func (b *Incremental) Run(emit render.Emit) (diag.List, error) {
	problems, _, err := b.run(context.Background(), emit, false)
	return problems, err
}

// Changes says how the files that RunChanges emitted make a whole site.
type Changes struct {
	// Whole is true when every file was emitted. Otherwise the files
	// emitted are those that may differ from the last run without errors:
	// the caller's copy of that run's files, without those in Gone, with
	// those emitted, is the whole site.
	Whole bool
	Gone  []string
}

// RunChanges is Run for a caller that keeps the files of the last run
// without errors, as a preview does: after a change of one notice, it
// emits that notice's files and the listings, not the ten thousand files
// that stayed the same.
func (b *Incremental) RunChanges(emit render.Emit) (diag.List, Changes, error) {
	return b.run(context.Background(), emit, true)
}

// RunChangesContext is RunChanges that stops when ctx is done, between two
// files or inside a page's template, and returns ctx's error: the preview
// cancels a build when a newer save arrives. The next run then builds the
// whole site again.
func (b *Incremental) RunChangesContext(ctx context.Context, emit render.Emit) (diag.List, Changes, error) {
	return b.run(ctx, emit, true)
}

func (b *Incremental) run(ctx context.Context, emit render.Emit, delta bool) (diag.List, Changes, error) {
	b.gen++
	b.rendered, b.out = nil, emit
	counted := func(path string, data []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		b.mu.Lock()
		b.rendered = append(b.rendered, path)
		b.mu.Unlock()
		return emit(path, data)
	}
	// 1. What changed, and the parts of the site that read it.
	c, named := b.plan(), b.forget
	b.forget = nil
	b.reload(&c)
	if b.settings == nil || b.r == nil {
		// Settings or templates that cannot be read: a plain build says
		// why. What was kept stays, as the fix is often the settings as
		// they were: then no notice is rendered again (reload drops
		// everything when they differ). The next run looks at every
		// source, and reads again those named meanwhile.
		slices.Sort(named)
		b.whole, b.tracked, b.forget = true, false, slices.Compact(named)
		problems, err := run(b.fsys, b.opts, counted, nil, beginNone)
		return problems, Changes{Whole: true}, err
	}
	b.templates.Bind(ctx) // a template stops when the run is cancelled
	defer b.templates.Bind(context.Background())
	ch := Changes{Whole: !delta || !b.tracked || c.all}
	// 2. The notices that changed, read, proofread and rendered again;
	// the others emitted from memory.
	p := &pipeline{fsys: b.fsys, opts: b.opts, emit: counted, settings: b.settings, r: b.r, reader: b.reader, mem: b}
	var err error
	if c.all {
		err = b.rescan(p, c)
	} else {
		err = b.update(p, c, ch.Whole)
	}
	if err != nil {
		b.reset()
		return nil, ch, err
	}
	// 3. What concerns the whole site, then the listings.
	problems := b.problems()
	if problems.Stops() {
		b.tracked = b.tracked && !ch.Whole
		return problems, ch, ErrProblems
	}
	s := &render.Listing{Settings: b.settings, Notices: b.order.entries(), Sealed: b.seals}
	var listed []string
	list := func(path string, data []byte) error {
		b.mu.Lock()
		listed = append(listed, path)
		b.mu.Unlock()
		return counted(path, data)
	}
	ix := newMemoryIndex()
	err = together(
		func() error { return b.r.ListingsCached(s, b.order.texts, &b.listings, list) },
		func() error { return searchIndex(b.fsys, s, b.index(), "", false, ix.keep(list)) })
	b.searchIx = ix
	if err != nil {
		b.reset()
		return nil, ch, err
	}
	// 4. What the caller now holds.
	if !ch.Whole {
		ch.Gone = slices.Concat(b.gone, setMinus(b.listed, listed))
	}
	b.good, b.tracked, b.gone, b.listed = b.gen, true, nil, listed
	return problems, ch, nil
}

// setMinus returns the strings of a that are not in b.
func setMinus(a, b []string) []string {
	var d []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			d = append(d, s)
		}
	}
	return d
}

// reset makes the next run start from nothing.
func (b *Incremental) reset() {
	b.whole, b.key, b.notices, b.order, b.listings = true, nil, nil, order{}, render.ListingCache{}
	b.tracked, b.searchIx = false, nil
}

// reload reads again the settings, templates and seal records when c says
// they changed. When the settings or templates differ from those the kept
// notices were rendered with, nothing kept is used again: every notice is
// read.
func (b *Incremental) reload(c *changes) {
	if c.settings {
		b.settings, b.found.settings = site.LoadSettings(b.fsys)
		c.templates = true // they write links with the settings' base path
	}
	if c.templates && b.settings != nil {
		b.templates, b.found.templates = render.LoadTemplates(b.fsys, b.settings.BasePath(), b.settings.AbsURL)
		b.r = nil
		if !b.found.templates.HasErrors() {
			b.r = render.NewRenderer(b.settings, b.templates)
		}
	}
	if c.seals {
		b.seals, b.found.seals = site.ReadSeals(b.fsys)
	}
	if c.settings || b.reader == nil {
		b.reader = load.NewReader(b.fsys, b.settings, b.opts)
	}
	if b.settings == nil || b.r == nil {
		return
	}
	if k := key(nil, b.settings, b.opts, b.templates, ""); !slices.Equal(k, b.key) {
		b.key, b.notices, b.order, b.listings, b.searchIx = k, nil, order{}, render.ListingCache{}, nil
		c.all = true
	}
	b.whole = false
}

// rescan lists the notice files again and reads those that changed: the
// ones named by Changed, and those whose size or modification time is not
// what it was.
func (b *Incremental) rescan(p *pipeline, c changes) error {
	paths, found := site.NoticePaths(b.fsys)
	b.found.scan = found
	before := b.notices
	b.notices = maps.Clone(before)
	for path := range b.notices {
		if c.named(path) {
			delete(b.notices, path) // read it again
		}
	}
	b.next = map[string]*kept{}
	results, err := p.notices(paths)
	if err != nil {
		return err
	}
	now := make(map[string]*kept, len(paths))
	for i, path := range paths {
		now[path] = b.keep(path, results[i], before[path])
	}
	b.notices, b.next = now, nil
	b.order.fill(now)
	return nil
}

// update reads again the notices c names, and emits every other notice's
// files from memory; unless all, only those the caller does not hold.
func (b *Incremental) update(p *pipeline, c changes, all bool) error {
	before := map[string]*kept{}
	for _, path := range c.notices {
		before[path] = b.notices[path]
		b.drop(path)
	}
	live := slices.DeleteFunc(slices.Clone(c.notices), func(path string) bool { return c.gone[path] })
	b.next = map[string]*kept{}
	results, err := p.notices(live)
	if err != nil {
		return err
	}
	for i, path := range live {
		k := b.keep(path, results[i], before[path])
		b.notices[path] = k
		b.order.add(k)
	}
	b.next = nil
	for path, k := range b.notices {
		if c.read[path] || (!all && k.gen <= b.good) {
			continue
		}
		for _, f := range k.files {
			if err := b.out(f.path, f.data); err != nil {
				return err
			}
		}
	}
	return nil
}

// keep returns what to keep of the notice at path that this run built:
// what carry or record kept of it, else its front matter and problems.
// When old, what the last run kept of it (or nil), has the same front
// matter, it keeps old's notice: only the body changed, so the listings
// know the notice as they did, and render again only what shows its body.
func (b *Incremental) keep(path string, bt built, old *kept) *kept {
	k := b.next[path]
	if k == nil {
		k = &kept{gen: b.gen, size: -1, built: bt}
	}
	if old != nil && sameFront(old, k) {
		// The entry too, with the new source's sum, for the index.
		old.built.e.Sum = k.built.e.Sum
		k.built.n, k.built.e = old.built.n, old.built.e
	}
	return k
}

// sameFront reports whether a and b were rendered from the same front
// matter, so that the same notice with the same defaults: all that the
// listings show of it but the summary. A rendered notice keeps the sum of
// its front matter's text alone (notice.DropSource).
func sameFront(a, b *kept) bool {
	return a.built.n != nil && b.built.n != nil && a.files != nil && b.files != nil &&
		a.built.n.FrontSum() == b.built.n.FrontSum()
}

// drop forgets the notice at path.
func (b *Incremental) drop(path string) {
	if k := b.notices[path]; k != nil {
		if k.gen <= b.good {
			for _, f := range k.files {
				b.gone = append(b.gone, f.path)
			}
		}
		b.order.remove(k)
		delete(b.notices, path)
	}
}

// problems returns every problem of the site, as Run orders them: those of
// load.Assemble, with the notices at one URL told by b.order.
func (b *Incremental) problems() diag.List {
	problems := slices.Concat(b.found.settings, b.found.scan, b.found.seals, b.found.templates)
	var sources []site.Source
	for path, k := range b.notices { // in any order: Sort puts each notice's together, as they were
		problems = append(problems, k.built.problems...)
		if len(b.seals) > 0 {
			sources = append(sources, k.built.source(path))
		}
	}
	problems = append(problems, site.Closed(b.seals, sources)...)
	return load.Finish(append(problems, b.order.duplicates(b.settings)...))
}

// carry emits the files of the notice at path from memory when its source
// has not changed, and returns it as the last run left it. It makes b the
// memory of its pipeline (memory.go).
func (b *Incremental) carry(fsys fs.FS, path string) (built, fs.FileInfo, bool) {
	info, _ := site.StatSource(fsys, path)
	k := b.notices[path]
	if info == nil || k == nil || k.size != info.Size() || !k.mod.Equal(info.ModTime()) {
		return built{}, info, false
	}
	for _, f := range k.files {
		if b.out(f.path, f.data) != nil {
			return built{}, info, false // rendering it again reports the error
		}
	}
	b.mu.Lock()
	b.next[path] = k
	b.mu.Unlock()
	return k.built, info, true
}

// record keeps a notice read in this run, as read when info was taken, and
// the bytes of its files: the preview's renderer does not recycle them.
func (b *Incremental) record(path string, info fs.FileInfo, bt built, files []file) {
	if info == nil {
		return
	}
	k := &kept{gen: b.gen, size: info.Size(), mod: info.ModTime(), built: bt, files: files}
	b.mu.Lock()
	b.next[path] = k
	b.mu.Unlock()
}

// summarized does nothing: the preview keeps every notice's summary, for
// the listings it renders again after each change (memory).
func (b *Incremental) summarized(string, string) {}

// index returns the search index of the last run, to carry over (memory).
func (b *Incremental) index() prior {
	if b.searchIx == nil {
		return nil
	}
	return b.searchIx
}

package build

import (
	"crypto/sha256"
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"disclose/internal/diag"
	"disclose/internal/render"
	"disclose/internal/site"
)

// Incremental builds one site again and again into memory, as a preview
// does after every save, rendering again only what changed: the pages of
// the notices whose files changed, their year pages, and the home page,
// feed, sitemap and notices.json (whose other entries it keeps; see
// render.ListingCache). It keeps each rendered notice's files and its front
// matter in memory; a notice whose file has the same size and modification
// time as when it was read, and that Changed did not name, is emitted from
// there. A change of the settings, the templates or the options renders
// everything again. Every run emits every file, so its output is a whole
// site, the same bytes Run emits; a test proves it after every kind of
// change.
//
// An Incremental is not safe for concurrent use: one Run at a time.
type Incremental struct {
	fsys fs.FS
	opts site.Options

	key      []byte           // settings, templates and options of the kept notices
	kept     map[string]*kept // by source path
	forget   []string         // named by Changed since the last run
	settings *site.Settings   // of the last run that could read them
	out      render.Emit      // the caller's emit, for kept files
	listings render.ListingCache

	mu       sync.Mutex // guards what follows, written by the pipeline's goroutines
	next     map[string]*kept
	rendered []string
}

// kept is one notice as the last run left it.
type kept struct {
	size  int64
	mod   time.Time
	built built
	files []file
}

type file struct {
	path string
	data []byte
}

// NewIncremental returns an Incremental for the site whose folder is fsys.
func NewIncremental(fsys fs.FS, opts site.Options) *Incremental {
	return &Incremental{fsys: fsys, opts: opts}
}

// Changed tells b that the files at these site-relative, slash-separated
// paths (or below them, for folders) changed: they are read again even if
// their size and modification time look the same, as they do after two
// saves within one tick of a file system's clock.
func (b *Incremental) Changed(paths ...string) { b.forget = append(b.forget, paths...) }

// Run builds the site, as Run does: when the problems include an error,
// the files emitted must be thrown away.
func (b *Incremental) Run(emit render.Emit) (diag.List, error) {
	b.rendered, b.out = nil, emit
	return run(b.fsys, b.opts, func(path string, data []byte) error {
		b.mu.Lock()
		b.rendered = append(b.rendered, path)
		b.mu.Unlock()
		return emit(path, data)
	}, nil, b)
}

// Settings returns the site settings of the last run that could read them,
// or nil.
func (b *Incremental) Settings() *site.Settings { return b.settings }

// Rendered returns the paths of the files the last Run rendered anew, in
// no particular order; it emitted the others from memory.
func (b *Incremental) Rendered() []string {
	return slices.DeleteFunc(slices.Clone(b.rendered), func(p string) bool { return slices.Contains(b.listings.Reused(), p) })
}

// start begins a run whose settings and templates could be read: it drops
// what they make stale. It returns nil when b is nil.
func (b *Incremental) start(settings *site.Settings, t *render.Templates, opts site.Options) *Incremental {
	if b == nil {
		return nil
	}
	h := sha256.New()
	json.NewEncoder(h).Encode(settings)
	json.NewEncoder(h).Encode(opts)
	h.Write(t.Digest())
	if key := h.Sum(nil); !slices.Equal(key, b.key) {
		b.key, b.kept, b.listings = key, nil, render.ListingCache{}
	}
	for p := range b.kept {
		if slices.ContainsFunc(b.forget, func(f string) bool { return f == "." || p == f || strings.HasPrefix(p, f+"/") }) {
			delete(b.kept, p)
		}
	}
	b.forget, b.settings, b.next = nil, settings, map[string]*kept{}
	return b
}

// carry emits the files of the notice at path from memory when its source
// has not changed, and returns it as the last run left it.
func (b *Incremental) carry(path string, info fs.FileInfo) (built, bool) {
	if b == nil || info == nil {
		return built{}, false
	}
	k := b.kept[path]
	if k == nil || k.size != info.Size() || !k.mod.Equal(info.ModTime()) {
		return built{}, false
	}
	for _, f := range k.files {
		if b.out(f.path, f.data) != nil {
			return built{}, false // rendering it again reports the error
		}
	}
	b.mu.Lock()
	b.next[path] = k
	b.mu.Unlock()
	return k.built, true
}

// record keeps a notice rendered in this run, as read when info was taken.
func (b *Incremental) record(path string, info fs.FileInfo, bt built, files []file) {
	if b == nil || info == nil || bt.n == nil || bt.problems.HasErrors() {
		return
	}
	b.mu.Lock()
	b.next[path] = &kept{size: info.Size(), mod: info.ModTime(), built: bt, files: files}
	b.mu.Unlock()
}

// listingCache returns the cache of the listings, or nil when b is nil.
func (b *Incremental) listingCache() *render.ListingCache {
	if b == nil {
		return nil
	}
	return &b.listings
}

// end makes what this run kept the memory of the next: notices deleted or
// renamed are forgotten.
func (b *Incremental) end() {
	if b != nil {
		b.kept, b.next = b.next, nil
	}
}

package build

// The build cache lets "disclose build" after a small change re-render only
// what the change touches. A build of an output folder leaves, in the
// user's cache folder (never in the output, which is published; record.go),
// a record of every notice it rendered: the source file's size and
// modification time, its front matter, its problems, its summary and the
// output files it produced, and the output's other files. The next build
// of the same folder restores each unchanged notice from that record, its
// front matter already decoded, and carries its pages over instead of
// rendering them; listings are always rendered again. Everything else a
// page depends on (the program, the site settings, the templates, --drafts)
// is in the record's key: when any of it changes, nothing is reused. The
// record is also tied to the output folder it describes by the identity
// of the folder's marker file (output.Identity), so an output replaced by
// other means is never mistaken for it.
//
// Carrying pages over: the output before last is kept beside the output as
// the spare (see output.Spare), and the record says how its pages differ
// from the output's. The build reuses the spare as its staging folder:
// the pages of an unchanged notice that the spare holds as the output does
// are kept as they are, at no cost; the others are linked from the output.
// The result is the same bytes a clean build writes; tests prove it over a
// sequence of builds with every kind of change, and with spares that must
// not be trusted.

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"disclose/internal/diag"
	"disclose/internal/notice"
	"disclose/internal/output"
	"disclose/internal/render"
	"disclose/internal/site"
	"disclose/internal/version"
)

// buildCache is what one build of an output folder leaves for the next.
type buildCache struct {
	Key      []byte // the program, settings, templates and options it was built with
	Marker   string // output.Identity of the output folder it wrote
	Notices  map[string]cachedNotice
	Listings []string // the output's files that are no notice's: listings, marker
	Spare    spareRecord

	shards [shards]shardRef // where the record read was kept (record.go)
}

// spareRecord describes the spare the build left beside the output: the
// output of the build before, which the next build reuses as its staging
// folder (see output.Spare). It is described by how it differs from the
// output: for most notices, it holds the same pages.
type spareRecord struct {
	Key      []byte
	Marker   string // "" when there is no spare
	Listings []string
	Differs  map[string]pages // the notices whose pages in the spare differ
}

// pages says which version of a notice's source an output's pages were
// rendered from, and which files they are.
type pages struct {
	Size, ModTime int64 // of the source file when it was read
	Unsure        bool  // the source may have changed since: render it again
	Files         []string
}

type cachedNotice struct {
	Pages  pages
	Notice *notice.Snapshot // as parsed, with the site's defaults, body dropped
	// Problems and Summary are nil when there are none, as for most
	// notices: a build holds an entry a notice until its record is
	// written, 32 bytes less each (gob writes what a pointer points to,
	// so the record's files are as they were).
	Problems *diag.List
	Summary  *render.Summary
	Sum      string // of the source (load.Notice.Sum)
	// at is where the build that rendered the notice keeps its Snapshot,
	// encoded, until the record is written (spooled): not in Notice, so
	// that the build does not hold every notice's front matter meanwhile
	// (diskMemory.record).
	at      spooled
	inSpool bool
}

// problems returns the notice's problems.
func (c cachedNotice) problems() diag.List {
	if c.Problems == nil {
		return nil
	}
	return *c.Problems
}

// summary returns the notice's summary.
func (c cachedNotice) summary() render.Summary {
	if c.Summary == nil {
		return render.Summary{}
	}
	return *c.Summary
}

// spare describes the spare the record's build left, for output.Begin;
// nil when it left none.
func (c *buildCache) spare() *output.Spare {
	s := c.Spare
	if s.Marker == "" {
		return nil
	}
	files := slices.Clone(s.Listings)
	for path, n := range c.Notices {
		if _, ok := s.Differs[path]; !ok {
			files = append(files, n.Pages.Files...)
		}
	}
	for _, p := range s.Differs {
		files = append(files, p.Files...)
	}
	return &output.Spare{Marker: s.Marker, Files: files}
}

// spareOf describes the output c recorded as the spare of the output next
// records: how its pages differ from next's.
func (c *buildCache) spareOf(next *buildCache) spareRecord {
	differs := map[string]pages{}
	for path, n := range c.Notices {
		if m, ok := next.Notices[path]; !ok || !samePages(n.Pages, m.Pages) {
			differs[path] = n.Pages
		}
	}
	for path := range next.Notices {
		if _, ok := c.Notices[path]; !ok {
			differs[path] = pages{Unsure: true} // none
		}
	}
	return spareRecord{Key: c.Key, Marker: c.Marker, Listings: c.Listings, Differs: differs}
}

func samePages(a, b pages) bool {
	return a.Size == b.Size && a.ModTime == b.ModTime && a.Unsure == b.Unsure && slices.Equal(a.Files, b.Files)
}

// diskMemory is the memory (memory.go) of "disclose build": the record of
// the last build of the output folder, and the staging folder it writes
// into, the spare when the record describes it.
type diskMemory struct {
	// Set by prepare in the background; read after wait.
	ready   sync.WaitGroup
	cache   *buildCache // the last build's record
	w       *output.Writer
	err     error  // from output.Begin
	known   bool   // the current output is the one the record describes
	program []byte // programDigest

	out   string // the output folder
	valid bool   // the output was built with this build's key: its pages may be reused
	spare bool   // the staging folder is the record's spare, built with this key

	spool     *spool       // what the build writes once and reads back (spool.go)
	snapshots *snapshotter // encodes the notices' snapshots into spool

	mu      sync.Mutex
	next    *buildCache     // this build's record; nil until begin
	dirty   [shards]bool    // the shards of the record whose entries changed
	changed map[string]bool // the notices whose pages were changed after their build
}

// prepare starts what a build into out needs of the last one: its record,
// the staging folder (the spare, when the record describes it) and the
// program's identity. They are read while the build reads the site's
// settings, templates and list of notices; wait waits for them.
func prepare(out string) *diskMemory {
	m := &diskMemory{out: out}
	m.ready.Go(func() {
		marker := output.Identity(out)
		m.cache = openCache(out, marker)
		m.known = m.cache.Marker != "" && m.cache.Marker == marker
		m.w, m.err = output.Begin(out, m.cache.spare())
	})
	m.ready.Go(func() { m.program = programDigest() })
	return m
}

// wait returns the writer of the staging folder once it is ready.
func (m *diskMemory) wait() (*output.Writer, error) {
	m.ready.Wait()
	return m.w, m.err
}

// write writes one file of the new output. It keeps nothing it is handed,
// so the renderer may recycle its buffers.
func (m *diskMemory) write(path string, data []byte) error {
	w, err := m.wait()
	if err != nil {
		return err
	}
	return w.Write(path, data)
}

// stream writes one file of the new output, piece by piece.
func (m *diskMemory) stream(path string, write func(io.Writer) error) error {
	w, err := m.wait()
	if err != nil {
		return err
	}
	return w.WriteFrom(path, write)
}

// begin returns the begin of a build with opts (see run): it computes the
// key of this build and says whether the last build's record may be used.
// The memory is m, or none when the staging folder could not be made.
func (m *diskMemory) begin(opts site.Options, plan *pdfPlan) begin {
	return func(settings *site.Settings, t *render.Templates, r *render.Renderer) memory {
		if _, err := m.wait(); err != nil {
			return none{}
		}
		k := key(m.program, settings, opts, t, plan.start(settings, t, r))
		m.valid = m.known && bytes.Equal(k, m.cache.Key)
		m.spare = m.w.Reused() && bytes.Equal(k, m.cache.Spare.Key)
		m.next = &buildCache{Key: k, Notices: map[string]cachedNotice{}}
		m.changed = map[string]bool{}
		m.spool = newSpool(filepath.Dir(m.out), spoolResident)
		m.snapshots = newSnapshotter()
		return m
	}
}

// key identifies all that a page depends on besides its notice: the
// program (nil when it stays the same, as in one preview), the settings,
// the options, the templates and what the build does about PDFs ("print",
// "keep" or ""). Pages rendered under the same key may be used again.
func key(program []byte, settings *site.Settings, opts site.Options, t *render.Templates, pdfs string) []byte {
	h := sha256.New()
	h.Write(program)
	h.Write([]byte("pdf " + pdfs + "\n"))
	json.NewEncoder(h).Encode(settings)
	json.NewEncoder(h).Encode(opts)
	h.Write(t.Digest())
	return h.Sum(nil)
}

// carry carries the pages of the notice at path over from the current
// output when its source has not changed, and returns it as the last build
// left it. Pages the reused spare already holds are kept as they are; the
// others are linked from the current output. It looks at the source only
// when the record may be used.
func (m *diskMemory) carry(fsys fs.FS, path string) (built, fs.FileInfo, bool) {
	if !m.valid {
		return built{}, nil, false
	}
	info, _ := site.StatSource(fsys, path)
	if info == nil {
		return built{}, nil, false
	}
	c, ok := m.cache.Notices[path]
	if !ok || c.Notice == nil || c.Pages.Unsure || c.Pages.Size != info.Size() || c.Pages.ModTime != info.ModTime().UnixNano() {
		return built{}, info, false
	}
	_, differs := m.cache.Spare.Differs[path]
	for i, f := range c.Pages.Files {
		var err error
		if m.spare && !differs {
			err = m.w.Keep(f)
		} else {
			err = m.w.Link(f)
		}
		if err != nil {
			for _, linked := range c.Pages.Files[:i] {
				m.w.Remove(linked)
			}
			if errors.Is(err, output.ErrChanged) {
				m.mu.Lock()
				m.changed[path] = true
				m.mu.Unlock()
			}
			return built{}, info, false
		}
	}
	m.mu.Lock()
	m.next.Notices[path] = c
	m.mu.Unlock()
	return built{n: notice.Restore(*c.Notice), problems: c.problems(), summary: c.summary(), sum: c.Sum}, info, true
}

// index returns the search index in the current output, when its pages
// may be reused.
func (m *diskMemory) index() prior {
	if !m.valid {
		return nil
	}
	x := diskIndex{out: m.out, w: m.w}
	if m.spare {
		x.spare = spareIndex(m.w)
	}
	return x
}

// racyWindow is how recent a source's modification time may be for its
// pages to be reused. File systems stamp times with a coarse clock: a file
// saved again within the same tick, at the same size, would look
// unchanged. A file changed that recently is rendered again next time (as
// git does with "racily clean" entries).
const racyWindow = 2 * time.Second

// record notes a notice rendered in this build, as read when info was
// taken: the paths of its files, not their bytes, which the renderer
// recycles.
func (m *diskMemory) record(path string, info fs.FileInfo, b built, files []file) {
	if info == nil {
		return
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.path
	}
	c := cachedNotice{Sum: b.sum}
	if b.n != nil {
		var err error
		if c.at, err = m.snapshots.put(m.spool, b.n.Snapshot()); err != nil {
			return // not remembered: rendered again next time
		}
		c.inSpool = true
	}
	if len(b.problems) > 0 {
		problems := b.problems
		c.Problems = &problems
	}
	if b.summary != (render.Summary{}) {
		sum := b.summary
		c.Summary = &sum
	}
	c.Pages = pages{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Files: paths,
		Unsure: time.Since(info.ModTime()) < racyWindow}
	m.mu.Lock()
	// Pages found changed after their build may still be in the folders
	// this build keeps as the spare, through hard links: the next build
	// must not keep them, but render the notice again.
	c.Pages.Unsure = c.Pages.Unsure || m.changed[path]
	m.next.Notices[path] = c
	m.dirty[shardOf(path)] = true
	m.mu.Unlock()
}

// summarized keeps the summary text of the notice at path, which the feed
// of this build shows, in the record: the next build carries it over with
// the notice. Those of the other notices are not kept (feed.go).
func (m *diskMemory) summarized(path, text string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.next.Notices[path]
	sum := c.summary()
	if !ok || sum.Text == text {
		return
	}
	sum.Text = text
	c.Summary = &sum
	m.next.Notices[path] = c
	m.dirty[shardOf(path)] = true
}

// save writes this build's record for the next build of out; kept says
// whether the last output was kept as the spare. A record that cannot be
// written only makes the next build a full one.
func (m *diskMemory) save(out string, kept bool) {
	if m.next == nil {
		return
	}
	next := m.next
	next.Marker = output.Identity(out)
	next.Listings = listings(m.w.Files(), next)
	if kept {
		next.Spare = m.cache.spareOf(next)
	}
	for path := range m.cache.Notices {
		if _, ok := next.Notices[path]; !ok {
			m.dirty[shardOf(path)] = true
		}
	}
	dir, err := recordDir(out)
	if err != nil {
		return
	}
	os.Remove(dir + ".gob") // the single file of earlier versions
	// A record that cannot be written leaves the last one, whose marker
	// is no longer the output's: the next build is then a full one.
	writeRecord(dir, next, m.cache.shards, m.dirty, m.spool)
}

// close removes the spool's file, if the build made one.
func (m *diskMemory) close() {
	if m.spool != nil {
		m.spool.close()
	}
}

// listings returns the files of an output that are no notice's pages.
func listings(files []string, c *buildCache) []string {
	pages := make(map[string]bool, len(files))
	for _, n := range c.Notices {
		for _, f := range n.Pages.Files {
			pages[f] = true
		}
	}
	files = slices.DeleteFunc(files, func(f string) bool { return pages[f] })
	slices.Sort(files)
	return files
}

// programDigest identifies the running program (version.Identity). When
// it cannot be read it is random, so that nothing is reused.
func programDigest() []byte {
	if d := version.Identity(); d != nil {
		return d
	}
	return []byte(rand.Text())
}

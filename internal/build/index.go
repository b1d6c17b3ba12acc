package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"disclose/internal/output"
	"disclose/internal/pool"
	"disclose/internal/render"
	"disclose/internal/search"
	"disclose/internal/site"
)

// prior is the search index an earlier build left, whose parts a build
// may carry over: the part of a year whose notices did not change
// (search.Year.Digest) is carried over as it was, not rebuilt. A build to
// disk links it from the output it replaces; the preview keeps it in
// memory. It is nil when nothing may be carried over.
type prior interface {
	// meta returns the index.json of the earlier build, or nil.
	meta() *search.Meta
	// carry puts the files of the part y into the new output, or fails.
	carry(y search.Year, emit render.Emit) error
}

// searchIndex writes the search index of s's published notices, year by
// year, GOMAXPROCS years at once; each entry's Sum is the SHA-256 of its
// notice's source. A year's part is carried over from old when its digest is
// unchanged, and built from the notices (their bodies read again from
// fsys) otherwise. A large year's postings wait in a file in scratch
// while it is built (search.Scratch). recycle says that emit keeps nothing
// of the bytes it is handed (keepsNothing).
func searchIndex(fsys fs.FS, s *render.Listing, old prior, scratch search.Scratch, recycle bool, emit render.Emit) error {
	years := s.Years()
	carried := map[int]search.Year{}
	if old != nil {
		if m := old.meta(); m != nil {
			for _, y := range m.Years {
				carried[y.Year] = y
			}
		}
	}
	parts := make([]search.Year, len(years))
	room := newRoom(indexedAtOnce)
	// A builder for each worker, which indexes a year in the memory of
	// the one before it; where emit keeps nothing of what it is handed
	// (recycle: keepsNothing), the builder makes the next file in the
	// bytes of the last (search.Builder).
	builders := make(chan *search.Builder, runtime.GOMAXPROCS(0))
	err := pool.Run(len(years), func(i int) error {
		var docs []*render.Entry
		for _, n := range s.InYear(years[i]) {
			if !n.Draft { // drafts are never indexed
				docs = append(docs, n)
			}
		}
		digest := yearDigest(docs)
		if y, ok := carried[years[i]]; ok && y.Digest == digest && old.carry(y, emit) == nil {
			parts[i] = y
			return nil
		}
		defer room.leave(room.enter(len(docs)))
		var b *search.Builder
		select {
		case b = <-builders:
		default:
			b = scratch.NewBuilder(recycle)
		}
		defer func() {
			select {
			case builders <- b:
			default:
			}
		}()
		var err error
		parts[i], err = buildYear(fsys, b, years[i], docs, digest, emit)
		return err
	})
	if err != nil {
		return err
	}
	parts = slices.DeleteFunc(parts, func(y search.Year) bool { return y.Docs == 0 })
	return emit(search.Dir+"index.json", search.MetaFile(parts))
}

// indexedAtOnce is how many notices the years indexed at the same time
// may have together. A year's index takes memory in proportion to its
// notices up to some 40 MB (search.Scratch spills the rest): a site of
// 100,000 notices has years of 8,000 and more, of which two at once
// would hold twice that while the listings are written too. Years of
// the size of a site of 10,000 notices (under a thousand) are still
// indexed GOMAXPROCS at once.
const indexedAtOnce = 4000

// room lets jobs of a total weight of at most size run at once; a job
// heavier than size runs alone.
type room struct {
	mu   sync.Mutex
	free sync.Cond
	size int
	used int
}

func newRoom(size int) *room {
	r := &room{size: size}
	r.free.L = &r.mu
	return r
}

// enter waits until a job of weight w may run, and returns the weight to
// hand to leave when it ends.
func (r *room) enter(w int) int {
	w = min(w, r.size)
	r.mu.Lock()
	defer r.mu.Unlock()
	for r.used+w > r.size {
		r.free.Wait()
	}
	r.used += w
	return w
}

// leave ends a job of weight w (enter's result).
func (r *room) leave(w int) {
	r.mu.Lock()
	r.used -= w
	r.mu.Unlock()
	r.free.Broadcast()
}

// yearDigest identifies what a year's part is made from: its notices'
// sources, in the order of the year's page, and the index's layout
// (search.Format), so that a part an older program wrote is rebuilt.
func yearDigest(docs []*render.Entry) string {
	h := sha256.New()
	// The lines "format F" and "path sum", written without fmt: a
	// rebuild digests every year's notices, ten thousand lines.
	line := append([]byte("format "), search.Format...)
	h.Write(append(line, '\n'))
	for _, n := range docs {
		line = append(append(append(line[:0], n.Path...), ' '), n.Sum...)
		h.Write(append(line, '\n'))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// buildYear indexes the notices of one year, reading their bodies again
// one at a time: the pipeline keeps front matter only. Each body alone is
// read (site.ReadBodyInto: open, read from its offset, close), into the
// memory of the one before: the index has let a doc's fields go by the
// time it asks for the next (search.BuildYear), and keeps no string cut
// from them (its words are copies).
func buildYear(fsys fs.FS, b *search.Builder, year int, notices []*render.Entry, digest string, emit render.Emit) (search.Year, error) {
	var buf []byte
	return b.BuildYear(year, len(notices), func(i int) (search.Doc, error) {
		n := notices[i]
		body, err := site.ReadBodyInto(fsys, n.Path, int(n.BodyOffset), buf)
		if errors.Is(err, site.ErrShorter) {
			return search.Doc{}, fmt.Errorf("%s: changed while the site was built; build again", n.Path)
		}
		if err != nil {
			return search.Doc{}, fmt.Errorf("%s: %w", n.Path, err)
		}
		buf = keepBuffer(buf, body)
		// The body is read as a string without a copy: buf is written
		// again only once the index has let this doc's fields go.
		return search.DocOf(n.Notice(), unsafe.String(unsafe.SliceData(body), len(body))), nil
	}, digest, emit)
}

// scratchOf is where a build with the memory m keeps a large year's
// postings while it indexes it: beside the output folder for a build to
// disk, on the file system the user gave it for the site (the staging
// folder is there too); in memory for the others, which write no folder.
func scratchOf(m memory) search.Scratch {
	if d, ok := m.(interface{ scratch() search.Scratch }); ok {
		return d.scratch()
	}
	return ""
}

// scratch is where a build to disk keeps a large year's postings.
func (m *diskMemory) scratch() search.Scratch { return search.Scratch(filepath.Dir(m.out)) }

// keepsNothing reports whether the emit of a build with the memory m
// keeps nothing of the bytes it is handed once it returns, so that what
// made them (the renderer, the index's builders) may make the next file
// in the same memory: a build to disk, whose emit (diskMemory.write)
// writes each file at once. The preview's keeps the index's files
// (memoryIndex.keep) and its pages.
func keepsNothing(m memory) bool {
	_, ok := m.(*diskMemory)
	return ok
}

// memoryIndex is the prior of the preview: the index files of its last
// run, kept as they were emitted (see keep).
type memoryIndex struct {
	mu    sync.Mutex
	files map[string][]byte
	m     *search.Meta
}

func newMemoryIndex() *memoryIndex { return &memoryIndex{files: map[string][]byte{}} }

func (x *memoryIndex) meta() *search.Meta { return x.m }

func (x *memoryIndex) carry(y search.Year, emit render.Emit) error {
	files := y.Files()
	data := make([][]byte, len(files))
	x.mu.Lock()
	for i, f := range files {
		data[i] = x.files[f]
	}
	x.mu.Unlock()
	for i, f := range files {
		if data[i] == nil {
			return fs.ErrNotExist
		}
		if err := emit(f, data[i]); err != nil {
			return err
		}
	}
	return nil
}

// keep returns an emit that keeps in x every index file it passes on.
func (x *memoryIndex) keep(emit render.Emit) render.Emit {
	return func(path string, data []byte) error {
		if strings.HasPrefix(path, search.Dir) {
			x.mu.Lock()
			x.files[path] = data
			if path == search.Dir+"index.json" {
				if m, err := search.ReadMeta(data); err == nil {
					x.m = &m
				}
			}
			x.mu.Unlock()
		}
		return emit(path, data)
	}
}

// diskIndex is the prior of a build to disk: the index in the output it
// replaces, whose files it links into the new one. When the staging folder
// is the reused spare, spare holds the parts of the spare's index, by
// year: a part the spare holds as the output does is kept where it is,
// at one look per file, instead of linked again.
type diskIndex struct {
	out   string
	w     *output.Writer
	spare map[int]search.Year
}

// spareIndex returns the parts of the index the reused spare w holds, as
// its build wrote them; nil when w is not a spare or its index.json was
// changed. It must be called before this build writes its index.json.
func spareIndex(w *output.Writer) map[int]search.Year {
	data, ok := w.Held(search.Dir + "index.json")
	if !ok {
		return nil
	}
	m, err := search.ReadMeta(data)
	if err != nil {
		return nil
	}
	parts := make(map[int]search.Year, len(m.Years))
	for _, y := range m.Years {
		parts[y.Year] = y
	}
	return parts
}

func (x diskIndex) meta() *search.Meta {
	data, err := os.ReadFile(filepath.Join(x.out, filepath.FromSlash(search.Dir+"index.json")))
	if err != nil {
		return nil
	}
	m, err := search.ReadMeta(data)
	if err != nil {
		return nil
	}
	return &m
}

func (x diskIndex) carry(y search.Year, _ render.Emit) error {
	files := y.Files()
	// The same part in the spare, under the same key, is the same bytes:
	// the part's digest names its notices' sources and the index's layout.
	// A file is kept only where it is the output's file itself (see
	// output.Writer.KeepLinked): the spare's own may have been changed
	// before the output's build, which would not have seen it.
	put := x.w.Link
	if s, ok := x.spare[y.Year]; ok && s == y {
		put = x.w.KeepLinked
	}
	for i, f := range files {
		if err := put(f); err != nil {
			for _, linked := range files[:i] {
				x.w.Remove(linked)
			}
			return err
		}
	}
	return nil
}

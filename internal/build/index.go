package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"disclose/internal/notice"
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
// year, GOMAXPROCS years at once; sums holds the SHA-256 of each notice's
// source. A year's part is carried over from old when its digest is
// unchanged, and built from the notices (their bodies read again from
// fsys) otherwise.
func searchIndex(fsys fs.FS, s *site.Site, sums map[*notice.Notice]string, old prior, emit render.Emit) error {
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
	err := pool.Run(len(years), func(i int) error {
		var docs []*notice.Notice
		for _, n := range s.InYear(years[i]) {
			if !n.Draft { // drafts are never indexed
				docs = append(docs, n)
			}
		}
		digest := yearDigest(docs, sums)
		if y, ok := carried[years[i]]; ok && y.Digest == digest && old.carry(y, emit) == nil {
			parts[i] = y
			return nil
		}
		var err error
		parts[i], err = buildYear(fsys, years[i], docs, digest, emit)
		return err
	})
	if err != nil {
		return err
	}
	parts = slices.DeleteFunc(parts, func(y search.Year) bool { return y.Docs == 0 })
	return emit(search.Dir+"index.json", search.MetaFile(parts))
}

// yearDigest identifies what a year's part is made from: its notices'
// sources, in the order of the year's page.
func yearDigest(docs []*notice.Notice, sums map[*notice.Notice]string) string {
	h := sha256.New()
	for _, n := range docs {
		fmt.Fprintf(h, "%s %s\n", n.Path, sums[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// buildYear indexes the notices of one year, reading their bodies again:
// the pipeline keeps front matter only.
func buildYear(fsys fs.FS, year int, notices []*notice.Notice, digest string, emit render.Emit) (search.Year, error) {
	docs := make([]search.Doc, len(notices))
	for i, n := range notices {
		src, _, err := site.ReadSource(fsys, n.Path)
		if err != nil {
			return search.Year{}, fmt.Errorf("%s: %w", n.Path, err)
		}
		if n.BodyOffset > len(src) {
			return search.Year{}, fmt.Errorf("%s: changed while the site was built; build again", n.Path)
		}
		docs[i] = searchDoc(n, string(src[n.BodyOffset:]))
	}
	return search.BuildYear(year, docs, digest, emit)
}

// searchDoc is what the index holds of n, whose body is body.
func searchDoc(n *notice.Notice, body string) search.Doc {
	in := n.Inspection
	unit := in.Organization
	if unit == "" {
		unit = in.Group
	}
	var stats strings.Builder
	for _, st := range n.Statistics {
		fmt.Fprintf(&stats, "%s%s%s；", st.Label, st.Value.Text, st.Unit)
	}
	return search.Doc{Path: n.URL(), Title: n.Title, Date: n.Date.Format("2006-01-02"), Unit: unit,
		Kind: in.Kind, Level: level(in), Round: in.Round,
		Fields: []string{in.Organization, in.Group, in.Round, stats.String(), body}}
}

// level is the level of the inspection, 中央, 省, 市 or 县, read from the
// names of its group and round ("省委第六巡视组", "十二届市委第二轮巡视");
// "" when they do not say. When the front matter gains a level of its own,
// this is the one place to read it.
func level(in notice.Inspection) string {
	for _, name := range []string{in.Group, in.Round} {
		switch {
		case strings.Contains(name, "中央"):
			return "中央"
		case strings.Contains(name, "省委") || strings.Contains(name, "自治区党委"):
			return "省"
		case strings.Contains(name, "市委") || strings.Contains(name, "州委") || strings.Contains(name, "盟委"):
			return "市"
		case strings.Contains(name, "县委") || strings.Contains(name, "区委") || strings.Contains(name, "旗委"):
			return "县"
		}
	}
	return ""
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
// replaces, whose files it links into the new one.
type diskIndex struct {
	out string
	w   *output.Writer
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
	for i, f := range files {
		if err := x.w.Link(f); err != nil {
			for _, linked := range files[:i] {
				x.w.Remove(linked)
			}
			return err
		}
	}
	return nil
}

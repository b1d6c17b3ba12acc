package build

// The build cache lets "disclose build" after a small change re-render only
// what the change touches. A build of an output folder leaves, in the
// user's cache folder (never in the output, which is published), a record
// of every notice it rendered: the source file's size and modification
// time, its front matter, its problems, its summary and the output files it
// produced. The next build of the same folder restores each unchanged
// notice from that record, its front matter already decoded, and
// hard-links its pages from the current output into the new one instead of
// rendering them; listings are always rendered again. Everything else a page depends
// on (the program, the site settings, the templates, --drafts) is in the
// record's key: when any of it changes, nothing is reused. The record is
// also tied to the output folder it describes by the modification time of
// the folder's marker file, so an output replaced by other means is never
// mistaken for it. The result is the same bytes a clean build writes; a
// test proves it after every kind of change.

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"disclose/internal/diag"
	"disclose/internal/notice"
	"disclose/internal/output"
	"disclose/internal/render"
	"disclose/internal/site"
)

// buildCache is what one build of an output folder leaves for the next.
type buildCache struct {
	Key     []byte // the program, settings, templates and options it was built with
	Marker  int64  // modification time (ns) of the output folder's marker
	Notices map[string]cachedNotice
}

type cachedNotice struct {
	Size, ModTime int64           // of the source file when it was read
	Notice        notice.Snapshot // as parsed, with the site's defaults, body dropped
	Problems      diag.List
	Summary       render.Summary
	Files         []string // the output files it produced
}

// cachePath is where the record of builds of out is kept.
func cachePath(out string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "disclose", hex.EncodeToString(sum[:12])+".gob"), nil
}

// openCache reads the record of the last build of out; an empty one when
// there is none or it cannot be read.
func openCache(out string) *buildCache {
	path, err := cachePath(out)
	if err != nil {
		return &buildCache{}
	}
	f, err := os.Open(path)
	if err != nil {
		return &buildCache{}
	}
	defer f.Close()
	c, err := readCache(bufio.NewReader(f), markerTime(out))
	if err != nil {
		return &buildCache{}
	}
	return c
}

// The record is written as a header, then one entry at a time, so that
// neither writing nor reading it holds the encoding of the whole record.
type cacheHeader struct {
	Key     []byte
	Marker  int64
	Notices int
}

type cacheEntry struct {
	Path   string
	Notice cachedNotice
}

// readCache reads a record; only its header when the output folder's
// marker is not the one it names (the folder was removed or replaced): it
// describes nothing then, and its entries would only take memory.
func readCache(r io.Reader, marker int64) (*buildCache, error) {
	dec := gob.NewDecoder(r)
	var h cacheHeader
	if err := dec.Decode(&h); err != nil {
		return nil, err
	}
	if h.Marker != marker {
		return &buildCache{Key: h.Key, Marker: h.Marker}, nil
	}
	c := &buildCache{Key: h.Key, Marker: h.Marker, Notices: make(map[string]cachedNotice, h.Notices)}
	for range h.Notices {
		var e cacheEntry
		if err := dec.Decode(&e); err != nil {
			return nil, err
		}
		c.Notices[e.Path] = e.Notice
	}
	return c, nil
}

func writeCache(w io.Writer, c *buildCache) error {
	enc := gob.NewEncoder(w)
	if err := enc.Encode(cacheHeader{c.Key, c.Marker, len(c.Notices)}); err != nil {
		return err
	}
	paths := slices.Sorted(maps.Keys(c.Notices))
	for _, p := range paths {
		if err := enc.Encode(cacheEntry{p, c.Notices[p]}); err != nil {
			return err
		}
	}
	return nil
}

// markerTime identifies the build that wrote the output folder out.
func markerTime(out string) int64 {
	info, err := os.Stat(filepath.Join(out, output.Marker))
	if err != nil {
		return -1
	}
	return info.ModTime().UnixNano()
}

// reuse carries unchanged notices over from the last build.
type reuse struct {
	cache *buildCache // the last build's record, then this build's
	w     *output.Writer
	valid bool // the last build's record describes the current output

	mu   sync.Mutex
	next *buildCache
}

// start computes the key of this build and says whether the last build's
// record may be used. It returns nil when re is nil.
func (re *reuse) start(settings *site.Settings, t *render.Templates, opts site.Options) *reuse {
	if re == nil {
		return nil
	}
	h := sha256.New()
	h.Write(programDigest())
	json.NewEncoder(h).Encode(settings)
	json.NewEncoder(h).Encode(opts)
	h.Write(t.Digest())
	key := h.Sum(nil)
	re.valid = bytes.Equal(key, re.cache.Key) && re.cache.Marker == markerTime(re.w.Dir())
	re.next = &buildCache{Key: key, Notices: map[string]cachedNotice{}}
	return re
}

// usable says whether the last build's record may be used: whether
// carry may carry a notice over.
func (re *reuse) usable() bool { return re != nil && re.valid }

// carry links the pages of the notice at path from the current output when
// its source has not changed, and returns it as the last build left it.
func (re *reuse) carry(p *pipeline, path string, info fs.FileInfo) (built, bool) {
	if re == nil || !re.valid || info == nil {
		return built{}, false
	}
	c, ok := re.cache.Notices[path]
	if !ok || c.Size != info.Size() || c.ModTime != info.ModTime().UnixNano() {
		return built{}, false
	}
	for i, f := range c.Files {
		if err := re.w.Link(f); err != nil {
			for _, linked := range c.Files[:i] {
				re.w.Remove(linked)
			}
			return built{}, false
		}
	}
	re.mu.Lock()
	re.next.Notices[path] = c
	re.mu.Unlock()
	return built{n: notice.Restore(c.Notice), problems: c.Problems, summary: c.Summary}, true
}

// racyWindow is how recent a source's modification time may be for it to
// be recorded. File systems stamp times with a coarse clock: a file saved
// again within the same tick, at the same size, would look unchanged. A
// file changed that recently is rendered again next time (as git does with
// "racily clean" entries).
const racyWindow = 2 * time.Second

// record notes a notice rendered in this build, as read when info was
// taken. Call it after the notice's body is dropped.
func (re *reuse) record(path string, info fs.FileInfo, b built, files []string) {
	if re == nil || info == nil || time.Since(info.ModTime()) < racyWindow {
		return
	}
	c := cachedNotice{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Notice: b.n.Snapshot(),
		Problems: b.problems, Summary: b.summary, Files: files}
	re.mu.Lock()
	re.next.Notices[path] = c
	re.mu.Unlock()
}

// save writes this build's record for the next build of out. A record that
// cannot be written only makes the next build a full one.
func (re *reuse) save(out string) {
	if re == nil || re.next == nil {
		return
	}
	re.next.Marker = markerTime(out)
	path, err := cachePath(out)
	if err != nil || os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	err = errors.Join(writeCache(w, re.next), w.Flush(), tmp.Close())
	if err != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
	}
}

// programDigest identifies the running program: its version control
// revision when it was built from a clean checkout, else its executable.
// When neither can be read it is random, so that nothing is reused.
func programDigest() []byte {
	if d := programIdentity(); d != nil {
		return d
	}
	return []byte(rand.Text())
}

func programIdentity() []byte {
	if info, ok := debug.ReadBuildInfo(); ok {
		var rev, modified string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" && modified == "false" {
			return []byte("revision " + rev)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil
	}
	return h.Sum(nil)
}

package build

// Where the build cache's record (cache.go) is kept: in the user's cache
// folder, a folder per output folder, holding head.gob (the program and
// settings key, the output and its spare, and the names of the other
// files) and the notices' entries in shards by path. A build after a small
// change writes again only the shards whose entries changed, and a build
// reads the shards in parallel: ten thousand entries take tens of
// milliseconds to decode, and writing them all again would take as long.
// A shard is written under a new name before the head names it, and the
// head is put in place by output.WriteCache, so a record is always whole:
// one that cannot be read in full (cut short, damaged, a shard missing) is
// not used at all and the build is a full one. That is also why nothing of
// it is synced to disk: a crash can only cost a full build, and two syncs
// cost every build some 30 ms on a real disk.

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"disclose/internal/notice"
	"disclose/internal/output"
	"disclose/internal/pool"
)

// shards is how many files the notices' entries are spread over.
const shards = 16

const headName = "head.gob"

type recordHead struct {
	Key      []byte
	Marker   string
	Listings []string
	Spare    spareRecord
	Shards   [shards]shardRef
}

// shardRef names the file of one shard; File is "" when it has no entries.
type shardRef struct {
	File    string
	Notices int
}

// cacheEntry is a notice's entry in a shard: its cachedNotice, without
// its Snapshot, which follows it in the shard as a value of its own, so
// that a build encodes it when it renders the notice (snapshotter).
type cacheEntry struct {
	Path   string
	Notice cachedNotice
}

// snapshotter encodes notices' snapshots as a shard holds them, each a
// gob message without the types (which the shard's first entry brings),
// and keeps them in a spool.
type snapshotter struct {
	mu  sync.Mutex
	buf bytes.Buffer
	enc *gob.Encoder
}

// newSnapshotter returns a snapshotter whose encoder has sent the types.
func newSnapshotter() *snapshotter {
	s := &snapshotter{}
	s.enc = gob.NewEncoder(&s.buf)
	s.enc.Encode(notice.Snapshot{})
	return s
}

// put encodes snap into sp.
func (s *snapshotter) put(sp *spool, snap notice.Snapshot) (spooled, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Reset()
	if err := s.enc.Encode(snap); err != nil {
		return spooled{}, err
	}
	return sp.put(s.buf.Bytes())
}

// shardOf is the shard of the notice at path.
func shardOf(path string) int {
	h := fnv.New32a()
	h.Write([]byte(path))
	return int(h.Sum32() % shards)
}

// recordDir is where the record of builds of out is kept.
func recordDir(out string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "disclose", hex.EncodeToString(sum[:12])), nil
}

// openCache reads the record of the last build of out, whose marker is
// output.Identity(out) (see readRecord); an empty one when there is none
// or it cannot be read in full.
func openCache(out, marker string) *buildCache {
	dir, err := recordDir(out)
	if err != nil {
		return &buildCache{}
	}
	c, err := readRecord(dir, marker)
	if err != nil {
		return &buildCache{}
	}
	return c
}

// readRecord reads the record in dir; only its head when the output
// folder's marker is not the one it names (the folder was removed or
// replaced): it describes nothing then, nor the spare, which it describes
// by how it differs, and its entries would only take time and memory.
func readRecord(dir, marker string) (*buildCache, error) {
	var h recordHead
	if err := decodeFile(filepath.Join(dir, headName), func(dec *gob.Decoder) error { return dec.Decode(&h) }); err != nil {
		return nil, err
	}
	if h.Marker != marker {
		return &buildCache{Key: h.Key, Marker: h.Marker}, nil
	}
	parts := make([]map[string]cachedNotice, shards)
	err := pool.Run(shards, func(i int) error {
		ref := h.Shards[i]
		parts[i] = make(map[string]cachedNotice, ref.Notices)
		if ref.File == "" {
			return nil
		}
		return decodeFile(filepath.Join(dir, filepath.Base(ref.File)), func(dec *gob.Decoder) error {
			for range ref.Notices {
				var e cacheEntry
				var snap notice.Snapshot
				if err := dec.Decode(&e); err != nil {
					return err
				}
				if err := dec.Decode(&snap); err != nil {
					return err
				}
				e.Notice.Notice = &snap
				parts[i][e.Path] = e.Notice
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	c := &buildCache{Key: h.Key, Marker: h.Marker, Listings: h.Listings, Spare: h.Spare, shards: h.Shards,
		Notices: make(map[string]cachedNotice)}
	for _, part := range parts {
		maps.Copy(c.Notices, part)
	}
	return c, nil
}

func decodeFile(path string, decode func(*gob.Decoder) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return decode(gob.NewDecoder(bufio.NewReaderSize(f, 1<<16)))
}

// writeRecord writes the record c into dir: the shards that dirty marks
// (or that old does not name) anew, then the head; then it removes the
// files the head no longer names.
func writeRecord(dir string, c *buildCache, old [shards]shardRef, dirty [shards]bool, sp *spool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	byShard := make([][]string, shards)
	for path := range c.Notices {
		i := shardOf(path)
		byShard[i] = append(byShard[i], path)
	}
	h := recordHead{Key: c.Key, Marker: c.Marker, Listings: c.Listings, Spare: c.Spare}
	// The shards to write again are encoded GOMAXPROCS at a time.
	err := pool.Run(shards, func(i int) error {
		paths := byShard[i]
		if !dirty[i] && old[i].Notices == len(paths) && (old[i].File != "" || len(paths) == 0) {
			h.Shards[i] = old[i]
			return nil
		}
		if len(paths) == 0 {
			return nil
		}
		slices.Sort(paths)
		name, err := encodeFile(dir, fmt.Sprintf("notices-%02d-*.gob", i), func(enc *gob.Encoder, w io.Writer) error {
			var buf []byte
			for _, p := range paths {
				n := c.Notices[p]
				snap := n.Notice
				n.Notice = nil
				if err := enc.Encode(cacheEntry{p, n}); err != nil {
					return err
				}
				if !n.inSpool {
					if snap == nil {
						snap = &notice.Snapshot{}
					}
					if err := enc.Encode(snap); err != nil {
						return err
					}
					continue
				}
				data, err := sp.get(n.at, &buf)
				if err != nil {
					return err
				}
				if _, err := w.Write(data); err != nil {
					return err
				}
			}
			return nil
		})
		h.Shards[i] = shardRef{File: name, Notices: len(paths)}
		return err
	})
	if err != nil { // the last record stays; the shards just written go
		for i, ref := range h.Shards {
			if ref.File != "" && ref != old[i] {
				os.Remove(filepath.Join(dir, ref.File))
			}
		}
		return err
	}
	var head bytes.Buffer
	if err := gob.NewEncoder(&head).Encode(h); err != nil {
		return err
	}
	if err := output.WriteCache(filepath.Join(dir, headName), head.Bytes()); err != nil {
		return err
	}
	return removeUnnamed(dir, h)
}

// encodeFile writes a new file in dir, named after pattern as
// os.CreateTemp does, and returns its name.
func encodeFile(dir, pattern string, encode func(enc *gob.Encoder, w io.Writer) error) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = errors.Join(encode(gob.NewEncoder(w), w), w.Flush(), f.Close())
	if err != nil {
		return "", errors.Join(err, os.Remove(f.Name()))
	}
	return filepath.Base(f.Name()), nil
}

// removeUnnamed removes the shards of earlier records from dir.
func removeUnnamed(dir string, h recordHead) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	named := map[string]bool{headName: true}
	for _, ref := range h.Shards {
		named[ref.File] = true
	}
	var errs []error
	for _, e := range entries {
		if !named[e.Name()] {
			errs = append(errs, os.Remove(filepath.Join(dir, e.Name())))
		}
	}
	return errors.Join(errs...)
}

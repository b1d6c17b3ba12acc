package build

import (
	"errors"
	"io"
	"os"
	"sync"
)

// spool keeps the bytes a build writes once, while it renders each notice,
// and reads back once all notices are rendered: each notice's line of
// notices.json (render.Entry.Spool) and its entry of the record
// (cachedNotice). They are written in chunks; the last chunks, up to
// resident bytes, stay in memory, and the older ones go to a file in dir,
// removed by close: a small site's build never writes the file, a large
// one's holds at most resident bytes of them in memory (issue 15, item
// 13: what a build holds of each notice must not grow with the site).
type spool struct {
	dir      string
	resident int // the most bytes kept in memory

	mu      sync.Mutex
	chunks  []chunk
	held    int // bytes of the chunks in memory
	file    *os.File
	unnamed bool  // the file's name is already removed
	size    int64 // of the file
	err     error // of the file, once it failed
}

// chunk is part of a spool: in memory (data), or in the file at base.
type chunk struct {
	data []byte
	base int64
}

// chunkSize is the size of a chunk, but for one that holds a single
// larger piece.
const chunkSize = 1 << 20

// spoolResident is how many bytes a build's spool keeps in memory: the
// lines and record entries of some 5,000 notices of the corpus
// (bench/corpus), of 10,000 tiny ones (-tiny).
const spoolResident = 8 << 20

func newSpool(dir string, resident int) *spool { return &spool{dir: dir, resident: resident} }

// spooled is where put kept a piece: its chunk, offset and size.
type spooled struct {
	chunk, off, size int32
}

// packed is at as render.Entry keeps it, with its size apart.
func (at spooled) packed() uint64 { return uint64(at.chunk)<<32 | uint64(uint32(at.off)) }

// unpack is the spooled of a packed place and a size.
func unpack(at uint64, size int) spooled {
	return spooled{chunk: int32(at >> 32), off: int32(uint32(at)), size: int32(size)}
}

// putLine is put for render.Entry.Spool.
func (s *spool) putLine(line []byte) (uint64, error) {
	at, err := s.put(line)
	return at.packed(), err
}

// getLine is get for render.Listing.Items.
func (s *spool) getLine(at uint64, size int, buf *[]byte) ([]byte, error) {
	return s.get(unpack(at, size), buf)
}

// put keeps data and returns where.
func (s *spool) put(data []byte) (spooled, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return spooled{}, s.err
	}
	last := len(s.chunks) - 1
	if last < 0 || s.chunks[last].data == nil || len(s.chunks[last].data)+len(data) > cap(s.chunks[last].data) {
		size := max(chunkSize, len(data))
		s.chunks = append(s.chunks, chunk{data: make([]byte, 0, size)})
		s.held += size
		last++
		if err := s.spill(); err != nil {
			return spooled{}, err
		}
	}
	c := &s.chunks[last]
	at := spooled{chunk: int32(last), off: int32(len(c.data)), size: int32(len(data))}
	c.data = append(c.data, data...) // within its capacity: what get handed out stays
	return at, nil
}

// spill writes the oldest chunks in memory to the file, but the last, while
// more than resident bytes are in memory.
func (s *spool) spill() error {
	for i := range len(s.chunks) - 1 {
		if s.held <= s.resident {
			return nil
		}
		c := &s.chunks[i]
		if c.data == nil {
			continue
		}
		if s.file == nil {
			f, err := os.CreateTemp(s.dir, ".disclose-spool-*")
			if err != nil {
				s.err = err
				return err
			}
			s.file = f
			// Where the system lets an open file lose its name (Linux,
			// macOS), it goes at once: a build killed while it spools
			// leaves nothing beside the output. Elsewhere close removes it.
			s.unnamed = os.Remove(f.Name()) == nil
		}
		if _, err := s.file.WriteAt(c.data, s.size); err != nil {
			s.err = err
			return err
		}
		s.held -= cap(c.data)
		n := len(c.data)
		c.base, c.data = s.size, nil
		s.size += int64(n)
	}
	return nil
}

// get returns the piece at: the spool's own memory, which the caller must
// not change, or, when it is in the file, *buf, grown to hold it.
func (s *spool) get(at spooled, buf *[]byte) ([]byte, error) {
	s.mu.Lock()
	c := s.chunks[at.chunk]
	f := s.file
	s.mu.Unlock()
	if c.data != nil {
		return c.data[at.off : at.off+at.size : at.off+at.size], nil
	}
	if cap(*buf) < int(at.size) {
		*buf = make([]byte, at.size)
	}
	data := (*buf)[:at.size]
	if _, err := f.ReadAt(data, c.base+int64(at.off)); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return data, nil
}

// close removes the spool's file.
func (s *spool) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chunks, s.held = nil, 0
	if s.file == nil {
		return nil
	}
	err := s.file.Close()
	if !s.unnamed {
		err = errors.Join(err, os.Remove(s.file.Name()))
	}
	s.file = nil
	return err
}

// spoolOf is the spool of the memory m, or nil: a build to disk has one,
// Run and the preview keep what they spool in memory.
func spoolOf(m memory) *spool {
	if d, ok := m.(interface{ spooled() *spool }); ok {
		return d.spooled()
	}
	return nil
}

func (m *diskMemory) spooled() *spool { return m.spool }

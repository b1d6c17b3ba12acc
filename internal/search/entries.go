package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"os"
	"slices"
	"strings"
)

// A year's postings are gathered group by group (yearIndex.flush) but
// written term by term, chunk by chunk. Between the two they wait as
// entries: one for each term that a group of GroupSize docs holds, coded
// as the files will need them,
//
//	uint32(length of the rest, little-endian), so that the entries are
//	    read from one to the next without decoding them
//	uvarint(term id) uvarint(group)
//	for a term with slots: uint32(length, little-endian), the group's
//	    slots as the p file holds them (postings.go)
//	byte(docs in the group - 1), then for each doc: byte(doc - group's
//	    first doc) and, for a term with slots, uvarint(count)
//
// in one of `parts` parts by the term's hash, so that a chunk (whose terms
// are those of one hash modulo the number of chunks, a power of two) is
// made from whole parts, a term's entries in the order of its groups.
// The entries are most of a year's index: in a large year they are moved
// to a file as they grow (spillAt), so that the memory a year takes does
// not grow with its number of notices. The file is removed as soon as it
// is made, so a build that is killed leaves nothing behind where the
// system allows it (not Windows: there it is removed when closed).

// parts is the number of parts of a year's entries: a power of two.
const parts = 64

// spillAt is how many bytes of entries a year holds in memory, when it may
// spill them, before it moves them to its file.
const spillAt = 8 << 20

// entries holds a year's entries, part by part.
type entries struct {
	dir     string // where the file may be made; "" keeps all in memory
	limit   int    // spillAt, but in tests
	part    [parts][]byte
	held    int // bytes in part
	file    *os.File
	name    string // of file, "" once removed
	size    int64  // of file
	spilled [parts][]span
}

// span is where a piece of a part is in the file.
type span struct {
	off int64
	n   int
}

func newEntries(dir string) entries { return entries{dir: dir, limit: spillAt} }

// begin returns the buffer to append an entry of a term of hash to; end
// takes it back with the entry.
func (e *entries) begin(hash uint32) []byte { return e.part[hash%parts] }

func (e *entries) end(hash uint32, b []byte) {
	j := hash % parts
	e.held += len(b) - len(e.part[j])
	e.part[j] = b
}

// expect gives each part the room that groups groups like those read so
// far need, or what it holds before it spills when that is less.
func (e *entries) expect(groups int) {
	for j, b := range e.part {
		size := len(b) * groups * 9 / 8
		if e.dir != "" {
			size = min(size, e.limit/parts*5/4)
		}
		if size > len(b) {
			e.part[j] = slices.Grow(b, size-len(b))
		}
	}
}

// grouped is called after each group: it moves the entries to the file
// once they are more than limit bytes, and the year may spill.
func (e *entries) grouped() error {
	if e.dir == "" || e.held < e.limit {
		return nil
	}
	if e.file == nil {
		f, err := os.CreateTemp(e.dir, ".disclose-index-*")
		if err != nil {
			return fmt.Errorf("无法在 %[1]s 写入搜索索引的临时文件; cannot write the search index's temporary file in %[1]s: %[2]w", e.dir, err)
		}
		e.file, e.name = f, f.Name()
		if os.Remove(e.name) == nil {
			e.name = ""
		}
	}
	for j := range e.part {
		b := e.part[j]
		if len(b) == 0 {
			continue
		}
		if _, err := e.file.WriteAt(b, e.size); err != nil {
			return fmt.Errorf("无法在 %[1]s 写入搜索索引的临时文件; cannot write the search index's temporary file in %[1]s: %[2]w", e.dir, err)
		}
		e.spilled[j] = append(e.spilled[j], span{e.size, len(b)})
		e.size += int64(len(b))
		e.part[j] = b[:0]
	}
	e.held = 0
	return nil
}

// load appends the entries of part j to dst, and empties the part: each
// part is loaded once.
func (e *entries) load(j int, dst []byte) ([]byte, error) {
	if len(dst) == 0 && len(e.spilled[j]) == 0 {
		// The part's buffer and dst's change places, so that both
		// may serve again (Builder).
		dst, e.part[j] = e.part[j], dst[:0]
		return dst, nil
	}
	for _, s := range e.spilled[j] {
		dst = slices.Grow(dst, s.n)
		if _, err := e.file.ReadAt(dst[len(dst):len(dst)+s.n], s.off); err != nil {
			return dst, err
		}
		dst = dst[:len(dst)+s.n]
	}
	e.spilled[j] = nil
	dst = append(dst, e.part[j]...)
	e.part[j] = e.part[j][:0]
	return dst, nil
}

// close closes and removes the file, if any.
func (e *entries) close() {
	if e.file != nil {
		e.file.Close()
		if e.name != "" {
			os.Remove(e.name)
		}
		e.file, e.name = nil, ""
	}
}

var errEntries = errors.New("search: the year's entries are damaged")

// assembler makes chunk files from the entries of their terms.
type assembler struct {
	y       *yearIndex
	n       int     // the year's number of chunks
	recycle bool    // emitC and emitP keep nothing: c and p may be used again
	local   []int32 // by term id: its index in ids, -1 when data has none
	data    []byte  // the entries of the chunks being made
	// Of the terms of data, by local index: the term id, how many
	// entries, where its entries start in at.
	ids, count, from []int32
	order            []int32 // the local indexes, by chunk, then text
	offs, own, at    []int32 // the entries' offsets in data, their terms; the offsets by term
	c, p, d          []byte
	lens             []int // of the groups' slots of the term being made
}

// entryEnd returns the offset of the end of the entry at off in data, and
// its term id.
func entryEnd(data []byte, off int, terms []term) (int, int32, error) {
	if off+4 > len(data) {
		return 0, 0, errEntries
	}
	end := off + 4 + int(binary.LittleEndian.Uint32(data[off:]))
	if end > len(data) {
		return 0, 0, errEntries
	}
	id, n := binary.Uvarint(data[off+4 : end])
	if n <= 0 || id >= uint64(len(terms)) {
		return 0, 0, errEntries
	}
	return end, int32(id), nil
}

// assemble makes the chunks ks, in order, from the entries in a.data,
// which hold every term of those chunks, and hands each to emitC, then
// their slots, the slots file f, to emitP.
func (a *assembler) assemble(ks []int, f int, emitC func(k int, docs []byte) error, emitP func(f int, slots []byte) error) error {
	terms := a.y.terms
	data := a.data
	a.ids, a.count, a.offs, a.own = a.ids[:0], a.count[:0], a.offs[:0], a.own[:0]
	for off := 0; off < len(data); {
		end, id, err := entryEnd(data, off, terms)
		if err != nil {
			return err
		}
		l := a.local[id]
		if l < 0 {
			l = int32(len(a.ids))
			a.local[id] = l
			a.ids = append(a.ids, id)
			a.count = append(a.count, 0)
		}
		a.count[l]++
		a.offs = append(a.offs, int32(off))
		a.own = append(a.own, l)
		off = end
	}
	defer func() {
		for _, id := range a.ids {
			a.local[id] = -1
		}
	}()
	// The entries by term, each term's in the order of its groups (a
	// counting sort).
	a.from = slices.Grow(a.from[:0], len(a.ids))[:len(a.ids)]
	next := int32(0)
	for l, c := range a.count {
		a.from[l] = next
		next += c
	}
	a.at = slices.Grow(a.at[:0], len(a.offs))[:len(a.offs)]
	fill := slices.Clone(a.from)
	for i, off := range a.offs {
		l := a.own[i]
		a.at[fill[l]] = off
		fill[l]++
	}
	// The terms by chunk, then by text.
	a.order = a.order[:0]
	for l := range a.ids {
		a.order = append(a.order, int32(l))
	}
	n := uint32(a.n)
	slices.SortFunc(a.order, func(x, z int32) int {
		tx, tz := &terms[a.ids[x]], &terms[a.ids[z]]
		if kx, kz := tx.hash%n, tz.hash%n; kx != kz {
			return int(kx) - int(kz)
		}
		return strings.Compare(tx.text, tz.text)
	})
	i := 0
	a.p = a.p[:0]
	for _, k := range ks {
		a.c = a.c[:0]
		for ; i < len(a.order) && int(terms[a.ids[a.order[i]]].hash%n) == k; i++ {
			l := a.order[i]
			if err := a.term(&terms[a.ids[l]], a.at[a.from[l]:a.from[l]+a.count[l]]); err != nil {
				return err
			}
		}
		if err := emitC(k, a.handed(a.c)); err != nil {
			return err
		}
	}
	if i != len(a.order) {
		return errEntries
	}
	return emitP(f, a.handed(a.p))
}

// handed returns b to hand to emit: b itself when emit keeps nothing, else
// a copy.
func (a *assembler) handed(b []byte) []byte {
	if a.recycle {
		return b
	}
	return append([]byte{}, b...)
}

// term appends the postings of t, whose entries are at offs in a.data, to
// the chunk being made. The codes of its docs and counts are written in
// line (those of at most 32 bits; postings.go), into room made first.
func (a *assembler) term(t *term, offs []int32) error {
	data := a.data
	d := binary.AppendUvarint(a.d[:0], uint64(t.docs))
	kDoc := riceK(int64(t.last+1-t.docs), int(t.docs))
	d = append(d, kDoc)
	kk := uint64(min(kDoc, 33)) // above 32, every code long
	// A doc's code is q ones, a zero and kDoc bits, the qs summing to
	// at most its gaps' sum >> kDoc; a count's, at most 127 bits.
	room := (uint64(t.last+1-t.docs)>>kk + uint64(t.docs)*(kk+1)) / 8
	if t.pos {
		room += uint64(t.docs) * 16
	}
	d = slices.Grow(d, int(room)+24) // codeDocs stores 8 bytes at a time
	w := bitWriter{buf: d}
	acc, n := uint64(0), uint(0)
	out, at := d[:cap(d)], len(d)
	from := len(a.p)
	a.lens = a.lens[:0]
	prev := -1
	for _, o := range offs {
		off := int(o) + 4 // after the entry's length
		_, m := binary.Uvarint(data[off:])
		off += m
		group, m := binary.Uvarint(data[off:])
		off += m
		if t.pos {
			size := int(binary.LittleEndian.Uint32(data[off:]))
			off += 4
			a.p = append(a.p, data[off:off+size]...)
			a.lens = append(a.lens, size)
			off += size
		}
		docs := int(data[off]) + 1
		off++
		for docs > 0 {
			// Most docs by codeDocs; one whose codes are long (or
			// short of room) by a bitWriter, which grows out if need
			// be.
			var i int
			i, off, prev, at, acc, n = codeDocs(data, off, docs, int(group), prev, t.pos, out, at, acc, n, uint(kk))
			if docs -= i; docs == 0 {
				break
			}
			doc := int(group)*GroupSize + int(data[off])
			off++
			w.acc, w.n, w.buf = acc, n, out[:at]
			w.riceLong(uint64(doc-prev-1), kDoc)
			prev = doc
			if t.pos {
				count, m := binary.Uvarint(data[off:])
				off += m
				w.gamma(count)
			}
			acc, n, out, at = w.acc, w.n, w.buf[:cap(w.buf)], len(w.buf)
			docs--
		}
	}
	w.acc, w.n, w.buf = acc, n, out[:at]
	if prev != int(t.last) {
		return errEntries
	}
	a.d = w.bytes()
	c := binary.AppendUvarint(a.c, uint64(len(t.text)))
	c = append(c, t.text...)
	c = binary.AppendUvarint(c, uint64(len(a.d)))
	c = append(c, a.d...)
	if t.pos {
		c = binary.AppendUvarint(c, uint64(from))
		c = binary.AppendUvarint(c, uint64(len(a.lens)))
		for _, g := range a.lens {
			c = binary.AppendUvarint(c, uint64(g))
		}
	}
	a.c = c
	return nil
}

// codeDocs writes to out from at the codes of the m docs of an entry of
// the group group (entries.go), from data[off:] on, the doc before them
// prev: for each, the Rice code, parameter k (at most 32), of its gap
// less one and, for a term with slots (pos), the gamma code of its count;
// while the first is at most 32 bits long, the count less than 128 and
// out has 8 bytes of room after at. acc holds the n < 32 bits not yet
// written, at its low end. It returns how many docs it wrote, and off,
// prev, at, acc and n after them. Each doc's codes are written without a
// branch, as riceSlots writes its codes: 8 bytes from at, of which at
// then passes the whole bytes. It calls nothing and is not inlined, so
// that its loop's values stay in registers.
//
//go:noinline
func codeDocs(data []byte, off, m, group, prev int, pos bool, out []byte, at int, acc uint64, n uint, k uint) (int, int, int, int, uint64, uint) {
	k &= 63
	mask := uint64(1)<<k - 1
	hi := uint64(2) << k
	base := group * GroupSize
	// Fewer than 8 bits pending, so that a doc's codes (at most 32 and
	// 13 bits) fit in acc with them.
	for ; n >= 8 && at < len(out); at++ {
		n -= 8
		out[at] = byte(acc >> (n & 63))
	}
	for i := range m {
		doc := base + int(data[off])
		v := uint64(doc - prev - 1)
		l := v>>k + 1 + uint64(k)
		if l > 32 || at+8 > len(out) || n >= 8 {
			return i, off, prev, at, acc, n
		}
		var c uint64
		if pos {
			if c = uint64(data[off+1]); c >= 0x80 || c == 0 {
				return i, off, prev, at, acc, n
			}
		}
		off++
		prev = doc
		acc = (acc+1)<<(l&63) - hi + v&mask // acc<<l | (1<<l - hi) | v&mask
		n += uint(l)
		if pos {
			off++
			lc := uint(bits.Len64(c))*2 - 1 // l-1 zeros, then c's l bits
			acc = acc<<(lc&63) | c
			n += lc // at most 7 + 32 + 13
		}
		binary.BigEndian.PutUint64(out[at:at+8], acc<<((64-n)&63))
		at += int(n >> 3)
		n &= 7
	}
	return m, off, prev, at, acc, n
}

package search

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"slices"
)

// The postings of a term are written in as few bits as a static index
// can afford, since they are most of what a reader downloads: Rice codes
// for the gaps between docs and between slots, each with its parameter
// chosen from the mean gap, and Elias gamma codes for counts. They come
// in two parts, so that a query of one term (a bigram, a word, one
// character) downloads the docs alone, and the slots in parts
// by groups of GroupSize docs, so that a phrase is checked in a few docs
// without the slots of the others:
//
//	docs:  varint(docs) byte(kDoc), then bits: for each doc,
//	       rice(doc - previous doc - 1, kDoc) (previous -1 to start), and
//	       for a term with slots, gamma(count)
//	slots: for each group of docs (doc / GroupSize) that holds the term,
//	       in order, on whole bytes: byte(kSlot), then bits: for each of
//	       its docs, rice(slot - previous slot - 1, kSlot) for each of its
//	       slots (previous -1 to start); a "~" term has none
//
// Bits are written from the high bit of each byte down; each part's last
// byte is padded with zeros. The c file gives the length of each group's
// part (yearIndex.chunks).

// positional reports whether a term has slots: all but the "~" terms.
func positional(term string) bool { return term == "" || term[0] != '~' }

// riceK is the Rice parameter for n gaps summing to sum.
func riceK(sum int64, n int) byte {
	if n == 0 || sum <= int64(n) {
		return 0
	}
	mean := uint64(sum) / uint64(n)
	return byte(bits.Len64(mean * 69 / 100)) // log2(0.69 mean), rounded up
}

type bitWriter struct {
	buf []byte
	acc uint64 // the bits not yet in buf, at the low end
	n   uint   // how many: fewer than 32
}

// put writes the n ≤ 32 low bits of v, high bit first.
func (w *bitWriter) put(v uint64, n uint) {
	w.acc = w.acc<<n | v&(1<<n-1)
	if w.n += n; w.n >= 32 {
		w.spill()
	}
}

// spill moves 32 bits of acc to buf.
func (w *bitWriter) spill() {
	w.n -= 32
	w.buf = binary.BigEndian.AppendUint32(w.buf, uint32(w.acc>>w.n))
}

// putLong writes the n ≤ 64 low bits of v.
func (w *bitWriter) putLong(v uint64, n uint) {
	if n > 32 {
		w.put(v>>32, n-32)
		n = 32
	}
	w.put(v, n)
}

// riceRuns appends to b the Rice codes, parameter k, of the slots of a
// term's runs in a group, run after run, each run's in order: the first
// slot, then each gap less one, the gaps summing to sum over the n slots;
// the last byte padded with zeros. This is most of a year's codes: those
// of at most 32 bits are written by riceSlots, into room made first.
func riceRuns(b []byte, slots []uint32, runs []run, k byte, sum int64, n int) []byte {
	kk := uint(min(k, 33)) // above 32, every code long
	// A code is q ones, a zero and k bits, the qs summing to at most
	// sum >> k; riceSlots stores 8 bytes at a time.
	b = slices.Grow(b, int(uint64(sum)>>kk)/8+n*int(kk+1)/8+24)
	// The codes go to out from at, the bits not yet written in acc (m
	// of them): kept in locals, not in a bitWriter, between the calls.
	out, at := b[:cap(b)], len(b)
	var acc uint64
	var m uint
	for _, r := range runs {
		occ := slots[r.at : r.at+r.n]
		var i int
		at, acc, m, i = riceSlots(occ, 1<<32-1, out, at, acc, m, kk) // the first slot's gap is the slot
		if i < len(occ) {
			out, at, acc, m = riceRest(occ, i, k, kk, out, at, acc, m)
		}
	}
	w := bitWriter{buf: out[:at], acc: acc, n: m}
	return w.bytes()
}

// riceRest writes the codes of a run's slots occ from i on, where
// riceSlots stopped at a code longer than 32 bits (or short of room in
// out); as riceSlots, for kk = min(k, 33). It returns out (grown, were it
// short of room) and at, acc and m after them.
func riceRest(occ []uint32, i int, k byte, kk uint, out []byte, at int, acc uint64, m uint) ([]byte, int, uint64, uint) {
	w := bitWriter{buf: out[:at], acc: acc, n: m}
	for i < len(occ) {
		// A code longer than 32 bits.
		prev := uint32(1<<32 - 1)
		if i > 0 {
			prev = occ[i-1]
		}
		w.riceLong(uint64(occ[i]-prev-1), k)
		buf := w.buf[:cap(w.buf)]
		var j int
		at, w.acc, w.n, j = riceSlots(occ[i+1:], occ[i], buf, len(w.buf), w.acc, w.n, kk)
		w.buf = buf[:at]
		i += 1 + j
	}
	return w.buf[:cap(w.buf)], len(w.buf), w.acc, w.n
}

// riceSlots writes to out from at the Rice codes, parameter k (at most
// 32), of the gaps less one between the slots occ, the first counted from
// prev, while they are at most 32 bits long and out has 8 bytes of room
// after at: acc holds the m < 32 bits not yet written, at its low end. It
// returns at, acc and m after them (m < 8 once it wrote a code), and the
// index in occ of the first it did not write (len(occ) when it wrote them
// all). Each code is written without a branch: the bits pending, 8 bytes
// from at, of which at then passes the whole bytes (the next store writes
// the rest again); the test whether 32 bits were pending, which it
// replaced, was mispredicted at one slot in four. It calls nothing and is
// not inlined, so that its loop's values stay in registers.
//
//go:noinline
func riceSlots(occ []uint32, prev uint32, out []byte, at int, acc uint64, m uint, k uint) (int, uint64, uint, int) {
	k &= 63
	mask := uint64(1)<<k - 1
	hi := uint64(2) << k
	for i, o := range occ {
		v := uint64(o - prev - 1)
		l := v>>k + 1 + uint64(k)
		if l > 32 || at+8 > len(out) {
			return at, acc, m, i
		}
		prev = o
		acc = (acc+1)<<(l&63) - hi + v&mask // acc<<l | (1<<l - hi) | v&mask
		m += uint(l)                        // at most 63
		binary.BigEndian.PutUint64(out[at:at+8], acc<<((64-m)&63))
		at += int(m >> 3)
		m &= 7
	}
	return at, acc, m, len(occ)
}

// riceLong writes the Rice code, parameter k, of v, however long.
func (w *bitWriter) riceLong(v uint64, k byte) {
	q := v >> k
	for ; q > 31; q -= 31 {
		w.put(1<<31-1, 31)
	}
	w.put((1<<q-1)<<1, uint(q)+1) // q ones, a zero
	w.putLong(v, uint(k))
}

// gamma writes v ≥ 1.
func (w *bitWriter) gamma(v uint64) {
	n := uint(bits.Len64(v))
	if n > 16 {
		w.put(0, n-1)
		w.putLong(v, n)
		return
	}
	w.put(v, 2*n-1) // n-1 zeros, then v's n bits
}

// bytes returns what was written, padded with zeros to a whole byte.
func (w *bitWriter) bytes() []byte {
	for w.n >= 8 {
		w.n -= 8
		w.buf = append(w.buf, byte(w.acc>>w.n))
	}
	if w.n > 0 {
		w.buf = append(w.buf, byte(w.acc<<(8-w.n)))
	}
	w.n = 0
	return w.buf
}

// Occurrence is one place a term is found: its doc, and its slot (-1 for
// a "~" term).
type Occurrence struct{ Doc, Slot int }

var errPostings = errors.New("search: bad postings")

// Decode reads the postings of term from its two parts, as search.js
// does: docs, and slots with the length of each group's part in groups.
// slots is not read for a "~" term, nor when nil: the occurrences then
// have slot -1, one per doc.
func Decode(term string, docs, slots []byte, groups []int) ([]Occurrence, error) {
	n, k := binary.Uvarint(docs)
	if k <= 0 || len(docs) == k || n > uint64(len(docs))*8 {
		return nil, errPostings
	}
	kDoc := docs[k]
	r := bitReader{data: docs[k+1:]}
	withSlots := positional(term) && slots != nil
	var s bitReader
	var kSlot byte
	group, g, at := -1, -1, 0 // the group read, its index in groups, its offset in slots
	var out []Occurrence
	doc := -1
	for range n {
		doc += int(r.rice(kDoc)) + 1
		var c uint64 = 1
		if positional(term) {
			c = r.gamma()
		}
		if r.err != nil {
			return nil, errPostings
		}
		if !withSlots {
			out = append(out, Occurrence{doc, -1})
			continue
		}
		if doc/GroupSize != group {
			if g >= 0 {
				at += groups[g]
			}
			g++
			if g >= len(groups) || groups[g] < 1 || at+groups[g] > len(slots) {
				return nil, errPostings
			}
			group = doc / GroupSize
			kSlot, s = slots[at], bitReader{data: slots[at+1 : at+groups[g]]}
		}
		slot := -1
		for i := uint64(0); i < c && s.err == nil; i++ {
			slot += int(s.rice(kSlot)) + 1
			out = append(out, Occurrence{doc, slot})
		}
		if s.err != nil {
			return nil, errPostings
		}
	}
	if withSlots && (g != len(groups)-1 || at+groups[max(g, 0)] != len(slots)) && n > 0 {
		return nil, errPostings
	}
	return out, r.err
}

type bitReader struct {
	data []byte
	at   uint // bit offset
	err  error
}

func (r *bitReader) bit() uint64 {
	if r.at >= uint(len(r.data))*8 {
		r.err = errPostings
		return 0
	}
	b := r.data[r.at>>3] >> (7 - r.at&7) & 1
	r.at++
	return uint64(b)
}

func (r *bitReader) bitsOf(n uint) uint64 {
	var v uint64
	for range n {
		v = v<<1 | r.bit()
	}
	return v
}

func (r *bitReader) rice(k byte) uint64 {
	var q uint64
	for r.bit() == 1 && r.err == nil {
		q++
	}
	return q<<k | r.bitsOf(uint(k))
}

func (r *bitReader) gamma() uint64 {
	n := uint(0)
	for r.bit() == 0 && r.err == nil && n < 64 {
		n++
	}
	if r.err != nil || n >= 64 {
		r.err = errPostings
		return 1
	}
	return 1<<n | r.bitsOf(n)
}

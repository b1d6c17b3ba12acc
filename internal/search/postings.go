package search

import (
	"encoding/binary"
	"errors"
	"math/bits"
)

// The postings of a term are written in as few bits as a static index
// can afford, since they are most of what a reader downloads: Rice codes
// for the gaps between docs and between slots, each with its parameter
// chosen from the term's mean gap, and Elias gamma codes for counts and
// first slots. The layout:
//
//	varint(docs) byte(kDoc) [byte(kSlot)]   the second only for a term with slots
//	bits: for each doc, rice(doc - previous doc - 1, kDoc) (previous -1 to
//	      start); for a term with slots, then gamma(count),
//	      gamma(first slot + 1), and rice(slot - previous slot - 1, kSlot)
//	      for each further slot
//
// Bits are written from the high bit of each byte down; the last byte is
// padded with zeros.

// positional reports whether a term has slots: all but the "~" terms.
func positional(term string) bool { return term == "" || term[0] != '~' }

func (p *posting) encode() []byte {
	var w bitWriter
	out := binary.AppendUvarint(nil, uint64(len(p.docs)))
	kDoc := riceK(int64(p.docs[len(p.docs)-1]+1-int32(len(p.docs))), len(p.docs))
	out = append(out, kDoc)
	kSlot := byte(0)
	if positional(p.term) {
		var sum int64
		gaps := 0
		at := 0
		for _, c := range p.counts {
			for i := 1; i < int(c); i++ {
				sum += int64(p.slots[at+i] - p.slots[at+i-1] - 1)
				gaps++
			}
			at += int(c)
		}
		kSlot = riceK(sum, gaps)
		out = append(out, kSlot)
	}
	prev, at := int32(-1), 0
	for i, d := range p.docs {
		w.rice(uint64(d-prev-1), kDoc)
		prev = d
		if !positional(p.term) {
			continue
		}
		c := int(p.counts[i])
		w.gamma(uint64(c))
		w.gamma(uint64(p.slots[at]) + 1)
		for j := at + 1; j < at+c; j++ {
			w.rice(uint64(p.slots[j]-p.slots[j-1]-1), kSlot)
		}
		at += c
	}
	return append(out, w.bytes()...)
}

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
	n   uint   // how many
}

// put writes the n ≤ 56 low bits of v, high bit first.
func (w *bitWriter) put(v uint64, n uint) {
	w.acc = w.acc<<n | v&(1<<n-1)
	for w.n += n; w.n >= 8; {
		w.n -= 8
		w.buf = append(w.buf, byte(w.acc>>w.n))
	}
}

func (w *bitWriter) rice(v uint64, k byte) {
	q := v >> k
	for ; q > 48; q -= 48 {
		w.put(1<<48-1, 48)
	}
	w.put((1<<q-1)<<1, uint(q)+1) // q ones, a zero
	w.put(v, uint(k))
}

// gamma writes v ≥ 1.
func (w *bitWriter) gamma(v uint64) {
	n := uint(bits.Len64(v))
	if n > 28 {
		w.put(0, n-1)
		w.put(v>>28, n-28)
		w.put(v, 28)
		return
	}
	w.put(v, 2*n-1) // n-1 zeros, then v's n bits
}

func (w *bitWriter) bytes() []byte {
	if w.n > 0 {
		return append(w.buf, byte(w.acc<<(8-w.n)))
	}
	return w.buf
}

// Occurrence is one place a term is found: its doc, and its slot (-1 for
// a "~" term).
type Occurrence struct{ Doc, Slot int }

var errPostings = errors.New("search: bad postings")

// Decode reads the postings of term, as search.js does.
func Decode(term string, data []byte) ([]Occurrence, error) {
	docs, n := binary.Uvarint(data)
	if n <= 0 || docs > uint64(len(data))*8 {
		return nil, errPostings
	}
	data = data[n:]
	head := 1
	if positional(term) {
		head = 2
	}
	if len(data) < head {
		return nil, errPostings
	}
	kDoc, kSlot := data[0], data[head-1]
	r := bitReader{data: data[head:]}
	var out []Occurrence
	doc := -1
	for range docs {
		doc += int(r.rice(kDoc)) + 1
		if !positional(term) {
			out = append(out, Occurrence{doc, -1})
			continue
		}
		c := r.gamma()
		slot := int(r.gamma()) - 1
		out = append(out, Occurrence{doc, slot})
		for i := uint64(1); i < c && r.err == nil; i++ {
			slot += int(r.rice(kSlot)) + 1
			out = append(out, Occurrence{doc, slot})
		}
		if r.err != nil {
			return nil, r.err
		}
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

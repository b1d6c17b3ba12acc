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
// first slots. They come in two parts, so that a query of one term (a
// bigram, a word, one character) downloads the docs alone:
//
//	docs:  varint(docs) byte(kDoc), then bits: for each doc,
//	       rice(doc - previous doc - 1, kDoc) (previous -1 to start), and
//	       for a term with slots, gamma(count)
//	slots: byte(kSlot), then bits: for each doc, gamma(first slot + 1)
//	       and rice(slot - previous slot - 1, kSlot) for each further
//	       slot (a "~" term has none)
//
// Bits are written from the high bit of each byte down; the last byte is
// padded with zeros.

// positional reports whether a term has slots: all but the "~" terms.
func positional(term string) bool { return term == "" || term[0] != '~' }

// encode returns the two parts of p's postings; slots is nil for a "~"
// term.
func (p *posting) encode() (docs, slots []byte) {
	var w bitWriter
	docs = binary.AppendUvarint(nil, uint64(len(p.docs)))
	kDoc := riceK(int64(p.docs[len(p.docs)-1]+1-int32(len(p.docs))), len(p.docs))
	docs = append(docs, kDoc)
	prev := int32(-1)
	for i, d := range p.docs {
		w.rice(uint64(d-prev-1), kDoc)
		prev = d
		if positional(p.term) {
			w.gamma(uint64(p.counts[i]))
		}
	}
	docs = append(docs, w.bytes()...)
	if !positional(p.term) {
		return docs, nil
	}
	var sum int64
	gaps, at := 0, 0
	for _, c := range p.counts {
		for i := 1; i < int(c); i++ {
			sum += int64(p.slots[at+i] - p.slots[at+i-1] - 1)
			gaps++
		}
		at += int(c)
	}
	kSlot := riceK(sum, gaps)
	w = bitWriter{}
	at = 0
	for _, c := range p.counts {
		w.gamma(uint64(p.slots[at]) + 1)
		for j := at + 1; j < at+int(c); j++ {
			w.rice(uint64(p.slots[j]-p.slots[j-1]-1), kSlot)
		}
		at += int(c)
	}
	return docs, append([]byte{kSlot}, w.bytes()...)
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

// Decode reads the postings of term from its two parts, as search.js
// does; slots is not read for a "~" term, nor when nil: the occurrences
// then have slot -1, one per doc.
func Decode(term string, docs, slots []byte) ([]Occurrence, error) {
	n, k := binary.Uvarint(docs)
	if k <= 0 || len(docs) == k || n > uint64(len(docs))*8 {
		return nil, errPostings
	}
	kDoc := docs[k]
	r := bitReader{data: docs[k+1:]}
	withSlots := positional(term) && slots != nil
	var s bitReader
	var kSlot byte
	if withSlots {
		if len(slots) == 0 {
			return nil, errPostings
		}
		kSlot, s = slots[0], bitReader{data: slots[1:]}
	}
	var out []Occurrence
	doc := -1
	for range n {
		doc += int(r.rice(kDoc)) + 1
		var c uint64 = 1
		if positional(term) {
			c = r.gamma()
		}
		if !withSlots {
			out = append(out, Occurrence{doc, -1})
			continue
		}
		slot := int(s.gamma()) - 1
		out = append(out, Occurrence{doc, slot})
		for i := uint64(1); i < c && s.err == nil; i++ {
			slot += int(s.rice(kSlot)) + 1
			out = append(out, Occurrence{doc, slot})
		}
		if r.err != nil || s.err != nil {
			return nil, errPostings
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

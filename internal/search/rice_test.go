package search

import (
	"bytes"
	"slices"
	"testing"
)

// groupTerms returns the runs of each term of the first group of a year
// of the corpus, sorted by term as flush sorts them, and the group's
// slots: what riceRuns codes, term by term.
func groupTerms(tb testing.TB) ([][]run, []uint32) {
	docs := benchYear(&testing.B{})
	y := newYearIndex(len(docs), "")
	for i := range GroupSize - 1 {
		y.add(&docs[i])
	}
	runs := slices.Clone(y.runs)
	slices.SortStableFunc(runs, func(a, b run) int { return int(a.id - b.id) })
	var terms [][]run
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && runs[j].id == runs[i].id {
			j++
		}
		if y.terms[runs[i].id].pos {
			terms = append(terms, runs[i:j])
		}
		i = j
	}
	return terms, slices.Clone(y.slots)
}

// riceParams returns what code gives riceRuns for the runs of a term.
func riceParams(slots []uint32, runs []run) (byte, int64, int) {
	var sum int64
	n := 0
	for _, r := range runs {
		sum += int64(slots[r.at+r.n-1]) + 1 - int64(r.n)
		n += int(r.n)
	}
	return riceK(sum, n), sum, n
}

// plainRiceRuns is riceRuns written plainly: each code by a bitWriter.
func plainRiceRuns(b []byte, slots []uint32, runs []run, k byte) []byte {
	w := bitWriter{buf: b}
	for _, r := range runs {
		prev := uint32(1<<32 - 1)
		for _, o := range slots[r.at : r.at+r.n] {
			w.riceLong(uint64(o-prev-1), k)
			prev = o
		}
	}
	return w.bytes()
}

// runsOf makes the runs of a term and their slots from data: for each
// run, a byte of its length (up to 32), then for each slot a byte that
// says how the gap from the last is made (below 0xF0: that gap; else a
// gap of 1 << (the byte's low 3 bits + 12), and more: a code longer than
// 32 bits for a small Rice parameter).
func runsOf(data []byte) ([]run, []uint32) {
	var runs []run
	var slots []uint32
	for len(data) > 0 {
		n := int32(data[0]&31) + 1
		data = data[1:]
		r := run{at: int32(len(slots)), n: n}
		prev := uint32(1<<32 - 1)
		for range n {
			gap := uint32(0)
			if len(data) > 0 {
				gap = uint32(data[0])
				if gap >= 0xF0 {
					gap = 1<<(gap&7+12) + uint32(len(data))
				}
				data = data[1:]
			}
			if uint64(prev)+1+uint64(gap) >= 1<<32 {
				gap = 0
			}
			prev += gap + 1
			slots = append(slots, prev)
		}
		runs = append(runs, r)
	}
	return runs, slots
}

func TestRiceRunsAsPlain(t *testing.T) {
	terms, slots := groupTerms(t)
	var got, want []byte
	for _, runs := range terms {
		for _, pre := range []int{0, 3} { // codes after what the entry holds already
			k, sum, n := riceParams(slots, runs)
			got = riceRuns(make([]byte, pre), slots, runs, k, sum, n)
			want = plainRiceRuns(make([]byte, pre), slots, runs, k)
			if !bytes.Equal(got, want) {
				t.Fatalf("term %d, k %d: riceRuns wrote\n%x, the plain coder\n%x", runs[0].id, k, got, want)
			}
		}
	}
}

// FuzzRiceRuns holds riceRuns, which writes most codes without a branch,
// to plainRiceRuns, for any runs, any Rice parameter and any bytes before.
func FuzzRiceRuns(f *testing.F) {
	f.Add([]byte{3, 1, 2, 3, 4, 0, 5}, byte(0), 0)
	f.Add([]byte{31, 200, 0xF5, 0, 0xFF, 7, 2, 0xF3}, byte(3), 5)
	f.Add([]byte{0, 0xFF}, byte(40), 1)
	f.Fuzz(func(t *testing.T, data []byte, kb byte, pre int) {
		runs, slots := runsOf(data)
		if len(runs) == 0 || pre < 0 || pre > 64 {
			return
		}
		_, sum, n := riceParams(slots, runs)
		for _, k := range []byte{riceK(sum, n), kb % 48} {
			got := riceRuns(make([]byte, pre), slots, runs, k, sum, n)
			want := plainRiceRuns(make([]byte, pre), slots, runs, k)
			if !bytes.Equal(got, want) {
				t.Fatalf("k %d: riceRuns wrote\n%x, the plain coder\n%x", k, got, want)
			}
		}
	})
}

// BenchmarkRiceRuns measures coding the slots of a group of the corpus,
// term by term, as code does (riceRuns).
func BenchmarkRiceRuns(b *testing.B) {
	terms, slots := groupTerms(b)
	var buf []byte
	n := 0
	for _, runs := range terms {
		for _, r := range runs {
			n += int(r.n)
		}
	}
	for b.Loop() {
		for _, runs := range terms {
			k, sum, n := riceParams(slots, runs)
			buf = riceRuns(buf[:0], slots, runs, k, sum, n)
		}
	}
	b.ReportMetric(float64(n), "slots/op")
}

// plainOf makes a term's postings from data: for each doc, a byte of its
// gap from the last (a byte from 0xF0 up: a gap of 1 << (its low 3 bits
// + 8), so that a doc's Rice code may be longer than 32 bits), a byte of
// its count (0x80 and up: 0x80 << its low 4 bits, a gamma code of more
// than 16 bits), then its slots' gaps, a byte each.
func plainOf(term string, data []byte) plain {
	p := plain{term: term}
	doc := int32(-1)
	for len(data) >= 2 && len(p.docs) < 300 {
		gap := int32(data[0])
		if gap >= 0xF0 {
			gap = 1 << (gap&7 + 8)
		}
		count := int32(data[1]&0x7F) + 1
		if data[1] >= 0x80 {
			count = 0x80 << (data[1] & 3)
		}
		data = data[2:]
		doc += gap + 1
		p.docs = append(p.docs, doc)
		p.counts = append(p.counts, count)
		slot := int32(-1)
		for range count {
			g := int32(0)
			if len(data) > 0 {
				g, data = int32(data[0]), data[1:]
			}
			slot += g + 1
			p.slots = append(p.slots, slot)
		}
	}
	return p
}

// FuzzPostingsRoundTrip holds the coding of a term's postings (code,
// riceRuns and, once the chunk is made, codeDocs: codes written without a
// branch) to Decode, which reads them a bit at a time.
func FuzzPostingsRoundTrip(f *testing.F) {
	f.Add([]byte{0, 1, 5, 3, 2, 0, 1, 200, 0x81, 7, 7, 7})
	f.Add([]byte{0xF7, 0x83, 1, 2, 3, 0xFF, 4, 9})
	f.Add([]byte{63, 2, 0, 0, 64, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, term := range []string{"整改", "~整"} {
			p := plainOf(term, data)
			if len(p.docs) == 0 {
				return
			}
			var want []Occurrence
			at := 0
			for i, d := range p.docs {
				if !positional(term) {
					want = append(want, Occurrence{int(d), -1})
					continue
				}
				for range p.counts[i] {
					want = append(want, Occurrence{int(d), int(p.slots[at])})
					at++
				}
			}
			c := p.coded()
			got, err := Decode(c.term, c.docs, c.slots, c.groups)
			if err != nil || !slices.Equal(got, want) {
				t.Fatalf("%s: got %v, %v, want %v", term, got, err, want)
			}
		}
	})
}

package search

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
)

// Hit is a notice a query found: its year and its place in the year.
type Hit struct{ Year, Doc int }

// Match runs a query over an index whose files read returns (paths below
// search/, as in Year.Files), as search.js does in the browser: the docs
// of each year, newest year first, that hold every phrase. It is the
// reference the tests hold search.js and the index to.
func Match(read func(path string) ([]byte, error), query string) ([]Hit, error) {
	data, err := read("index.json")
	if err != nil {
		return nil, err
	}
	meta, err := ReadMeta(data)
	if err != nil {
		return nil, err
	}
	phrases := Parse(query)
	if len(phrases) == 0 {
		return nil, nil
	}
	var hits []Hit
	for _, y := range meta.Years {
		docs, err := matchYear(read, y, phrases)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			hits = append(hits, Hit{y.Year, d})
		}
	}
	return hits, nil
}

func matchYear(read func(string) ([]byte, error), y Year, phrases []Phrase) ([]int, error) {
	// A phrase of one term needs the docs alone; a longer one, the slots.
	slots := map[string]bool{}
	for _, p := range phrases {
		for _, it := range p.Items {
			slots[it.Term] = slots[it.Term] || len(p.Items) > 1
		}
	}
	of := map[string]map[int][]int{}
	for _, p := range phrases {
		for _, it := range p.Items {
			if of[it.Term] != nil {
				continue
			}
			occ, err := lookup(read, y, it.Term, slots[it.Term])
			if err != nil {
				return nil, err
			}
			of[it.Term] = map[int][]int{}
			for _, o := range occ {
				of[it.Term][o.Doc] = append(of[it.Term][o.Doc], o.Slot)
			}
		}
	}
	var docs []int
	for i, p := range phrases {
		var found []int
		for doc := range of[p.Items[0].Term] {
			if (i == 0 || slices.Contains(docs, doc)) && holds(p.Items, doc, of) {
				found = append(found, doc)
			}
		}
		slices.Sort(found)
		docs = found
	}
	return docs, nil
}

// holds reports whether doc holds the phrase of items at some slot.
func holds(items []Item, doc int, of map[string]map[int][]int) bool {
	for _, it := range items {
		if of[it.Term][doc] == nil {
			return false
		}
	}
	first := items[0]
	if first.Slot < 0 {
		return true
	}
	for _, at := range of[first.Term][doc] {
		base := at - first.Slot
		all := true
		for _, it := range items[1:] {
			if !slices.Contains(of[it.Term][doc], base+it.Slot) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// varint reads a varint from the start of *b and steps over it.
func varint(b *[]byte) (uint64, bool) {
	v, n := binary.Uvarint(*b)
	if n <= 0 {
		return 0, false
	}
	*b = (*b)[n:]
	return v, true
}

// lookup returns the occurrences of term in year y, with their slots
// when withSlots.
func lookup(read func(string) ([]byte, error), y Year, term string, withSlots bool) ([]Occurrence, error) {
	k := strconv.Itoa(int(Hash(term) % uint32(y.Chunks)))
	path := strconv.Itoa(y.Year) + "/c" + k + ".bin"
	b, err := read(path)
	if err != nil {
		return nil, err
	}
	bad := fmt.Errorf("%s: %w", path, errPostings)
	field := func() ([]byte, bool) {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return nil, false
		}
		f := b[k : k+int(n)]
		b = b[k+int(n):]
		return f, true
	}
	for len(b) > 0 {
		t, ok1 := field()
		docs, ok2 := field()
		if !ok1 || !ok2 {
			return nil, bad
		}
		var off, size uint64
		var groups []int
		if positional(string(t)) {
			var ng uint64
			var ok bool
			if off, ok = varint(&b); ok {
				ng, ok = varint(&b)
			}
			if ng > uint64(len(b)) {
				return nil, bad
			}
			for i := uint64(0); ok && i < ng; i++ {
				var g uint64
				if g, ok = varint(&b); ok && g <= 1<<40 {
					groups = append(groups, int(g))
					size += g
				}
			}
			if !ok {
				return nil, bad
			}
		}
		if string(t) != term {
			continue
		}
		var slots []byte
		if withSlots && positional(term) {
			f := strconv.Itoa(int(Hash(term) % uint32(y.Chunks) % uint32(y.SlotFiles())))
			p, err := read(strconv.Itoa(y.Year) + "/p" + f + ".bin")
			if err != nil {
				return nil, err
			}
			if off+size > uint64(len(p)) {
				return nil, bad
			}
			slots = p[off : off+size]
		}
		return Decode(term, docs, slots, groups)
	}
	return nil, nil
}

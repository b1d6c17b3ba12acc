package search

// table maps the keys of Han terms or of short words (never 0) to term
// ids: open addressing, which costs the tokenizer's inner loop far less
// than a map.
// A key and its id share a slot, so that the inner loop holds one slice.
type table struct {
	slots []tableSlot // a power of two
	n     int
}

// tableSlot is a key and its id, in the high half of high: as an
// occurrence of the term holds it (yearIndex.occ), so that textCommon
// notes one with an OR.
type tableSlot struct {
	key  uint64
	high uint64
}

func newTable(size int) table { return table{slots: make([]tableSlot, size)} }

// tableHash is where the search for key starts, before the mask of the
// table's size (at most 1<<32 slots).
func tableHash(key uint64) uint64 { return key * 0x9E3779B97F4A7C15 >> 32 }

// lookup returns the id of key, or -1 when it has none.
func (t *table) lookup(key uint64) int32 {
	mask := uint64(len(t.slots) - 1)
	for i := tableHash(key); ; i++ {
		switch s := &t.slots[i&mask]; s.key {
		case key:
			return int32(s.high >> 32)
		case 0:
			return -1
		}
	}
}

// insert gives key, which has no id yet, the id id.
func (t *table) insert(key uint64, id int32) {
	mask := uint64(len(t.slots) - 1)
	i := tableHash(key)
	for t.slots[i&mask].key != 0 {
		i++
	}
	t.slots[i&mask] = tableSlot{key, uint64(id) << 32}
	if t.n++; t.n*2 > len(t.slots) {
		t.grow()
	}
}

func (t *table) grow() {
	old := t.slots
	*t = newTable(len(old) * 2)
	for _, s := range old {
		if s.key != 0 {
			t.insert(s.key, int32(s.high>>32))
		}
	}
}

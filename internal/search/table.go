package search

// table maps the keys of Han terms (never 0) to term ids: open
// addressing, which costs the tokenizer's inner loop far less than a map.
type table struct {
	keys  []uint64
	ids   []int32
	n     int
	shift uint
}

func newTable(size int) table {
	t := table{keys: make([]uint64, size), ids: make([]int32, size), shift: 64}
	for s := size; s > 1; s >>= 1 {
		t.shift--
	}
	return t
}

// lookup returns the id of key, or -1 when it has none.
func (t *table) lookup(key uint64) int32 {
	mask := uint64(len(t.keys) - 1)
	for i := (key * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key:
			return t.ids[i]
		case 0:
			return -1
		}
	}
}

// insert gives key, which has no id yet, the id id.
func (t *table) insert(key uint64, id int32) {
	mask := uint64(len(t.keys) - 1)
	i := (key * 0x9E3779B97F4A7C15) >> t.shift
	for t.keys[i] != 0 {
		i = (i + 1) & mask
	}
	t.keys[i], t.ids[i] = key, id
	if t.n++; t.n*2 > len(t.keys) {
		t.grow()
	}
}

func (t *table) grow() {
	old := *t
	*t = newTable(len(old.keys) * 2)
	for j, key := range old.keys {
		if key != 0 {
			t.insert(key, old.ids[j])
		}
	}
}

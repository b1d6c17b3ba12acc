// Package search builds the search index of a site at build time, and
// parses what a reader types into the search box, so that the search page
// (templates/search.html, templates/search.js) finds notices with nothing
// but static files. It sits beside render in the pipeline (load → render,
// search → write): build hands it the published notices of each year and
// writes the files it returns.
//
// Chinese is indexed without a dictionary, as overlapping bigrams at their
// slots (tokenize.go), so that a phrase matches only where it occurs. The
// index is cut three ways: by year, so that a build re-indexes only the
// years whose notices changed and an archive bundle carries its year
// alone; within a year, by a hash of each term into chunks, so that a
// query downloads only the chunks of its terms; and a term's slots by
// groups of GroupSize notices, so that a phrase is checked in the notices
// of the first page of results without downloading its slots in the
// others. The files, below search/:
//
//	index.json         the years, each with its counts of notices,
//	                   chunks and blocks, the digest of its sources; the
//	                   rounds, kinds and levels the filters offer
//	<year>/c<k>.bin    chunk k: the terms whose hash is k modulo the
//	                   year's number of chunks, with the docs that hold them
//	<year>/p<k>.bin    the slots of chunk k's terms, group by group, read
//	                   only for a phrase of more than one term
//	<year>/facets.json each notice's kind, level and round, for the filters
//	<year>/d<k>.json   block k of the year's notices (ten to a block, in
//	                   the order of the year page): path, title, date, unit
//
// The layout of the chunks is told by yearIndex.chunks, that of the
// postings in postings.go.
package search

import (
	"encoding/binary"
	"errors"
	"hash/fnv"
	"slices"
	"strings"
	"unicode/utf8"
)

// Doc is what the index holds of one published notice.
type Doc struct {
	Path  string // below the base URL: "2025/slug/"
	Title string
	Date  string // 2006-01-02
	Unit  string // the inspected organisation, or the group when none
	Kind  string // 巡视 or 巡察
	Level string // 中央, 省, 市 or 县; "" when not known
	Round string // 十五届省委第五轮巡视; "" when not known
	// Fields are the texts searched besides Title, in order: the
	// organisation, the group, the round, the statistics, the body.
	Fields []string
}

// BlockSize is how many notices a block file (d<k>.json) lists.
const BlockSize = 10

// GroupSize is how many notices of a year share a group of slots: the
// slots of a term are written group by group, each group's on whole bytes,
// so that search.js can read those of a few notices by a range request.
const GroupSize = 64

// chunkBytes is about how large a chunk is made: the number of a year's
// chunks is the power of two that keeps them near it.
const chunkBytes = 24 << 10

// Format is the version of the index's layout: part of each year's digest,
// so that a build does not carry over a part an older program wrote.
const Format = "3"

// maxTerms bounds the distinct terms of a year: a term's id has 26 bits in
// an occurrence (see yearIndex.buf).
const maxTerms = 1 << 26

var errTooManyTerms = errors.New("search: more than 67,108,864 distinct terms in a year")

// posting is one term's occurrences in a year: the docs that hold it, in
// order, and for a term with slots, how many times each holds it, and its
// slots already coded, group by group (postings.go): where each group's
// part is in the year's arena, and its length.
type posting struct {
	term   string
	docs   []int32
	counts []int32
	at     []int
	groups []int32
}

// yearIndex collects the postings of one year's notices, notice by notice.
// The occurrences of a group of GroupSize notices are gathered in buf, in
// the order of the text, then sorted by term (a counting sort, which keeps
// each term's in order) and coded into the terms' postings: no list of
// slots grows term by term.
type yearIndex struct {
	keys  table // Han terms by key (see hanKey)
	words map[string]int32
	posts []posting
	doc   int32
	docs  int // in the year, or 0
	err   error
	// buf holds the current group's occurrences: term id << 38 | doc in
	// group << 32 | slot (0 for a "~" term).
	buf, sorted []uint64
	count       []int32 // by term id, for the counting sort
	// seen marks the Han characters of the BMP the current notice holds;
	// marked lists them, to clear.
	seen   [1 << 16 / 64]uint64
	marked []rune
	word   []byte // the folded word being read
	// arena holds the coded slots of every term, group after group.
	arena []byte
}

// newYearIndex returns the index of a year of docs notices (0 when not
// known).
func newYearIndex(docs int) *yearIndex {
	return &yearIndex{keys: newTable(1 << 12), words: map[string]int32{}, docs: docs}
}

// The kinds of Han terms, in the top bits of a key.
const (
	kindBigram = iota + 1
	kindStart
	kindEnd
	kindChar
)

func hanKey(kind int, a, b rune) uint64 { return uint64(kind)<<48 | uint64(a)<<24 | uint64(b) }

func termOf(key uint64) string {
	a, b := rune(key>>24&0xFFFFFF), rune(key&0xFFFFFF)
	switch key >> 48 {
	case kindStart:
		return "<" + string(a)
	case kindEnd:
		return ">" + string(a)
	case kindChar:
		return "~" + string(a)
	}
	return string([]rune{a, b})
}

// add indexes the notice d as the next doc of the year.
func (y *yearIndex) add(d *Doc) {
	for _, r := range y.marked {
		y.seen[r>>6] = 0
	}
	y.marked = y.marked[:0]
	slot := y.field(d.Title, 0)
	for _, f := range d.Fields {
		slot = y.field(f, slot+1) // no phrase spans two fields
	}
	y.doc++
	if y.doc&(GroupSize-1) == 0 {
		y.flush()
	}
}

// field indexes the text s from slot on and returns the slot after its
// last, as segments counts them: each Han character one slot, each word
// one, each run of anything else one. The terms are those tokenize.go
// describes, noted as the runs end.
func (y *yearIndex) field(s string, slot int) int {
	prev, cur := other, other // the class of the run before the current one, and of the current
	start := slot             // the current run's first slot
	var first, last rune      // the current Han run's first and last characters
	n := 0                    // the current run's length in runes
	end := func() {           // the current run ends
		switch cur {
		case han:
			if n == 1 && prev != digit && prev != latin {
				y.note(hanKey(kindStart, first, 0), start)
			}
			slot = start + n
		case digit, latin:
			if prev == han {
				y.note(hanKey(kindEnd, last, 0), start-1)
			}
			y.noteWord(start)
			slot = start + 1
		default:
			slot = start + 1
		}
	}
	for i := 0; i < len(s); {
		var r rune
		var c class
		if b := s[i]; b&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// Three bytes, as most of a Chinese text: decoded in line,
			// the common block of Han characters classed in line.
			r = rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if r >= 0x4E00 && r <= 0x9FFF {
				c = han
				i += 3
			} else {
				var size int
				r, size = decodeRune(s, i)
				i += size
				r = Fold(r)
				c = classOf(r)
			}
		} else {
			var size int
			r, size = decodeRune(s, i)
			i += size
			r = Fold(r)
			c = classOf(r)
		}
		if c == han && cur == han { // the inner loop: a bigram
			key := hanKey(kindBigram, last, r)
			id := y.keys.lookup(key)
			if id < 0 {
				id = y.newKey(key)
			}
			y.occur(id, start+n-1)
			y.char(r)
			last = r
			n++
			continue
		}
		if c != cur {
			if n > 0 {
				end()
				prev = cur
			}
			cur, start, n = c, slot, 0
			if c == han {
				first = r
				if prev == digit || prev == latin {
					y.note(hanKey(kindStart, r, 0), start)
				}
			} else if c != other {
				y.word = y.word[:0]
			}
		}
		switch c {
		case han:
			y.char(r)
			last = r
		case digit, latin:
			y.word = utf8.AppendRune(y.word, r)
		}
		n++
	}
	if n > 0 {
		end()
	}
	return slot
}

// char notes the Han character r once in the doc ("~").
func (y *yearIndex) char(r rune) {
	if r <= 0xFFFF && y.seen[r>>6]&(1<<(r&63)) != 0 {
		return
	}
	y.newChar(r)
}

func (y *yearIndex) newChar(r rune) {
	if r <= 0xFFFF { // else noted once per doc by the group's coding: rare
		y.seen[r>>6] |= 1 << (r & 63)
		y.marked = append(y.marked, r)
	}
	y.note(hanKey(kindChar, r, 0), 0)
}

// note notes the Han term of key at slot of the current doc.
func (y *yearIndex) note(key uint64, slot int) {
	id := y.keys.lookup(key)
	if id < 0 {
		id = y.newKey(key)
	}
	y.occur(id, slot)
}

func (y *yearIndex) newKey(key uint64) int32 {
	id := y.newTerm(termOf(key))
	y.keys.insert(key, id)
	return id
}

// noteWord notes the word in y.word at slot.
func (y *yearIndex) noteWord(slot int) {
	id, ok := y.words[string(y.word)]
	if !ok {
		w := string(y.word)
		id = y.newTerm(w)
		y.words[w] = id
	}
	y.occur(id, slot)
}

func (y *yearIndex) newTerm(term string) int32 {
	if len(y.posts) >= maxTerms {
		y.err = errTooManyTerms
		return 0
	}
	y.posts = append(y.posts, posting{term: term})
	y.count = append(y.count, 0)
	return int32(len(y.posts) - 1)
}

func (y *yearIndex) occur(id int32, slot int) {
	y.buf = append(y.buf, uint64(id)<<38|uint64(y.doc&(GroupSize-1))<<32|uint64(uint32(slot)))
}

// flush codes the occurrences of the current group into the postings.
func (y *yearIndex) flush() {
	if len(y.buf) == 0 {
		return
	}
	base := (y.doc - 1) &^ (GroupSize - 1) // the group's first doc
	// A counting sort by term id, stable: each term's occurrences stay in
	// the order of the docs and of the slots.
	count := y.count
	for _, o := range y.buf {
		count[o>>38]++
	}
	at := int32(0)
	for i, c := range count {
		count[i] = at
		at += c
	}
	y.sorted = slices.Grow(y.sorted[:0], len(y.buf))[:len(y.buf)]
	for _, o := range y.buf {
		id := o >> 38
		y.sorted[count[id]] = o
		count[id]++
	}
	clear(count)
	for i := 0; i < len(y.sorted); {
		id := y.sorted[i] >> 38
		j := i + 1
		for j < len(y.sorted) && y.sorted[j]>>38 == id {
			j++
		}
		y.code(&y.posts[id], y.sorted[i:j], base)
		i = j
	}
	y.buf = y.buf[:0]
	if y.docs > 0 && base == 0 {
		// After the first group, the arena is made about as large as
		// the year's groups will need, so as not to be copied as it
		// grows.
		y.arena = slices.Grow(y.arena, len(y.arena)*(int(y.docs)/GroupSize)*9/8)
	}
}

// code adds the occurrences occ of p's term in the group of docs from base
// to p: its docs, its counts and the group's slots.
func (y *yearIndex) code(p *posting, occ []uint64, base int32) {
	if !positional(p.term) {
		last := int32(-1)
		for _, o := range occ {
			if d := base + int32(o>>32&(GroupSize-1)); d != last {
				p.docs = append(p.docs, d)
				last = d
			}
		}
		return
	}
	// The Rice parameter of the group's gaps between slots, the first
	// slot of a doc counted from -1.
	var sum int64
	prev := uint64(1<<64 - 1)
	for _, o := range occ {
		if o>>32 != prev>>32 {
			prev = o>>32<<32 | 1<<32 - 1 // slot -1 of the doc
		}
		sum += int64(uint32(o) - uint32(prev) - 1)
		prev = o
	}
	k := riceK(sum, len(occ))
	from := len(y.arena)
	w := bitWriter{buf: append(y.arena, k)}
	for i := 0; i < len(occ); {
		doc := occ[i] >> 32
		w.rice(uint64(uint32(occ[i])), k)
		j := i + 1
		for ; j < len(occ) && occ[j]>>32 == doc; j++ {
			w.rice(uint64(uint32(occ[j])-uint32(occ[j-1])-1), k)
		}
		p.docs = append(p.docs, base+int32(doc&(GroupSize-1)))
		p.counts = append(p.counts, int32(j-i))
		i = j
	}
	y.arena = w.bytes()
	p.at = append(p.at, from)
	p.groups = append(p.groups, int32(len(y.arena)-from))
}

// finish codes what remains of the last group.
func (y *yearIndex) finish() error {
	y.flush()
	y.buf, y.sorted, y.count = nil, nil, nil
	return y.err
}

// slotsOf returns the coded slots of p, group after group.
func (y *yearIndex) slotsOf(p *posting) []byte {
	var s []byte
	for i, g := range p.groups {
		s = append(s, y.arena[p.at[i]:p.at[i]+int(g)]...)
	}
	return s
}

// Hash is the chunk hash of a term: FNV-1a over its UTF-8 bytes, as
// search.js computes it.
func Hash(term string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(term))
	return h.Sum32()
}

// chunks hands the year's chunk files to emit, one at a time, in order:
// for each, the terms with their docs (c<k>.bin) and their slots
// (p<k>.bin). An entry of a c file is varint(len(term)), term,
// varint(len(docs)), docs and, for a term with slots, varint(offset) of
// its slots in the p file, varint(groups) and varint(length) of each
// group's part of them (postings.go). n is the number of chunks
// (chunkCount).
func (y *yearIndex) chunks(n int, emit func(k int, docs, slots []byte) error) error {
	byChunk := make([][]*posting, n)
	for i := range y.posts {
		p := &y.posts[i]
		k := Hash(p.term) % uint32(n)
		byChunk[k] = append(byChunk[k], p)
	}
	var d []byte
	for k, ps := range byChunk {
		slices.SortFunc(ps, func(a, b *posting) int { return strings.Compare(a.term, b.term) })
		size, ssize := 0, 0
		for _, p := range ps {
			size += len(p.term) + len(p.docs) + 3*len(p.groups) + 16
			for _, g := range p.groups {
				ssize += int(g)
			}
		}
		c, s := make([]byte, 0, size), make([]byte, 0, ssize)
		for _, p := range ps {
			d = p.encodeDocs(d[:0])
			c = binary.AppendUvarint(c, uint64(len(p.term)))
			c = append(c, p.term...)
			c = binary.AppendUvarint(c, uint64(len(d)))
			c = append(c, d...)
			if positional(p.term) {
				c = binary.AppendUvarint(c, uint64(len(s)))
				c = binary.AppendUvarint(c, uint64(len(p.groups)))
				for i, g := range p.groups {
					c = binary.AppendUvarint(c, uint64(g))
					s = append(s, y.arena[p.at[i]:p.at[i]+int(g)]...)
				}
			}
		}
		if err := emit(k, c, s); err != nil {
			return err
		}
	}
	return nil
}

// chunkCount is the number of the year's chunks: the power of two that
// keeps them near chunkBytes.
func (y *yearIndex) chunkCount() int {
	total := len(y.arena)
	for i := range y.posts {
		total += len(y.posts[i].term) + 2*len(y.posts[i].docs) + 4
	}
	n := 1
	for n*chunkBytes < total {
		n *= 2
	}
	return n
}

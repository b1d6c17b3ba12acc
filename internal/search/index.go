// Package search builds the search index of a site at build time, and
// parses what a reader types into the search box, so that the search page
// (templates/search.html, templates/search.js) finds notices with nothing
// but static files. It sits beside render in the pipeline (load → render,
// search → write): build hands it the published notices of each year and
// writes the files it returns.
//
// Chinese is indexed without a dictionary, as overlapping bigrams at their
// slots (tokenize.go), so that a phrase matches only where it occurs. The
// index is cut twice: by year, so that a build re-indexes only the years
// whose notices changed and an archive bundle carries its year alone, and,
// within a year, by a hash of each term into chunks, so that a query
// downloads only the chunks of its terms. The files, below search/:
//
//	index.json         the years, each with its counts of notices,
//	                   chunks and blocks, the digest of its sources; the
//	                   rounds, kinds and levels the filters offer
//	<year>/c<k>.bin    chunk k: the terms whose hash is k modulo the
//	                   year's number of chunks, with the docs that hold them
//	<year>/p<k>.bin    the slots of chunk k's terms, read only for a phrase
//	                   of more than one term
//	<year>/facets.json each notice's kind, level and round, for the filters
//	<year>/d<k>.json   block k of the year's notices (ten to a block, in
//	                   the order of the year page): path, title, date, unit
//
// The layout of the chunks is told by yearIndex.chunks, that of the
// postings in postings.go.
package search

import (
	"encoding/binary"
	"hash/fnv"
	"slices"
	"strings"
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

// chunkBytes is about how large a chunk is made: the number of a year's
// chunks is the power of two that keeps them near it.
const chunkBytes = 24 << 10

// posting is one term's occurrences in a year: the docs that hold it, in
// order, and for a term with slots, how many times each holds it and the
// slots, doc after doc.
type posting struct {
	term   string
	docs   []int32
	counts []int32
	slots  []int32
}

// yearIndex collects the postings of one year's notices, notice by notice.
type yearIndex struct {
	keys  table // Han terms by key (see hanKey)
	words map[string]int32
	posts []posting
	doc   int32
	// seen marks the Han characters of the BMP the current notice holds;
	// marked lists them, to clear.
	seen   [1 << 16 / 64]uint64
	marked []rune
	// The segment before the current one: its class, and when it is Han,
	// its last character and slot.
	prev     class
	prevRune rune
	prevSlot int
}

func newYearIndex() *yearIndex {
	return &yearIndex{keys: newTable(1 << 12), words: map[string]int32{}}
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
	y.prev = other
	slot := segments(d.Title, 0, y.segment)
	for _, f := range d.Fields {
		y.prev = other
		slot = segments(f, slot+1, y.segment) // no phrase spans two fields
	}
	y.doc++
}

func (y *yearIndex) segment(g segment) {
	switch g.class {
	case digit, latin:
		if y.prev == han {
			y.occurKey(hanKey(kindEnd, y.prevRune, 0), y.prevSlot)
		}
		w := string(g.text)
		id, ok := y.words[w]
		if !ok {
			id = y.newTerm(w)
			y.words[w] = id
		}
		y.occur(id, g.slot)
	case han:
		t := g.text
		if len(t) == 1 || y.prev == digit || y.prev == latin {
			y.occurKey(hanKey(kindStart, t[0], 0), g.slot)
		}
		for i := 0; i+1 < len(t); i++ {
			y.occurKey(hanKey(kindBigram, t[i], t[i+1]), g.slot+i)
		}
		for _, r := range t {
			if r > 0xFFFF {
				y.occurKey(hanKey(kindChar, r, 0), -1) // once per field: rare
				continue
			}
			if w, bit := r>>6, uint64(1)<<(r&63); y.seen[w]&bit == 0 {
				y.seen[w] |= bit
				y.marked = append(y.marked, r)
				y.occurKey(hanKey(kindChar, r, 0), -1)
			}
		}
		y.prevRune, y.prevSlot = t[len(t)-1], g.slot+len(t)-1
	}
	y.prev = g.class
}

func (y *yearIndex) newTerm(term string) int32 {
	y.posts = append(y.posts, posting{term: term})
	return int32(len(y.posts) - 1)
}

func (y *yearIndex) occurKey(key uint64, slot int) {
	y.occur(y.keys.get(key, y.newTerm), slot)
}

// occur notes the term id at slot of the current doc; slot is -1 for a
// "~" term, noted once per doc.
func (y *yearIndex) occur(id int32, slot int) {
	p := &y.posts[id]
	if n := len(p.docs); n == 0 || p.docs[n-1] != y.doc {
		p.docs = append(p.docs, y.doc)
		if slot < 0 {
			return
		}
		p.counts = append(p.counts, 0)
	} else if slot < 0 {
		return
	}
	p.counts[len(p.counts)-1]++
	p.slots = append(p.slots, int32(slot))
}

// Hash is the chunk hash of a term: FNV-1a over its UTF-8 bytes, as
// search.js computes it.
func Hash(term string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(term))
	return h.Sum32()
}

// chunks returns the year's chunk files, in order: for each, the terms
// with their docs (c<k>.bin) and their slots (p<k>.bin). An entry of a
// c file is varint(len(term)), term, varint(len(docs)), docs and, for a
// term with slots, varint(offset), varint(length) of its slots in the p
// file (postings.go).
func (y *yearIndex) chunks() (docs, slots [][]byte) {
	total := 0
	for _, p := range y.posts {
		total += len(p.term) + len(p.docs) + len(p.slots) + 4
	}
	n := 1
	for n*chunkBytes < total {
		n *= 2
	}
	byChunk := make([][]*posting, n)
	for i := range y.posts {
		p := &y.posts[i]
		k := Hash(p.term) % uint32(n)
		byChunk[k] = append(byChunk[k], p)
	}
	docs, slots = make([][]byte, n), make([][]byte, n)
	for k, ps := range byChunk {
		slices.SortFunc(ps, func(a, b *posting) int { return strings.Compare(a.term, b.term) })
		var c, s []byte
		for _, p := range ps {
			d, sl := p.encode()
			c = binary.AppendUvarint(c, uint64(len(p.term)))
			c = append(c, p.term...)
			c = binary.AppendUvarint(c, uint64(len(d)))
			c = append(c, d...)
			if sl != nil {
				c = binary.AppendUvarint(c, uint64(len(s)))
				c = binary.AppendUvarint(c, uint64(len(sl)))
				s = append(s, sl...)
			}
		}
		docs[k], slots[k] = c, s
	}
	return docs, slots
}

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
//	<year>/p<f>.bin    the slots of the terms of the chunks k whose
//	                   k % min(chunks, 64) is f, group by group, read
//	                   only for a phrase of more than one term
//	<year>/facets.json each notice's kind, level and round, for the filters
//	<year>/d<k>.json   block k of the year's notices (ten to a block, in
//	                   the order of the year page): path, title, date, unit
//
// How a notice is read into the occurrences of its terms is told in
// read.go. The layout of the chunks is told by yearIndex.chunks, that of
// the postings in postings.go; how a year's postings wait between the
// reading of its notices and the writing of its chunks, in entries.go.
package search

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"slices"
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

// chunkBytes is about how large a chunk is made, with the slots of its
// terms: the number of a year's chunks is the power of two that keeps
// them near it. A query downloads one chunk file a term and a year, but
// of the slots only the groups it checks (range requests in the p files):
// for the corpus of bench/corpus the chunk files are some 2 KB, and a
// year writes 256 (512 when the chunks were of 24 KB; Format 4).
const chunkBytes = 48 << 10

// Format is the version of the index's layout: part of each year's digest,
// so that a build does not carry over a part an older program wrote.
// Format 5: chunks twice as large as Format 4's (chunkBytes), the layout
// otherwise 4's.
const Format = "5"

// maxTerms bounds the distinct terms of a year: a term's id has 26 bits in
// an occurrence (see yearIndex.occ).
const maxTerms = 1 << 26

var errTooManyTerms = errors.New("search: more than 67,108,864 distinct terms in a year")

// term is what a year's index keeps of one of its terms while it reads
// the notices: its postings are coded group by group into the year's
// entries (entries.go), not kept term by term.
type term struct {
	text string
	hash uint32 // Hash(text)
	pos  bool   // positional(text)
	docs int32  // how many hold it
	last int32  // the last doc that holds it, -1 before the first
}

// yearIndex collects the postings of one year's notices, notice by notice.
// The occurrences of a notice are gathered in occ, most in the order of
// the text (read.go: one pass that looks most terms up as it reads the
// text), then sorted by term (a counting sort, which keeps each term's
// in order) into the slots of its group, as one run per term. Once a group of
// GroupSize notices is read, its runs are sorted by term in turn, and each
// term's are coded into one entry in the year's entries (entries.go): no
// list of docs or slots grows term by term, and the entries can wait in a
// file when they grow large. Sorting a notice at a time keeps the work on
// each occurrence in the processor's caches.
type yearIndex struct {
	keys table // Han terms by key (see hanKey)
	// The words: those of at most seven bytes by key (wordKey), in a
	// table of their own so that keys stays small, the longer ones in
	// words.
	short table
	words map[string]int32
	terms []term
	doc   int32
	docs  int // in the year, or 0
	err   error
	// occ holds the current doc's occurrences but those of "~" terms,
	// term id << 32 | slot, each term's in the order of its slots (see
	// read). sortDoc counts them by term id in count, and lists in
	// touched the ids the doc holds.
	occ     []uint64
	count   []int32
	touched []int32
	// slots holds the slots of the current group's docs, doc by doc, each
	// doc's term by term; runs tells whose they are, doc by doc, and
	// sorted the same by term (flush), as groups, by term id, counts and
	// gtouched list them.
	slots        []uint32
	runs, sorted []run
	groups       []int32
	gtouched     []int32
	// The "~" terms of the current group: the docs of the group that
	// hold each, a bit a doc (bit i: the group's doc i), in cdocs at the
	// term's groups (which a "~" term has no other use for), and in
	// ctouched the ids of those the group holds. They have no slots, and
	// one run a doc: a bit costs less than a run, and needs no sort.
	cdocs    []uint64
	ctouched []int32
	// chars holds, by term id, the ids of the "~" terms of a Han term's
	// characters (-1: none), noted once per term and group by flush.
	chars [][2]int32
	word  []byte    // the folded word being read
	pend  []pending // the terms of the current doc read looks up last
	// ents holds the coded entries of the groups read so far.
	ents entries
	// slotBytes is the length of every term's coded slots, all groups.
	slotBytes int
	// spent is the memory the year worked in, once finished (scratch).
	spent scratch
}

// run is the slots of one term in one doc of a group: slots[at:at+n].
type run struct {
	id  int32
	doc int32 // in the group
	at  int32
	n   int32
}

// newYearIndex returns the index of a year of docs notices (0 when not
// known), whose entries may wait in a file in the folder spill ("": in
// memory; see entries).
func newYearIndex(docs int, spill string) *yearIndex {
	y := &yearIndex{keys: newTable(1 << 12), short: newTable(1 << 8), words: map[string]int32{}, docs: docs, ents: newEntries(spill)}
	y.newTerm("") // term 0: no term (see sortDoc), never written
	return y
}

// The kinds of Han terms, in the top bits of a key.
const (
	kindBigram = iota + 1
	kindStart
	kindEnd
	kindChar
)

// hanKey is the key of a Han term: its kind, and the codes (codeOf) of its
// characters, a and b (0 but for a bigram).
func hanKey(kind int, a, b uint32) uint64 { return uint64(kind)<<48 | uint64(a)<<24 | uint64(b) }

func termOf(key uint64) string {
	a, b := runeOf(uint32(key>>24&0xFFFFFF)), runeOf(uint32(key&0xFFFFFF))
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
	y.read(d)
	y.doc++
	if y.doc&(GroupSize-1) == 0 {
		y.flush()
	}
}

// codeOf is the code of the Han character r: for a rune of three bytes in
// UTF-8 (most), its bytes, the first the highest, so that textCommon
// takes them as they are; for a rune of four bytes, the rune, which is
// less than any code of three bytes (0xE0A080 and up). A code is less than
// 1 << 24 (see hanKey).
func codeOf(r rune) uint32 {
	if r < 0x800 || r > 0xFFFF {
		return uint32(r)
	}
	return uint32(0xE0|r>>12)<<16 | uint32(0x80|r>>6&0x3F)<<8 | uint32(0x80|r&0x3F)
}

// runeOf is the Han character of the code c (codeOf).
func runeOf(c uint32) rune {
	if c < 0xE00000 {
		return rune(c)
	}
	return rune(c>>16&0x0F)<<12 | rune(c>>8&0x3F)<<6 | rune(c&0x3F)
}

func (y *yearIndex) newKey(key uint64) int32 {
	var chars [2]int32
	if kind := key >> 48; kind != kindChar {
		chars = [2]int32{y.charTerm(uint32(key >> 24 & 0xFFFFFF)), -1}
		if kind == kindBigram {
			chars[1] = y.charTerm(uint32(key & 0xFFFFFF))
		}
	} else {
		chars = [2]int32{-1, -1}
	}
	id := y.newTerm(termOf(key))
	y.keys.insert(key, id)
	y.chars[id] = chars
	if key>>48 == kindChar && id > 0 {
		y.groups[id] = int32(len(y.cdocs)) // see cdocs
		y.cdocs = append(y.cdocs, 0)
	}
	return id
}

// charTerm returns the id of the "~" term of the Han character of the
// code c, or -1 when the year has more terms than it may (maxTerms).
func (y *yearIndex) charTerm(c uint32) int32 {
	key := hanKey(kindChar, c, 0)
	id := y.keys.lookup(key)
	if id < 0 {
		id = y.newKey(key)
	}
	if id == 0 {
		return -1 // no room for the term: y.err says so
	}
	return id
}

// wordID returns the term id of the word in y.word: a word of at most
// seven bytes (most: years, numbers, short Latin words) by its key in
// short (wordKey), which costs less than a map, a longer one in words.
func (y *yearIndex) wordID() int32 {
	if key, ok := wordKey(y.word); ok {
		id := y.short.lookup(key)
		if id < 0 {
			id = y.newTerm(string(y.word))
			y.short.insert(key, id)
		}
		return id
	}
	id, ok := y.words[string(y.word)]
	if !ok {
		w := string(y.word)
		id = y.newTerm(w)
		y.words[w] = id
	}
	return id
}

// wordKey is the key in short of the word w when it has at most seven
// bytes: its bytes, the first the lowest, its length above them, and the
// top bit set, so that no key is 0 (an empty slot of the table).
func wordKey(w []byte) (uint64, bool) {
	if len(w) > 7 {
		return 0, false
	}
	key := uint64(1)<<63 | uint64(len(w))<<56
	for i, b := range w {
		key |= uint64(b) << (8 * i)
	}
	return key, true
}

func (y *yearIndex) newTerm(text string) int32 {
	if len(y.terms) >= maxTerms {
		y.err = errTooManyTerms
		return 0
	}
	y.terms = append(y.terms, term{text: text, hash: Hash(text), pos: positional(text), last: -1})
	y.count = append(y.count, 0)
	y.groups = append(y.groups, 0)
	y.chars = append(y.chars, [2]int32{-1, -1})
	return int32(len(y.terms) - 1)
}

// sortDoc sorts the current doc's occurrences (occ, see read) by term
// into the group's slots, one run per term in the order of their first
// occurrences in occ, and counts the runs for the group's sort.
// Term 0 (no term: a term past maxTerms) is placed after the others, then
// left out. A counting sort: the terms counted, then each given its place,
// then the slots placed; each loop holds few values.
func (y *yearIndex) sortDoc() {
	count, occ := y.count, y.occ
	n := len(occ)
	// Room for every term the doc holds, so that the loops call nothing.
	touched := slices.Grow(y.touched[:0], n)[:n]
	terms := countTerms(occ, count, touched)
	touched = touched[:terms]
	base := len(y.slots)
	y.slots = slices.Grow(y.slots, n)[:base+n]
	doc := y.doc & (GroupSize - 1)
	groups := y.groups
	// Room for a run of each term, and for their first in the group, so
	// that the loops call nothing.
	runs := slices.Grow(y.runs, terms)
	nr := len(runs)
	runs = runs[:cap(runs)]
	gtouched := slices.Grow(y.gtouched, terms)
	ng := len(gtouched)
	gtouched = gtouched[:cap(gtouched)]
	// count[id] becomes the place of the term's first slot; term 0's
	// come last, and are let go once placed.
	at := int32(base)
	for _, id := range touched {
		if id == 0 {
			continue
		}
		c := count[id]
		count[id] = at
		at += c
		runs[nr] = run{id: id, doc: doc, at: at - c, n: c}
		nr++
		if groups[id] == 0 {
			gtouched[ng] = id
			ng++
		}
		groups[id]++
	}
	if count[0] > 0 {
		count[0] = at
	}
	slots := y.slots
	placeSlots(occ, count, slots)
	y.slots = slots[:at]
	for _, id := range touched {
		count[id] = 0
	}
	y.runs, y.gtouched = runs[:nr], gtouched[:ng]
	if y.doc == 0 && y.docs > 1 {
		// Room for the runs of a group of docs like the first, so that
		// they are not copied as they grow.
		y.runs = slices.Grow(y.runs, nr*min(y.docs, GroupSize)*5/4)
	}
	y.touched = touched[:0]
}

// countTerms counts in count the occurrences of each term of occ, and
// lists in touched those it finds first, in order; it returns how many.
// It is a function of its own, not inlined, so that its loop's values
// stay in registers.
//
//go:noinline
func countTerms(occ []uint64, count, touched []int32) int {
	terms := 0
	for _, o := range occ {
		id := int32(o >> 32)
		c := count[id]
		// A branch, not a conditional add: the add would make each
		// store of touched wait for the last load of count (measured
		// slower, BenchmarkRead).
		if c == 0 {
			touched[terms] = id
			terms++
		}
		count[id] = c + 1
	}
	return terms
}

// placeSlots places the slot of each occurrence of occ at count[its term]
// in slots, and counts on: the place of the term's next. Not inlined, as
// countTerms.
//
//go:noinline
func placeSlots(occ []uint64, count []int32, slots []uint32) {
	for _, o := range occ {
		id := o >> 32
		p := count[id]
		slots[p] = uint32(o)
		count[id] = p + 1
	}
}

// flush codes the runs of the current group into the entries.
func (y *yearIndex) flush() {
	if len(y.runs) == 0 {
		return
	}
	group := (y.doc - 1) / GroupSize
	// The runs by term, stable: each term's stay in the order of the
	// docs.
	count, touched := y.groups, y.gtouched
	at := int32(0)
	for _, id := range touched {
		c := count[id]
		count[id] = at
		at += c
	}
	y.sorted = slices.Grow(y.sorted[:0], len(y.runs))[:len(y.runs)]
	sorted := y.sorted
	for _, r := range y.runs {
		sorted[count[r.id]] = r
		count[r.id]++
	}
	start := int32(0)
	chars := y.chars
	for _, id := range touched {
		end := count[id]
		count[id] = 0
		runs := sorted[start:end]
		y.code(id, runs, group)
		// The docs that hold the term hold its characters: every Han
		// character is in a bigram or a "<" term of its run.
		if cs := chars[id]; cs[0] >= 0 {
			var docs uint64
			for _, r := range runs {
				docs |= 1 << (r.doc & (GroupSize - 1))
			}
			y.markChar(cs[0], docs)
			if cs[1] >= 0 {
				y.markChar(cs[1], docs)
			}
		}
		start = end
	}
	for _, id := range y.ctouched {
		i := y.groups[id]
		y.codeChar(id, y.cdocs[i], group)
		y.cdocs[i] = 0
	}
	y.ctouched = y.ctouched[:0]
	y.gtouched = touched[:0]
	y.runs = y.runs[:0]
	y.slots = y.slots[:0]
	if group == 0 && y.docs > GroupSize {
		// After the first group, the entries are given about the room
		// the year's groups will need, so as not to be copied as they
		// grow.
		y.ents.expect((y.docs + GroupSize - 1) / GroupSize)
	}
	if err := y.ents.grouped(); err != nil && y.err == nil {
		y.err = err
	}
}

// markChar notes that the docs of the current group in docs (a bit a
// doc) hold the "~" term c.
func (y *yearIndex) markChar(c int32, docs uint64) {
	i := y.groups[c] // see cdocs
	if y.cdocs[i] == 0 {
		y.ctouched = append(y.ctouched, c)
	}
	y.cdocs[i] |= docs
}

// code adds to the entries the runs of the term id in the docs of the
// group group, in the order of the docs: an entry (entries.go) with the
// term's docs in the group, their counts, and the group's slots coded
// (postings.go).
func (y *yearIndex) code(id int32, runs []run, group int32) {
	t := &y.terms[id]
	b, start := y.beginEntry(t, id, group)
	if t.pos {
		// The Rice parameter of the group's gaps between slots, the
		// first slot of a doc counted from -1: the gaps of a doc sum to
		// its last slot less its count, plus one.
		var sum int64
		n := 0
		for _, r := range runs {
			sum += int64(y.slots[r.at+r.n-1]) + 1 - int64(r.n)
			n += int(r.n)
		}
		k := riceK(sum, n)
		at := len(b)
		b = append(b, 0, 0, 0, 0) // the length of the slots, below
		b = riceRuns(append(b, k), y.slots, runs, k, sum, n)
		size := len(b) - at - 4
		binary.LittleEndian.PutUint32(b[at:], uint32(size))
		y.slotBytes += size
	}
	// Room for the docs and their counts (a count of at most 5 bytes),
	// so that the loops do not grow b.
	b = slices.Grow(b, 1+len(runs)*(1+binary.MaxVarintLen32))
	b = append(b, byte(len(runs)-1))
	if t.pos {
		for _, r := range runs {
			b = binary.AppendUvarint(append(b, byte(r.doc)), uint64(r.n))
		}
	} else {
		for _, r := range runs {
			b = append(b, byte(r.doc))
		}
	}
	y.endEntry(t, b, start)
	t.docs += int32(len(runs))
	t.last = group*GroupSize + runs[len(runs)-1].doc
}

// beginEntry starts term id's entry of the group group (entries.go): the
// room for its length, which endEntry writes, the term and the group. It
// returns the entries' bytes and where the entry starts in them.
func (y *yearIndex) beginEntry(t *term, id, group int32) ([]byte, int) {
	b := y.ents.begin(t.hash)
	start := len(b)
	b = append(b, 0, 0, 0, 0)
	b = binary.AppendUvarint(b, uint64(id))
	return binary.AppendUvarint(b, uint64(group)), start
}

// endEntry ends the entry beginEntry started at start in b.
func (y *yearIndex) endEntry(t *term, b []byte, start int) {
	binary.LittleEndian.PutUint32(b[start:], uint32(len(b)-start-4))
	y.ents.end(t.hash, b)
}

// codeChar adds to the entries the docs of the "~" term id in the group
// group, a bit each in docs (see yearIndex.cdocs): an entry as code
// writes it for a term without slots.
func (y *yearIndex) codeChar(id int32, docs uint64, group int32) {
	t := &y.terms[id]
	b, start := y.beginEntry(t, id, group)
	n := bits.OnesCount64(docs)
	b = slices.Grow(b, 1+n)
	b = append(b, byte(n-1))
	for d := docs; d != 0; d &= d - 1 {
		b = append(b, byte(bits.TrailingZeros64(d)))
	}
	y.endEntry(t, b, start)
	t.docs += int32(n)
	t.last = group*GroupSize + int32(63-bits.LeadingZeros64(docs))
}

// finish codes what remains of the last group.
func (y *yearIndex) finish() error {
	y.flush()
	y.spent = scratch{occ: y.occ[:0], pend: y.pend[:0],
		count: y.count[:0], touched: y.touched[:0], slots: y.slots[:0],
		runs: y.runs[:0], sorted: y.sorted[:0], groups: y.groups[:0], gtouched: y.gtouched[:0],
		cdocs: y.cdocs[:0], ctouched: y.ctouched[:0], chars: y.chars[:0]}
	y.pend, y.occ = nil, nil
	y.count, y.touched, y.slots = nil, nil, nil
	y.runs, y.sorted, y.groups, y.gtouched = nil, nil, nil, nil
	y.cdocs, y.ctouched = nil, nil
	return y.err
}

// scratch is the memory a year's index works in while it reads its
// notices, which finish lets go of (as y.spent) and a Builder lends the
// next year (use), so that each year does not allocate and clear it again
// (a year of the corpus, some 8 MB). It holds numbers only: the terms,
// whose texts a year keeps, are the year's own.
type scratch struct {
	pend                                       []pending
	count, touched, groups, gtouched, ctouched []int32
	occ, cdocs                                 []uint64
	slots                                      []uint32
	runs, sorted                               []run
	chars                                      [][2]int32
}

// use gives y, which has read no notice yet, the memory s of a year
// before. The slices by term id are taken empty: each term's values are
// appended as it is made (newTerm), the others are scratch.
func (y *yearIndex) use(s scratch) {
	if y.doc != 0 || len(y.terms) != 1 {
		return
	}
	y.occ, y.pend = s.occ[:0], s.pend[:0]
	y.touched, y.slots = s.touched[:0], s.slots[:0]
	y.runs, y.sorted, y.gtouched, y.ctouched = s.runs[:0], s.sorted[:0], s.gtouched[:0], s.ctouched[:0]
	// Term 0's values, as newTerm appended them.
	y.count = append(s.count[:0], y.count...)
	y.groups = append(s.groups[:0], y.groups...)
	y.chars = append(s.chars[:0], y.chars...)
	y.cdocs = append(s.cdocs[:0], y.cdocs...)
}

// close lets go of what y holds: the file its entries wait in.
func (y *yearIndex) close() { y.ents.close() }

// Hash is the chunk hash of a term: FNV-1a over its UTF-8 bytes, as
// search.js computes it.
func Hash(term string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(term); i++ {
		h = (h ^ uint32(term[i])) * 16777619
	}
	return h
}

// chunks hands the year's chunk files to emitC, one at a time: for each,
// the terms with their docs (c<k>.bin), and their slots files to emitP
// (p<f>.bin, the slots of the chunks k whose k % min(n, parts) is f). An
// entry of a c file is varint(len(term)), term, varint(len(docs)), docs
// and, for a term with slots, varint(offset) of its slots in the p file,
// varint(groups) and varint(length) of each group's part of them
// (postings.go). n is the number of chunks (chunkCount). The chunks are
// made from the entries a part at a time (entries.go), in the buffers of
// a (used again for the next file once emitC or emitP returns when
// a.recycle: see Builder), so that the
// year's postings are never in memory at once: in the order of k when
// there are no more chunks than parts (a slots file a chunk), else part
// by part (a slots file a part: the chunks k of part j are those whose
// k % parts is j).
func (y *yearIndex) chunks(a *assembler, n int, emitC func(k int, docs []byte) error, emitP func(f int, slots []byte) error) error {
	a.y, a.n = y, n
	a.local = slices.Grow(a.local[:0], len(y.terms))[:len(y.terms)]
	for i := range a.local {
		a.local[i] = -1
	}
	if n <= parts {
		for k := range n {
			var err error
			a.data = a.data[:0]
			for j := k; j < parts; j += n {
				if a.data, err = y.ents.load(j, a.data); err != nil {
					return err
				}
			}
			if err := a.assemble([]int{k}, k, emitC, emitP); err != nil {
				return err
			}
		}
		return nil
	}
	ks := make([]int, 0, n/parts)
	for j := range parts {
		var err error
		if a.data, err = y.ents.load(j, a.data[:0]); err != nil {
			return err
		}
		ks = ks[:0]
		for k := j; k < n; k += parts {
			ks = append(ks, k)
		}
		if err := a.assemble(ks, j, emitC, emitP); err != nil {
			return err
		}
	}
	return nil
}

// chunkCount is the number of the year's chunks: the power of two that
// keeps them near chunkBytes.
func (y *yearIndex) chunkCount() int {
	total := y.slotBytes
	for i := 1; i < len(y.terms); i++ {
		total += len(y.terms[i].text) + 2*int(y.terms[i].docs) + 4
	}
	n := 1
	for n*chunkBytes < total {
		n *= 2
	}
	return n
}

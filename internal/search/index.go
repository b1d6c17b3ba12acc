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
// The layout of the chunks is told by yearIndex.chunks, that of the
// postings in postings.go; how a year's postings wait between the reading
// of its notices and the writing of its chunks, in entries.go.
package search

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"slices"
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
// an occurrence (see yearIndex.starts).
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
// The occurrences of a notice are gathered in ids and starts, in the order
// of the text (its text first read into the codes of its slots, then the
// codes into its terms: two loops that each hold few values), then sorted by term (a counting sort, which keeps each term's in
// order) into the slots of its group, as one run per term. Once a group of
// GroupSize notices is read, its runs are sorted by term in turn, and each
// term's are coded into one entry in the year's entries (entries.go): no
// list of docs or slots grows term by term, and the entries can wait in a
// file when they grow large. Sorting a notice at a time keeps the work on
// each occurrence in the processor's caches.
type yearIndex struct {
	keys  table // Han terms by key (see hanKey)
	words map[string]int32
	terms []term
	doc   int32
	docs  int // in the year, or 0
	err   error
	// ids and starts hold the current doc's occurrences but those of
	// "~" terms (see occurrences). sortDoc counts them by term id in
	// count, and lists in touched the ids the doc holds.
	ids     []int32
	starts  []uint64
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
	word  []byte   // the folded word being read
	codes []uint32 // the codes of the current doc's slots (encode)
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
	y := &yearIndex{keys: newTable(1 << 12), words: map[string]int32{}, docs: docs, ents: newEntries(spill)}
	y.newTerm("") // term 0: no term (see occurrences), never written
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
	if y.doc == 0 {
		// Room for the first group's occurrences, about one for each
		// two bytes of the first doc (a Han character is three bytes,
		// and most make two terms: a bigram and, once, the character),
		// so that slots is not copied as it grows.
		size := len(d.Title)
		for _, f := range d.Fields {
			size += len(f)
		}
		y.slots = slices.Grow(y.slots, size/2*GroupSize)
	}
	// The doc is read in two passes: its text into the codes of its
	// slots, then the codes into its terms' occurrences. Each loop holds
	// few values, which stay in registers.
	codes := y.encode(d.Title, y.codes[:0])
	for _, f := range d.Fields {
		codes = append(codes, 0) // no phrase spans two fields
		codes = y.encode(f, codes)
	}
	y.codes = append(codes, 0) // the end, for terms
	y.occurrences(y.codes)
	y.sortDoc()
	y.doc++
	if y.doc&(GroupSize-1) == 0 {
		y.flush()
	}
}

// The code of a slot, as encode writes it: a Han character's code
// (codeOf), a word's term id with wordCode set, or 0 for a run of anything
// else (and between fields, and after the last).
const wordCode = 1 << 31

// codeOf is the code of the Han character r: for a rune of three bytes in
// UTF-8 (most), its bytes, the first the highest, so that encodeCommon
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

// none is the class before the first run of a text.
const none = 255

// isHanCode reports whether the code c is a Han character's.
func isHanCode(c uint32) bool { return c-1 < wordCode-1 }

// encode appends to codes the codes of the slots of the text s, as
// segments counts them: each Han character one slot, each word one, each
// run of anything else one. The words are folded and given their term
// ids here; the Han terms are found from the codes (occurrences).
func (y *yearIndex) encode(s string, codes []uint32) []uint32 {
	// Room for a code per byte, so that the loops append nothing.
	codes = slices.Grow(codes, len(s))
	out := codes[:cap(codes)]
	at := len(codes)
	cur := class(none) // the class of the run being read
	for i := 0; i < len(s); {
		if cur != digit && cur != latin {
			// Most of a text: Han characters and punctuation.
			if i, at, cur = encodeCommon(s, i, out, at, cur); i >= len(s) {
				break
			}
		}
		// One rune of any other kind.
		var r rune
		var c class
		if b := s[i]; b < utf8.RuneSelf {
			r, c = rune(b), other
			switch {
			case b-'0' < 10:
				c = digit
			case (b|0x20)-'a' < 26:
				c = latin
				r = rune(b | 0x20)
			}
			i++
		} else {
			var size int
			r, size = decodeRune(s, i)
			i += size
			r = Fold(r)
			c = classOf(r)
		}
		if c == cur {
			switch c {
			case digit, latin:
				y.word = utf8.AppendRune(y.word, r)
			case han:
				out[at] = codeOf(r)
				at++
			}
			continue
		}
		if cur == digit || cur == latin {
			out[at] = wordCode | uint32(y.wordID())
			at++
		}
		cur = c
		switch c {
		case han:
			out[at] = codeOf(r)
		case digit, latin:
			y.word = utf8.AppendRune(y.word[:0], r)
			continue
		default:
			out[at] = 0
		}
		at++
	}
	if cur == digit || cur == latin {
		out[at] = wordCode | uint32(y.wordID())
		at++
	}
	return out[:at]
}

// encodeCommon writes to out from at the codes of s from i on, after a
// run of class cur (not a word), while it reads the common block of Han
// characters and punctuation that is no letter: ASCII, general
// punctuation, CJK symbols, full-width forms. It returns where it stopped
// (at a rune of another kind, or the end), at and cur as they are then.
// It calls nothing, so that its values stay in registers.
func encodeCommon(s string, i int, out []uint32, at int, cur class) (int, int, class) {
	// Four bytes read at once, while there are: the last rune of a text
	// is read by encode. rest is what is left to read: its length is all
	// the loop tests.
	rest := s[i:]
	for len(rest) >= 4 {
		w := uint32(rest[0]) | uint32(rest[1])<<8 | uint32(rest[2])<<16 | uint32(rest[3])<<24
		if w&0xC0C0F0 != 0x8080E0 {
			// Not a rune of three bytes: ASCII that is no letter or
			// digit, or the end of the block.
			b := w & 0xFF
			if b >= utf8.RuneSelf || b-'0' < 10 || (b|0x20)-'a' < 26 {
				break
			}
			if cur != other {
				out[at] = 0
				at++
				cur = other
			}
			rest = rest[1:]
			continue
		}
		// A rune of three bytes, most often a Han character of the
		// common block (U+4E00 to U+9FFF): tested first, as the most
		// common, on its code (codeOf: its bytes, which keep the order
		// of the runes).
		if c := bits.ReverseBytes32(w) >> 8; c-0xE4B880 <= 0xE9BFBF-0xE4B880 {
			out[at] = c
			at++
			cur = han
			rest = rest[3:]
			continue
		}
		// Punctuation, as classOf and Fold class it.
		r := w&0x0F<<12 | w>>2&0xFC0 | w>>16&0x3F
		switch {
		case r < 0x800: // overlong
			return len(s) - len(rest), at, cur
		case r-0x2000 < 0x70:
		case r-0x3000 < 0x40:
			if r == 0x3005 || r == 0x3007 || r-0x3021 <= 0x3029-0x3021 || r-0x3038 <= 0x303B-0x3038 {
				return len(s) - len(rest), at, cur
			}
		case r-0xFF01 <= 0xFF5E-0xFF01:
			if a := r - 0xFEE0; a-'0' < 10 || (a|0x20)-'a' < 26 {
				return len(s) - len(rest), at, cur
			}
		default:
			return len(s) - len(rest), at, cur
		}
		if cur != other {
			out[at] = 0
			at++
			cur = other
		}
		rest = rest[3:]
	}
	return len(s) - len(rest), at, cur
}

// occurrences notes the terms of the current doc's slots, from their
// codes (encode), which end with a 0: in ids, the id of the bigram, the
// ">" term or the word at each slot (0, a term never written, where the
// slot has none), and in starts the "<" terms, term id << 32 | slot.
func (y *yearIndex) occurrences(codes []uint32) {
	ids := slices.Grow(y.ids[:0], len(codes))[:len(codes)]
	y.starts = y.starts[:0]
	j, noted := 0, -1
	for {
		var key uint64
		j, key = scan(codes, ids, j, noted, y.keys.slots)
		if key == 0 {
			break
		}
		// A term that has no id yet, or the "<" term of the run at j;
		// scan goes on from j.
		id := y.keys.lookup(key)
		if id < 0 {
			id = y.newKey(key)
		}
		if key>>48 == kindStart {
			y.starts = append(y.starts, uint64(id)<<32|uint64(uint32(j)))
			noted = j
		}
	}
	y.ids = ids[:len(codes)-1]
}

// scan writes to ids[j] the id of the term at each slot j from j on (see
// occurrences), up to the last slot of codes, which end with a 0. It
// returns where it stopped and a key: 0 at the end; else the key of a
// term that tab does not hold yet, or of the "<" term of the run that
// starts at the slot it stopped at, unless noted is that slot. This is
// most of a year's work: it calls nothing, so that its values stay in
// registers, and it looks the terms up in line.
func scan(codes []uint32, ids []int32, j, noted int, tab []tableSlot) (int, uint64) {
	ids = ids[:len(codes)]
	mask := uint64(len(tab) - 1)
	for j < len(codes)-1 {
		c := codes[j]
		if !isHanCode(c) {
			ids[j] = int32(c &^ wordCode) // a word's id, or 0
			j++
			continue
		}
		next := codes[j+1]
		if j != noted && (j == 0 || !isHanCode(codes[j-1])) && (!isHanCode(next) || j > 0 && codes[j-1] >= wordCode) {
			return j, hanKey(kindStart, c, 0)
		}
		// The bigrams of a run of Han characters.
		for isHanCode(next) {
			key := kindBigram<<48 | uint64(c)<<24 | uint64(next)
			h := tableHash(key)
			for tab[h&mask].key != key {
				if tab[h&mask].key == 0 {
					return j, key
				}
				h++
			}
			ids[j] = tab[h&mask].id
			j++
			c, next = next, codes[j+1]
		}
		// The run's last character: its ">" term when a word follows.
		id := int32(0)
		if next >= wordCode {
			key := hanKey(kindEnd, c, 0)
			h := tableHash(key)
			for tab[h&mask].key != key {
				if tab[h&mask].key == 0 {
					return j, key
				}
				h++
			}
			id = tab[h&mask].id
		}
		ids[j] = id
		j++
	}
	return j, 0
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

// wordID returns the term id of the word in y.word.
func (y *yearIndex) wordID() int32 {
	id, ok := y.words[string(y.word)]
	if !ok {
		w := string(y.word)
		id = y.newTerm(w)
		y.words[w] = id
	}
	return id
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

// sortDoc sorts the current doc's occurrences (ids and starts, see
// occurrences) by term into the group's slots, one run per term in the
// order of their first occurrences, and counts the runs for the group's
// sort.
// Term 0, which marks the slots that hold no term, is placed after the
// others, then left out. A counting sort: the terms counted, then each
// given its place, then the slots placed; each loop holds few values.
func (y *yearIndex) sortDoc() {
	count, ids, starts := y.count, y.ids, y.starts
	n := len(ids) + len(starts)
	// Room for every term the doc holds, so that the loops call nothing.
	touched := slices.Grow(y.touched[:0], n)[:n]
	terms := countTerms(ids, count, touched)
	for _, o := range starts {
		id := int32(o >> 32)
		c := count[id]
		if c == 0 {
			touched[terms] = id
			terms++
		}
		count[id] = c + 1
	}
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
	placeSlots(ids, count, slots)
	for _, o := range starts {
		id := o >> 32
		p := count[id]
		slots[p] = uint32(o)
		count[id] = p + 1
	}
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

// countTerms counts in count the occurrences of each term of ids, and
// lists in touched those it finds first, in order; it returns how many.
// It is a function of its own, not inlined, so that its loop's values
// stay in registers.
//
//go:noinline
func countTerms(ids, count, touched []int32) int {
	terms := 0
	for _, id := range ids {
		c := count[id]
		if c == 0 {
			touched[terms] = id
			terms++
		}
		count[id] = c + 1
	}
	return terms
}

// placeSlots places each slot j of ids at count[ids[j]] in slots, and
// counts on: the place of each term's next. Not inlined, as countTerms.
//
//go:noinline
func placeSlots(ids, count []int32, slots []uint32) {
	for j, id := range ids {
		p := count[id]
		slots[p] = uint32(j)
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
	y.spent = scratch{codes: y.codes[:0], ids: y.ids[:0], starts: y.starts[:0],
		count: y.count[:0], touched: y.touched[:0], slots: y.slots[:0],
		runs: y.runs[:0], sorted: y.sorted[:0], groups: y.groups[:0], gtouched: y.gtouched[:0],
		cdocs: y.cdocs[:0], ctouched: y.ctouched[:0], chars: y.chars[:0]}
	y.codes, y.ids, y.starts = nil, nil, nil
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
	codes                                           []uint32
	ids, count, touched, groups, gtouched, ctouched []int32
	starts, cdocs                                   []uint64
	slots                                           []uint32
	runs, sorted                                    []run
	chars                                           [][2]int32
}

// use gives y, which has read no notice yet, the memory s of a year
// before. The slices by term id are taken empty: each term's values are
// appended as it is made (newTerm), the others are scratch.
func (y *yearIndex) use(s scratch) {
	if y.doc != 0 || len(y.terms) != 1 {
		return
	}
	y.codes, y.ids, y.starts = s.codes[:0], s.ids[:0], s.starts[:0]
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

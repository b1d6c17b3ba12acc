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
// postings in postings.go; how a year's postings wait between the reading
// of its notices and the writing of its chunks, in entries.go.
package search

import (
	"encoding/binary"
	"errors"
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
// The occurrences of a notice are gathered in buf, in the order of the
// text, then sorted by term (a counting sort, which keeps each term's in
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
	// buf holds the current doc's occurrences but those of "~" terms:
	// term id << 32 | slot. sortDoc counts them by term id in count,
	// lists in touched the ids the doc holds, and in marked its "~"
	// terms.
	buf             []uint64
	count           []int32
	touched, marked []int32
	// slots holds the slots of the current group's docs, doc by doc, each
	// doc's term by term; runs tells whose they are, doc by doc, and
	// sorted the same by term (flush), as groups, by term id, counts and
	// gtouched list them.
	slots        []uint32
	runs, sorted []run
	groups       []int32
	gtouched     []int32
	// chars holds, by term id, the ids of the "~" terms of a Han term's
	// characters (-1: none), noted once per doc by sortDoc.
	chars [][2]int32
	word  []byte // the folded word being read
	// ents holds the coded entries of the groups read so far.
	ents entries
	// slotBytes is the length of every term's coded slots, all groups.
	slotBytes int
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
	return &yearIndex{keys: newTable(1 << 12), words: map[string]int32{}, docs: docs, ents: newEntries(spill)}
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
	if y.doc == 0 {
		// Room for the first group's occurrences, about one for each
		// two bytes of the first doc (a Han character is three bytes,
		// and most make two terms: a bigram and, once, the character),
		// so that buf is not copied as it grows.
		size := len(d.Title)
		for _, f := range d.Fields {
			size += len(f)
		}
		y.slots = slices.Grow(y.slots, size/2*GroupSize)
	}
	slot := y.field(d.Title, 0)
	for _, f := range d.Fields {
		slot = y.field(f, slot+1) // no phrase spans two fields
	}
	y.sortDoc()
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
	for i := 0; i < len(s); {
		var r rune
		c := other
		read := false // r and c are known
		if b := s[i]; b < utf8.RuneSelf {
			// ASCII, classed in line; a run of other ASCII bytes (spaces,
			// punctuation, Markdown marks) read at once.
			switch {
			case b-'0' < 10:
				c = digit
			case (b|0x20)-'a' < 26:
				c = latin
				b |= 0x20
			}
			if c == other && cur == other && n > 0 {
				for i++; i < len(s) && s[i] < utf8.RuneSelf && s[i]-'0' >= 10 && (s[i]|0x20)-'a' >= 26; i++ {
				}
				continue
			}
			r, read = rune(b), true
			i++
		} else if b&0xF0 == 0xE0 && i+2 < len(s) {
			// Three bytes, as most of a Chinese text: the common block
			// of Han characters (U+4E00 to U+9FFF) classed in line, the
			// punctuation around them decoded in line.
			if b1, b2 := s[i+1]^0x80, s[i+2]^0x80; b1|b2 < 0x40 {
				r = rune(b&0x0F)<<12 | rune(b1)<<6 | rune(b2)
				switch {
				case r >= 0x4E00 && r <= 0x9FFF:
					c, read = han, true
				case r >= 0x800 && (r < 0xD800 || r > 0xDFFF):
					r = Fold(r)
					c, read = classOf(r), true
				}
				if read {
					i += 3
				}
			}
		}
		if !read {
			var size int
			r, size = decodeRune(s, i)
			i += size
			r = Fold(r)
			c = classOf(r)
		}
		if c == han && cur == han {
			// The inner loop: a bigram, and those of the characters of
			// the common block that follow, without classing them again.
			var k int
			i, last, k = y.bigrams(s, i, last, r, start+n-1)
			n += k
			continue
		}
		if c != cur {
			if n > 0 {
				slot = y.end(cur, prev, start, n, first, last)
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
			last = r
		case digit, latin:
			y.word = utf8.AppendRune(y.word, r)
		}
		n++
	}
	if n > 0 {
		slot = y.end(cur, prev, start, n, first, last)
	}
	return slot
}

// end notes the terms of a run that ends: of class cur, after one of
// class prev, from slot start, n runes long; a Han run's first and last
// characters. It returns the slot after the run.
func (y *yearIndex) end(cur, prev class, start, n int, first, last rune) int {
	switch cur {
	case han:
		if n == 1 && prev != digit && prev != latin {
			y.note(hanKey(kindStart, first, 0), start)
		}
		return start + n
	case digit, latin:
		if prev == han {
			y.note(hanKey(kindEnd, last, 0), start-1)
		}
		y.noteWord(start)
	}
	return start + 1
}

// bigrams notes the bigrams of a run of Han characters from the one
// before s[i:], last at slot slot, and r, just read, on through the
// characters of the common block that follow. It returns the offset after
// the last it read, that character, and how many it read. This is most of
// a year's work: the loop holds as few values as it can, so that they
// stay in registers.
func (y *yearIndex) bigrams(s string, i int, last, r rune, slot int) (int, rune, int) {
	tab := y.keys.slots
	// Room for one occurrence per character left, at most a third of the
	// bytes.
	y.buf = slices.Grow(y.buf, (len(s)-i)/3+1)
	out := y.buf[:cap(y.buf)]
	at := len(y.buf)
	from := at
	delta := uint32(slot - at) // an occurrence's slot less its index in out
	rest := s[i:]
	for {
		key := kindBigram<<48 | uint64(last)<<24 | uint64(r)
		var id int32
		for h := tableHash(key); ; h++ {
			e := &tab[h&uint64(len(tab)-1)]
			if e.key == key {
				id = e.id
				break
			}
			if e.key == 0 {
				id = y.newKey(key)
				tab = y.keys.slots
				break
			}
		}
		out[at] = uint64(id)<<32 | uint64(uint32(at)+delta)
		at++
		last = r
		if len(rest) < 3 {
			break
		}
		b0, b1, b2 := rest[0], rest[1]^0x80, rest[2]^0x80
		if b0-0xE4 > 0xE9-0xE4 || b1|b2 >= 0x40 {
			break
		}
		if r = rune(b0&0x0F)<<12 | rune(b1)<<6 | rune(b2); r < 0x4E00 {
			break
		}
		rest = rest[3:]
	}
	y.buf = out[:at]
	return len(s) - len(rest), last, at - from
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
	var chars [2]int32
	if kind := key >> 48; kind != kindChar {
		chars = [2]int32{y.charTerm(rune(key >> 24 & 0xFFFFFF)), -1}
		if kind == kindBigram {
			chars[1] = y.charTerm(rune(key & 0xFFFFFF))
		}
	} else {
		chars = [2]int32{-1, -1}
	}
	id := y.newTerm(termOf(key))
	y.keys.insert(key, id)
	y.chars[id] = chars
	return id
}

// charTerm returns the id of the "~" term of the Han character r.
func (y *yearIndex) charTerm(r rune) int32 {
	key := hanKey(kindChar, r, 0)
	id := y.keys.lookup(key)
	if id < 0 {
		id = y.newKey(key)
	}
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

// occur notes the term id at slot of the current doc.
func (y *yearIndex) occur(id int32, slot int) {
	y.buf = append(y.buf, uint64(id)<<32|uint64(uint32(slot)))
}

// sortDoc sorts the current doc's occurrences by term into the group's
// slots, one run per term in the order of their first occurrences, adds
// a run for the "~" term of each Han character the doc holds, and counts
// the runs for the group's sort.
func (y *yearIndex) sortDoc() {
	// count[id] is the number of the term's occurrences until its first
	// is placed; from then on, -(the place of its next) - 1.
	count, buf := y.count, y.buf
	for _, o := range buf {
		count[o>>32]++
	}
	base := int32(len(y.slots))
	y.slots = slices.Grow(y.slots, len(buf))[:int(base)+len(buf)]
	slots := y.slots
	// Room for every term the doc holds, so that the loop calls nothing.
	touched := slices.Grow(y.touched[:0], len(buf))[:len(buf)]
	terms := 0
	at := base
	for _, o := range buf {
		id := o >> 32
		next := count[id]
		if next > 0 {
			touched[terms] = int32(id)
			terms++
			next, at = at, at+next
		} else {
			next = -next - 1
		}
		slots[next] = uint32(o)
		count[id] = -next - 2
	}
	touched = touched[:terms]
	start, doc := base, y.doc&(GroupSize-1)
	groups, chars := y.groups, y.chars
	// Room for a run of each term and of each "~" term (at most two for
	// each term), and for their first in the group, so that the loops
	// call nothing.
	runs := slices.Grow(y.runs, 3*terms)
	nr := len(runs)
	runs = runs[:cap(runs)]
	gtouched := slices.Grow(y.gtouched, 3*terms)
	ng := len(gtouched)
	gtouched = gtouched[:cap(gtouched)]
	marked := slices.Grow(y.marked[:0], 2*terms)[:2*terms]
	nm := 0
	for _, id := range touched {
		end := -count[id] - 1
		count[id] = 0
		runs[nr] = run{id: id, doc: doc, at: start, n: end - start}
		nr++
		if groups[id] == 0 {
			gtouched[ng] = id
			ng++
		}
		groups[id]++
		start = end
		// Every Han character is in a bigram or a "<" term of its run.
		cs := &chars[id]
		if c := cs[0]; c >= 0 && count[c] == 0 {
			count[c] = 1
			marked[nm] = c
			nm++
		}
		if c := cs[1]; c >= 0 && count[c] == 0 {
			count[c] = 1
			marked[nm] = c
			nm++
		}
	}
	marked = marked[:nm]
	for _, c := range marked {
		count[c] = 0
		runs[nr] = run{id: c, doc: doc, n: 1}
		nr++
		if groups[c] == 0 {
			gtouched[ng] = c
			ng++
		}
		groups[c]++
	}
	y.runs, y.gtouched = runs[:nr], gtouched[:ng]
	y.touched, y.marked = touched[:0], marked[:0]
	y.buf = y.buf[:0]
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
	for _, id := range touched {
		end := count[id]
		count[id] = 0
		y.code(id, sorted[start:end], group)
		start = end
	}
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

// code adds to the entries the runs of the term id in the docs of the
// group group, in the order of the docs: an entry (entries.go) with the
// term's docs in the group, their counts, and the group's slots coded
// (postings.go).
func (y *yearIndex) code(id int32, runs []run, group int32) {
	t := &y.terms[id]
	b := y.ents.begin(t.hash)
	b = binary.AppendUvarint(b, uint64(id))
	b = binary.AppendUvarint(b, uint64(group))
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
		w := bitWriter{buf: append(b, k)}
		for _, r := range runs {
			w.slots(y.slots[r.at:r.at+r.n], k)
		}
		b = w.bytes()
		size := len(b) - at - 4
		binary.LittleEndian.PutUint32(b[at:], uint32(size))
		y.slotBytes += size
	}
	b = append(b, byte(len(runs)-1))
	for _, r := range runs {
		b = append(b, byte(r.doc))
		if t.pos {
			b = binary.AppendUvarint(b, uint64(r.n))
		}
	}
	y.ents.end(t.hash, b)
	t.docs += int32(len(runs))
	t.last = group*GroupSize + runs[len(runs)-1].doc
}

// finish codes what remains of the last group.
func (y *yearIndex) finish() error {
	y.flush()
	y.buf, y.count, y.touched, y.slots = nil, nil, nil, nil
	y.runs, y.sorted, y.groups, y.gtouched = nil, nil, nil, nil
	return y.err
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

// chunks hands the year's chunk files to emit, one at a time: for each,
// the terms with their docs (c<k>.bin) and their slots (p<k>.bin). An
// entry of a c file is varint(len(term)), term, varint(len(docs)), docs
// and, for a term with slots, varint(offset) of its slots in the p file,
// varint(groups) and varint(length) of each group's part of them
// (postings.go). n is the number of chunks (chunkCount). The chunks are
// made from the entries a part at a time (entries.go), so that the
// year's postings are never in memory at once: in the order of k when
// there are no more chunks than parts, else part by part.
func (y *yearIndex) chunks(n int, emit func(k int, docs, slots []byte) error) error {
	a := assembler{y: y, n: n, local: make([]int32, len(y.terms))}
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
			if err := a.assemble([]int{k}, emit); err != nil {
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
		if err := a.assemble(ks, emit); err != nil {
			return err
		}
	}
	return nil
}

// chunkCount is the number of the year's chunks: the power of two that
// keeps them near chunkBytes.
func (y *yearIndex) chunkCount() int {
	total := y.slotBytes
	for i := range y.terms {
		total += len(y.terms[i].text) + 2*int(y.terms[i].docs) + 4
	}
	n := 1
	for n*chunkBytes < total {
		n *= 2
	}
	return n
}

package search

import (
	"math/bits"
	"slices"
	"unicode/utf8"
)

// read notes the occurrences of the notice d, the current doc, in the
// slots and runs of its group.
//
// Its text is read in one pass (text), which notes in occ the term at
// each slot that holds one as it goes: the bigrams of a run of Han
// characters are looked up in the table as their second character is
// read. The terms it cannot give an id at once, the bigrams the table
// does not hold yet and the run edges ("<" and ">" terms, few), wait in
// pend, in the order of their slots, and are given theirs once the text
// is read (resolve): so a doc's new words are given ids before its new
// Han terms, and those in the order of their slots, and each term's
// occurrences are in the order of its slots (a term is either in the
// table all the text long, or not).
func (y *yearIndex) read(d *Doc) {
	size := len(d.Title)
	for _, f := range d.Fields {
		size += len(f)
	}
	if y.doc == 0 {
		// Room for the first group's occurrences, about one for each
		// two bytes of the first doc (a Han character is three bytes,
		// and most make two terms: a bigram and, once, the character),
		// so that slots is not copied as it grows.
		y.slots = slices.Grow(y.slots, size/2*GroupSize)
	}
	// An occurrence at most a byte: text's, resolve's are appended.
	y.occ = slices.Grow(y.occ[:0], size)[:size]
	y.pend = y.pend[:0]
	k, at := y.text(d.Title, 0, 0)
	for _, f := range d.Fields {
		// A slot between fields, which holds no term: no phrase spans
		// two fields.
		k, at = y.text(f, k, at+1)
	}
	y.occ = y.occ[:k]
	y.resolve()
	y.sortDoc()
}

// pending is a term of the current doc whose id read looks up last: the
// key of a Han term and its slot.
type pending struct {
	key  uint64
	slot int
}

// The state of text between two runes: the code (codeOf) of the Han
// character at the slot before, with single set when it starts its run
// and its "<" term is not noted (yet); or one of these.
const (
	afterOther = 0       // a run of anything else (its slot written)
	atStart    = 1 << 31 // the start of the text
	inWord     = atStart + 1
	single     = 1 << 24 // above any code
)

// isHanCode reports whether the code or state c is a Han character's.
func isHanCode(c uint32) bool { return c-1 < atStart-1 }

// text notes in y.occ from k on the terms of the slots of s from the slot
// at on, as segments counts them: each Han character one slot, each word
// one, each run of anything else one (which holds no term). It returns k
// and the slot after the last. Most of s is read by textCommon; what it
// leaves, a rune at a time here.
func (y *yearIndex) text(s string, k, at int) (int, int) {
	occ, tab := y.occ, y.keys.slots
	state := uint32(atStart)
	var wc class // the class of the word being read, in state inWord
	for i := 0; i < len(s); {
		if state != inWord {
			var key uint64
			var left int
			left, k, at, state, key = textCommon(s[i:], occ, k, at, state, tab)
			i = len(s) - left
			switch {
			case key>>48 == kindStart:
				// A run of one character ends: state is it, at the
				// slot before.
				y.pend = append(y.pend, pending{key, at - 1})
				state &^= single
				continue
			case key != 0:
				// A bigram the table does not hold, at the slot before
				// the last read.
				y.pend = append(y.pend, pending{key, at - 2})
				continue
			}
			if i >= len(s) {
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
		if state == inWord {
			if c == wc {
				y.word = utf8.AppendRune(y.word, r)
				continue
			}
			k = note(occ, k, y.wordID(), at)
			at++
		}
		switch c {
		case digit, latin:
			if isHanCode(state) {
				// A word follows the run of Han characters directly:
				// the ">" term of its last.
				y.runEnd(state, at)
				y.pend = append(y.pend, pending{hanKey(kindEnd, state&^single, 0), at - 1})
			}
			y.word = utf8.AppendRune(y.word[:0], r)
			state, wc = inWord, c
			continue
		case han:
			code := codeOf(r)
			switch {
			case state == inWord:
				// A run that follows a word directly: its "<" term.
				y.pend = append(y.pend, pending{hanKey(kindStart, code, 0), at})
				state = code
			case isHanCode(state):
				key := hanKey(kindBigram, state&^single, code)
				if id := y.keys.lookup(key); id >= 0 {
					k = note(occ, k, id, at-1)
				} else {
					y.pend = append(y.pend, pending{key, at - 1})
				}
				state = code
			default:
				state = code | single
			}
			at++
		default:
			if isHanCode(state) {
				y.runEnd(state, at)
			}
			if state != afterOther {
				at++
				state = afterOther
			}
		}
	}
	switch {
	case state == inWord:
		k = note(occ, k, y.wordID(), at)
		at++
	case isHanCode(state):
		y.runEnd(state, at)
	}
	return k, at
}

// note notes in occ[k] the term id at the slot at, unless id is 0 (a
// word past maxTerms), and returns the k of the next.
func note(occ []uint64, k int, id int32, at int) int {
	if id == 0 {
		return k
	}
	occ[k] = uint64(id)<<32 | uint64(at)
	return k + 1
}

// runEnd notes the "<" term of the run of Han characters that ends at the
// slot before at, in state, when it is one character long.
func (y *yearIndex) runEnd(state uint32, at int) {
	if state&single != 0 {
		y.pend = append(y.pend, pending{hanKey(kindStart, state&^single, 0), at - 1})
	}
}

// textCommon notes in occ from k the terms of the slots of rest (a text
// from where text is), from the slot at, in the state state (see text;
// not inWord), while it reads the common block of Han characters and
// punctuation that is no letter: ASCII, general punctuation, CJK symbols,
// full-width forms. The bigrams it finds in tab, the others it leaves to
// text. It returns the length of what it left of rest, k, at and state as
// they are then, and a key: 0 at a rune of another kind or near the end
// (the last rune of a text is read by text); else the "<" term of a run
// of one character that ends at the next rune, which is to be read again,
// or a bigram tab does not hold, at the slot before the last it read.
// Most of a year's work: it calls nothing, so that its values stay in
// registers, and it looks the bigrams up in line.
func textCommon(rest string, occ []uint64, k, at int, state uint32, tab []tableSlot) (int, int, int, uint32, uint64) {
	if len(tab) == 0 {
		// Never (newTable): but so the compiler knows that h&mask is
		// in tab, and checks no bounds.
		return len(rest), k, at, state, 0
	}
	mask := uint64(len(tab) - 1)
	// Four bytes read at once, while there are: rest is what is left to
	// read, its length all the loop tests.
	for len(rest) >= 4 {
		w := uint32(rest[0]) | uint32(rest[1])<<8 | uint32(rest[2])<<16 | uint32(rest[3])<<24
		n := 1 // the bytes of the rune of punctuation, below
		if w&0xC0C0F0 == 0x8080E0 {
			// A rune of three bytes, most often a Han character of the
			// common block (U+4E00 to U+9FFF): tested first, as the
			// most common, on its code (codeOf: its bytes, which keep
			// the order of the runes).
			if c := bits.ReverseBytes32(w) >> 8; c-0xE4B880 <= 0xE9BFBF-0xE4B880 {
				if !isHanCode(state) {
					// The first of a run.
					state = c | single
					at++
					rest = rest[3:]
				}
				// The run's next characters, each with the bigram it
				// ends, in a loop that tests no more than it must: the
				// slot of each bigram is k+delta, and state needs no
				// clearing of single, which the shift puts on the bit
				// of kindBigram.
				delta := uint64(at - 1 - k)
				for len(rest) >= 4 {
					w := uint32(rest[0]) | uint32(rest[1])<<8 | uint32(rest[2])<<16 | uint32(rest[3])<<24
					c := bits.ReverseBytes32(w) >> 8
					if w&0xC0C0F0 != 0x8080E0 || c-0xE4B880 > 0xE9BFBF-0xE4B880 {
						break
					}
					key := kindBigram<<48 | uint64(state)<<24 | uint64(c)
					h := tableHash(key)
					for tab[h&mask].key != key {
						if tab[h&mask].key == 0 {
							return len(rest) - 3, k, k + int(delta) + 2, c, key
						}
						h++
					}
					occ[k] = tab[h&mask].high | (uint64(k) + delta)
					k++
					state = c
					rest = rest[3:]
				}
				at = k + int(delta) + 1
				continue
			}
			// Punctuation, as classOf and Fold class it.
			r := w&0x0F<<12 | w>>2&0xFC0 | w>>16&0x3F
			switch {
			case r < 0x800: // overlong
				return len(rest), k, at, state, 0
			case r-0x2000 < 0x70:
			case r-0x3000 < 0x40:
				if r == 0x3005 || r == 0x3007 || r-0x3021 <= 0x3029-0x3021 || r-0x3038 <= 0x303B-0x3038 {
					return len(rest), k, at, state, 0
				}
			case r-0xFF01 <= 0xFF5E-0xFF01:
				if a := r - 0xFEE0; a-'0' < 10 || (a|0x20)-'a' < 26 {
					return len(rest), k, at, state, 0
				}
			default:
				return len(rest), k, at, state, 0
			}
			n = 3
		} else if b := w & 0xFF; b >= utf8.RuneSelf || b-'0' < 10 || (b|0x20)-'a' < 26 {
			// Not ASCII that is no letter or digit.
			break
		}
		// Punctuation: a slot for its run.
		if state != afterOther {
			if state&single != 0 {
				return len(rest), k, at, state, hanKey(kindStart, state&^single, 0)
			}
			at++
			state = afterOther
		}
		rest = rest[n:]
	}
	return len(rest), k, at, state, 0
}

// resolve gives their ids to the terms read left for later (pend), in the
// order of their slots, and notes them in occ. A term given id 0 (past
// maxTerms) is noted too, as before, and left out by sortDoc.
func (y *yearIndex) resolve() {
	for _, p := range y.pend {
		id := y.keys.lookup(p.key)
		if id < 0 {
			id = y.newKey(p.key)
		}
		y.occ = append(y.occ, uint64(id)<<32|uint64(p.slot))
	}
}

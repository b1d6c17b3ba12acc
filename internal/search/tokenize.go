package search

import (
	"unicode"
	"unicode/utf8"
)

// A text is indexed as a sequence of slots: each Han character takes one
// slot, each word (a run of Latin letters or of digits) one slot, and each
// run of anything else (punctuation, spaces, Markdown marks) one slot that
// holds no term, so that no phrase spans it. The terms at a slot:
//
//	"整改"  a bigram: the Han character at the slot and the next one, in the
//	        same run of Han characters
//	"<整"   the Han character at the slot starts a run that is one
//	        character long or follows a word directly
//	">整"   the Han character at the slot ends a run that a word follows
//	        directly
//	"2024"  a word, folded: digits and lower-case Latin letters
//
// and, once per notice whatever its slot, "~整": the notice holds the Han
// character somewhere (for a query of one character). A phrase of Han
// characters is found by its bigrams at consecutive slots, which holds it
// exactly: two Han characters at consecutive slots are in the same run. A
// phrase that mixes words and Han characters needs the run edges only
// where a run of one character meets a word ("2024年", "4月17日").

// Fold maps a rune to the form the index keeps: full-width ASCII forms to
// ASCII, the ideographic space to a space, Latin capitals to lower case.
func Fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		return ' '
	}
	if r >= 'A' && r <= 'Z' {
		return r + ('a' - 'A')
	}
	return r
}

// class is what a folded rune is to the tokenizer.
type class uint8

const (
	other class = iota
	han
	digit
	latin
)

func classOf(r rune) class {
	switch {
	case r >= '0' && r <= '9':
		return digit
	case r >= 'a' && r <= 'z':
		return latin
	case r >= 0x4E00 && r <= 0x9FFF: // the common block, first
		return han
	case r < 0x80:
		return other
	case r >= 0x2000 && r < 0x2070: // general punctuation: no letter
		return other
	case r >= 0x3000 && r < 0x3040: // CJK symbols and punctuation
		if r == 0x3005 || r == 0x3007 || r >= 0x3021 && r <= 0x3029 || r >= 0x3038 && r <= 0x303B {
			return han // 々, 〇, the Hangzhou numerals
		}
		return other
	case r < 0x2E80:
		if unicode.IsLetter(r) {
			return latin // other alphabets: words, as Latin
		}
		return other
	case unicode.Is(unicode.Han, r):
		return han
	}
	return other
}

// segment is a run of runes of one class, folded, at a slot.
type segment struct {
	class class
	slot  int
	text  []rune // folded; for han, one rune per slot
}

// segments splits s into runs after folding each rune; a run of other
// runes is a segment too, one slot wide. slot is the first slot's number;
// it returns the slot after the last.
func segments(s string, slot int, f func(segment)) int {
	var run []rune
	cur := other
	flush := func() {
		if len(run) == 0 {
			return
		}
		f(segment{class: cur, slot: slot, text: run})
		if cur == han {
			slot += len(run)
		} else {
			slot++
		}
		run = run[:0]
	}
	for i := 0; i < len(s); {
		r, n := decodeRune(s, i)
		i += n
		r = Fold(r)
		c := classOf(r)
		if c != cur {
			flush()
			cur = c
		}
		run = append(run, r)
	}
	flush()
	return slot
}

// decodeRune is utf8.DecodeRuneInString(s[i:]), with the three-byte
// sequences of Chinese text decoded in line: most of a notice.
func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	} else if c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

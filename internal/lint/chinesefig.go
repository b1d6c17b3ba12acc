package lint

import (
	"strings"
	"unicode/utf8"
)

// clauseMark says what mark r, at a place scan found one, does to the
// sentences and clauses of a paragraph: 。！？ end a sentence, ，,；;、 a
// clause, and round brackets open and close a breakdown, within which no
// clause ends.
func clauseMark(r rune) clauseRole {
	switch r {
	case '。', '！', '？':
		return endsSentence
	case '，', ',', '；', ';', '、':
		return endsClause
	case '(', '（':
		return opensBracket
	case ')', '）':
		return closesBracket
	}
	return 0
}

type clauseRole uint8

// markRole is clauseMark of the mark at byte i of text, where scan found
// one, and its length, looked up by its bytes (markRoles) without
// decoding it.
func markRole(text string, i int) (clauseRole, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return markRoles.ascii[c] & roleBits, 1
	}
	s := text[i : i+3]
	return markRoles.wide[s[0]&0x0F][s[2]&0x3F] & roleBits, 3
}

// endsSentenceAt reports whether the mark at byte i of text, where scan
// found one, is 。？！?!, where appendSentences ends a sentence, and its
// length.
func endsSentenceAt(text string, i int) (bool, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return markRoles.ascii[c]&stopBit != 0, 1
	}
	s := text[i : i+3]
	return markRoles.wide[s[0]&0x0F][s[2]&0x3F]&stopBit != 0, 3
}

// markRoles holds, for each mark (isMark), its clauseMark and whether it
// is one of 。？！?! (stopBit): an ASCII mark by its byte, a mark of three
// bytes by the low bits of its first and last bytes, which no two marks
// share (TestMarkRoles: every mark of three bytes is of U+2000-U+203F,
// U+3000-U+303F or U+FF00-U+FF3F).
var markRoles = func() (t struct {
	ascii [utf8.RuneSelf]clauseRole
	wide  [16][64]clauseRole
}) {
	for r := range rune(0x10000) {
		if !isMark(r) {
			continue
		}
		role := clauseMark(r)
		switch r {
		case '。', '？', '！', '?', '!':
			role |= stopBit
		}
		if r < utf8.RuneSelf {
			t.ascii[r] = role
			continue
		}
		b := string(r)
		t.wide[b[0]&0x0F][b[2]&0x3F] = role
	}
	return t
}()

const (
	roleBits clauseRole = 7 // the clauseRole of a markRoles entry
	stopBit  clauseRole = 8 // a mark appendSentences ends a sentence at
)

const (
	endsSentence clauseRole = iota + 1
	endsClause
	opensBracket
	closesBracket
)

// chineseFigures returns the figures written in Chinese numerals that
// close a clause of text, one paragraph whose marks are at (see marks), in
// any sentence: ChineseFigures; with keep, only those keep keeps, given
// their unit and their clause, and with ends too, the set of the last
// bytes of the units keep may keep
// (ends.addUnit), which rules out fast the clauses that end with none. It
// cuts the paragraph into sentences and clauses at its marks in one walk,
// as sentencesAt and appendClauses do, and reads only a clause that ends
// with a numeral and a unit (numeralUnitEnds); no other rune is decoded.
// It appends the figures to out.
func chineseFigures(out []Figure, text string, at []int, keep func(unit, clause string) bool, ends *byteSet) []Figure {
	may := mayEndFigure(text, at, ends)
	if may == 0 {
		return out
	}
	depth, start, open := 0, 0, -1 // the clause's bracket depth, start, and last top-level bracket
	for k := 0; k <= len(at); k++ {
		end, w, role := len(text), 0, endsSentence // the end of the text ends its last sentence
		if k < len(at) {
			end = at[k]
			role, w = markRole(text, end)
			switch role {
			case opensBracket:
				if depth == 0 {
					open = end
				}
				depth++
				continue
			case closesBracket:
				if depth > 0 {
					depth--
				}
				continue
			case endsClause:
				if depth > 0 {
					continue
				}
			case endsSentence:
			default:
				continue
			}
		}
		// A clause from start to end; the last of a sentence only if it
		// is not empty, as appendClauses cuts them.
		// mayEndFigure said whether the clause may end with a figure, but
		// for one that ends at its last bracket (c.inner), which only a
		// clause with a bracket may (open at its start or after).
		if (role == endsClause || start < end) && (may>>min(k, 63)&1 != 0 || open >= start) {
			c := newClause(text, start, end, open)
			if c.end > c.off && (ends == nil || ends.has(text[c.end-1])) && (may>>min(k, 63)&1 != 0 || c.inner.off > 0) {
				out = takeChinese(out, text, c, keep)
			}
		}
		start, open = end+w, -1
		if role == endsSentence {
			depth = 0
		}
	}
	return out
}

// takeChinese appends to out the figure in Chinese numerals clause c of
// text ends with, if any, in a unit keep keeps, given the clause, unless
// keep is nil.
func takeChinese(out []Figure, text string, c clause, keep func(unit, clause string) bool) []Figure {
	if !numeralUnitEnds(text[c.off:c.end]) {
		return out
	}
	unit, rest := clauseUnit(text[c.off:c.end])
	// A number that ends with an Arabic digit or point is Arabic
	// (numberBefore): no figure of those kept.
	if unit == "" || endsArabic(rest) || keep != nil && !keep(unit, text[c.off:c.end]) {
		return out
	}
	if f, ok := figureBefore(rest, unit, c.off, c.end, -1); ok && f.Chinese {
		out = append(out, f)
	}
	return out
}

// endsArabic reports whether s ends with what numberBefore reads as an
// Arabic number: a digit, ASCII or full-width, or a point, . or ．
// (U+FF0E, EF BC 8E; ０ to ９ are EF BC 90 to EF BC 99).
func endsArabic(s string) bool {
	n := len(s)
	switch {
	case n == 0:
		return false
	case s[n-1] < utf8.RuneSelf:
		return s[n-1]-'0' <= 9 || s[n-1] == '.'
	}
	return n >= 3 && s[n-3] == 0xEF && s[n-2] == 0xBC && (s[n-1] == 0x8E || s[n-1]-0x90 <= 9)
}

// mayEndFigure says which clauses of text, whose marks are at, may end
// with a Chinese numeral and a unit (numeralUnitEnds), one whose last
// byte is in ends unless ends is nil: bit k is set when the clause that
// ends at mark k may (k = len(at): the clause that ends the text), bit
// 63 when one of those of mark 63 on may. Every clause sentencesAt and
// appendClauses cut ends at a mark or at the end of text, before the
// spaces and full stops newClause trims; and numeralUnitEnds, which looks
// only at how a string ends, holds of text up to that end whenever it
// holds of the clause. Most paragraphs have no such end (0): they are not
// cut into sentences and clauses at all.
func mayEndFigure(text string, at []int, ends *byteSet) uint64 {
	// The last bytes a clause may end with: those of ends, and a space or
	// a full stop, which newClause trims.
	last := byteSet{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	if ends != nil {
		last = *ends
		last.add(' ')
		last.add('.')
	}
	var may uint64
	for k, end := range at {
		if end > 0 && end <= len(text) && last.has(text[end-1]) && mayEndAt(text, end, ends) {
			may |= 1 << min(k, 63)
		}
	}
	if mayEndAt(text, len(text), ends) {
		may |= 1 << min(len(at), 63)
	}
	return may
}

// mayEndAt says whether the clause that ends at byte end of text, before
// the spaces and full stops newClause trims, may end with a figure in
// Chinese numerals (mayEndFigure).
func mayEndAt(text string, end int, ends *byteSet) bool {
	if end == 0 {
		return false
	}
	last := text[end-1]
	if last == ' ' || last == '.' { // seldom
		for end > 0 && (text[end-1] == ' ' || text[end-1] == '.') {
			end--
		}
		if end == 0 {
			return false
		}
		last = text[end-1]
	}
	if ends != nil && !ends.has(last) {
		return false
	}
	return numeralUnitEnds(text[:end])
}

// numeralUnitEnds reports whether s ends with a Chinese numeral, perhaps
// 余 or 多, and a unit: one of figureUnits or any one rune. Most clauses
// end with neither: the rune before the last is looked at first, then the
// units that end with the last rune, if any does.
func numeralUnitEnds(s string) bool {
	if n := len(s); n >= 6 && s[n-6]-0xE4 <= 0xE9-0xE4 && s[n-5]&0xC0 == 0x80 && s[n-4]&0xC0 == 0x80 &&
		s[n-3]-0xE4 <= 0xE9-0xE4 && s[n-2]&0xC0 == 0x80 && s[n-1]&0xC0 == 0x80 {
		// Most often: s ends with two Chinese characters (U+4000-U+9FFF).
		// By their last bytes, the first is neither a numeral, 余 nor 多,
		// and the last ends no unit: no figure ends s.
		if numeralNoted[s[n-5]&0x3F]>>(s[n-4]&0x3F)&1 == 0 && unitNoted[s[n-2]&0x3F]>>(s[n-1]&0x3F)&1 == 0 {
			return false
		}
	}
	if s == "" {
		return false
	}
	last, w := lastRune(s)
	if n := len(s) - w; n > 0 && s[n-1] < utf8.RuneSelf {
		// An ASCII rune before the last (a digit: 9个, 30%): no numeral
		// ends what is before the last rune, and every unit of more than
		// one rune has a Chinese character before its last.
		return false
	}
	if numeralEnds(s[:len(s)-w]) {
		return true
	}
	switch last {
	case '点', '元', '次', '人', '户', '件', '个', '家', '期', '亩', '%', '％', '‰': // what a unit of figureUnits ends with (TestFigureUnitsEnd)
	default:
		return false
	}
	for _, u := range unitsByLast[s[len(s)-1]] {
		if strings.HasSuffix(s, u) && numeralEnds(s[:len(s)-len(u)]) {
			return true
		}
	}
	return false
}

// numeralNoted has, for each numeral numeralEnds knows and for 余 and 多,
// bit b2 set in entry b1, where 0x80|b1 and 0x80|b2 are its last two
// bytes (the low twelve bits of its code point); unitNoted the same for
// each Chinese character a unit of figureUnits ends with
// (TestFigureUnitsEnd). Few other characters share them.
var numeralNoted, unitNoted = lastTwoBytes("零〇一二两三四五六七八九十百千万余多"), lastTwoBytes("点元次人户件个家期亩")

// lastTwoBytes returns the table of the last two bytes of the runes of
// three bytes of s: bit b2 of entry b1 for 0x80|b1, 0x80|b2.
func lastTwoBytes(s string) (t [64]uint64) {
	for _, r := range s {
		t[r>>6&0x3F] |= 1 << (r & 0x3F)
	}
	return t
}

// numeralEnds reports whether s ends with a Chinese numeral, perhaps
// followed by 余 or 多.
func numeralEnds(s string) bool {
	r, w := lastRune(s)
	if r == '余' || r == '多' {
		r, _ = lastRune(s[:len(s)-w])
	}
	switch r {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万':
		return true
	}
	return false
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (s *byteSet) add(b byte)      { s[b>>6] |= 1 << (b & 63) }
func (s *byteSet) has(b byte) bool { return s[b>>6]>>(b&63)&1 != 0 }

// addUnit adds the last byte of unit, a unit as a Figure has it, to s, and
// that of ％ for %: clauseUnit reads a clause that ends with ％ as in %.
func (s *byteSet) addUnit(unit string) {
	if unit == "" { // ends no clause chineseFigures reads
		return
	}
	s.add(unit[len(unit)-1])
	if unit[len(unit)-1] == '%' {
		s.add("％"[len("％")-1])
	}
}

package lint

import (
	"bytes"
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"disclose/internal/contact"
	"disclose/internal/markdown"
)

// body is a notice's Markdown body as the rules read it: the text with
// what is not prose (code, link targets, web and mail addresses, HTML tags)
// blanked out byte for byte, so that every offset into text is an offset
// into the body, and the paragraphs the text reads as. Both come from
// goldmark's parse of the body, the one the page is rendered from. What several rules
// read of each paragraph (its marks, digits, the figures it states) is
// read once, when the body is made.
type body struct {
	text  string
	paras []span
	// What each paragraph holds, one paragraph after the other; bounds
	// says where each paragraph's part starts (bounds[i]) and ends
	// (bounds[i+1]). Offsets are in the paragraph's text.
	marks  []int // marks (see marks)
	digits []int // digits (see digits)
	pairs  []int // the marks that may open or close a pair (mayPair)
	// Where the paragraphs say 巡, 是 and 问题 (scan notes them: hanXun,
	// hanShi, hanWen).
	xun, shi, wen []int
	stated        []stated // figures stated (appendStated)
	bounds        []paraEnds
	holds         []holds // what of note each paragraph holds
}

// span is a part of the body: bytes off to end.
type span struct{ off, end int }

// masked is what a blanked-out byte becomes: neither letter, digit, Han,
// space nor punctuation, so no rule sees anything there.
const masked = 0

// addresses finds web and mail addresses written as text: goldmark (with
// no linkify extension) reads them as prose, and a page shows them as
// written, but their marks are no punctuation. Each pattern runs only on a
// body that holds its key. Code, links and HTML are goldmark's to find
// (markdown.Prose).
var addresses = []struct {
	key string
	re  *regexp.Regexp
}{
	{"://", regexp.MustCompile(`(?i)(https?|ftp)://[!-~]+`)},      // web address
	{"@", regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+`)}, // mail address
}

// newBody makes the body of src as goldmark read it: prose is from the
// same parse as the page (markdown.Doc).
func newBody(src []byte, prose markdown.Prose) *body {
	text := src
	copied := false
	blankSpan := func(from, to int) {
		if !copied {
			text, copied = bytes.Clone(src), true
		}
		blank(text, from, to)
	}
	for _, s := range prose.NotProse {
		blankSpan(s.Off, s.End)
	}
	for _, a := range addresses { // on text: an address in a link is no more
		if !bytes.Contains(text, []byte(a.key)) {
			continue
		}
		for _, m := range a.re.FindAllIndex(text, -1) {
			blankSpan(m[0], m[1])
		}
	}
	paras := make([]span, len(prose.Paras))
	for i, p := range prose.Paras {
		paras[i] = span{p.Off, p.End}
	}
	b := &body{text: readOnly(text), paras: paras}
	b.read()
	return b
}

// readOnly returns text as a string without copying it. That is sound
// because nothing writes to text while the body is read: a body is made
// and read within one call of proofread, text is either a copy made by
// newBody and not written to once blanked, or the notice's source, which a
// notice under proof does not change; and no string cut from the body
// outlives that call (findings and fixes are made of new strings). A
// notice's body is some 18 KB: a copy of it was the largest allocation of
// the proofreader.
func readOnly(text []byte) string {
	return unsafe.String(unsafe.SliceData(text), len(text))
}

// read reads, once, what several rules read of each paragraph: its marks
// and digits, and the figures it states. Each is kept in one array for
// the whole body, sized to what a notice usually holds.
func (b *body) read() {
	b.bounds = make([]paraEnds, len(b.paras)+1) // bounds[0]: all start at 0
	b.holds = make([]holds, len(b.paras))
	// One array holds the offsets, each list in a part of its own that
	// append leaves when it grows past it.
	n := len(b.text)
	sizes := [...]int{n / 24, n / 64, n / 80, n / 256, n / 512, n / 512} // marks, digits, pairs, 巡, 是, 问题: what a notice holds, mostly
	all := make([]int, sizes[0]+sizes[1]+sizes[2]+sizes[3]+sizes[4]+sizes[5])
	var lists [len(sizes)][]int
	for k, size := range sizes {
		lists[k], all = all[:0:size], all[size:]
	}
	b.stated = make([]stated, 0, len(b.text)/256)
	var last paraEnds
	s := scanner{marks: lists[0], digits: lists[1], pairs: lists[2], xun: lists[3], shi: lists[4], wen: lists[5]}
	for i, p := range b.paras {
		text := b.of(p)
		b.holds[i] = s.scan(text)
		b.stated = appendStated(b.stated, text, s.digits[last.digits:])
		last = paraEnds{int32(len(s.marks)), int32(len(s.digits)), int32(len(s.pairs)), int32(len(b.stated)), int32(len(s.xun)), int32(len(s.shi)), int32(len(s.wen))}
		b.bounds[i+1] = last
	}
	b.marks, b.digits, b.pairs = s.marks, s.digits, s.pairs
	b.xun, b.shi, b.wen = s.xun, s.shi, s.wen
}

// paraEnds is where the marks, digits, figures and words of a paragraph
// end in the body's arrays (int32: none holds more than a body's bytes).
type paraEnds struct{ marks, digits, pairs, stated, xun, shi, wen int32 }

// paragraphOf is the part of one of the body's arrays that is a
// paragraph's: from its end of the paragraph before to its own.
func paragraphOf[T any](all []T, from, to int32) []T { return all[from:to:to] }

// marksOf returns the offsets of the marks of paragraph i (see marks), in
// its text.
func (b *body) marksOf(i int) []int {
	return paragraphOf(b.marks, b.bounds[i].marks, b.bounds[i+1].marks)
}

// digitsOf returns the offsets of the digits of paragraph i (see digits),
// in its text.
func (b *body) digitsOf(i int) []int {
	return paragraphOf(b.digits, b.bounds[i].digits, b.bounds[i+1].digits)
}

// pairsOf returns the offsets of the marks of paragraph i that may open
// or close a pair (mayPair), in its text.
func (b *body) pairsOf(i int) []int {
	return paragraphOf(b.pairs, b.bounds[i].pairs, b.bounds[i+1].pairs)
}

// xunOf, shiOf and wenOf return where paragraph i says 巡, 是 and 问题,
// offsets in its text.
func (b *body) xunOf(i int) []int {
	return paragraphOf(b.xun, b.bounds[i].xun, b.bounds[i+1].xun)
}

func (b *body) shiOf(i int) []int {
	return paragraphOf(b.shi, b.bounds[i].shi, b.bounds[i+1].shi)
}

func (b *body) wenOf(i int) []int {
	return paragraphOf(b.wen, b.bounds[i].wen, b.bounds[i+1].wen)
}

// statedOf returns the figures paragraph i states, offsets in its text.
func (b *body) statedOf(i int) []stated {
	return paragraphOf(b.stated, b.bounds[i].stated, b.bounds[i+1].stated)
}

// inPara reports whether body bytes off to end lie within one paragraph.
// The paragraphs are in the order of the text and never overlap
// (markdown.Prose).
func (b *body) inPara(off, end int) bool {
	k, _ := slices.BinarySearchFunc(b.paras, off, func(p span, off int) int { return cmp.Compare(p.off, off+1) })
	return k > 0 && end <= b.paras[k-1].end
}

// blank blanks out bytes from to to of text, but for line breaks: a code
// span or an HTML tag may run over lines, whose breaks the rules may read.
func blank(text []byte, from, to int) {
	for i := from; i < to; i++ {
		if text[i] != '\n' && text[i] != '\r' {
			text[i] = masked
		}
	}
}

// of returns the text of span p.
func (b *body) of(p span) string { return b.text[p.off:p.end] }

// before returns the paragraphs that end before body offset off.
func (b *body) before(off int) []span {
	var out []span
	for _, p := range b.paras {
		if p.end <= off {
			out = append(out, p)
		}
	}
	return out
}

// isHan reports whether r is a Chinese character. Most are in the block
// U+4E00-U+9FFF, all of whose runes are, and no rune below U+2E80 is.
func isHan(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r >= 0x4E00 && r <= 0x9FFF:
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// runeBefore returns the rune that ends at byte i of s, or 0.
func runeBefore(s string, i int) rune {
	if i <= 0 {
		return 0
	}
	r, _ := lastRune(s[:i])
	return r
}

// lastRune is utf8.DecodeLastRuneInString, faster for what a notice
// mostly ends a run of text with: a rune of three bytes whose first is
// 0xE1 to 0xEF but 0xED (Chinese characters and the marks of U+2000 on),
// whose every such sequence is valid. It is small enough to be inlined.
func lastRune(s string) (rune, int) {
	if n := len(s); n >= 3 && s[n-3]-0xE1 <= 0xEF-0xE1 && s[n-3] != 0xED && s[n-2]&0xC0 == 0x80 && s[n-1]&0xC0 == 0x80 {
		return rune(s[n-3]&0x0F)<<12 | rune(s[n-2]&0x3F)<<6 | rune(s[n-1]&0x3F), 3
	}
	return utf8.DecodeLastRuneInString(s)
}

// firstRune is utf8.DecodeRuneInString, faster for a rune of three bytes
// as lastRune is.
func firstRune(s string) (rune, int) {
	if len(s) >= 3 && s[0]-0xE1 <= 0xEF-0xE1 && s[0] != 0xED && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 {
		return rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s)
}

// runeAt returns the rune that starts at byte i of s, or 0.
func runeAt(s string, i int) rune {
	if i >= len(s) {
		return 0
	}
	r, _ := firstRune(s[i:])
	return r
}

// appendSentences appends to out the sentences of p, whose marks are at,
// each ending with 。 ？ ！ or the end.
func (b *body) appendSentences(out []span, p span, at []int) []span {
	s := b.of(p)
	start := 0
	for _, i := range at {
		if stop, w := endsSentenceAt(s, i); stop {
			out = append(out, span{p.off + start, p.off + i + w})
			start = i + w
		}
	}
	if start < len(s) {
		out = append(out, span{p.off + start, p.end})
	}
	return out
}

// marks returns the offsets in text of the runes the punctuation rules
// look at (isMark), as "for i, r := range text" finds them.
func marks(text string) []int {
	at, _, _ := scan(nil, nil, text)
	return at
}

// digits returns the offsets in text of its ASCII and full-width digits,
// as "for i, r := range text" finds them.
func digits(text string) []int {
	_, at, _ := scan(nil, nil, text)
	return at
}

// scan appends to marks and digits the offsets of the marks (see marks)
// and digits (see digits) of text, in one pass, and says what of note
// text holds (holds). Other runes, Chinese characters above all, are
// stepped over without being decoded: every rule then reads a paragraph's
// few marks and digits instead of all its runes, and skips a paragraph
// that holds none of the marks or words it looks for.
func scan(marks, digits []int, text string) ([]int, []int, holds) {
	s := scanner{marks: marks, digits: digits}
	kinds := s.scan(text)
	return s.marks, s.digits, kinds
}

// scan appends to s the marks, digits and pair marks of text (see scan)
// and returns what of note text holds.
func (s *scanner) scan(text string) holds {
	s.kinds, s.after = 0, -1
	for i := 0; i < len(text); {
		// Most often: a run of Chinese characters and the marks of three
		// bytes among them, which hanRun steps over; anything else is
		// left to scanner.other.
		switch c := text[i]; {
		case c >= 0xE0:
			if j := s.hanRun(text, i); j > i {
				i = j
				continue
			}
		case c-'0' <= 9: // an ASCII digit, as other reads it
			s.digits = append(s.digits, i)
			i++
			continue
		}
		i = s.other(text, i)
	}
	return s.kinds
}

// hanRun returns where the run of Chinese characters (U+4000-U+9FFF, of
// three bytes whose first is 0xE4 to 0xE9) and of runes of three bytes
// whose first is 0xE2, 0xE3 or 0xEF (marks and full-width digits among
// them: wide) that starts at byte i of text ends, and notes the
// characters and words of it scan notes (noted). It reads two Chinese
// characters at a time from a word of eight bytes, and asks about a
// character only when hanNoted has its last two bytes. It is a loop of
// its own, with little live, as scan spends most of its time in it.
//
//go:noinline
func (sc *scanner) hanRun(text string, i int) int {
	for {
		for i >= 0 && i+8 <= len(text) {
			s := text[i : i+8]
			w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
				uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
			if w&0xC0C0_00C0_C000 != 0x8080_0080_8000 {
				break
			}
			// Two runes of three bytes: each a Chinese character or, a
			// mark among them most often, a wide rune.
			switch c := byte(w); {
			case c-0xE4 <= 0xE9-0xE4:
				if hanNoted[uint16(w>>8)&0x3F3F] {
					sc.noted(text, i)
				}
			case c-0xE2 <= 1 || c == 0xEF:
				sc.wide(i, c, byte(w>>8), byte(w>>16))
			default:
				return i
			}
			switch c := byte(w >> 24); {
			case c-0xE4 <= 0xE9-0xE4:
				if hanNoted[uint16(w>>32)&0x3F3F] {
					sc.noted(text, i+3)
				}
			case c-0xE2 <= 1 || c == 0xEF:
				sc.wide(i+3, c, byte(w>>32), byte(w>>40))
			default:
				return i + 3
			}
			i += 6
		}
		if i < 0 || i+3 > len(text) {
			return i
		}
		s := text[i : i+3]
		if s[1]&0xC0 != 0x80 || s[2]&0xC0 != 0x80 {
			return i
		}
		switch c := s[0]; {
		case c-0xE4 <= 0xE9-0xE4:
			if hanNoted[uint16(s[1]&0x3F)|uint16(s[2]&0x3F)<<8] {
				sc.noted(text, i)
			}
		case c == 0xE2 || c == 0xE3 || c == 0xEF:
			sc.wide(i, c, s[1], s[2])
		default:
			return i
		}
		i += 3
	}
}

// noted notes the Chinese character at byte i of text, one hanOf may
// know: what it is (hanOf), if it is one of hanWords only where it is in
// its word, and where it is if it is 巡, 是 or 问(题).
func (sc *scanner) noted(text string, i int) {
	k := hanOf(text[i : i+3])
	if k&hanWords != 0 && !wordAt(text, i, k) {
		return
	}
	sc.kinds |= k
	switch k {
	case hanXun:
		sc.xun = append(sc.xun, i)
	case hanShi:
		sc.shi = append(sc.shi, i)
	case hanWen:
		sc.wen = append(sc.wen, i)
	}
}

// scanner is what scan has found so far: the marks and digits, the
// marks that may open or close a pair (mayPair), and where 巡, 是 and 问题
// are, of one paragraph after the other; what of note the paragraph
// holds, where its last mark ends.
type scanner struct {
	marks, digits, pairs []int
	xun, shi, wen        []int
	kinds                holds
	after                int
}

// other reads the rune at byte i of text, which is no Chinese character
// of U+4000-U+9FFF, and returns where the next starts.
//
//go:noinline
func (s *scanner) other(text string, i int) int {
	c := text[i]
	switch {
	case c < utf8.RuneSelf:
		if k := asciiKinds[c]; k != 0 {
			if i == s.after {
				k |= adjacentMarks
			}
			s.kinds |= k
			s.after = i + 1
			s.marks = append(s.marks, i)
			if k&(pairMarks|straightQuote) != 0 {
				s.pairs = append(s.pairs, i)
			}
		} else if isDigit(c) {
			s.digits = append(s.digits, i)
		} else if c == masked {
			s.kinds |= maskedBytes
		}
		return i + 1
	case c >= 0xE0 && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80:
		// A rune of three bytes (or the first three bytes of one of
		// four, which hold neither a mark nor a digit).
		if c == 0xE2 || c == 0xE3 || c == 0xEF {
			s.wide(i, c, text[i+1], text[i+2])
		}
		return i + 3
	}
	// Neither a mark nor a digit starts with any of this rune's bytes.
	i++
	for i < len(text) && text[i]&0xC0 == 0x80 {
		i++
	}
	return i
}

// wide notes the rune of three bytes b0, b1, b2 at byte i of a text,
// whose first is 0xE2, 0xE3 or 0xEF: a mark or a full-width digit, if it
// is one. Marks and full-width digits are in U+2000-U+3FFF and
// U+FF00-U+FFFF, valid whenever their bytes are of this form.
func (s *scanner) wide(i int, b0, b1, b2 byte) {
	k := wideOf(b0, b1, b2)
	switch {
	case k == 0:
		return
	case k == fullDigit:
		s.digits = append(s.digits, i)
		return
	}
	if i == s.after {
		k |= adjacentMarks
	}
	s.kinds |= k
	s.after = i + 3
	s.marks = append(s.marks, i)
	if k&pairMarks != 0 {
		s.pairs = append(s.pairs, i)
	}
}

// wideOf is wideKinds of the rune of three bytes b0, b1, b2, whose first
// is 0xE2, 0xE3 or 0xEF: markKind of a mark, fullDigit of ０ to ９, 0 of
// any other. Its block of wideKinds is told by its first two bytes:
// 0xE2 or 0xE3 then 0x80 or 0x81 (U+2000-U+207F, U+3000-U+307F), 0xEF
// then 0xBC or 0xBD (U+FF00-U+FF7F); its place there by the last bit of
// the second and the last six of the third.
func wideOf(b0, b1, b2 byte) holds {
	at := uint(b1&1)<<6 | uint(b2&0x3F)
	switch {
	case b1&0xFE == 0x80 && b0 != 0xEF:
		return wideKinds[b0&1][at] // 0xE2: U+2000, 0xE3: U+3000
	case b1&0xFE == 0xBC && b0 == 0xEF:
		return wideKinds[2][at]
	}
	return 0
}

// markAt returns the mark at byte i of text, where scan found one, and its
// length: faster than decoding any rune, as a mark is ASCII or of three
// bytes.
func markAt(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	s := text[i : i+3] // one bounds check for the three bytes
	return rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), 3
}

// holds is a set of what a paragraph may hold that some rule looks for:
// kinds of marks (markKind) and a few Chinese characters (hanOf). A rule
// does not look at a paragraph that holds none of what it looks for.
type holds uint32

const (
	anyMark       holds = 1 << iota // every mark (isMark)
	halfMarks                       // , ; : ? ! (halfMark)
	fullMarks                       // ， ； ： ？ ！ (fullMark)
	pairMarks                       // a mark that opens or closes a pair (pairOf)
	straightQuote                   // "
	spaceMarks                      // space, tab, ideographic space
	adjacentMarks                   // a mark right after another (scan only)
	openRound                       // ( （
	hanShi                          // 是, which an item of an enumeration ends with (一是)
	hanXun                          // 巡, which 巡视 and 巡察 start with
	hanWen                          // 问题 (scan), 问 (hanOf)
	hanContact                      // one of contact.Clues but 网, one of which every contact line holds
	hanWang                         // 网络举报 (scan), the label of a contact line whose only clue is 网 (contact.WebLabel); 网 (hanOf)
	hanCuo                          // 措施 (scan), 措 (hanOf): what a total counts (totalWords), as 任务 and 图斑
	hanWu                           // 任务 (scan), 务 (hanOf)
	hanBan                          // 图斑 (scan), 斑 (hanOf)
	maskedBytes                     // a byte blanked out (masked): what is not prose (scan only)

	hanTotal = hanCuo | hanWu | hanBan
	// hanWords are the words scan notes, not the characters: 问题, the
	// totals' words, and 网络举报. Their characters alone are common (务 of
	// 服务, 问 of 访问, 网 of 网站); a paragraph that holds one of the words
	// is rare.
	hanWords = hanWen | hanTotal | hanWang
)

// wordAt reports whether the character of three bytes at byte i of text,
// which hanOf says is k, one of hanWords, is in the word k is noted for
// (问题, 措施, 任务, 图斑, 网络举报).
func wordAt(text string, i int, k holds) bool {
	switch k {
	case hanWen:
		return strings.HasPrefix(text[i+3:], "题")
	case hanCuo:
		return strings.HasPrefix(text[i+3:], "施")
	case hanWu:
		return strings.HasSuffix(text[:i], "任")
	case hanBan:
		return strings.HasSuffix(text[:i], "图")
	case hanWang:
		return strings.HasPrefix(text[i:], contact.WebLabel)
	}
	return false
}

// hanNoted is true, for each character hanOf knows, in entry b1|b2<<8,
// where 0x80|b1 and 0x80|b2 are its last two bytes (the low twelve bits
// of its code point): scan asks hanOf about those only, which few other
// Chinese characters share (TestHanOf). For a little-endian word w whose
// first byte starts a character, that character's entry is
// uint16(w>>8)&0x3F3F: a look-up of few instructions, for each character
// of a text, and no shift by a variable count. Of its 16 KB, the 64 bytes
// from each multiple of 256 are read.
var hanNoted = func() (t [0x3F40]bool) {
	for _, r := range "是巡问话箱址邮网式措务斑" {
		t[r>>6&0x3F|(r&0x3F)<<8] = true
	}
	return t
}()

// hanOf says which of the characters scan notes the three bytes of s, a
// Chinese character U+4000-U+9FFF, are (TestHanOf).
func hanOf(s string) holds {
	switch rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F) {
	case '是':
		return hanShi
	case '巡':
		return hanXun
	case '问':
		return hanWen
	case '话', '箱', '址', '邮', '式': // contact.Clues
		return hanContact
	case '网':
		return hanWang
	case '措':
		return hanCuo
	case '务':
		return hanWu
	case '斑':
		return hanBan
	}
	return 0
}

// markKind returns the kinds of mark r is; 0 when it is no mark.
func markKind(r rune) holds {
	if !isMark(r) {
		return 0
	}
	k := anyMark
	if halfMark(r) {
		k |= halfMarks
	}
	if fullMark(r) {
		k |= fullMarks
	}
	if closes, closer := pairOf(r); closes != 0 || closer {
		k |= pairMarks
	}
	switch r {
	case '"':
		k |= straightQuote
	case ' ', '\t', '\u3000':
		k |= spaceMarks
	case '(', '（':
		k |= openRound
	}
	return k
}

// asciiKinds is markKind of each ASCII rune; wideKinds is markKind of the
// runes of three bytes in the blocks that hold marks, U+2000-U+207F,
// U+3000-U+307F and U+FF00-U+FF7F, and fullDigit of ０ to ９.
var asciiKinds, wideKinds = kindTables()

// fullDigit is what wideKinds has for a full-width digit, which is no
// mark: no kind of mark (holds) but this.
const fullDigit holds = 1 << 31

func kindTables() (ascii [utf8.RuneSelf]holds, wide [3][0x80]holds) {
	for r := range rune(utf8.RuneSelf) {
		ascii[r] = markKind(r)
	}
	for b, base := range []rune{0x2000, 0x3000, 0xFF00} {
		for r := range rune(0x80) {
			wide[b][r] = markKind(base + r)
			if digit(base+r) >= 0 {
				wide[b][r] = fullDigit
			}
		}
	}
	return ascii, wide
}

// isMark reports whether r is a mark some punctuation rule looks at:
// sentence and clause marks, quotes and brackets, and spaces.
func isMark(r rune) bool {
	switch r {
	case ' ', '\t', '!', '"', '(', ')', ',', ':', ';', '?',
		'。', '？', '！', '，', '；', '：', '、', '“', '”', '‘', '’', '《', '》', '〈', '〉', '（', '）', '〔', '〕', '【', '】', '\u3000':
		return true
	}
	return false
}

// indexHan is strings.Index for a sub that starts with a Chinese
// character. strings.Index looks first for sub's first byte, which most
// Chinese characters share (0xE4 to 0xE9), and so stops at nearly every
// one; indexHan looks for the bytes after it, which few share.
func indexHan(s, sub string) int {
	for from := 1; from < len(s); {
		i := strings.Index(s[from:], sub[1:])
		if i < 0 {
			return -1
		}
		i += from
		if s[i-1] == sub[0] {
			return i - 1
		}
		from = i + 1
	}
	return -1
}

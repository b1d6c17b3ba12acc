package lint

import (
	"bytes"
	"cmp"
	"regexp"
	"slices"
	"unicode"
	"unicode/utf8"

	"disclose/internal/outline"
)

// body is a notice's Markdown body as the rules read it: the text with
// what is not prose (code, link targets, web and mail addresses, HTML tags)
// blanked out byte for byte, so that every offset into text is an offset
// into the body, and the paragraphs the text reads as. What several rules
// read of each paragraph (its sentences, the figures it states) is read
// once, when the body is made.
type body struct {
	text   string
	paras  []span
	marks  [][]int    // where each paragraph has a mark (marks)
	sents  [][]span   // the sentences of each paragraph
	stated [][]stated // the figures each paragraph states (readStated)
}

// span is a part of the body: bytes off to end.
type span struct{ off, end int }

// masked is what a blanked-out byte becomes: neither letter, digit, Han,
// space nor punctuation, so no rule sees anything there.
const masked = 0

// notProse finds what is not prose; each pattern runs only on a body that
// holds its key.
var notProse = []struct {
	key string
	re  *regexp.Regexp
}{
	{"`", regexp.MustCompile("`[^`\n]+`")},                        // code span
	{"](", regexp.MustCompile(`\]\([^)\s]*\)`)},                   // link target
	{"<", regexp.MustCompile(`<[A-Za-z/!][^>\n]*>`)},              // HTML tag, autolink
	{"://", regexp.MustCompile(`(?i)(https?|ftp)://[!-~]+`)},      // web address
	{"@", regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+`)}, // mail address
}

func newBody(src []byte) *body {
	text := bytes.Clone(src)
	for _, np := range notProse {
		if !bytes.Contains(text, []byte(np.key)) {
			continue
		}
		for _, m := range np.re.FindAllIndex(text, -1) {
			blank(text, m[0]+1, m[1]) // keep the first byte: "](" stays "]"
			if text[m[0]] != ']' {
				text[m[0]] = masked
			}
		}
	}
	b := &body{}
	b.paras = paragraphs(text)
	b.text = string(text)
	b.marks = make([][]int, len(b.paras))
	b.sents = make([][]span, len(b.paras))
	b.stated = make([][]stated, len(b.paras))
	for i, p := range b.paras {
		b.marks[i] = marks(b.of(p))
		b.sents[i] = b.cutSentences(p, b.marks[i])
		b.stated[i] = readStated(b.of(p))
	}
	return b
}

func blank(text []byte, from, to int) {
	for i := from; i < to; i++ {
		text[i] = masked
	}
}

// paragraphs cuts text into paragraphs as Markdown and the outline read
// it: a blank line ends one, a heading is one, a line starting with an
// outline number starts one. Code blocks are blanked out.
func paragraphs(text []byte) []span {
	var paras []span
	cur, fence, prevBlank := -1, "", true
	end := func(at int) {
		if cur >= 0 {
			paras = append(paras, span{cur, at})
		}
		cur = -1
	}
	for off := 0; off < len(text); {
		next := len(text)
		if i := bytes.IndexByte(text[off:], '\n'); i >= 0 {
			next = off + i + 1
		}
		line := bytes.TrimRight(text[off:next], "\r\n")
		trimmed := bytes.TrimLeft(line, " \t")
		switch {
		case fence != "":
			if bytes.HasPrefix(trimmed, []byte(fence)) {
				fence = ""
			}
			blank(text, off, next)
		case bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")):
			end(off)
			fence = string(trimmed[:3])
			blank(text, off, next)
		case len(trimmed) == 0:
			end(off)
		case prevBlank && cur < 0 && (bytes.HasPrefix(line, []byte("    ")) || bytes.HasPrefix(line, []byte("\t"))):
			blank(text, off, next) // indented code block
		case bytes.HasPrefix(trimmed, []byte("#")):
			end(off)
			paras = append(paras, span{off, off + len(line)})
		default:
			if startsItem(bytes.TrimLeft(trimmed, "> ")) {
				end(off)
			}
			if cur < 0 {
				cur = off
			}
		}
		prevBlank = len(trimmed) == 0
		off = next
	}
	end(len(text))
	for i, p := range paras { // drop the last line break of each
		paras[i].end = p.off + len(bytes.TrimRight(text[p.off:p.end], "\r\n"))
	}
	return paras
}

// startsItem reports whether line starts with an outline number. Parse
// reads no more than 24 bytes of a line (a number of three full-width
// digits, its stop, and the figure after it that makes it a decimal), so
// only the start of the line is copied.
func startsItem(line []byte) bool {
	_, ok := outline.Parse(string(line[:min(len(line), 32)]))
	return ok
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

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// runeBefore returns the rune that ends at byte i of s, or 0.
func runeBefore(s string, i int) rune {
	if i <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// runeAt returns the rune that starts at byte i of s, or 0.
func runeAt(s string, i int) rune {
	if i >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// sentences returns the sentences of paragraph p, cut when the body was
// made.
func (b *body) sentences(p span) []span {
	i, ok := slices.BinarySearchFunc(b.paras, p.off, func(q span, off int) int { return cmp.Compare(q.off, off) })
	if ok && b.paras[i] == p {
		return b.sents[i]
	}
	return b.cutSentences(p, marks(b.of(p)))
}

// cutSentences cuts p, whose marks are at, into sentences, each ending
// with 。 ？ ！ or the end.
func (b *body) cutSentences(p span, at []int) []span {
	var out []span
	s := b.of(p)
	start := 0
	for _, i := range at {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '。', '？', '！', '?', '!':
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
// look at (isMark), as "for i, r := range text" finds them. Other runes,
// Chinese characters above all, are stepped over without being decoded:
// every rule then reads a paragraph's few marks instead of all its runes.
func marks(text string) []int {
	var out []int
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c < utf8.RuneSelf:
			if isMark(rune(c)) {
				out = append(out, i)
			}
			i++
		case c == 0xE2 || c == 0xE3 || c == 0xEF: // U+2000-U+2FFF, U+3000-U+3FFF, U+F000-U+FFFF
			r, w := utf8.DecodeRuneInString(text[i:])
			if isMark(r) {
				out = append(out, i)
			}
			i += w
		default: // a mark starts with none of this rune's bytes
			i++
			for i < len(text) && text[i]&0xC0 == 0x80 {
				i++
			}
		}
	}
	return out
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

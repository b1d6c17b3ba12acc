// Package contact reads the contact line of a notice, the sentence that
// tells the public how to reach the organisation, in the shapes offices
// publish it:
//
//	联系电话：0571-87050365；邮政信箱：杭州市某路1号；电子邮箱：jw@example.gov.cn。
//	举报电话：0571-12388，0571-87050365 通信地址：某市某路1号 邮编：310000
//	联系方式:电话0571-87050365;邮政信箱:…;电子邮箱:…。
//
// It gives each part (phone, address, postcode, e-mail, website) with its
// offset, and reads, never changes: the importer uses it to take the
// contact line into the front matter, the proofreader to check a contact
// line wherever it is written, and the site loader to see that a notice's
// text already holds its contact line. It sits below all three and uses
// nothing of the project.
package contact

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Kind is what a part of a contact line gives.
type Kind int

// The kinds of part.
const (
	Phone Kind = iota + 1
	Address
	Postcode
	Email
	Web
)

// Item is one part of a contact line: 联系电话：0571-87050365.
type Item struct {
	Kind  Kind
	Label string // as written: 联系电话
	Value string // as written, without the label and its colon
	Off   int    // byte offset of Value in the text read
	At    int    // byte offset of Label
	Colon bool   // a colon follows the label
}

// labels are the words that introduce a part, longest first where one
// ends another (电子邮箱 before 邮箱, 联系电话 before 电话).
var labels = []struct {
	word string
	kind Kind
}{
	{"网络举报平台", Web}, {"网络举报", Web}, {"举报网址", Web}, {"网址", Web},
	{"联系电话", Phone}, {"举报电话", Phone}, {"监督电话", Phone}, {"咨询电话", Phone}, {"值班电话", Phone}, {"电话", Phone},
	{"联系方式", Phone}, // only when a number follows: 联系方式：0571-…
	{"邮政信箱", Address}, {"通信地址", Address}, {"通讯地址", Address}, {"来信地址", Address}, {"邮寄地址", Address},
	{"邮政编码", Postcode}, {"邮编", Postcode},
	{"电子邮箱", Email}, {"电子信箱", Email}, {"电子邮件", Email}, {"邮箱", Email},
}

// labelLast has bit b set for the last byte 0x80|b of each character a
// label starts with (labelFrom): the low six bits of its code point.
const labelLast uint64 = 1<<('网'&0x3F) | 1<<('举'&0x3F) | 1<<('联'&0x3F) | 1<<('监'&0x3F) | 1<<('咨'&0x3F) |
	1<<('值'&0x3F) | 1<<('电'&0x3F) | 1<<('邮'&0x3F) | 1<<('通'&0x3F) | 1<<('来'&0x3F)

// labelAt returns the label that starts at byte i of s.
func labelAt(s string, i int) (word string, kind Kind) {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return labelFrom(s[i:], r)
}

// labelFrom returns the label s starts with; r is its first rune, which
// the caller has decoded already.
func labelFrom(s string, r rune) (word string, kind Kind) {
	switch r {
	case '网', '举', '联', '监', '咨', '值', '电', '邮', '通', '来': // what a label starts with
	default:
		return "", 0
	}
	for _, l := range labels {
		// The last byte of the first rune first: s starts with one of the
		// runes above, of three bytes, as every label does.
		if s[2] == l.word[2] && strings.HasPrefix(s, l.word) {
			return l.word, l.kind
		}
	}
	return "", 0
}

// Read returns the parts of s, a line or paragraph, in order. A label
// without a value after it (设立举报电话和电子邮箱) gives no part.
func Read(s string) []Item {
	var items []Item
	for i := 0; i < len(s); {
		// Most runes are Chinese characters of three bytes (first byte
		// 0xE4 to 0xE9, always valid), few of which start a label, and
		// ASCII: both are stepped over without being decoded.
		var r rune
		var w int
		if c := s[i]; c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			if labelLast>>(s[i+2]&0x3F)&1 == 0 {
				i += 3
				continue
			}
			r, w = rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		} else if c < utf8.RuneSelf {
			i++
			continue
		} else {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		word, kind := labelFrom(s[i:], r)
		if word == "" {
			i += w
			continue
		}
		start, colon := afterLabel(s, i+len(word))
		end := valueEnd(s, start, kind)
		if v := s[start:end]; v != "" {
			items = append(items, Item{Kind: kind, Label: word, Value: v, Off: start, At: i, Colon: colon})
			i = end
			continue
		}
		i += len(word)
	}
	return items
}

// Clues are Chinese characters one of which every label holds (电话, 箱,
// 地址, 邮, 网 or 联系方式), and so every contact line: a text without any
// of them has no part (Read) and is no contact line (IsLine). A reader
// that steps over a text's characters anyway may look for them to pass
// over, fast, the many paragraphs that are no contact line (TestClues).
const Clues = "话箱址邮网式"

// WebLabel is what every label that holds no clue but 网 holds (网络举报,
// 网络举报平台): a text whose only clue is 网 (网络, 网站) is no contact
// line unless it holds WebLabel (TestClues).
const WebLabel = "网络举报"

// afterLabel skips the colon and spaces after a label ending at i.
func afterLabel(s string, i int) (int, bool) {
	i = skipSpace(s, i)
	colon := false
	for _, c := range []string{"：", ":"} {
		if strings.HasPrefix(s[i:], c) {
			i, colon = skipSpace(s, i+len(c)), true
			break
		}
	}
	return i, colon
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			break
		}
		i += w
	}
	return i
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' }

// valueEnd returns where the value of a part of kind k starting at i ends.
func valueEnd(s string, i int, k Kind) int {
	switch k {
	case Phone, Postcode:
		return phoneEnd(s, i, k == Phone)
	case Email:
		return asciiEnd(s, i)
	case Web:
		if r, _ := utf8.DecodeRuneInString(s[i:]); r < utf8.RuneSelf && r != 0 {
			return asciiEnd(s, i)
		}
	}
	return textEnd(s, i)
}

// phoneEnd reads phone numbers: digits, dashes, brackets around an area
// code, 转 before an extension; with list, several numbers separated by
// 、，, / or 或.
func phoneEnd(s string, i int, list bool) int {
	end := i
	for j := i; j < len(s); {
		r, w := utf8.DecodeRuneInString(s[j:])
		switch {
		case isDigit(r):
			end = j + w
		case strings.ContainsRune("-－—–()（）转 ", r):
		case list && strings.ContainsRune("、，,/／或", r) && end > i && startsNumber(s[j+w:]):
		default:
			return end
		}
		j += w
	}
	return end
}

// startsNumber reports whether s, after spaces, starts a phone number.
func startsNumber(s string) bool {
	s = s[skipSpace(s, 0):]
	r, _ := utf8.DecodeRuneInString(s)
	return isDigit(r) || r == '(' || r == '（'
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// asciiEnd reads an e-mail or web address: ASCII up to a space, a comma, a
// semicolon, a bracket or a Chinese character; the full-width ＠ and ＃ are
// read too, so that an address written with them is seen, not cut. A
// full stop that ends the sentence is not the address's.
func asciiEnd(s string, i int) int {
	j := i
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if r >= utf8.RuneSelf && r != '＠' && r != '＃' && r != '．' || r <= ' ' || strings.ContainsRune(",;()<>\"'", r) {
			break
		}
		j += w
	}
	for j > i && (s[j-1] == '.') {
		j--
	}
	return j
}

// textEnd reads an address: up to a sentence's or clause's end (；;。),
// or up to the next part (a label after a comma or space, or at once).
func textEnd(s string, i int) int {
	j := i
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		switch {
		case strings.ContainsRune("；;。\n", r):
			return trimEnd(s, i, j)
		case strings.ContainsRune("，,", r) || isSpace(r):
			if next := skipSpace(s, j+w); next < len(s) && startsPart(s, next) {
				return trimEnd(s, i, j)
			}
		case j > i && startsPart(s, j):
			return trimEnd(s, i, j)
		}
		j += w
	}
	return trimEnd(s, i, j)
}

// startsPart reports whether a label with a value starts at byte i of s.
func startsPart(s string, i int) bool {
	word, kind := labelAt(s, i)
	if word == "" {
		return false
	}
	start, colon := afterLabel(s, i+len(word))
	return colon || (kind == Phone || kind == Postcode) && startsNumber(s[start:])
}

func trimEnd(s string, i, j int) int {
	for j > i {
		r, w := utf8.DecodeLastRuneInString(s[i:j])
		if !isSpace(r) && !strings.ContainsRune("，,（(", r) {
			break
		}
		j -= w
	}
	return j
}

// Invitation returns the sentences of s before its first part, which
// invite the public to supervise (欢迎广大干部群众…监督。如有意见建议，请及时
// 向我们反映。), without a 联系方式： that introduces the parts; "" when
// there are none, or they do not end a sentence.
func Invitation(s string) string {
	items := Read(s)
	if len(items) == 0 {
		return ""
	}
	inv := s[:items[0].At]
	for _, w := range []string{"联系方式：", "联系方式:", "联系方式"} {
		if t, ok := strings.CutSuffix(inv, w); ok {
			inv = t
			break
		}
	}
	if !strings.HasSuffix(inv, "。") && !strings.HasSuffix(inv, "！") {
		return ""
	}
	return inv
}

// IsLine reports whether s is a contact line: it gives a way to reach the
// organisation with a label and a colon (联系电话：…), or after 联系方式.
// A sentence of the text that only names a phone (开通举报电话12388) is
// not one.
func IsLine(s string) bool {
	items := Read(s)
	if len(items) == 0 {
		return false
	}
	if strings.Contains(s, "联系方式") {
		return true
	}
	for _, it := range items {
		if it.Colon {
			return true
		}
	}
	return false
}

// lastParagraphs is how many of a body's last paragraphs InBody reads:
// those the importer leaves a contact line among, when the signature
// (two lines) and a website's last lines (打印, 关闭窗口) stay in the text
// after it.
const lastParagraphs = 6

// InBody reports whether one of the last paragraphs of a Markdown body is
// a contact line: the notice's text holds its own contact line, and the
// page must not add another. The paragraphs are the body, trimmed of
// space, cut at each blank line ("\n\n", from the start); only the last
// lastParagraphs of them are copied out of it.
//
// Cutting from the start pairs the newlines of each run of them from the
// run's first: a cut found from any byte that is no newline, or that
// starts a run, is one the whole body has. So InBody cuts only the end of
// the body, from inBodyTail bytes before its end (then twice as many, and
// so on), until it holds more than lastParagraphs paragraphs.
func InBody(body []byte) bool { return inBody(body, inBodyTail) }

// inBody is InBody cutting tail bytes of the end first.
func inBody(body []byte, tail int) bool {
	text := bytes.TrimSpace(body)
	for ; ; tail *= 2 {
		from := max(len(text)-tail, 0)
		for from > 0 && text[from-1] == '\n' {
			from--
		}
		if line, all := lineInLast(text, from); all || from == 0 {
			return line
		}
	}
}

// inBodyTail is how many bytes of a body's end InBody cuts first: more
// than the last paragraphs of most notices hold.
const inBodyTail = 4096

// lineInLast reports whether one of the last lastParagraphs paragraphs of
// text, cut from byte from (see InBody), is a contact line, and whether
// those paragraphs all start at or after from: if not, and from is not 0,
// the answer is not known.
func lineInLast(text []byte, from int) (line, all bool) {
	var starts [lastParagraphs + 1]int // where the last paragraphs start, as a ring
	n := 0                             // the paragraphs found
	for at := from; ; {
		starts[n%len(starts)] = at
		n++
		i := bytes.Index(text[at:], paraBreak)
		if i < 0 {
			break
		}
		at += i + len(paraBreak)
	}
	if from > 0 && n <= lastParagraphs { // the first may start before from
		return false, false
	}
	for k := n - 1; k >= 0 && k >= n-lastParagraphs; k-- {
		end := len(text)
		if k < n-1 {
			end = starts[(k+1)%len(starts)] - len(paraBreak)
		}
		// A paragraph without what IsLine needs besides a part (a colon
		// after a label, or 联系方式), or without a label, is not copied
		// to be read. mayBeLine is asked first: prose has a colon less
		// often than a character of Clues, and it is faster.
		if p := text[starts[k%len(starts)]:end]; mayBeLine(p) && hasClue(p) && IsLine(Unescape(string(p))) {
			return true, true
		}
	}
	return false, true
}

var paraBreak = []byte("\n\n")

// mayBeLine reports whether b holds what IsLine needs of a line besides a
// part: a colon, which a part's label has after it (afterLabel), or
// 联系方式. Unescape, which drops only backslashes before ASCII marks,
// makes neither.
func mayBeLine(b []byte) bool {
	return bytes.IndexByte(b, ':') >= 0 || containsByLast(b, "：") || containsByLast(b, "联系方式")
}

// containsByLast is bytes.Contains(b, []byte(sub)) for a sub that ends
// with a character of three bytes: it looks for sub's last byte, which few
// characters share, where bytes.Index looks for its first (0xef for ：,
// which every full-width mark starts with) and stops at most of them.
func containsByLast(b []byte, sub string) bool {
	last := sub[len(sub)-1]
	for from := len(sub) - 1; from < len(b); {
		i := bytes.IndexByte(b[from:], last)
		if i < 0 {
			return false
		}
		i += from
		if string(b[i+1-len(sub):i+1]) == sub {
			return true
		}
		from = i + 1
	}
	return false
}

// hasClue reports whether b holds one of Clues. Each is looked for by its
// last two bytes, which few other characters share, then its first: the
// first byte of a Chinese character (0xe7 for 箱, 网) is one of a few, and
// bytes.Index, which starts from it, would stop at every other character.
func hasClue(b []byte) bool {
	for _, r := range Clues {
		var c [3]byte
		utf8.EncodeRune(c[:], r)
		for from := 1; from < len(b); {
			i := bytes.Index(b[from:], c[1:])
			if i < 0 {
				break
			}
			if i += from; b[i-1] == c[0] {
				return true
			}
			from = i + 1
		}
	}
	return false
}

// Unescape drops the backslashes Markdown escapes punctuation with (the
// importer writes a_b@x.cn as a\_b@x.cn), so that a value reads as printed.
func Unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

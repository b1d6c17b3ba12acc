// Package numbering recognises the numbering of a notice's outline levels as
// GB/T 9704-2012 writes them: "一、" (level 1), "(一)" (2), "1." (3) and
// "(1)" (4), in half-width and full-width forms. It knows nothing of
// Markdown or HTML: the Markdown layer uses it to give sections anchors, and
// the checker to judge the numbering.
package numbering

import (
	"strings"
	"unicode/utf8"
)

// Marker is the numbering at the start of a line.
type Marker struct {
	Level     int    // 1 to 4
	Number    int    // the number written, 1-based
	Text      string // the marker exactly as written, e.g. "(一)"
	FullWidth bool   // written with full-width brackets or stop: "（一）", "1．"
}

// MaxLen is the longest a marker can be, in bytes: "（九十九）".
const MaxLen = len("（九十九）")

// ParseBytes is Parse for the start of a byte slice: it looks at no more
// than MaxLen bytes, so that a caller need not copy a whole paragraph.
// A slice that cannot start a marker is refused before any string is
// made of it: the Markdown reader asks for every paragraph and line.
func ParseBytes(b []byte) (Marker, bool) {
	if !mayStart(b) {
		return Marker{}, false
	}
	return Parse(string(b[:min(len(b), MaxLen)]))
}

// StartsWithMarker reports whether ParseBytes finds a marker at the start
// of b, making no string of it: the Markdown reader asks this of every
// line of a paragraph but the first, to start a new paragraph where an
// item starts.
func StartsWithMarker(b []byte) bool {
	if !mayStart(b) {
		return false
	}
	_, ok := Parse(string(b[:min(len(b), MaxLen)])) // no copy: the marker is not kept
	return ok
}

// mayStart reports whether b starts with a character a marker may start
// with: a Chinese digit or 十 (一、), a bracket ((一), (1)) or a digit (1.).
func mayStart(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	_, digit := Digit(r)
	return digit || r == '十' || r == '(' || r == '（' || (r >= '0' && r <= '9') || (r >= '０' && r <= '９')
}

// Parse recognises the marker at the start of s. It reports false when s
// does not start with one.
func Parse(s string) (Marker, bool) {
	if m, ok := parseChineseEnum(s); ok {
		return m, true
	}
	if m, ok := parseBracketed(s); ok {
		return m, true
	}
	return parseArabic(s)
}

// parseChineseEnum recognises level 1: "一、".
func parseChineseEnum(s string) (Marker, bool) {
	n, size := ChineseNumber(s)
	if n == 0 || !strings.HasPrefix(s[size:], "、") {
		return Marker{}, false
	}
	return Marker{Level: 1, Number: n, Text: s[:size+len("、")]}, true
}

// parseBracketed recognises level 2 "(一)" and level 4 "(1)", in either
// width of bracket (a mixed pair is still recognised; the checker flags it).
func parseBracketed(s string) (Marker, bool) {
	open, full := "(", false
	switch {
	case strings.HasPrefix(s, "("):
	case strings.HasPrefix(s, "（"):
		open, full = "（", true
	default:
		return Marker{}, false
	}
	rest := s[len(open):]
	level, n, size := 2, 0, 0
	if n, size = ChineseNumber(rest); n == 0 {
		level = 4
		if n, size = arabicNumber(rest); n == 0 {
			return Marker{}, false
		}
	}
	closing := ""
	switch {
	case strings.HasPrefix(rest[size:], ")"):
		closing = ")"
	case strings.HasPrefix(rest[size:], "）"):
		closing = "）"
	default:
		return Marker{}, false
	}
	end := len(open) + size + len(closing)
	return Marker{Level: level, Number: n, Text: s[:end], FullWidth: full && closing == "）"}, true
}

// parseArabic recognises level 3: "1." or "1．". A decimal such as "1.13万"
// is not a marker.
func parseArabic(s string) (Marker, bool) {
	n, size := arabicNumber(s)
	if n == 0 {
		return Marker{}, false
	}
	stop, full := ".", false
	switch {
	case strings.HasPrefix(s[size:], "."):
	case strings.HasPrefix(s[size:], "．"):
		stop, full = "．", true
	default:
		return Marker{}, false
	}
	end := size + len(stop)
	if d, _ := arabicNumber(s[end:]); d != 0 || strings.HasPrefix(s[end:], "0") || strings.HasPrefix(s[end:], "０") {
		return Marker{}, false
	}
	return Marker{Level: 3, Number: n, Text: s[:end], FullWidth: full}, true
}

// arabicNumber reads up to three ASCII or full-width digits at the start of
// s and returns their value (0 when there are none, or when the number
// starts with zero) and length in bytes.
func arabicNumber(s string) (n, size int) {
	for digits := 0; digits < 3 && size < len(s); digits++ {
		r, w := utf8.DecodeRuneInString(s[size:])
		var d int
		switch {
		case r >= '0' && r <= '9':
			d = int(r - '0')
		case r >= '０' && r <= '９':
			d = int(r - '０')
		default:
			return n, size
		}
		if digits == 0 && d == 0 {
			return 0, 0
		}
		n, size = n*10+d, size+w
	}
	if r, _ := utf8.DecodeRuneInString(s[size:]); (r >= '0' && r <= '9') || (r >= '０' && r <= '９') {
		return 0, 0 // four or more digits: a year or a figure, not a marker
	}
	return n, size
}

// Digit returns the value of the Chinese numeral r, 一 to 九: 1 to 9.
func Digit(r rune) (int, bool) {
	switch r {
	case '一':
		return 1, true
	case '二':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	}
	return 0, false
}

// ChineseNumber reads a Chinese numeral from 一 to 九十九 at the start of s
// ("十", "十一", "二十", "二十三") and returns its value and length in
// bytes, or 0, 0 when s does not start with one.
func ChineseNumber(s string) (n, size int) {
	tens, units := 0, 0
	r, w := utf8.DecodeRuneInString(s)
	if d, ok := Digit(r); ok {
		units, size = d, w
		r, w = utf8.DecodeRuneInString(s[size:])
	}
	if r == '十' {
		tens, units, size = max(units, 1), 0, size+w
		r, w = utf8.DecodeRuneInString(s[size:])
		if d, ok := Digit(r); ok {
			units, size = d, size+w
		}
	}
	if size == 0 {
		return 0, 0
	}
	return tens*10 + units, size
}

// Chinese writes n (1 to 99) as a Chinese numeral: 1 "一", 10 "十", 23 "二十三".
func Chinese(n int) string {
	if n < 1 || n > 99 {
		return ""
	}
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	default:
		return digits[n/10] + "十" + digits[n%10]
	}
}

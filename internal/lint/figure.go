package lint

import (
	"math"
	"strconv"
	"strings"

	"disclose/internal/numbering"
)

// figure is a number written in the text.
type figure struct {
	Value    float64
	Decimals int    // digits after the decimal point, as written
	Text     string // as written: "76", "1.13", "七"
	Chinese  bool   // written in Chinese numerals
}

// readNumber reads the number at the start of s: Arabic digits, ASCII or
// full-width, with an optional decimal part ("1.13"), or a Chinese numeral
// ("七", "十五", "两", "一百零五", "三千二百万"). It returns the figure and its
// length in bytes; 0 when s does not start with a number.
func readNumber(s string) (figure, int) {
	if f, n := readArabic(s); n > 0 {
		return f, n
	}
	return readChinese(s)
}

// digit returns the value of an ASCII or full-width digit, or -1.
func digit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

// hasYearThen reports whether s, whose digits are at (see digits), holds
// a year 19xx or 20xx, in ASCII digits, followed by one of marks: what a
// date 2025-06-17 or a document number [2025]12号 needs, found fast.
func hasYearThen(s string, at []int, marks string) bool {
	for _, i := range at {
		century := s[i] == '2' && i+1 < len(s) && s[i+1] == '0' || s[i] == '1' && i+1 < len(s) && s[i+1] == '9'
		if century && i+4 < len(s) && isDigit(s[i+2]) && isDigit(s[i+3]) && strings.ContainsRune(marks, runeAt(s, i+4)) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

const maxDigits = 15 // beyond this a float64 loses units

// readArabic reads Arabic digits with an optional decimal part at the
// start of s, at most maxDigits of digits and point together. It reads
// bytes: the digits and points it looks for are ASCII or of three bytes
// (０-９, ．), and any other rune ends the number.
func readArabic(s string) (figure, int) {
	// Most often: a few ASCII digits, then neither a point nor a
	// full-width digit or point, which the loop below would read on with.
	var mantissa int64
	n := 0
	for n < len(s) && n < maxDigits-1 && s[n]-'0' <= 9 {
		mantissa = mantissa*10 + int64(s[n]-'0')
		n++
	}
	if n > 0 && (n == len(s) || s[n] != '.' && s[n]-'0' > 9 && !fullWidthNumeric(s[n:])) {
		return figure{Value: float64(mantissa), Text: s[:n]}, n
	}
	mantissa = 0
	written, size, decimals, point := 0, 0, 0, false
	for size < len(s) {
		d, w := digitAt(s, size)
		switch {
		case d >= 0 && written < maxDigits:
			mantissa = mantissa*10 + int64(d)
			written++
			if point {
				decimals++
			}
		case d < 0 && pointAt(s, size) && !point && written > 0:
			w = len("．")
			if s[size] == '.' {
				w = 1
			}
			if next, _ := digitAt(s, size+w); next < 0 {
				return arabicFigure(mantissa, written, decimals, s[:size])
			}
			written++
			point = true
		default:
			return arabicFigure(mantissa, written, decimals, s[:size])
		}
		size += w
	}
	return arabicFigure(mantissa, written, decimals, s[:size])
}

// fullWidthNumeric reports whether s starts with a full-width digit, ０
// to ９ (EF BC 90 to EF BC 99), or the full-width point ． (EF BC 8E).
func fullWidthNumeric(s string) bool {
	return len(s) >= 3 && s[0] == 0xEF && s[1] == 0xBC && (s[2]-0x90 <= 9 || s[2] == 0x8E)
}

// digitAt returns the value of the digit, ASCII or full-width, at byte i
// of s and its length; -1 when there is none.
func digitAt(s string, i int) (int, int) {
	if i >= len(s) {
		return -1, 0
	}
	if c := s[i]; c-'0' <= 9 {
		return int(c - '0'), 1
	}
	if i+2 < len(s) && s[i] == 0xEF && s[i+1] == 0xBC && s[i+2]-0x90 <= 9 { // ０ is U+FF10, EF BC 90
		return int(s[i+2] - 0x90), 3
	}
	return -1, 0
}

// pointAt reports whether a decimal point, . or ．, is at byte i of s.
func pointAt(s string, i int) bool {
	return s[i] == '.' || strings.HasPrefix(s[i:], "．")
}

// arabicFigure makes the figure of text, whose digits make mantissa, of
// which decimals are after the point. It computes the value as
// strconv.ParseFloat does for so few digits: exactly, then one correctly
// rounded division.
func arabicFigure(mantissa int64, written, decimals int, text string) (figure, int) {
	if written == 0 {
		return figure{}, 0
	}
	return figure{Value: float64(mantissa) / pow10[decimals], Decimals: decimals, Text: text}, len(text)
}

// pow10 holds the powers of ten a figure's decimals divide by, each exact
// in a float64.
var pow10 = [maxDigits]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14}

// chineseDigit returns the value of a Chinese digit, 零 to 九.
func chineseDigit(r rune) (int, bool) {
	switch r {
	case '零', '〇':
		return 0, true
	case '两':
		return 2, true
	}
	return numbering.Digit(r)
}

// chineseUnit returns the value of 十, 百 or 千.
func chineseUnit(r rune) (int, bool) {
	switch r {
	case '十':
		return 10, true
	case '百':
		return 100, true
	case '千':
		return 1000, true
	}
	return 0, false
}

// numeral reports whether r is one of the Chinese numerals 一 to 十: those
// numbering.ChineseNumber reads (the numbers of 一、 and 一是), and those the
// number of an inspection group (第一) is written with.
func numeral(r rune) bool {
	switch r {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// readChinese reads a Chinese numeral below one hundred million (一亿). It
// must start with a digit or 十, so that 万人 is not read as ten thousand.
func readChinese(s string) (figure, int) {
	var total, section, pending int
	seen, afterDigit, size := false, false, 0
	for size < len(s) && size < 16*3 {
		r, w := firstRune(s[size:])
		d, isDigit := chineseDigit(r)
		if isDigit && afterDigit && pending != 0 {
			break // 一二 is two numbers, not one
		}
		afterDigit = isDigit
		if isDigit {
			pending, seen = d, true
		} else if u, ok := chineseUnit(r); ok && (seen || (u == 10 && size == 0)) {
			if pending == 0 && u == 10 {
				pending = 1
			}
			section += pending * u
			pending, seen = 0, true
		} else if r == '万' && seen && total == 0 {
			total = (section + pending) * 10000
			section, pending = 0, 0
		} else {
			break
		}
		size += w
	}
	if !seen {
		return figure{}, 0
	}
	v := total + section + pending
	return figure{Value: float64(v), Text: s[:size], Chinese: true}, size
}

// equal reports whether two values are the same figure.
func equal(a, b float64) bool { return math.Abs(a-b) < 1e-9*max(1, math.Abs(a)) }

// format writes v with the given decimals, as a figure is written.
func format(v float64, decimals int) string { return strconv.FormatFloat(v, 'f', decimals, 64) }

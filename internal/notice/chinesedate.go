package notice

import (
	"slices"
	"strings"
	"time"
	"unicode"
)

// ReadChineseDate reads a date written out as a signature writes it: year,
// month and day with 年, 月, 日, in ASCII or full-width digits, zero-padded
// or not (2025年5月21日, 2025年05月21日), or in Chinese numerals
// (二〇二五年五月二十一日). Spaces between the parts are allowed; nothing else
// may come before or after. It returns midnight UTC of the day, as Date
// holds it.
func ReadChineseDate(s string) (time.Time, bool) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	var parts [3]int
	for i, unit := range []string{"年", "月", "日"} {
		head, rest, ok := strings.Cut(s, unit)
		if !ok {
			return time.Time{}, false
		}
		n, ok := readDatePart(head, i == 0)
		if !ok {
			return time.Time{}, false
		}
		parts[i], s = n, rest
	}
	if s != "" {
		return time.Time{}, false
	}
	t := time.Date(parts[0], time.Month(parts[1]), parts[2], 0, 0, 0, 0, time.UTC)
	if t.Year() != parts[0] || int(t.Month()) != parts[1] || t.Day() != parts[2] || parts[0] < 1000 {
		return time.Time{}, false // 2月30日 and the like
	}
	return t, true
}

// readDatePart reads the number before 年, 月 or 日: digits (a year has
// four, a month or day one or two), or Chinese numerals, a year digit by
// digit (二〇二五), a month or day as counted (二十一).
func readDatePart(s string, year bool) (int, bool) {
	rs := []rune(s)
	if n, ok := digitsOf(rs); ok {
		if year && len(rs) != 4 || !year && len(rs) > 2 {
			return 0, false
		}
		return n, true
	}
	if year {
		n := 0
		for _, r := range rs {
			d := slices.Index(yearNumerals, r)
			if r == '零' {
				d = 0
			}
			if d < 0 {
				return 0, false
			}
			n = n*10 + d
		}
		return n, len(rs) == 4
	}
	return countNumeral(s)
}

// yearNumerals are the digits 0 to 9 of a year written in Chinese: 二〇二五
// (or 二零二五).
var yearNumerals = []rune("〇一二三四五六七八九")

// digitsOf reads ASCII or full-width digits.
func digitsOf(rs []rune) (int, bool) {
	n := 0
	for _, r := range rs {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		default:
			return 0, false
		}
	}
	return n, len(rs) > 0
}

// countNumeral reads a month or a day in Chinese numerals: 五, 十, 十二,
// 二十一, 三十.
func countNumeral(s string) (int, bool) {
	const ones = "一二三四五六七八九"
	unit := func(s string) (int, bool) {
		for i, r := range []rune(ones) {
			if s == string(r) {
				return i + 1, true
			}
		}
		return 0, false
	}
	tens, rest, hasTen := strings.Cut(s, "十")
	if !hasTen {
		return unit(s)
	}
	n := 10
	if tens != "" {
		t, ok := unit(tens)
		if !ok {
			return 0, false
		}
		n = t * 10
	}
	if rest == "" {
		return n, true
	}
	u, ok := unit(rest)
	return n + u, ok
}

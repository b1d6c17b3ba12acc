package lint

import (
	"strings"
	"time"
)

// writtenDate is a date the text writes: 2024年3月18日, 3月18日, 2024年底.
// Parts the text leaves out carry forward from the date before it
// ("2024年3月18日至5月20日": the second date is in 2024), and the end of a
// range that would run backwards is in the next year ("2024年11月18日至1月17日").
type writtenDate struct {
	Y, M, D  int  // 0 for a part neither written nor carried
	Padded   bool // a month or day written with a leading zero: 06月
	Carried  bool // the year is not written but carried from the date before
	RangeEnd bool // joined to the date before by 至, 到 or a dash
	Off, End int  // bytes in the text scanned
}

// Time returns the date as a time, when it is complete and valid.
func (d writtenDate) Time() (time.Time, bool) {
	if d.Y == 0 || d.M == 0 || d.D == 0 {
		return time.Time{}, false
	}
	t := time.Date(d.Y, time.Month(d.M), d.D, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d.D && int(t.Month()) == d.M
}

// Chinese writes d as far as it is known: 2024年3月18日, 3月18日.
func (d writtenDate) Chinese() string {
	var b strings.Builder
	for _, p := range []struct {
		v    int
		unit string
	}{{d.Y, "年"}, {d.M, "月"}, {d.D, "日"}} {
		if p.v != 0 {
			b.WriteString(itoa(p.v) + p.unit)
		}
	}
	return b.String()
}

// before reports whether d, as far as it is written, falls before e.
func (d writtenDate) before(e writtenDate) bool {
	return d.Y < e.Y || d.Y == e.Y && (d.M < e.M || d.M == e.M && d.D != 0 && d.D < e.D)
}

// agrees reports whether d, as far as it is written, names the date t.
func (d writtenDate) agrees(t time.Time) bool {
	return (d.Y == 0 || d.Y == t.Year()) && (d.M == 0 || d.M == int(t.Month())) && (d.D == 0 || d.D == t.Day())
}

const rangeMarks = "至到—－-~～"

// appendDates appends to out every date written in s, whose digits are at
// (see digits): each date starts at one of them. year, when not 0, is the
// year of a first date that writes none.
func appendDates(out []writtenDate, s string, at []int, year int) []writtenDate {
	first := len(out)
	prev := writtenDate{Y: year}
	i := 0
	for _, digit0 := range at {
		if digit0 < i {
			continue // in the date read last
		}
		i = digit0
		if before := runeBefore(s, i); digit(before) >= 0 || before == '.' {
			continue
		}
		joined := len(out) > first && rangeBetween(s[out[len(out)-1].End:i])
		d, size := readDate(s[i:], prev, joined)
		if size == 0 {
			continue
		}
		d.Off, d.End, d.RangeEnd = i, i+size, joined
		out = append(out, d)
		prev = d
		i += size
	}
	return out
}

// mayPad reports whether a date appendDates reads in s, whose digits are
// at (see digits), may be Padded: a padded month or day is a number of two
// digits whose first is 0 (０), and no digit is written before it (a date
// starts where none is, and a month or day after 年 or 月). Most
// paragraphs have no such 0, and their dates need not be read to judge
// their padding (FuzzMayPad).
func mayPad(s string, at []int) bool {
	for k, i := range at {
		if s[i] != '0' && (s[i] != 0xEF || s[i+2] != 0x90) { // ０ is EF BC 90; no other digit starts with EF and ends with 90
			continue
		}
		if k > 0 && at[k-1]+digitWidth(s[at[k-1]]) == i {
			continue // a 0 within a number: 2025, 10月
		}
		if k+1 < len(at) && at[k+1] == i+digitWidth(s[i]) {
			return true // a 0 that starts a number of two digits or more
		}
	}
	return false
}

// digitWidth is the length of the digit whose first byte is c: 1 for an
// ASCII digit, 3 for a full-width one.
func digitWidth(c byte) int {
	if c < 0x80 {
		return 1
	}
	return 3
}

// rangeBetween reports whether gap, the text between two dates, joins them
// into a range.
func rangeBetween(gap string) bool {
	gap = strings.TrimSpace(gap)
	r, w := firstRune(gap)
	return w > 0 && w == len(gap) && strings.ContainsRune(rangeMarks, r)
}

// readDate reads one date at the start of s: YYYY年[M月[D日]], M月[D日],
// or, after a range mark, D日. prev gives the parts not written.
func readDate(s string, prev writtenDate, afterRange bool) (writtenDate, int) {
	n, digits, size := readInt(s)
	unit, w := firstRune(s[size:])
	var d writtenDate
	switch {
	case unit == '年' && digits == 4:
		d.Y = n
		size += w
		m, ms := readPart(s[size:], '月', 12)
		if ms == 0 {
			return d, size
		}
		d.M, d.Padded = m.v, m.padded
		size += ms
		day, ds := readPart(s[size:], '日', 31)
		d.D, d.Padded = day.v, d.Padded || day.padded
		return d, size + ds
	case unit == '月' && digits <= 2 && n >= 1 && n <= 12:
		d.Y, d.M, d.Padded, d.Carried = prev.Y, n, digits == 2 && n < 10, prev.Y != 0
		size += w
		day, ds := readPart(s[size:], '日', 31)
		d.D, d.Padded = day.v, d.Padded || day.padded
		if afterRange && d.Y != 0 && (d.M < prev.M || d.M == prev.M && d.D < prev.D) {
			d.Y++ // 2024年11月18日至1月17日: a range does not run backwards
		}
		return d, size + ds
	case unit == '日' && afterRange && digits <= 2 && n >= 1 && n <= 31 && prev.M != 0:
		return writtenDate{Y: prev.Y, M: prev.M, D: n, Padded: digits == 2 && n < 10, Carried: true}, size + w
	}
	return writtenDate{}, 0
}

type part struct {
	v      int
	padded bool
}

// readPart reads "6月" or "17日" (unit) at the start of s, up to limit.
func readPart(s string, unit rune, limit int) (part, int) {
	n, digits, size := readInt(s)
	r, w := firstRune(s[size:])
	if digits == 0 || digits > 2 || r != unit || n < 1 || n > limit {
		return part{}, 0
	}
	return part{v: n, padded: digits == 2 && n < 10}, size + w
}

// readInt reads up to six ASCII or full-width digits at the start of s.
func readInt(s string) (n, digits, size int) {
	for digits < 6 {
		d, w := digitAt(s, size)
		if d < 0 {
			break
		}
		n, digits, size = n*10+d, digits+1, size+w
	}
	return n, digits, size
}

func itoa(n int) string {
	f := figure{Value: float64(n)}
	return format(f.Value, 0)
}

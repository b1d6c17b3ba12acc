package lint

import (
	"iter"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// openingRE is a clause that opens a sentence of figures by saying when or
// of what: what opening reads without running it.
var openingRE = regexp.MustCompile(`^(?:截至|截止|目前|至此|总体上|全年|[^，,；;0-9０-９]{0,12}整改(?:工作)?(?:中|期间|以来))`)

// The readers below are the proofreader's readers as they were before
// they read a paragraph's marks and digits (scan) instead of decoding
// each rune: the tests hold the fast readers to them.

// readStatisticsByRunes is ReadStatistics decoding every rune.
func readStatisticsByRunes(text string) []Figure {
	var out []Figure
	for start, end := range sentencesOf(text) {
		figs, opened, all := sentenceFiguresByRunes(text, start, end)
		if all && (opened || start == 0) && len(figs) >= 2 && !isStatus(figs) || start == 0 && len(figs) > 0 && statsSentenceRE.MatchString(text) {
			for _, f := range figs {
				if f.Within >= 0 {
					f.Within += len(out)
				}
				out = append(out, f)
			}
		}
	}
	return out
}

// sentencesOf yields the start and end of each sentence of text, cut at
// 。！？ (the mark itself in neither).
func sentencesOf(text string) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		start := 0
		for i := 0; i <= len(text); {
			r, w := utf8.DecodeRuneInString(text[i:])
			if i < len(text) && r != '。' && r != '！' && r != '？' {
				i += w
				continue
			}
			if !yield(start, i) || i == len(text) {
				return
			}
			i += w
			start = i
		}
	}
}

func sentenceFiguresByRunes(text string, from, to int) (figs []Figure, opened, all bool) {
	all = true
	for n, c := range appendClausesByRunes(nil, text, from, to) {
		f, ok := clauseFigure(text, c.off, c.end, -1)
		if !ok {
			opened = n == 0 && openingRE.MatchString(text[c.off:c.end]) &&
				(strings.HasPrefix(text[c.off:c.end], "截") || !strings.ContainsAny(text[c.off:c.end], "0123456789０１２３４５６７８９"))
			all = all && opened
			continue
		}
		if strings.ContainsAny(text[c.off:f.Off], "0123456789０１２３４５６７８９") {
			all = false
		}
		head := len(figs)
		figs = append(figs, f)
		if c.inner.end > c.inner.off {
			for _, ic := range appendClausesByRunes(nil, text, c.inner.off, c.inner.end) {
				if g, ok := clauseFigure(text, ic.off, ic.end, head); ok {
					figs = append(figs, g)
				}
			}
		}
	}
	return figs, opened, all && len(figs) > 0
}

// appendClausesByRunes appends to out the clauses of text[from:to], cut at
// ，,；;、 outside brackets; a clause that ends with a bracketed part keeps
// it apart, in inner.
func appendClausesByRunes(out []clause, text string, from, to int) []clause {
	depth, start, open := 0, from, -1
	for i := from; i < to; {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '(' || r == '（':
			if depth == 0 {
				open = i
			}
			depth++
		case (r == ')' || r == '）') && depth > 0:
			depth--
		case depth == 0 && (r == '，' || r == ',' || r == '；' || r == ';' || r == '、'):
			out = append(out, newClause(text, start, i, open))
			start, open = i+w, -1
		}
		i += w
	}
	if start < to {
		out = append(out, newClause(text, start, to, open))
	}
	return out
}

// chineseFiguresByClauses is what ChineseFigures must return: the
// figures in Chinese numerals of every clause clauses cuts of every
// sentence sentencesOf yields.
func chineseFiguresByClauses(text string) []Figure {
	var out []Figure
	for start, end := range sentencesOf(text) {
		for _, c := range appendClausesByRunes(nil, text, start, end) {
			if f, ok := clauseFigure(text, c.off, c.end, -1); ok && f.Chinese {
				out = append(out, f)
			}
		}
	}
	return out
}

// numeralUnitEndsByUnits is numeralUnitEnds trying every unit.
func numeralUnitEndsByUnits(s string) bool {
	if s == "" {
		return false
	}
	for _, u := range figureUnits {
		if strings.HasSuffix(s, u) && numeralEndsByRunes(s[:len(s)-len(u)]) {
			return true
		}
	}
	_, w := utf8.DecodeLastRuneInString(s)
	return numeralEndsByRunes(s[:len(s)-w])
}

func numeralEndsByRunes(s string) bool {
	r, w := utf8.DecodeLastRuneInString(s)
	if r == '余' || r == '多' {
		r, _ = utf8.DecodeLastRuneInString(s[:len(s)-w])
	}
	switch r {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万':
		return true
	}
	return false
}

// newClauseByRunes is newClause decoding the clause's last rune.
func newClauseByRunes(text string, from, to, open int) clause {
	end := to
	for end > from && (text[end-1] == ' ' || text[end-1] == '.') {
		end--
	}
	closer, cw := utf8.DecodeLastRuneInString(text[from:end])
	if open < from || (closer != ')' && closer != '）') {
		return clause{off: from, end: end}
	}
	_, ow := utf8.DecodeRuneInString(text[open:])
	return clause{off: from, end: open, inner: span{open + ow, end - cw}}
}

// mayLabelTotal is mayLabelTotalAt looking at every byte of text.
func mayLabelTotal(text string) bool {
	for i := 0; i < len(text); i++ {
		end := i + 1
		switch c := text[i]; {
		case c >= '0' && c <= '9':
		case c == 0xef && strings.HasPrefix(text[i+1:], "\xbc") && len(text) > i+2 && text[i+2] >= 0x90 && text[i+2] <= 0x99: // ０ to ９
			end = i + 3
		default:
			continue
		}
		rest := text[end:]
		if strings.HasPrefix(rest, "个") || strings.HasPrefix(rest, "条") || strings.HasPrefix(rest, "项") ||
			strings.HasPrefix(rest, "件") || strings.HasPrefix(rest, "处") {
			return true
		}
	}
	return false
}

// groupRenamedByParas is where ownGroupRenamed must find the notice's own
// group named with the other kind: searching each paragraph that holds 巡.
func groupRenamedByParas(c *checker, other string) []int {
	var out []int
	stem := groupStem(c.n.Inspection.Group)
	if stem == "" {
		return nil
	}
	renamed := stem + other + "组"
	for i, p := range c.body.paras {
		if c.body.holds[i]&hanXun == 0 {
			continue
		}
		text := c.body.of(p)
		for from := 0; ; {
			j := strings.Index(text[from:], renamed)
			if j < 0 {
				break
			}
			at := from + j + len(stem)
			out = append(out, p.off+at)
			from = at
		}
	}
	return out
}

// totalsByExpressions is what totalsIn must find: the totals totalRE and
// labelTotalRE find, run on the whole text.
func totalsByExpressions(text string) []total {
	var out []total
	if m := totalRE.FindStringSubmatchIndex(text); m != nil {
		f, _ := readNumber(text[m[2]:])
		out = append(out, total{f, "个", "问题", m[2], m[1]})
	}
	for _, m := range labelTotalRE.FindAllStringSubmatchIndex(text, -1) {
		if len(out) > 0 && m[0] < out[0].end {
			continue
		}
		f, _ := readNumber(text[m[4]:])
		out = append(out, total{f, text[m[6]:m[7]], text[m[2]:m[3]], m[4], m[1]})
	}
	return out
}

// The readers of figures, dates and units as they were before they read bytes.

// readArabic reads Arabic digits with an optional decimal part at the
// start of s, at most maxDigits of digits and point together.
func readArabicByRunes(s string) (figure, int) {
	var mantissa int64
	written, size, decimals, point := 0, 0, 0, false
	for size < len(s) {
		r, w := utf8.DecodeRuneInString(s[size:])
		d := digit(r)
		switch {
		case d >= 0 && written < maxDigits:
			mantissa = mantissa*10 + int64(d)
			written++
			if point {
				decimals++
			}
		case (r == '.' || r == '．') && !point && written > 0 && size+w < len(s) && digit(runeAt(s, size+w)) >= 0:
			written++
			point = true
		default:
			return arabicFigure(mantissa, written, decimals, s[:size])
		}
		size += w
	}
	return arabicFigure(mantissa, written, decimals, s[:size])
}

// readInt reads up to six ASCII or full-width digits at the start of s.
func readIntByRunes(s string) (n, digits, size int) {
	for digits < 6 {
		r, w := utf8.DecodeRuneInString(s[size:])
		d := digit(r)
		if d < 0 {
			break
		}
		n, digits, size = n*10+d, digits+1, size+w
	}
	return n, digits, size
}

// readUnit returns the unit at the start of s, "" when there is none.
func readUnitByRunes(s string) string {
	r, w := utf8.DecodeRuneInString(s)
	if r == '余' || r == '多' {
		// 40余人 is more than 40: the unit is 余人 (see Figure.Unit).
		if u := readUnitByRunes(s[w:]); u != "" && u != "余" && u != "多" {
			return s[:w] + u
		}
	}
	switch r {
	case '万', '人', '亿', '%', '％', '个': // what a long unit starts with
		for _, u := range longUnits {
			if strings.HasPrefix(s, u) {
				if u == "％" {
					return "%"
				}
				return u
			}
		}
	}
	if isHan(r) {
		return s[:w]
	}
	return ""
}

// readLabel returns the Chinese characters at the end of s, at most twelve.
func readLabelByRunes(s string) string {
	end := len(s)
	start := end
	for n := 0; n < 12 && start > 0; n++ {
		r, w := utf8.DecodeLastRuneInString(s[:start])
		if !isHan(r) {
			break
		}
		start -= w
	}
	return s[start:end]
}

// FuzzByteReaders holds the readers of figures, dates and units that read
// bytes to those that decode runes.
func FuzzByteReaders(f *testing.F) {
	for _, s := range []string{"1.13万期", "１２．５％", "3.", "3.a", "1）", "12，", "7\xef\xbc", "3．", "a．", "\xbc\x8e", "９", "12人a", "123456789012345人", "12345678901234.5", "3．５", "40余人", "12人次", "9个百分点", "5万亿元", "2025年06月", "\xef\xbc", "\xef\xbc\x99", "１\xe4", "教育提醒谈话", "䷀䷁整改", "\xe4\xb8", "其中共计教育提醒达", "a其中警告为", "\xe4\xb8\x80共"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		f, n := readArabic(s)
		if wf, wn := readArabicByRunes(s); f != wf || n != wn {
			t.Errorf("readArabic(%q) = %v, %d, want %v, %d", s, f, n, wf, wn)
		}
		i, d, size := readInt(s)
		if wn, wd, wsize := readIntByRunes(s); i != wn || d != wd || size != wsize {
			t.Errorf("readInt(%q) = %d, %d, %d, want %d, %d, %d", s, i, d, size, wn, wd, wsize)
		}
		if got, want := readUnit(s), readUnitByRunes(s); got != want {
			t.Errorf("readUnit(%q) = %q, want %q", s, got, want)
		}
		if got, want := readLabel(s), readLabelByRunes(s); got != want {
			t.Errorf("readLabel(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimLabel(s), trimLabelByRunes(s); got != want {
			t.Errorf("trimLabel(%q) = %q, want %q", s, got, want)
		}
		// endsArabic says whether numberBefore reads an Arabic number.
		r, _ := utf8.DecodeLastRuneInString(s)
		if got, want := endsArabic(s), s != "" && (digit(r) >= 0 || r == '.' || r == '．'); got != want {
			t.Errorf("endsArabic(%q) = %v, want %v", s, got, want)
		}
	})
}

// trimLabelByRunes is trimLabel decoding every rune of the Chinese
// characters s ends with.
func trimLabelByRunes(s string) string {
	start := len(s)
	for start > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:start])
		if !isHan(r) {
			break
		}
		start -= w
	}
	s = s[start:]
	for _, w := range []string{"其中", "共计", "合计", "累计"} {
		s = strings.TrimPrefix(s, w)
	}
	for _, w := range []string{"达到", "共计", "合计", "累计", "达", "为", "共"} {
		if t, ok := strings.CutSuffix(s, w); ok && t != "" {
			return t
		}
	}
	return s
}

// TestLongUnitsFrom: readUnit tries every long unit, after the rune it
// starts with (longUnitsFrom), or knows it as a unit of one rune.
func TestLongUnitsFrom(t *testing.T) {
	for _, u := range longUnits {
		if r, _ := utf8.DecodeRuneInString(u); !strings.ContainsRune("万人亿个%％", r) || (r == '%' || r == '％') && len(u) != len(string(r)) {
			t.Errorf("readUnit does not try the long unit %q", u)
		}
	}
}

// TestOpeningWords: every word an opening clause may start with is of two
// characters or more, and starts with one of those startsOpeningWord
// tries.
func TestOpeningWords(t *testing.T) {
	for _, w := range openingWords {
		if len(w) < len("截至") || !strings.ContainsRune("截目至总全", []rune(w)[0]) || !startsOpeningWord(w) {
			t.Errorf("startsOpeningWord does not know %q", w)
		}
	}
}

// TestUnitsByLast: the units of figureUnits that end with each byte.
func TestUnitsByLast(t *testing.T) {
	for b := range 256 {
		var want []string
		for _, u := range figureUnits {
			if u[len(u)-1] == byte(b) {
				want = append(want, u)
			}
		}
		if !slices.Equal(unitsByLast[b], want) {
			t.Errorf("unitsByLast[%#x] = %q, want %q", b, unitsByLast[b], want)
		}
	}
}

// TestTrimWords: trimLabel looks for the words it trims after the
// characters they start and end with, and every word is of two
// characters or more, of one at least at the end.
func TestTrimWords(t *testing.T) {
	for _, w := range trimFirst {
		if len(w) < len("其中") || !strings.ContainsRune("其共合累", []rune(w)[0]) {
			t.Errorf("trimLabel does not look for %q", w)
		}
	}
	for _, w := range trimLast {
		if r := []rune(w); !strings.ContainsRune("到计达为共", r[len(r)-1]) {
			t.Errorf("trimLabel does not look for %q", w)
		}
	}
}

// mayStateTotalByIndex is mayStateTotalAt searching text for 问题, as it
// did before scan noted where a paragraph says it.
func mayStateTotalByIndex(text string) bool {
	for i := 0; ; {
		j := indexHan(text[i:], "问题")
		if j < 0 {
			return false
		}
		at := i + j
		before := text[:at]
		if strings.HasSuffix(before, "个") || strings.HasSuffix(before, "个具体") || strings.HasSuffix(before, "个突出") {
			return true
		}
		i = at + len("问题")
	}
}

// TestHanBytes: hanBytes knows, by their first two bytes, which runes of
// U+4000-U+9FFF are Chinese characters.
func TestHanBytes(t *testing.T) {
	for r := rune(0x4000); r <= 0x9FFF; r++ {
		s := string(r)
		if got, want := hanBytes(s[0], s[1]), isHan(r); got != want {
			t.Errorf("hanBytes(%U) = %v, want %v", r, got, want)
		}
	}
}

package lint

import (
	"iter"
	"slices"
	"strings"
	"unicode/utf8"
)

// Figure is one figure of a statistics sentence: 教育提醒4人, 挽回经济损失
// 1.13万元, 处分三人, 40余人. ReadStatistics gives them; the importer makes
// a [[statistics]] entry of each, and the statistics rules look for them,
// so that import and check never disagree about what is a statistic.
type Figure struct {
	Label   string  // the Chinese words before the number, without 其中 or a joining 达, 为, 共
	Value   float64 // the number: 三 is 3, 1.13万元 is 1.13 (of the unit 万元)
	Number  string  // the number as written: "4", "1.13", "三"
	Chinese bool    // written in Chinese numerals
	// Unit is what follows the number, as written: 人, 万元, 亿元, % (％ is
	// read as %, as [[statistics]] units are compared).
	// "More than" is written into it: 40余人 and 40多人 have the value 40
	// and the units 余人 and 多人, so an entry states what the text states
	// and a sum never adds an approximate figure to an exact one.
	Unit     string
	Off, End int // byte offsets of the number and of the unit's end, in the text read
	Within   int // the index of the figure whose bracketed breakdown holds this one, or -1
}

// ReadStatistics returns the figures of the statistics sentences of text,
// one paragraph. A statistics sentence is
//   - the paragraph's first sentence when the paragraph opens as one does
//     (在巡视整改工作中, 整改期间, 巡察整改以来): every clause of it that ends
//     with a figure gives one;
//   - a sentence that opens the paragraph, or opens with a clause that
//     says when (截至目前, 整改以来), whose clauses but that one all end
//     with a figure and hold no other number, two figures at least, none of
//     which counts what is still under way (正在, 其余, 基本完成):
//     建立完善制度58项，追回资金1.6亿元。
//
// A figure may have its breakdown in brackets after it, read too:
// 给予党纪处分94人(党内警告53人,严重警告30人).
func ReadStatistics(text string) []Figure {
	at, digitsAt, _ := scan(nil, nil, text)
	return readStatistics(text, at, digitsAt)
}

// readStatistics is ReadStatistics of text, whose marks and digits are at
// and digitsAt (see marks and digits): it cuts sentences and clauses at
// the marks, and decodes no other rune to find them.
func readStatistics(text string, at, digitsAt []int) []Figure {
	var out []Figure
	for s, marks := range sentencesAt(text, at) {
		// The first sentence of a paragraph that opens as a statistics
		// sentence does gives every figure it states; any other sentence
		// only if all its clauses but an opening one state a figure, and,
		// but for the first, if it opens with a clause that says when:
		// sentenceFigures stops reading a sentence that does not.
		stats := s.off == 0 && isStatsSentence(text)
		figs, opened, all := sentenceFigures(text, s.off, s.end, marks, digitsAt, s.off != 0, !stats)
		if all && (opened || s.off == 0) && len(figs) >= 2 && !isStatus(figs) || stats && len(figs) > 0 {
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

// sentencesAt yields each sentence of text, whose marks are at (see
// marks), cut at 。！？ (the mark itself in neither; the last sentence
// ends with the text, and may be empty), with the marks within it.
func sentencesAt(text string, at []int) iter.Seq2[span, []int] {
	return func(yield func(span, []int) bool) {
		start, first := 0, 0 // where the sentence starts, and its first mark
		for k := 0; k <= len(at); k++ {
			end, w := len(text), 0
			if k < len(at) {
				var role clauseRole
				if role, w = markRole(text, at[k]); role != endsSentence {
					continue
				}
				end = at[k]
			}
			if !yield(span{start, end}, at[first:k]) {
				return
			}
			start, first = end+w, k+1
		}
	}
}

// ChineseFigures returns the figures written in Chinese numerals (批评教育三人,
// 建立完善制度十五项) that close a clause of text, one paragraph, in any
// sentence, read as ReadStatistics reads the figures of a statistics
// sentence. The rules that compare figures of prose (count-repeat) read
// Arabic figures themselves, and these with it.
func ChineseFigures(text string) []Figure {
	return chineseFigures(nil, text, marks(text), nil, nil)
}

// sentenceFigures returns the figures of text[from:to], one sentence
// whose marks are at; whether it opens with a clause that says when
// (isOpening); and whether each of its clauses but that one states a
// figure. digitsAt are the digits of text. With mustOpen, it stops at a
// first clause that is no opening one, and with mustAll at a clause that
// states no figure but that one: it returns no figures then, and says
// not all.
func sentenceFigures(text string, from, to int, at, digitsAt []int, mustOpen, mustAll bool) (figs []Figure, opened, all bool) {
	if mustOpen && mustAll && !mayOpen(text[from:to]) {
		// Its first clause, which starts the sentence, is no opening one:
		// mayOpen holds of a text whenever it holds of its start.
		return nil, false, false
	}
	all = true
	var outer, inner [16]clause // most sentences' clauses, on the stack
	for n, c := range appendClauses(outer[:0], text, from, to, at) {
		f, ok := clauseFigure(text, c.off, c.end, -1)
		if !ok {
			// Only an opening clause that says when (截至目前) may go
			// without a figure: 实施…行动 opens prose that counts work done.
			opened = n == 0 && isOpening(text[c.off:c.end])
			all = all && opened
			if !all && mustAll {
				return nil, false, false
			}
			continue
		}
		if n == 0 && mustOpen {
			return nil, false, false
		}
		if hasDigitIn(digitsAt, c.off, f.Off) {
			// Another number before the figure (6个单位…共认领问题134个):
			// the clause tells more than one figure.
			all = false
			if mustAll {
				return nil, false, false
			}
		}
		head := len(figs)
		figs = append(figs, f)
		if c.inner.end > c.inner.off {
			for _, ic := range appendClauses(inner[:0], text, c.inner.off, c.inner.end, marksIn(at, c.inner.off, c.inner.end)) {
				if g, ok := clauseFigure(text, ic.off, ic.end, head); ok {
					figs = append(figs, g)
				}
			}
		}
	}
	return figs, opened, all && len(figs) > 0
}

// hasDigitIn reports whether one of the digits at is at from or after,
// before to.
func hasDigitIn(at []int, from, to int) bool {
	i, _ := slices.BinarySearch(at, from)
	return i < len(at) && at[i] < to
}

// marksIn returns the marks of at (sorted) from from to to.
func marksIn(at []int, from, to int) []int {
	i, _ := slices.BinarySearch(at, from)
	j, _ := slices.BinarySearch(at, to)
	return at[i:j]
}

// isOpening reports whether c is a clause that opens a sentence of
// figures by saying when or of what (截至目前, 截至2025年5月底, 整改以来):
// no number but a date's.
func isOpening(c string) bool {
	if !mayOpen(c) {
		return false
	}
	return opening(c) && (strings.HasPrefix(c, "截") || !strings.ContainsAny(c, "0123456789０１２３４５６７８９"))
}

// opening reports whether c starts as an opening clause does, as the
// regular expression openingRE (reference_test.go),
//
//	^(?:截至|截止|目前|至此|总体上|全年|[^，,；;0-9０-９]{0,12}整改(?:工作)?(?:中|期间|以来))
//
// matches it, without running it: one of its words, or up to twelve runes
// but ，,；; and digits, then 整改, perhaps 工作, then 中, 期间 or 以来. The
// expression, which tries its twelve runes in every way, took a hundredth
// of the proofreader.
func opening(c string) bool {
	if startsOpeningWord(c) {
		return true
	}
	for i, n := 0, 0; ; n++ { // n runes read, up to byte i
		if strings.HasPrefix(c[i:], "整改") && statsOpeningEnds(c[i+len("整改"):]) {
			return true
		}
		if n == 12 || i == len(c) {
			return false
		}
		r, w := utf8.DecodeRuneInString(c[i:])
		if r == '，' || r == ',' || r == '；' || r == ';' || digit(r) >= 0 {
			return false
		}
		i += w
	}
}

// openingWords are the words an opening clause may start with (opening).
var openingWords = [...]string{"截至", "截止", "目前", "至此", "总体上", "全年"}

// startsOpeningWord reports whether c starts with one of openingWords,
// each of two characters or more and starting with 截, 目, 至, 总 or 全
// (TestOpeningWords): most clauses start with none of those.
func startsOpeningWord(c string) bool {
	if len(c) < len("截至") {
		return false
	}
	switch c[:len("截")] {
	case "截", "目", "至", "总", "全":
		for _, w := range openingWords {
			if strings.HasPrefix(c, w) {
				return true
			}
		}
	}
	return false
}

// openingLen bounds where a match of openingRE that does not start with
// one of its words ends its 整改: twelve runes of four bytes at most, then
// 整改.
const openingLen = 12*utf8.UTFMax + len("整改")

// mayOpen reports whether c holds what every match of openingRE holds:
// one of its first words, or near the start 整改 and what follows it
// there, 中, 期间 or 以来 (perhaps after 工作). Most clauses do not: the
// expression need not run on them.
func mayOpen(c string) bool {
	if startsOpeningWord(c) {
		return true
	}
	head := c[:min(len(c), openingLen)]
	for from := 0; ; {
		i := indexHan(head[from:], "整改")
		if i < 0 {
			return false
		}
		from += i + len("整改")
		after := strings.TrimPrefix(c[from:], "工作")
		if strings.HasPrefix(after, "中") || strings.HasPrefix(after, "期间") || strings.HasPrefix(after, "以来") {
			return true
		}
	}
}

// isStatus reports whether figs count the state of rectification
// (已完成整改19个、正在整改6个): a list of the parts of a total, not
// statistics. What is done alone (已完成整改问题11个) is a statistic.
func isStatus(figs []Figure) bool {
	for _, f := range figs {
		for _, w := range []string{"正在", "其余", "尚未", "未完成", "基本完成"} {
			if strings.HasPrefix(f.Label, w) {
				return true
			}
		}
	}
	return false
}

// clause is a clause of a sentence, and the breakdown in brackets that
// ends it, if any.
type clause struct {
	off, end int
	inner    span
}

// appendClauses appends to out the clauses of text[from:to], whose marks
// are at (see marks), cut at ，,；;、 outside brackets; a clause that ends
// with a bracketed part keeps it apart, in inner. The caller's buffer
// spares an allocation for each sentence read.
func appendClauses(out []clause, text string, from, to int, at []int) []clause {
	depth, start, open := 0, from, -1
	for _, i := range at {
		role, w := markRole(text, i)
		switch role {
		case opensBracket:
			if depth == 0 {
				open = i
			}
			depth++
		case closesBracket:
			if depth > 0 {
				depth--
			}
		case endsClause:
			if depth == 0 {
				out = append(out, newClause(text, start, i, open))
				start, open = i+w, -1
			}
		}
	}
	if start < to {
		out = append(out, newClause(text, start, to, open))
	}
	return out
}

// newClause makes the clause text[from:to]; open is where its last
// top-level bracket opens, -1 when none.
func newClause(text string, from, to, open int) clause {
	end := to
	for end > from && (text[end-1] == ' ' || text[end-1] == '.') {
		end--
	}
	if open < from {
		return clause{off: from, end: end}
	}
	var cw int // the closing bracket's width, read from its bytes
	switch {
	case end > from && text[end-1] == ')':
		cw = 1
	case end-from >= len("）") && text[end-len("）"):end] == "）":
		cw = len("）")
	default:
		return clause{off: from, end: end}
	}
	_, ow := firstRune(text[open:])
	return clause{off: from, end: open, inner: span{open + ow, end - cw}}
}

// clauseFigure reads the figure that ends text[from:to]: a label, a
// number, 余 or 多, a unit. within is the figure a breakdown belongs to.
func clauseFigure(text string, from, to, within int) (Figure, bool) {
	unit, rest := clauseUnit(text[from:to])
	if unit == "" {
		return Figure{}, false
	}
	return figureBefore(rest, unit, from, to, within)
}

// clauseUnit returns the unit clause c ends with, as a Figure has it (余
// or 多 in it, ％ written %), and what is before it; "" when c ends with
// no unit.
func clauseUnit(c string) (unit, rest string) {
	unit = unitBefore(c)
	if unit == "" {
		return "", ""
	}
	rest = c[:len(c)-len(unit)]
	if unit == "％" {
		unit = "%"
	}
	for _, more := range []string{"余", "多"} {
		if r, ok := strings.CutSuffix(rest, more); ok {
			rest, unit = r, more+unit
			break
		}
	}
	return unit, rest
}

// figureBefore reads the label and number of the figure in unit that ends
// text[from:to], rest being what is before its unit (clauseUnit).
func figureBefore(rest, unit string, from, to, within int) (Figure, bool) {
	n, label, ok := numberBefore(rest)
	if !ok {
		return Figure{}, false
	}
	if label = trimLabel(label); label == "" {
		return Figure{}, false
	}
	return Figure{Label: label, Value: n.Value, Number: n.Text, Chinese: n.Chinese, Unit: unit,
		Off: from + len(rest) - len(n.Text), End: to, Within: within}, true
}

// figureUnits are the units of more than one character a figure may end
// with, longest first where one ends another.
var figureUnits = []string{"个百分点", "万亿元", "万人次", "人次", "万元", "亿元", "万人", "万户", "万件", "万个", "万家", "万期", "万次", "万亩", "%", "％", "‰"}

// unitsByLast holds, for each byte, the units of figureUnits that end
// with it, in the order of figureUnits.
var unitsByLast = func() (t [256][]string) {
	for _, u := range figureUnits {
		t[u[len(u)-1]] = append(t[u[len(u)-1]], u)
	}
	return t
}()

// unitBefore returns the unit c ends with: one of figureUnits, or one
// Chinese character that is not a numeral.
func unitBefore(c string) string {
	if c == "" {
		return ""
	}
	// Only the units that end with c's last byte: HasSuffix for each of
	// the units, for every clause, took a tenth of the proofreader.
	for _, u := range unitsByLast[c[len(c)-1]] {
		if strings.HasSuffix(c, u) {
			return u
		}
	}
	r, w := lastRune(c)
	if !isHan(r) || isChineseNumeral(r) || r == '年' || r == '月' || r == '日' {
		return ""
	}
	return c[len(c)-w:]
}

// isChineseNumeral reports whether r is a digit (chineseDigit) or a unit
// (chineseUnit) of a Chinese numeral, or 万.
func isChineseNumeral(r rune) bool {
	switch r {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万':
		return true
	}
	return false
}

// numberBefore reads the number s ends with, Arabic or in Chinese
// numerals, and returns what is before it.
func numberBefore(s string) (figure, string, bool) {
	i := len(s)
	for i > 0 {
		r, w := lastRune(s[:i])
		if digit(r) < 0 && r != '.' && r != '．' {
			break
		}
		i -= w
	}
	if i < len(s) {
		f, n := readArabic(s[i:])
		return f, s[:i], n == len(s)-i
	}
	for i > 0 {
		r, w := lastRune(s[:i])
		if !isChineseNumeral(r) {
			break
		}
		i -= w
	}
	// The numerals may start inside the label (统一三项): read the longest
	// tail that is one number.
	for j := i; j < len(s); {
		if f, n := readChinese(s[j:]); n == len(s)-j {
			return f, s[:j], true
		}
		_, w := firstRune(s[j:])
		j += w
	}
	return figure{}, "", false
}

// The words trimLabel trims from the start of a label, and from its end,
// in the order it tries them.
var (
	trimFirst = [...]string{"其中", "共计", "合计", "累计"}
	trimLast  = [...]string{"达到", "共计", "合计", "累计", "达", "为", "共"}
)

// trimLabel keeps the Chinese characters s, a clause up to its number,
// ends with, without 其中 before them or a word joining them to the
// number.
func trimLabel(s string) string {
	s = s[hanRunBefore(s, len(s), len(s)):] // every Chinese character it ends with: no more than its bytes
	if len(s) < len("其中") {
		return s
	}
	// The words are looked for only after the first and before the last
	// characters they start and end with (TestTrimWords): most labels
	// have none.
	switch s[:len("其")] {
	case "其", "共", "合", "累":
		for _, w := range trimFirst {
			s = strings.TrimPrefix(s, w)
		}
	}
	if len(s) < len("达") {
		return s
	}
	switch s[len(s)-len("达"):] {
	case "到", "计", "达", "为", "共":
		for _, w := range trimLast {
			if t, ok := strings.CutSuffix(s, w); ok && t != "" {
				return t
			}
		}
	}
	return s
}

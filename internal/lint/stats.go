package lint

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"disclose/internal/diag"
	"disclose/internal/notice"
)

// stated is a figure the text states: a label, a number and a unit, as in
// 教育提醒4人 or 挽回经济损失1.13万元.
type stated struct {
	Label  string // the Chinese characters just before the number
	Number figure
	Unit   string
	Off    int // of the number, in the text scanned
	End    int // after the unit
}

// units that are more than one character; any other unit is one Chinese
// character.
var longUnits = []string{"万亿元", "万人次", "人次", "万元", "亿元", "万人", "万户", "万件", "万个", "万家", "万期", "万次", "%", "％", "个百分点"}

// appendStated appends to out every figure stated in text, Arabic numbers
// with a Chinese label before them and a unit after, whose digits are at
// (see digits): each number starts at one of them.
func appendStated(out []stated, text string, at []int) []stated {
	i := 0
	for _, d := range at {
		if d < i {
			continue // in the number read last
		}
		i = d
		if before := runeBefore(text, i); digit(before) >= 0 || before == '.' {
			continue
		}
		f, size := readArabic(text[i:])
		unit := readUnit(text[i+size:])
		if unit == "年" || unit == "月" || unit == "日" || unit == "" {
			i += size
			continue
		}
		label := readLabel(text[:i])
		if label != "" {
			out = append(out, stated{Label: label, Number: f, Unit: unit, Off: i, End: i + size + len(unit)})
		}
		i += size
	}
	return out
}

// longUnitsFrom holds the units of longUnits that start with 万, 人, 亿
// and 个, each in the order of longUnits; % and ％ are units of one rune
// (TestLongUnitsFrom).
var longUnitsFrom = [4][]string{unitsFrom('万'), unitsFrom('人'), unitsFrom('亿'), unitsFrom('个')}

// unitsFrom returns the units of longUnits that start with r, in order.
func unitsFrom(r rune) []string {
	var out []string
	for _, u := range longUnits {
		if first, _ := utf8.DecodeRuneInString(u); first == r {
			out = append(out, u)
		}
	}
	return out
}

// readUnit returns the unit at the start of s, "" when there is none.
func readUnit(s string) string {
	r, w := firstRune(s)
	if r == '余' || r == '多' {
		// 40余人 is more than 40: the unit is 余人 (see Figure.Unit).
		if u := readUnit(s[w:]); u != "" && u != "余" && u != "多" {
			return s[:w] + u
		}
	}
	var from []string // the long units that start with r, in the order of longUnits
	switch r {
	case '万':
		from = longUnitsFrom[0]
	case '人':
		from = longUnitsFrom[1]
	case '亿':
		from = longUnitsFrom[2]
	case '%', '％':
		return "%"
	case '个':
		from = longUnitsFrom[3]
	}
	for _, u := range from {
		// The last byte first, where s has it: most units are not s's.
		if len(u) <= len(s) && s[len(u)-1] == u[len(u)-1] && s[:len(u)] == u {
			return u
		}
	}
	if isHan(r) {
		return s[:w]
	}
	return ""
}

// readLabel returns the Chinese characters at the end of s, at most twelve.
func readLabel(s string) string {
	return s[hanRunBefore(s, len(s), 12):]
}

// hanRunBefore returns where the run of at most most Chinese characters
// (isHan) that ends at byte end of s starts. Those of U+4000-U+9FFF but
// the hexagrams U+4DC0-U+4DFF, of three bytes whose first is 0xE4 to 0xE9
// (hanBytes), are stepped over without being decoded, two at a time where
// they can be.
func hanRunBefore(s string, end, most int) int {
	start := end
	n := 0
	// Two characters at a time, from the eight bytes before start: bytes
	// 2 to 7 of the little-endian word w.
	for n+2 <= most && start >= 8 {
		b := s[start-8 : start]
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		if w&0xC0C0_00C0_C000_0000 != 0x8080_0080_8000_0000 || !hanBytes(byte(w>>16), byte(w>>24)) || !hanBytes(byte(w>>40), byte(w>>48)) {
			break
		}
		start -= 6
		n += 2
	}
	for ; n < most && start > 0; n++ {
		if start >= 3 && s[start-2]&0xC0 == 0x80 && s[start-1]&0xC0 == 0x80 && hanBytes(s[start-3], s[start-2]) {
			start -= 3
			continue
		}
		r, w := lastRune(s[:start])
		if !isHan(r) {
			break
		}
		start -= w
	}
	return start
}

// hanBytes reports whether a rune of three bytes whose first two are b0
// and b1 is a Chinese character of U+4000-U+9FFF, all of which are but
// the hexagrams U+4DC0-U+4DFF (E4 B7 80 to E4 B7 BF; TestHanBytes).
func hanBytes(b0, b1 byte) bool {
	return b0-0xE5 <= 0xE9-0xE5 || b0 == 0xE4 && b1 != 0xB7
}

// unitOf normalises a statistic's unit as the text writes it.
func unitOf(s notice.Statistic) string {
	if u := strings.TrimSpace(s.Unit); u != "％" {
		return u
	}
	return "%"
}

// statistics runs the two rules that tie the front matter's statistics to
// the text.
func (c *checker) statistics() {
	for i, s := range c.n.Statistics {
		c.statisticInBody(i, s)
	}
	c.statisticsSentence()
}

// statisticInBody: the entry is written in the body with its label, value
// and unit. A label written with another figure is reported where it is.
func (c *checker) statisticInBody(i int, s notice.Statistic) {
	label := strings.TrimSpace(s.Label)
	if label == "" || s.Value.Text == "" {
		return // the loader reports these
	}
	if f, off, ok := c.inStatsSentence(label, unitOf(s)); ok {
		if !equal(f.Value, s.Value.Value) {
			c.at(off, ruleStatsBody, "统计句中的数字与统计项不一致",
				"统计句写的是%[1]s%[2]s%[3]s, 但 statistics[%[4]d] 是%[5]s%[6]s%[7]s; the statistics sentence says %[1]s%[2]s%[3]s but statistics[%[4]d] is %[5]s%[6]s%[7]s", label, f.Number, f.Unit, i+1, label, s.Value.Text, unitOf(s))
		}
		return
	}
	var wrong []stated
	var wrongOff []int
	for i, p := range c.body.paras {
		for _, f := range c.body.statedOf(i) {
			if !strings.HasSuffix(f.Label, label) {
				continue
			}
			if equal(f.Number.Value, s.Value.Value) && f.Unit == unitOf(s) {
				return
			}
			wrong, wrongOff = append(wrong, f), append(wrongOff, p.off+f.Off)
		}
	}
	if c.inSentences(label, s.Value.Value, unitOf(s)) {
		return
	}
	name := fmt.Sprintf("statistics[%d]", i+1)
	if len(wrong) > 0 {
		f := wrong[0]
		c.at(wrongOff[0], ruleStatsBody, "正文中的数字与统计项不一致",
			"正文写的是%[1]s%[2]s%[3]s, 但 %[4]s 是%[5]s%[6]s%[7]s; the text says %[1]s%[2]s%[3]s but %[4]s is %[5]s%[6]s%[7]s", label, f.Number.Text, f.Unit, name, label, s.Value.Text, unitOf(s))
		return
	}
	c.report(c.statPos(i), ruleStatsBody, "统计项应在正文中以相同的数字和单位出现",
		"正文中没有统计项 %[1]s 的%[2]s%[3]s%[4]s; %[1]s %[2]s%[3]s%[4]s does not appear in the text", name, label, s.Value.Text, unitOf(s))
}

// statPos is where the i-th [[statistics]] entry is written.
func (c *checker) statPos(i int) diag.Pos {
	if at := c.n.Keys.Entry("statistics", i); at.Line > 0 {
		return at
	}
	return c.n.KeyPos("statistics")
}

var statsSentenceRE = regexp.MustCompile(`^(?:在)?[^，,。]{0,12}(?:巡视|巡察)?整改(?:工作)?(?:中|期间|以来)`)

// statsSentenceLen bounds where a match of statsSentenceRE ends its 整改:
// 在, twelve runes of four bytes at most, 巡视, 整改.
const statsSentenceLen = len("在") + 12*utf8.UTFMax + len("巡视整改")

// isStatsSentence reports whether text matches statsSentenceRE, without
// running it: after 在, if any, up to twelve runes but ，,。, then 整改, or
// 巡视整改 or 巡察整改, then perhaps 工作, then 中, 期间 or 以来. The
// expression, which tries its twelve runes in every way, took a hundredth
// of the proofreader.
func isStatsSentence(text string) bool {
	if !strings.Contains(text[:min(len(text), statsSentenceLen)], "整改") {
		return false // most paragraphs
	}
	s := strings.TrimPrefix(text, "在")
	for i, n := 0, 0; ; n++ { // n runes read, up to byte i
		rest := s[i:]
		if strings.HasPrefix(rest, "巡视") || strings.HasPrefix(rest, "巡察") {
			rest = rest[len("巡视"):]
		}
		if strings.HasPrefix(s[i:], "整改") && statsOpeningEnds(s[i+len("整改"):]) ||
			strings.HasPrefix(rest, "整改") && statsOpeningEnds(rest[len("整改"):]) {
			return true
		}
		if n == 12 || i == len(s) {
			return false
		}
		r, w := firstRune(s[i:])
		if r == '，' || r == ',' || r == '。' {
			return false
		}
		i += w
	}
}

// statsOpeningEnds reports whether s, after the 整改 of a statistics
// sentence, ends its opening: perhaps 工作, then 中, 期间 or 以来.
func statsOpeningEnds(s string) bool {
	s = strings.TrimPrefix(s, "工作")
	return strings.HasPrefix(s, "中") || strings.HasPrefix(s, "期间") || strings.HasPrefix(s, "以来")
}

// statisticsSentence: every figure of the statistics sentences before the
// first section (ReadStatistics, the importer's reader) has its
// [[statistics]] entry. A warning: which figures an editor lists is a
// choice, and the reader of prose may be wrong.
func (c *checker) statisticsSentence() {
	first := len(c.body.text)
	if len(c.entries) > 0 {
		first = c.entries[0].Offset
	}
	for i, p := range c.body.paras {
		if p.end > first {
			break
		}
		for _, f := range c.figuresOf(i) {
			if !c.hasStatistic(f.Label, f.Value, f.Unit) {
				c.at(p.off+f.Off, ruleStatsSentence, "统计句中的每个数字都应有对应的 [[statistics]] 统计项",
					"%[1]s%[2]s%[3]s 没有名称、数值和单位都相同的 [[statistics]] 统计项; %[1]s%[2]s%[3]s has no [[statistics]] entry with that label, value and unit", f.Label, f.Number, f.Unit)
			}
		}
	}
}

func (c *checker) hasStatistic(label string, v float64, unit string) bool {
	for _, s := range c.n.Statistics {
		l := strings.TrimSpace(s.Label)
		if l != "" && strings.HasSuffix(label, l) && equal(v, s.Value.Value) && unit == unitOf(s) {
			return true
		}
	}
	return false
}

// inStatsSentence returns the figure of the statistics sentences before
// the first section (ReadStatistics, as the importer read them) with the
// label and unit of an entry, and its body offset: the entry was made of
// it, and says its value, whatever the rest of the text repeats.
//
// A figure of that very label comes first: the entry 警告 is 警告13人, not
// 严重警告19人 before it, which only ends with its label.
func (c *checker) inStatsSentence(label, unit string) (Figure, int, bool) {
	first := len(c.body.text)
	if len(c.entries) > 0 {
		first = c.entries[0].Offset
	}
	var found Figure
	at := -1
	for i, p := range c.body.paras {
		if p.end > first {
			break
		}
		for _, f := range c.figuresOf(i) {
			switch {
			case f.Unit != unit || !strings.HasSuffix(f.Label, label):
			case f.Label == label:
				return f, p.off + f.Off, true
			case at < 0:
				found, at = f, p.off+f.Off
			}
		}
	}
	return found, at, at >= 0
}

// inSentences reports whether a statistics sentence of the body states
// the figure of label, value v and unit: one written in Chinese numerals
// (三人), which the figures of every paragraph (stated) leave out.
func (c *checker) inSentences(label string, v float64, unit string) bool {
	for i, p := range c.body.paras {
		if !holdsWord(c.body.of(p), label) {
			continue // no figure of the paragraph, a part of its text, ends with label
		}
		for _, f := range c.figuresOf(i) {
			if strings.HasSuffix(f.Label, label) && equal(f.Value, v) && f.Unit == unit {
				return true
			}
		}
	}
	return false
}

// holdsWord reports whether text holds w.
func holdsWord(text, w string) bool {
	if len(w) < 2 {
		return strings.Contains(text, w)
	}
	return indexHan(text, w) >= 0
}

// figuresOf returns the figures ReadStatistics reads in paragraph i,
// read once: every statistic looks for its figure in the same paragraphs.
func (c *checker) figuresOf(i int) []Figure {
	if c.figures == nil {
		c.figures = make([]paraFigures, len(c.body.paras))
	}
	if f := &c.figures[i]; !f.read {
		f.figures, f.read = readStatistics(c.body.of(c.body.paras[i]), c.body.marksOf(i), c.body.digitsOf(i)), true
	}
	return c.figures[i].figures
}

// sameFigure reports whether a and b state the same thing: the same unit,
// and one label ends the other (教育提醒, 共教育提醒).
func sameFigure(a, b *stated) bool {
	return a.Unit == b.Unit && (strings.HasSuffix(a.Label, b.Label) || strings.HasSuffix(b.Label, a.Label))
}

// inSpans reports whether body offset off lies in one of spans.
func inSpans(spans []span, off int) bool {
	return slices.ContainsFunc(spans, func(s span) bool { return off >= s.off && off < s.end })
}

// closesClause reports whether the figure ending at i of text ends a clause.
func closesClause(text string, i int) bool {
	switch runeAt(text, i) {
	case 0, '，', ',', '。', '；', ';', '、', '：', ':', '）', ')':
		return true
	}
	return false
}

package lint

import (
	"iter"
	"regexp"
	"strings"

	"disclose/internal/numbering"
)

// counts runs the rules on counts the text states.
func (c *checker) counts() {
	c.countSections()
	c.enumeration()
	var totals []span // the sentences that state a total
	for i, p := range c.body.paras {
		// A sentence that states a total says 问题 or 措施 (totalsIn):
		// most paragraphs need not be cut into sentences.
		// Scan noted whether the paragraph holds 问题 (hanWen) or what
		// else a total counts (hanTotal): most hold neither.
		wen := c.body.holds[i]&hanWen != 0
		tot := c.body.holds[i] & hanTotal
		if wen || tot != 0 {
			// Where the paragraph says 问题, noted by scan: a sentence
			// that holds none is not searched for it.
			wens, digits := c.body.wenOf(i), c.body.digitsOf(i)
			c.sents = c.body.appendSentences(c.sents[:0], p, c.body.marksOf(i))
			w, d := 0, 0 // the first of wens and digits in the sentence: the sentences are in order
			for k, s := range c.sents {
				from, to := s.off-p.off, s.end-p.off
				// Where the sentence says 问题 (at from or after, ending by
				// to), and its digits, as marksIn finds them.
				w, d = firstFrom(wens, w, from), firstFrom(digits, d, from)
				ws, ds := wens[w:firstFrom(wens, w, to-len("问题")+1)], digits[d:firstFrom(digits, d, to)]
				ts := totalsOf(c.body.of(s), ws, tot, ds, from)
				for j, t := range ts {
					limit, next := s.end-s.off, ""
					if j+1 < len(ts) {
						limit = ts[j+1].off
					} else if k+1 < len(c.sents) {
						next = c.body.of(c.sents[k+1])
					}
					c.totals(s, t, limit, next)
				}
				if len(ts) > 0 {
					totals = append(totals, s)
				}
			}
		}
		if c.body.holds[i]&openRound != 0 && len(c.body.digitsOf(i)) > 0 { // a count before a bracket
			c.parenTotals(p, c.body.pairsOf(i)) // brackets are among the pair marks, fewer than its marks
		}
	}
	c.repeats(totals)
}

// firstFrom returns the index of the first of at (sorted) from index k on that
// is off or after: k when at[k] is, len(at) when none is.
func firstFrom(at []int, k, off int) int {
	for k < len(at) && at[k] < off {
		k++
	}
	return k
}

// countSections: "针对反馈的7个方面问题" before the first section equals the
// number of 一、 sections on problems (关于“…”问题的整改情况). A notice whose
// sections are not about problems (一、整改工作的组织情况) is not judged, nor
// one with a single such section (二、反馈问题的整改落实情况), which holds the
// problem areas rather than being one; a section on the leads handed over
// (关于巡视移交问题线索办理情况) is no problem area.
func (c *checker) countSections() {
	var first = -1
	sections := 0
	for _, e := range c.entries {
		if e.Level == 1 && strings.Contains(e.Title, "问题") && !strings.Contains(e.Title, "线索") {
			sections++
			if first < 0 {
				first = e.Offset
			}
		}
	}
	if sections < 2 {
		return
	}
	for _, p := range c.body.before(first) {
		text := c.body.of(p)
		for _, m := range sectionCounts(text) {
			at := m[2]
			if at < 0 {
				at = m[4]
			}
			f, _ := readNumber(text[at:])
			if int(f.Value) != sections || !equal(f.Value, float64(int(f.Value))) {
				c.at(p.off+at, ruleCountSections, "所述问题方面数与正文“一、二、…”部分数不符",
					"正文说有 %[1]s个方面, 但通报分为 %[2]d 个部分 (一、至%[3]s); the text states %[1]s个方面 but the notice has %[2]d sections (一、 to %[3]s)", f.Text, sections, numbering.Chinese(sections)+"、")
			}
		}
	}
}

// sectionCounts finds in text every count of problem areas (7个方面问题,
// 反馈的七个方面), as the regular expression
//
//	([0-9０-９]+|[零一二两三四五六七八九十百千]+)个方面(?:的|突出)?问题|反馈(?:的)?([0-9０-９]+|[零一二两三四五六七八九十百千]+)个方面
//
// gives them with FindAllStringSubmatchIndex: the number is the first or
// the second group. It looks at each 个方面 rather than run the expression,
// which is slow.
func sectionCounts(text string) [][6]int {
	var out [][6]int
	for from := 0; ; {
		a := indexHan(text[from:], "个方面")
		if a < 0 {
			return out
		}
		a += from
		rest := a + len("个方面")
		ns := numberRunBefore(text, a)
		switch {
		case ns == a: // no number before
		case ns-len("反馈的") >= from && text[ns-len("反馈的"):ns] == "反馈的":
			out = append(out, [6]int{ns - len("反馈的"), rest, -1, -1, ns, a})
		case ns-len("反馈") >= from && text[ns-len("反馈"):ns] == "反馈":
			out = append(out, [6]int{ns - len("反馈"), rest, -1, -1, ns, a})
		default:
			end := rest
			if strings.HasPrefix(text[end:], "的") {
				end += len("的")
			} else if strings.HasPrefix(text[end:], "突出") {
				end += len("突出")
			}
			if !strings.HasPrefix(text[end:], "问题") {
				end = rest // 的 or 突出 not followed by 问题: try without
			}
			if strings.HasPrefix(text[end:], "问题") {
				rest = end + len("问题")
				out = append(out, [6]int{ns, rest, ns, a, -1, -1})
			}
		}
		from = rest
	}
}

// numberRunBefore returns where the run of numerals of one kind, Arabic
// (0-9, ０-９) or Chinese (零 to 千), that ends at byte end of text starts;
// end when there is none.
func numberRunBefore(text string, end int) int {
	r, _ := lastRune(text[:end])
	class := sectionNumeral(r)
	if class == 0 {
		return end
	}
	start := end
	for start > 0 {
		r, w := lastRune(text[:start])
		if sectionNumeral(r) != class {
			break
		}
		start -= w
	}
	return start
}

// sectionNumeral says which kind of numeral r is: 1 Arabic, 2 Chinese,
// 0 none.
func sectionNumeral(r rune) int {
	switch {
	case digit(r) >= 0:
		return 1
	case sectionChinese(r):
		return 2
	}
	return 0
}

// sectionChinese reports whether r is a Chinese numeral of a count of
// problem areas: 零一二两三四五六七八九十百千.
func sectionChinese(r rune) bool {
	switch r {
	case '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千':
		return true
	}
	return false
}

// enumerationAt reports whether "X是" at byte i of text starts an item of
// an enumeration: at the start, or after punctuation.
func enumerationAt(text string, i int) bool {
	r := runeBefore(text, i)
	return i == 0 || enumerationMark(r) || r == masked
}

// enumerationMark reports whether an item of an enumeration may follow r.
func enumerationMark(r rune) bool {
	switch r {
	case '。', '；', ';', '，', ',', '：', ':', '！', '!', '？', '?', '“', '\n', ' ':
		return true
	}
	return false
}

// enumerationItems yields, in order, the items of enumerations in text:
// where the number of each starts (一是, 十二是), and its value. It looks
// behind each 是 for a number.
func enumerationItems(text string) iter.Seq2[int, int] {
	var shis []int
	for from := 0; ; {
		j := indexHan(text[from:], "是")
		if j < 0 {
			break
		}
		shis = append(shis, from+j)
		from += j + len("是")
	}
	return enumerationItemsAt(text, shis)
}

// enumerationItemsAt is enumerationItems of text, which says 是 at shis
// (as scan notes them), in order.
func enumerationItemsAt(text string, shis []int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		next := 0 // after the last item's number
		for _, shi := range shis {
			if i, n := itemBefore(text, shi, next); i >= 0 {
				if !yield(i, n) {
					return
				}
				next = shi
			}
		}
	}
}

// itemBefore returns where the number of an item of an enumeration that
// ends at the 是 at byte shi of text starts, at byte from or after, and
// its value; -1 when there is none. The number, at most 九十九, is of
// one to three numerals of three bytes each; the first that reads to shi
// is the item's.
func itemBefore(text string, shi, from int) (int, int) {
	for i := shi - len("九十九"); i < shi; i += len("九") {
		if i < from || !startsChineseNumber(text[i:]) {
			continue
		}
		if n, size := numbering.ChineseNumber(text[i:]); size > 0 && i+size == shi && enumerationAt(text, i) {
			return i, n
		}
	}
	return -1, 0
}

// startsChineseNumber reports whether s starts with a rune that
// numbering.ChineseNumber may read (numeral), all of whose first bytes are
// 0xE4 or 0xE5.
func startsChineseNumber(s string) bool {
	if len(s) == 0 || s[0] != 0xE4 && s[0] != 0xE5 {
		return false
	}
	r, _ := firstRune(s)
	return numeral(r)
}

// enumeration: 一是…二是…三是… count up by one from 一是. A paragraph that
// starts with an item continues the enumeration of the paragraphs before.
// An enumeration may hold another (一是加强学习：一是…二是…；二是…): a 一是
// after other items of its paragraph opens an inner one, and an item that follows the item
// of an outer one (the outer 二是) closes the inner ones.
func (c *checker) enumeration() {
	var outer []int // the last items of the enumerations the current one is inside
	last := 0
	for i, p := range c.body.paras {
		if c.body.holds[i]&hanShi == 0 { // no item here: the enumeration ends
			last, outer = 0, outer[:0]
			continue
		}
		text := c.body.of(p)
		continues := false
		for i, n := range enumerationItemsAt(text, c.body.shiOf(i)) {
			if !continues && (n == 1 || strings.TrimSpace(text[:i]) != "") {
				last, outer = 0, outer[:0] // a paragraph opening with 一是, or whose first item is not at its start: a new enumeration
			}
			continues = true
			switch {
			case n == 1:
				if last > 0 { // within a paragraph: an inner enumeration
					outer = append(outer, last)
				}
			case last == 0:
				c.at(p.off+i, ruleEnumeration, "“一是、二是、三是”应从一是开始, 依次排列",
					"“%[1]s是”之前没有“一是”; %[1]s是 without 一是 before it", numbering.Chinese(n))
			case n == last+1:
			case closesInner(&outer, n):
			default:
				c.at(p.off+i, ruleEnumeration, "“一是、二是、三是”应依次排列, 不跳号、不重复",
					"“%[1]s是”接在“%[2]s是”之后, 应为“%[3]s是”; %[1]s是 follows %[2]s是: expected %[3]s是", numbering.Chinese(n), numbering.Chinese(last), numbering.Chinese(last+1))
			}
			last = n
		}
		if !continues {
			last, outer = 0, outer[:0]
		}
	}
}

// closesInner reports whether item n continues one of the enumerations
// outer holds (their last items, innermost last), and drops the ones
// inside it.
func closesInner(outer *[]int, n int) bool {
	for k := len(*outer) - 1; k >= 0; k-- {
		if (*outer)[k]+1 == n {
			*outer = (*outer)[:k]
			return true
		}
	}
	return false
}

// parenTotals: "党纪处分9人(警告5人、严重警告4人)": a total before a
// parenthesis equals the sum of the parts inside it, when every part has
// the total's unit and none says it is a subset (其中, 包括, 等).
func (c *checker) parenTotals(p span, at []int) {
	text := c.body.of(p)
	for _, m := range parenFigures(text, at) {
		unit, inside := text[m[4]:m[5]], text[m[6]:m[7]]
		if strings.ContainsAny(inside, "其含等") || strings.Contains(inside, "包括") || strings.Contains(inside, "涉及") {
			continue
		}
		parts := strings.FieldsFunc(inside, func(r rune) bool { return strings.ContainsRune("、，,；;", r) })
		sum, ok := 0.0, len(parts) >= 2
		for _, part := range parts {
			f, good := trailingCount(part, unit)
			ok = ok && good
			sum += f
		}
		total, _ := readNumber(text[m[2]:])
		if !ok || equal(sum, total.Value) {
			continue
		}
		// Parts beyond the total contradict it; parts short of it may be
		// a breakdown that leaves some out, as prose may: only a warning.
		r := ruleCountTotal
		if sum < total.Value {
			r = ruleCountParts
		}
		c.at(p.off+m[2], r, "括号前的总数应等于括号内各项之和",
			"共%[1]s%[2]s, 但括号内各项合计%[3]s%[2]s; %[1]s%[2]s in all, but the parts in brackets add up to %[3]s%[2]s", total.Text, unit, format(sum, 0))
	}
}

// parenFigures finds in text, whose marks are at (see marks; or only its
// marks that may open or close a pair, which hold every round bracket), every count
// followed by a parenthesis (9人(警告5人、严重警告4人)), as the regular
// expression
//
//	([0-9０-９]+)(人|件|个|项|起|家|次|条|名|篇|处)[（(]([^（()）]+)[）)]
//
// gives them with FindAllStringSubmatchIndex: the count, its unit and what
// the brackets hold. It looks at each opening bracket rather than run the
// expression, which is slow.
func parenFigures(text string, at []int) [][]int {
	var out [][]int
	for k, q := range at {
		open, w := markAt(text, q)
		if open != '(' && open != '（' {
			continue
		}
		unit, uw := lastRune(text[:q])
		if !parenUnit(unit) {
			continue
		}
		start := q - uw
		for start > 0 && digit(runeBefore(text, start)) >= 0 {
			_, dw := lastRune(text[:start])
			start -= dw
		}
		in := nextBracket(text, at[k+1:])
		if start == q-uw || in < 0 || in == q+w {
			continue // no count, no bracket after, or nothing in the brackets
		}
		if closer, cw := firstRune(text[in:]); closer == ')' || closer == '）' {
			out = append(out, []int{start, in + cw, start, q - uw, q - uw, q, q + w, in})
		}
	}
	return out
}

// parenUnit reports whether r is a unit of a count before a parenthesis:
// 人件个项起家次条名篇处.
func parenUnit(r rune) bool {
	switch r {
	case '人', '件', '个', '项', '起', '家', '次', '条', '名', '篇', '处':
		return true
	}
	return false
}

// nextBracket returns the offset of the first round bracket, opening or
// closing, among the marks at; -1 when there is none.
func nextBracket(text string, at []int) int {
	for _, i := range at {
		switch r, _ := markAt(text, i); r {
		case '(', ')', '（', '）':
			return i
		}
	}
	return -1
}

var trailingRE = regexp.MustCompile(`^\p{Han}+?([0-9０-９]+)(\p{Han})$`)

// trailingCount reads "警告5人": a label, then a count in unit.
func trailingCount(part, unit string) (float64, bool) {
	m := trailingRE.FindStringSubmatch(strings.TrimSpace(part))
	if m == nil || m[2] != unit {
		return 0, false
	}
	f, _ := readNumber(m[1])
	return f.Value, true
}

package lint

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

var (
	totalRE = regexp.MustCompile(`(?:反馈|共|计|梳理|指出|交办|涉及)(?:的|了|出)?(?:[^，,。；;]{0,12}?)` + `([0-9０-９]+|[一二两三四五六七八九十百]+)个(?:具体|突出)?问题`)
	rateRE  = regexp.MustCompile(`(?:整改)?完成率(?:为|达|达到|是)?([0-9０-９]+(?:[.．][0-9０-９]+)?)[%％]`)
	doneRE  = regexp.MustCompile(`已?(?:完成|办结|整改到位|整改完成)`)
	notDone = regexp.MustCompile(`未|正在|阶段|基本|持续|长期|推进`)
	// rest names the problems not yet rectified (正在整改6个, 未完成4个,
	// 其余2个, 2条持续推进): a list of parts with one of them covers the total.
	rest = regexp.MustCompile(`未|正在|持续|长期|其余|剩余|尚`)
	// statusRE names the state of a part: what makes a count a part of a
	// total rather than another figure.
	statusRE = regexp.MustCompile(`完成|整改|办结|到位|销号|正在|其余|剩余|未|尚|持续|推进|基本`)
)

// total is a total of problems or measures a sentence states: its number
// and unit, where the number is, and where its parts may start.
type total struct {
	f          figure
	unit, noun string // 个 and 问题, 条 and 措施
	off, end   int
}

// totalsOf returns the totals of problems (反馈25个问题, 问题共562个) or
// of measures (制定整改措施78条) that text states, in order: text is a
// sentence of a paragraph that says 问题 at wens, and holds what else a
// total counts only if tot says it may (totalWords). The sentence's
// digits are at, and wens, offsets from base: those scan found in the
// paragraph, where the sentence starts at base.
func totalsOf(text string, wens []int, tot holds, at []int, base int) []total {
	var out []total
	wen := len(wens) > 0
	if wen && mayStateTotalAt(text, wens, base) {
		if m := totalRE.FindStringSubmatchIndex(text); m != nil {
			f, _ := readNumber(text[m[2]:])
			out = append(out, total{f, "个", "问题", m[2], m[1]})
		}
	}
	if !mayLabelTotalAt(text, at, base) || !wen && totalWords(text, tot) == 0 {
		return out // the digits first: they are few, and rule out most sentences
	}
	from, to := labelTotalWindow(text, at, base)
	for _, m := range labelTotals(text[from:to]) {
		for k := range m {
			if m[k] >= 0 {
				m[k] += from
			}
		}
		if len(out) > 0 && m[0] < out[0].end {
			continue // within the total of problems found first
		}
		f, _ := readNumber(text[m[4]:])
		out = append(out, total{f, text[m[6]:m[7]], text[m[2]:m[3]], m[4], m[1]})
	}
	return out
}

// totalWords says which of 措施, 任务 and 图斑, what labelTotals counts
// besides 问题, text holds (hanCuo, hanWu, hanBan), of those h says it
// may hold.
func totalWords(text string, h holds) holds {
	var found holds
	if h&hanCuo != 0 && indexHan(text, "措施") >= 0 {
		found |= hanCuo
	}
	if h&hanWu != 0 && indexHan(text, "任务") >= 0 {
		found |= hanWu
	}
	if h&hanBan != 0 && indexHan(text, "图斑") >= 0 {
		found |= hanBan
	}
	return found
}

// mayLabelTotalAt reports whether text, whose digits are at (offsets from
// base), holds what every match of labelTotals holds: a digit followed by
// 个, 条, 项, 件 or 处. Most sentences that name 问题 state no such count,
// and the expression, tried at each of their characters, took a third of
// the proofreading.
func mayLabelTotalAt(text string, at []int, base int) bool {
	for _, d := range at {
		end := d - base + 1
		if text[d-base] >= utf8.RuneSelf {
			end = d - base + len("０") // a full-width digit
		}
		rest := text[end:]
		if strings.HasPrefix(rest, "个") || strings.HasPrefix(rest, "条") || strings.HasPrefix(rest, "项") ||
			strings.HasPrefix(rest, "件") || strings.HasPrefix(rest, "处") {
			return true
		}
	}
	return false
}

// labelTotalReach is how far before its number a match of labelTotals
// may start: a word such as 反馈, 的, ten Chinese characters (of four
// bytes at most), 问题 and 总计.
const labelTotalReach = len("反馈") + len("的") + 10*utf8.UTFMax + len("问题") + len("总计")

// labelTotalWindow returns the part of text, text[from:to], that holds
// every match of labelTotals in text, whose digits are at (offsets from
// base, one at least): from labelTotalReach before the first digit (at
// the start of a rune) to a unit after the last. The expression, which
// needs no context around a match, finds the same matches there, and is
// not tried at every byte of a long sentence: it was a twentieth of the
// proofreader.
func labelTotalWindow(text string, at []int, base int) (from, to int) {
	from = max(0, at[0]-base-labelTotalReach)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	return from, min(len(text), at[len(at)-1]-base+len("０")+len("个"))
}

// mayStateTotalAt reports whether text, which says 问题 at wens, offsets
// from base (scan finds them), holds what every match of totalRE holds:
// 个问题, 个具体问题 or 个突出问题. It rules out, fast, the many sentences
// that state no total.
func mayStateTotalAt(text string, wens []int, base int) bool {
	for _, w := range wens {
		before := text[:w-base]
		if strings.HasSuffix(before, "个") || strings.HasSuffix(before, "个具体") || strings.HasSuffix(before, "个突出") {
			return true
		}
	}
	return false
}

// parts is what the parts of a total add up to.
type parts struct {
	n      int
	sum    float64
	done   *figure // the first part that is done
	covers bool    // a part names what is not done yet
}

// partsIn reads the parts of a total in unit in text: counts in that unit
// (已完成整改19个, 其余8条正在推进, 2条持续推进), up to a figure of another
// kind.
func partsIn(text, unit string) parts {
	var ps parts
	prev := 0
	for i := 0; i < len(text); {
		j := strings.IndexFunc(text[i:], func(r rune) bool { return digit(r) >= 0 || numeral(r) })
		if j < 0 {
			break
		}
		start := i + j
		f, size := readNumber(text[start:])
		if size == 0 {
			_, w := firstRune(text[start:])
			i = start + w
			continue
		}
		after := text[start+size:]
		if !strings.HasPrefix(after, unit) {
			if digit(runeAt(text, start)) >= 0 && !startsDate(after) {
				break // another figure: what follows counts something else
			}
			i = start + size
			continue
		}
		after = strings.TrimPrefix(strings.TrimPrefix(after[len(unit):], "问题"), "措施")
		label, status := text[prev:start], clauseOf(after)
		if !statusRE.MatchString(label) && !statusRE.MatchString(status) {
			break // a count that says nothing of rectification: another total
		}
		if ps.done == nil && doneRE.MatchString(label) && !notDone.MatchString(label+status) {
			ps.done = &f
		}
		ps.covers = ps.covers || rest.MatchString(label) || rest.MatchString(status)
		ps.sum += f.Value
		ps.n++
		prev = start + size + len(unit)
		i = prev
	}
	return ps
}

// clauseOf returns s up to its first mark of punctuation.
func clauseOf(s string) string {
	if i := strings.IndexAny(s, "，,。；;：:、（()）"); i >= 0 {
		return s[:i]
	}
	return s
}

// totals: in one sentence, "反馈25个问题,已完成整改19个、正在整改6个" adds up
// (when the parts name what is still under way, or exceed the total),
// and "整改完成率76%" is the done part over the total, to the precision
// written. A percentage that is not called 完成率 is left alone. t is a
// total the sentence states (totalsIn), whose parts end at limit, the next
// total or the sentence's end; when the sentence has no parts,
// they may be in the next one (制定整改措施67条。截至目前，已完成整改58条，其余9条正在推进。).
func (c *checker) totals(s span, t total, limit int, next string) {
	text := c.body.of(s)
	ps := partsIn(text[t.end:limit], t.unit)
	if ps.n == 0 && next != "" {
		ps = partsIn(next, t.unit)
		text += next
	}
	// Parts that name only what is done (已完成4个，基本完成9个) may leave
	// the rest unsaid: only parts beyond the total contradict it then.
	if ps.n >= 1 && !equal(ps.sum, t.f.Value) && (ps.covers && ps.n >= 2 || ps.sum > t.f.Value) {
		c.at(s.off+t.off, ruleCountTotal, t.noun+"总数应等于各部分之和",
			"共%[1]s%[2]s%[3]s, 但各部分合计%[4]s; %[1]s%[2]s%[3]s in all, but the parts add up to %[4]s", t.f.Text, t.unit, t.noun, format(ps.sum, 0))
	}
	if rm := rateRE.FindStringSubmatchIndex(text); rm != nil && ps.done != nil && t.f.Value > 0 && rm[2] < len(c.body.of(s)) {
		c.rate(s.off+rm[2], text[rm[2]:rm[3]], *ps.done, t.f)
	}
}

// rate compares a written completion rate with done/total, rounded as
// written.
func (c *checker) rate(off int, written string, done, total figure) {
	f, _ := readNumber(written)
	want := format(done.Value/total.Value*100, f.Decimals)
	if want != format(f.Value, f.Decimals) {
		c.at(off, ruleCountTotal, "完成率应等于已完成数除以总数",
			"完成率写的是%[1]s%%, 但 %[2]s / %[3]s 为 %[4]s%%; completion rate %[1]s%% but %[2]s of %[3]s is %[4]s%%", written, done.Text, total.Text, want)
	}
}

// startsDate reports whether s, after a number, makes it a date or a time
// (截至9月底): no figure that ends the parts of a total.
func startsDate(s string) bool {
	r, _ := firstRune(s)
	return strings.ContainsRune("年月日时", r)
}

// labelTotals finds in text every total written label first: 问题共562个,
// 认领问题134个, 制定整改措施78条, 排查疑似违法用地图斑418个; as the regular
// expression
//
//	(?:反馈|认领|发现|制定|梳理|交办|指出|查摆|排查)(?:的|了|出)?(\p{Han}{0,10}?(?:问题|措施|任务|图斑))(?:共|总计|合计)?([0-9０-９]+)(个|条|项|件|处)
//
// gives them with FindAllStringSubmatchIndex: the label, the number, the
// unit. It tries the expression's alternatives in its order at each
// character where a verb starts, rather than run it, which is slow.
func labelTotals(text string) [][]int {
	var out [][]int
	for i := 0; i < len(text); {
		if m := labelTotalAt(text, i); m != nil {
			out = append(out, m)
			i = m[1]
			continue
		}
		_, w := firstRune(text[i:])
		i += w
	}
	return out
}

// labelTotalAt returns the match of labelTotals' expression that starts
// at byte i of text, nil when there is none.
func labelTotalAt(text string, i int) []int {
	if !hasAnyPrefix(text[i:], "反馈", "认领", "发现", "制定", "梳理", "交办", "指出", "查摆", "排查") {
		return nil
	}
	verb := i + len("反馈")
	for _, joined := range []bool{true, false} { // (?:的|了|出)? tries 的 first
		label := verb
		if joined {
			if !hasAnyPrefix(text[label:], "的", "了", "出") {
				continue
			}
			label += len("的")
		}
		// \p{Han}{0,10}? tries the fewest characters first.
		for n, h := 0, label; n <= 10; n++ {
			if n > 0 {
				r, w := firstRune(text[h:])
				if !isHan(r) {
					break
				}
				h += w
			}
			if !hasAnyPrefix(text[h:], "问题", "措施", "任务", "图斑") {
				continue
			}
			end := h + len("问题")
			for _, word := range []string{"共", "总计", "合计", ""} { // (?:共|总计|合计)? tries the words first
				if !strings.HasPrefix(text[end:], word) {
					continue
				}
				num := end + len(word)
				d := num
				for {
					v, w := digitAt(text, d)
					if v < 0 {
						break
					}
					d += w
				}
				if d > num && hasAnyPrefix(text[d:], "个", "条", "项", "件", "处") {
					return []int{i, d + len("个"), label, end, num, d, d, d + len("个")}
				}
			}
		}
	}
	return nil
}

// hasAnyPrefix reports whether s starts with one of words.
func hasAnyPrefix(s string, words ...string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

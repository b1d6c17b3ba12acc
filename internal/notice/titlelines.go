package notice

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// TitleLineChars is how many characters of the printed title fit on one
// line: 二号 (22 pt) characters across the 156 mm type area of GB/T 9704.
const TitleLineChars = 20

// TitleLines returns the lines the title of n is printed on: the notice's
// own title_lines when it gives them, else BreakTitle's.
func (n *Notice) TitleLines() []string {
	if len(n.TitleBreaks) > 0 {
		return n.givenTitleLines()
	}
	return BreakTitle(n.Title)
}

// givenTitleLines is title_lines as the notice gives them, trimmed.
func (n *Notice) givenTitleLines() []string {
	lines := make([]string, len(n.TitleBreaks))
	for i, l := range n.TitleBreaks {
		lines[i] = strings.TrimSpace(l)
	}
	return lines
}

// BreakTitle breaks a title for print as GB/T 9704 7.3.3 asks: "回行时, 要
// 做到词意完整, 排列对称, 长短适宜, 间距恰当", in the shape of a trapezoid
// (梯形, each line no shorter than the one above) or a diamond (菱形, the
// middle line longest).
//
// A title names the organization, then 关于, the matter, 的 and the kind of
// document: "中共某省妇联党组 / 关于巡视整改情况的通报". It is broken only
// between those parts, where no word can be split: before 关于, and after
// the last 的, before the kind of document; and, for a long matter, after
// 关于 or before 整改. Of the breaks that leave every line within
// TitleLineChars, the fewest lines are taken, and of those the most
// symmetrical shape (breakScore). A title that fits one line, or that no
// such break makes fit, is returned whole: the page then breaks it.
func BreakTitle(title string) []string {
	title = strings.TrimSpace(title)
	chars := utf8.RuneCountInString(title)
	if chars <= TitleLineChars {
		return []string{title}
	}
	// Each set of the candidate breaks is a mask of bits; the lines'
	// lengths come from the characters before each break, counted once.
	var buf [maxTitleBreaks]int
	cands := titleBreaks(title, buf[:0])
	var before [maxTitleBreaks]int
	for i, c := range cands {
		before[i] = utf8.RuneCountInString(title[:c])
	}
	best, bestScore := 0, -1
	var lens [maxTitleBreaks + 1]int
	for mask := 1; mask < 1<<len(cands); mask++ {
		n, from := 0, 0
		for i := range cands {
			if mask&(1<<i) != 0 {
				lens[n], from = before[i]-from, before[i]
				n++
			}
		}
		lens[n] = chars - from
		n++
		if !fits(lens[:n]) {
			continue
		}
		score := n*1000 + breakScore(lens[:n])
		if bestScore < 0 || score < bestScore {
			best, bestScore = mask, score
		}
	}
	if bestScore < 0 {
		return []string{title}
	}
	cuts := buf[len(cands):len(cands)]
	for i, c := range cands {
		if best&(1<<i) != 0 {
			cuts = append(cuts, c)
		}
	}
	return cut(title, cuts)
}

// maxTitleBreaks is the most breaks titleBreaks finds: before and after
// 关于, after the last 的, before 整改.
const maxTitleBreaks = 4

// titleBreaks appends to cuts the byte offsets where title may break, in
// order, and returns it.
func titleBreaks(title string, cuts []int) []int {
	var at [maxTitleBreaks]int
	n := 0
	add := func(i int) {
		if i > 0 && i < len(title) {
			at[n] = i
			n++
		}
	}
	about := strings.Index(title, "关于")
	add(about)
	if about >= 0 {
		add(about + len("关于"))
	}
	if of := strings.LastIndex(title, "的"); of >= 0 {
		add(of + len("的"))
	}
	// 整改 is a word of its own after the inspection's name (巡视整改,
	// 反馈意见整改): a break before it splits no word. 巡视 and 巡察 are not
	// broken before: they end names (省委第三巡视组, 第四轮巡察).
	if i := strings.Index(title, "整改"); about >= 0 && i > about+len("关于") {
		add(i)
	}
	// In the order of the title, once each, and only where a character
	// starts.
	for i := range title {
		if slices.Contains(at[:n], i) {
			cuts = append(cuts, i)
		}
	}
	return cuts
}

func cut(title string, cuts []int) []string {
	var lines []string
	from := 0
	for _, c := range cuts {
		lines = append(lines, title[from:c])
		from = c
	}
	return append(lines, title[from:])
}

func fits(lens []int) bool {
	for _, n := range lens {
		if n > TitleLineChars || n < 2 {
			return false
		}
	}
	return true
}

// breakScore is how far lines of lens characters are from a trapezoid or a
// diamond, and how unequal they are: 0 for lines of equal length; a line
// longer than the line below it costs, unless it is the longest, in the
// middle (菱形).
func breakScore(lens []int) int {
	longest := 0
	for i, n := range lens {
		if n > lens[longest] {
			longest = i
		}
	}
	score := 0
	for i := 1; i < len(lens); i++ {
		d := lens[i] - lens[i-1]
		score += max(d, -d)
		if d < 0 && (i-1 != longest || longest == 0) {
			score += 10 * -d // a line longer than the one below it, above the widest
		}
		if d > 0 && i > longest {
			score += 10 * d // widening again below the widest
		}
	}
	return score
}

// titleLines reports what is wrong with title_lines: they must be the
// title, cut, each line a line on paper.
func (v validator) titleLines() {
	if len(v.n.TitleBreaks) == 0 {
		return
	}
	at := v.n.KeyPos("title_lines")
	lines := v.n.givenTitleLines()
	if strings.Join(lines, "") != strings.TrimSpace(v.n.Title) {
		v.problems.Errorf(at, "标题分行须与标题文字完全一致, 只分行不改字: title_lines %q do not make the title %q (write the title's own characters, only cut into lines)",
			strings.Join(lines, "|"), v.n.Title)
		return
	}
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n == 0 || n > TitleLineChars {
			v.problems.Errorf(at, "title_lines[%d] %s: 标题每行应为1至%d个字, 此行%d个字 (a printed title line holds 1 to %d characters; this one %d)",
				i+1, quoteLine(l), TitleLineChars, n, TitleLineChars, n)
		}
	}
}

func quoteLine(l string) string { return fmt.Sprintf("%q", l) }

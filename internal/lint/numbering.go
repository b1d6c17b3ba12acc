package lint

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/numbering"
)

// outline runs the numbering rules on the outline the Markdown layer found,
// and the rule on 巡视 and 巡察.
func (c *checker) outline() {
	c.outlineNumbers()
	c.outlineWidth()
	c.inspectionKind()
}

// marker writes the marker of level with number n as the notice writes it.
func marker(level, n int, like string) string {
	full := strings.HasPrefix(like, "（") || strings.HasSuffix(like, "．")
	switch level {
	case 1:
		return numbering.Chinese(n) + "、"
	case 2:
		if full {
			return "（" + numbering.Chinese(n) + "）"
		}
		return "(" + numbering.Chinese(n) + ")"
	case 3:
		if full {
			return itoa(n) + "．"
		}
		return itoa(n) + "."
	}
	if full {
		return "（" + itoa(n) + "）"
	}
	return "(" + itoa(n) + ")"
}

// outlineNumbers: each sequence starts at one and counts up by one,
// restarting under its parent; no level is skipped on the way down. A
// notice whose top level is (一) has no 一、 level to skip.
func (c *checker) outlineNumbers() {
	if len(c.entries) == 0 {
		return
	}
	top := 4
	for _, e := range c.entries {
		top = min(top, e.Level)
	}
	var last [5]int // the last number at each level, under the current parents
	var parent [5]markdown.Entry
	depth := top - 1
	for _, e := range c.entries {
		if e.Level > depth+1 {
			c.at(e.Offset, ruleOutlineLevel, "层次序数依次为 一、 (一) 1. (1), 不可越级",
				"%s skips a level: after %s comes %s first", e.Marker, above(parent, depth, top), marker(depth+1, 1, e.Marker))
		}
		want := last[e.Level] + 1
		if e.Number != want {
			c.at(e.Offset, ruleOutlineSequence, "序号应从一开始, 连续不重复",
				"%s: expected %s%s", e.Marker, marker(e.Level, want, e.Marker), after(last[e.Level], e, parent))
		}
		last[e.Level], parent[e.Level] = e.Number, e
		for l := e.Level + 1; l < len(last); l++ {
			last[l] = 0
		}
		depth = e.Level
	}
}

// above names where a skipped level was skipped from.
func above(parent [5]markdown.Entry, depth, top int) string {
	if depth < top || parent[depth].Marker == "" {
		return "the start of the text"
	}
	return parent[depth].Marker
}

// after explains the expected number: what came before, or the parent
// under which the sequence restarts.
func after(last int, e markdown.Entry, parent [5]markdown.Entry) string {
	switch {
	case last > 0 && e.Number == last:
		return " (the number is repeated)"
	case last > 0:
		return " after " + marker(e.Level, last, e.Marker)
	case e.Level > 1 && parent[e.Level-1].Marker != "":
		return " (the numbering restarts under " + parent[e.Level-1].Marker + ")"
	}
	return " (the numbering starts at one)"
}

// outlineWidth: numbering written in one width throughout. Brackets (一)
// (1) and the stop of 1. are judged apart, as GB/T 9704 itself writes
// （一） with 1.: of each, the fewer form is flagged, or, on a tie, the one
// that differs from the notice's punctuation.
func (c *checker) outlineWidth() {
	var counts [2][2]int // [brackets, stops][half-width, full-width]
	for _, e := range c.entries {
		if kind, w, ok := numberingWidth(e); ok {
			counts[kind][w]++
		}
	}
	c.mixedWidths(counts[0], 0, "brackets")
	c.mixedWidths(counts[1], 1, "stops")
}

// numberingWidth says of an entry's marker whether it has brackets (0) or
// a stop (1), and whether they are half-width (0) or full-width (1), as
// numbering.Parse, which read the marker, tells them: （一） and （1） are
// full-width when both brackets are; false for 一、, which has neither.
func numberingWidth(e markdown.Entry) (kind, w int, ok bool) {
	switch e.Level {
	case 2, 4: // （一） and （1）
	case 3: // 1．
		kind = 1
	default:
		return 0, 0, false
	}
	if e.FullWidth {
		w = 1
	}
	return kind, w, true
}

// mixedWidths reports the entries of one kind of numbering, whose forms
// count how many are written in each width, that are of the fewer width.
func (c *checker) mixedWidths(forms [2]int, kind int, what string) {
	half, full := forms[0], forms[1]
	if half == 0 || full == 0 {
		return
	}
	odd, want := 1, "half-width"
	if full > half || (full == half && c.n.Punctuation != notice.HalfWidth) {
		odd, want = 0, "full-width"
	}
	for _, e := range c.entries {
		if k, w, ok := numberingWidth(e); ok && k == kind && w == odd {
			c.at(e.Offset, ruleOutlineWidth, "同一篇通报的序号不应混用全角、半角",
				"%s: this notice writes the %s of its numbering %s", e.Marker, what, want)
		}
	}
}

var municipality = []string{"北京市委", "天津市委", "上海市委", "重庆市委"}

// committeeRE finds who inspects: 省委, 中央, 杭州市委, 西湖区委. It reads
// the group of a notice's front matter, a dozen characters once a notice;
// committeeKind, which reads the body, stands in for its longer form.
var committeeRE = regexp.MustCompile(`(中央|省委|自治区党委|[\p{Han}]{1,8}?市委|[\p{Han}]{1,8}?[县区旗]委)`)

// inspectionKind: 巡视 is done by the Central Committee and provincial
// committees (including the four municipalities'), 巡察 by city, county and
// district committees; the group, the title and the body say the same.
func (c *checker) inspectionKind() {
	in := c.n.Inspection
	kind, other := in.Kind, notice.KindXuncha
	switch kind {
	case notice.KindXunshi:
	case notice.KindXuncha:
		other = notice.KindXunshi
	default:
		return
	}
	hint := "巡视由中央和省级党委开展, 巡察由市、县级党委开展"
	if strings.Contains(in.Group, other+"组") {
		c.atKey([]string{"inspection", "group"}, ruleInspectionKind, hint,
			"inspection.group %q is a %s group but inspection.kind is %s", in.Group, other, kind)
	} else if by := committeeRE.FindString(in.Group); by != "" && kindOf(by) != kind {
		c.atKey([]string{"inspection", "kind"}, ruleInspectionKind, hint,
			"inspection.kind is %s but %s carries out %s", kind, by, kindOf(by))
	}
	if strings.Contains(c.n.Title, other) && !strings.Contains(c.n.Title, kind) {
		c.atKey([]string{"title"}, ruleInspectionKind, hint, "the title says %s but inspection.kind is %s", other, kind)
	}
	c.kindInBody(kind, other, hint)
}

// kindOf says which kind of inspection a committee carries out.
func kindOf(committee string) string {
	switch {
	case committee == "中央" || committee == "省委" || committee == "自治区党委":
		return notice.KindXunshi
	case strings.HasSuffix(committee, "市委"):
		for _, m := range municipality {
			if strings.HasSuffix(committee, m) {
				return notice.KindXunshi
			}
		}
	}
	return notice.KindXuncha
}

// tellsOfThis reports whether the kind written at text[at:end] names the
// inspection the notice is about (巡察组, 巡察意见, 开展了巡察。) rather than
// the institution (《中国共产党巡视工作条例》, 巡视工作方针), which a 巡察
// notice cites too.
func tellsOfThis(text string, at, end int) bool {
	if strings.Count(text[:at], "《") > strings.Count(text[:at], "》") {
		return false
	}
	for _, w := range []string{"组", "意见", "反馈", "整改", "情况"} {
		if strings.HasPrefix(text[end:], w) {
			return true
		}
	}
	before := text[max(0, at-30):at]
	return strings.ContainsRune("。，,；;", runeAt(text, end)) && (strings.Contains(before, "开展") || strings.Contains(before, "进行"))
}

// committeeKinds finds in text every committee named with a kind of
// inspection (省委巡视, 杭州市委第一巡察), each as committeeKind gives it,
// shifted to offsets into text. It looks behind each 巡视 and 巡察, 60
// bytes at most.
func committeeKinds(text string) [][]int {
	var out [][]int
	for i := 0; i < len(text); {
		j := indexHan(text[i:], "巡")
		if j < 0 {
			break
		}
		i += j + len("巡")
		end := i + len("视")
		if end > len(text) || (text[i:end] != "视" && text[i:end] != "察") {
			continue
		}
		from := max(0, end-60)
		for from > 0 && !utf8.RuneStart(text[from]) {
			from--
		}
		if m := committeeKind(text[from:end]); m != nil {
			for k := range m {
				m[k] += from
			}
			out = append(out, m)
		}
	}
	return out
}

// committeeKind reports whether w ends with a committee named with a kind
// of inspection, as the regular expression
//
//	(中央|省委|自治区党委|[\p{Han}]{1,8}?市委|[\p{Han}]{1,8}?[县区旗]委)(?:第[一二三四五六七八九十]+)?(巡视|巡察)$
//
// finds it with FindStringSubmatchIndex: the whole match, the committee
// and the kind; nil when there is none. As the expression does, it takes
// the leftmost committee, so a committee may start with words before it
// (根据杭州市委): kindOf reads only its end.
func committeeKind(w string) []int {
	if !strings.HasSuffix(w, "巡视") && !strings.HasSuffix(w, "巡察") {
		return nil
	}
	kind := len(w) - len("巡视")
	// The committee ends before the kind, or before 第 and the group's
	// number: one place or the other, as a committee's name ends with 委
	// or 中央, and a group's number does not.
	end := kind
	if !committeeBefore(w, kind) {
		q := kind
		for q >= 3 && numeral(runeBefore(w, q)) { // the group's number: 第一 to 第十
			q -= len("一")
		}
		if q == kind || !strings.HasSuffix(w[:q], "第") || !committeeBefore(w, q-len("第")) {
			return nil
		}
		end = q - len("第")
	}
	if s := committeeStart(w, end); s >= 0 {
		return []int{s, len(w), s, end, kind, len(w)}
	}
	return nil
}

// committeeBefore reports whether a committee's name may end at byte c of w.
func committeeBefore(w string, c int) bool {
	return strings.HasSuffix(w[:c], "委") || strings.HasSuffix(w[:c], "中央")
}

// committeeStart returns where the leftmost committee of the expression's
// alternatives (see committeeKind) that ends at byte end of w starts; -1
// when none does. Each alternative can start at one place at most but
// the last two, whose one to eight Chinese characters before 市委 or 县委
// may start anywhere among as many of them: the farthest is leftmost.
func committeeStart(w string, end int) int {
	start := -1
	leftmost := func(s int) {
		if start < 0 || s < start {
			start = s
		}
	}
	for _, name := range []string{"中央", "省委", "自治区党委"} {
		if strings.HasSuffix(w[:end], name) {
			leftmost(end - len(name))
		}
	}
	unit := end - len("市委")
	if unit < 0 || !strings.HasSuffix(w[:end], "委") {
		return start
	}
	switch w[unit : unit+len("市")] {
	case "市", "县", "区", "旗":
		s := unit
		for range 8 {
			r, size := utf8.DecodeLastRuneInString(w[:s])
			if !isHan(r) {
				break
			}
			s -= size
		}
		if s < unit {
			leftmost(s)
		}
	}
	return start
}

// kindInBody flags, anywhere in the body, a committee named with the other
// kind (省委巡察组, 市委第一巡视组), and, in the introduction, which tells of
// this inspection, the other kind where it names this inspection. "巡视巡察" together is a
// common phrase (市委巡视巡察工作领导小组) and is left alone.
func (c *checker) kindInBody(kind, other, hint string) {
	for i, p := range c.body.paras {
		if c.body.holds[i]&hanXun == 0 {
			continue
		}
		text := c.body.of(p)
		for _, m := range committeeKinds(text) {
			by, word := text[m[2]:m[3]], text[m[4]:m[5]]
			if kindOf(by) != word && !strings.HasPrefix(text[m[5]:], kindOf(by)) {
				c.at(p.off+m[4], ruleInspectionKind, hint, "%s: %s carries out %s, not %s", text[m[0]:m[1]], by, kindOf(by), word)
			}
		}
	}
	intro, ok := c.intro()
	if !ok {
		return
	}
	text := c.body.of(intro)
	for i := 0; ; {
		j := indexHan(text[i:], other)
		if j < 0 {
			return
		}
		at := i + j
		i = at + len(other)
		if strings.HasSuffix(text[:at], kind) || strings.HasPrefix(text[i:], kind) ||
			committeeKind(text[max(0, at-60):i]) != nil || !tellsOfThis(text, at, i) {
			continue
		}
		c.at(intro.off+at, ruleInspectionKind, hint, "the introduction says %s but inspection.kind is %s", other, kind)
	}
}

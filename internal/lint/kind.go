package lint

import (
	"strings"
	"unicode/utf8"

	"disclose/internal/notice"
)

// municipalities are the four cities whose committees are provincial: the
// 北京, 天津, 上海 and 重庆 市委 carry out 巡视, as a 省委 does.
var municipalities = []string{"北京市", "天津市", "上海市", "重庆市"}

// committeeOf returns who inspects, as the group of a notice's front
// matter names it: 省委, 中央, 杭州市委, 西湖区委; "" when it names none.
// It finds what the regular expression
//
//	(中央|省委|自治区党委|[\p{Han}]{1,8}?市委|[\p{Han}]{1,8}?[县区旗]委)
//
// finds (FindString), the leftmost match, without running it: it was a
// hundredth of the proofreader (FuzzCommitteeOf).
func committeeOf(s string) string {
	for i := 0; i < len(s); {
		if n := committeeAt(s[i:]); n > 0 {
			return s[i : i+n]
		}
		_, w := firstRune(s[i:])
		i += w
	}
	return ""
}

// committeeAt returns the length of the committee the expression of
// committeeOf matches at the start of s, trying its alternatives in
// order, the fewest characters first before 市委 and 县委; 0 when none.
func committeeAt(s string) int {
	for _, name := range []string{"中央", "省委", "自治区党委"} {
		if strings.HasPrefix(s, name) {
			return len(name)
		}
	}
	for _, city := range []bool{true, false} {
		j := 0
		for range 8 {
			r, w := firstRune(s[j:])
			if !isHan(r) {
				break
			}
			j += w
			if rest := s[j:]; city && strings.HasPrefix(rest, "市委") {
				return j + len("市委")
			} else if !city && (strings.HasPrefix(rest, "县委") || strings.HasPrefix(rest, "区委") || strings.HasPrefix(rest, "旗委")) {
				return j + len("县委")
			}
		}
	}
	return 0
}

// inspectionKind: 巡视 is done by the Central Committee and provincial
// committees (including the four municipalities'), 巡察 by city, county and
// district committees. The front matter's group and the title must agree
// with inspection.kind (an error: the notice contradicts itself); what the
// body says is read from prose, and only warned about (kindInBody).
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
	municipal := c.municipal()
	if strings.Contains(in.Group, other+"组") {
		c.atKey([]string{"inspection", "group"}, ruleInspectionKind, hint,
			"巡视(察)组 %[1]q 是%[2]s组, 但 inspection.kind 是%[3]s; inspection.group %[1]q is a %[2]s group but inspection.kind is %[3]s", in.Group, other, kind)
	} else if by := committeeOf(in.Group); by != "" && kindOf(by, municipal) != kind {
		c.atKey([]string{"inspection", "kind"}, ruleInspectionKind, hint,
			"巡视(察)类别 inspection.kind 是%[1]s, 但%[2]s开展的是%[3]s; inspection.kind is %[1]s but %[2]s carries out %[3]s", kind, by, kindOf(by, municipal))
	}
	if strings.Contains(c.n.Title, other) && !strings.Contains(c.n.Title, kind) {
		c.atKey([]string{"title"}, ruleInspectionKind, hint, "标题写的是%[1]s, 但 inspection.kind 是%[2]s; the title says %[1]s but inspection.kind is %[2]s", other, kind)
	}
	c.kindInBody(kind, other, municipal, hint)
}

// municipal reports whether the notice is from one of the four
// municipalities, as its front matter or its introduction says: there a
// bare 市委 (市委巡视组) is the municipality's committee.
func (c *checker) municipal() bool {
	n := c.n
	var room [7]string // the texts, on the stack
	texts := append(room[:0], n.Title, n.Source, n.Inspection.Group, n.Inspection.Organization, n.Signature.Organization)
	if n.Disclosure != nil {
		texts = append(texts, n.Disclosure.Publisher)
	}
	if intro, ok := c.intro(); ok {
		texts = append(texts, c.body.of(intro))
	}
	for _, t := range texts {
		for _, m := range municipalities {
			if indexHan(t, m) >= 0 {
				return true
			}
		}
	}
	return false
}

// kindOf says which kind of inspection a committee carries out; in a
// notice of a municipality (municipal), a 市委 is the municipality's.
func kindOf(committee string, municipal bool) string {
	switch {
	case committee == "中央" || committee == "省委" || committee == "自治区党委":
		return notice.KindXunshi
	case strings.HasSuffix(committee, "市委"):
		if municipal {
			return notice.KindXunshi
		}
		for _, m := range municipalities {
			if strings.HasSuffix(committee, m+"委") {
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

// committeeKindsAt finds in text, which says 巡 at xuns (as scan notes
// them, in order), every committee named with a kind of inspection
// (省委巡视, 杭州市委第一巡察), each as committeeKind gives it, shifted to
// offsets into text. It looks behind each 巡视 and 巡察, 60 bytes at most.
func committeeKindsAt(text string, xuns []int) [][]int {
	var out [][]int
	for _, xun := range xuns {
		i := xun + len("巡")
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
//	(中央|省委|自治区党委|[\p{Han}]{0,8}?市委|[\p{Han}]{0,8}?[县区旗]委)(?:第[一二三四五六七八九十]+)?(巡视|巡察)$
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
// the last two, whose up to eight Chinese characters before 市委 or 县委
// may start anywhere among as many of them: the farthest is leftmost. A
// bare 县委 (县委第九巡视组, after a comma) starts at its first character.
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
			r, size := lastRune(w[:s])
			if !isHan(r) {
				break
			}
			s -= size
		}
		if s < unit {
			leftmost(s)
		} else if c := runeBefore(w, unit); !isHan(c) {
			leftmost(unit) // a bare 县委 or 市委 after punctuation or at the start
		}
	}
	return start
}

// kindInBody warns of what the body says against the notice's kind: a
// committee named with the kind it does not carry out (省委巡察组, 杭州市委第一巡视组),
// and, in the introduction, the other kind where it names this inspection.
// It is silent on what is not a contradiction: 巡视巡察 together (市委巡视巡察工作领导小组),
// a committee that rectifies after an inspection rather than inspects (县委巡视整改工作领导小组),
// another level's inspection (省委巡视组 in a county's 巡察 notice), and,
// once the notice names an inspection of the other kind by a committee
// that carries it out, every mention of the other kind: both happened.
func (c *checker) kindInBody(kind, other string, municipal bool, hint string) {
	otherHappened := false
	reported := c.ownGroupRenamed(other, hint)
	for i, p := range c.body.paras {
		if c.body.holds[i]&hanXun == 0 {
			continue
		}
		text := c.body.of(p)
		for _, m := range committeeKindsAt(text, c.body.xunOf(i)) {
			if reported[p.off+m[4]] {
				continue
			}
			by, word, after := text[m[2]:m[3]], text[m[4]:m[5]], text[m[5]:]
			want := kindOf(by, municipal)
			switch {
			case want == word:
				otherHappened = otherHappened || word == other
			case strings.HasPrefix(after, want) || strings.HasPrefix(after, "整改"):
			default:
				r := ruleInspectionKindText
				if certainGroup(by, m[3] < m[4] && strings.HasPrefix(after, "组")) {
					r = ruleInspectionKind
				}
				committee, name := committeeName(text, m)
				c.at(p.off+m[4], r, hint, "%[1]s: %[2]s开展的是%[3]s, 不是%[4]s; %[1]s: a %[2]s carries out %[3]s, not %[4]s", name, committee, want, word)
			}
		}
	}
	if !otherHappened {
		c.otherKindInIntro(kind, other, hint, reported)
	}
}

// renamedAt reports whether s is stem + other + 组, without joining them.
func renamedAt(s, stem, other string) bool {
	return len(s) == len(stem)+len(other)+len("组") && s[:len(stem)] == stem && s[len(stem):len(s)-len("组")] == other && strings.HasSuffix(s, "组")
}

// ownGroupRenamed reports, as errors, where the body names the notice's
// own numbered group (inspection.group) with the other kind (县委第二巡视组
// for 县委第二巡察组), and returns the body offsets of those kinds.
func (c *checker) ownGroupRenamed(other, hint string) map[int]bool {
	var reported map[int]bool // made for a finding: most notices have none
	stem := groupStem(c.n.Inspection.Group)
	if stem == "" {
		return reported
	}
	size := len(stem) + len(other) + len("组") // of the name stem + other + 组
	// The name says 巡 after its stem: where the paragraphs say 巡 (scan
	// notes it), in order, the name may start len(stem) before; it counts
	// only within a paragraph, and after the kind of the one before it.
	next := 0 // where a name may start
	for i, p := range c.body.paras {
		for _, x := range c.body.xunOf(i) {
			at := p.off + x
			start, end := at-len(stem), at-len(stem)+size
			if start < next || end > len(c.body.text) || !renamedAt(c.body.text[start:end], stem, other) || !c.body.inPara(start, end) {
				continue
			}
			renamed := c.body.text[start:end]
			if reported == nil {
				reported = map[int]bool{}
			}
			reported[at] = true
			c.at(at, ruleInspectionKind, hint, "%[1]s: 本通报的巡视(察)组是%[2]s; %[1]s: the notice's group is %[2]s", renamed, c.n.Inspection.Group)
			next = at
		}
	}
	return reported
}

// otherKindInIntro warns where the introduction, which tells of this
// inspection, names it with the other kind (巡察组, 巡察意见, 开展了巡察。).
func (c *checker) otherKindInIntro(kind, other, hint string, reported map[int]bool) {
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
		if reported[intro.off+at] || strings.HasSuffix(text[:at], kind) || strings.HasPrefix(text[i:], kind) ||
			committeeKind(text[max(0, at-60):i]) != nil || !tellsOfThis(text, at, i) {
			continue
		}
		c.at(intro.off+at, ruleInspectionKindText, hint, "导语写的是%[1]s, 但 inspection.kind 是%[2]s; the introduction says %[1]s but inspection.kind is %[2]s", other, kind)
	}
}

// certainGroup reports whether a group named in the body with the kind
// its committee by does not carry out certainly contradicts the notice: a
// numbered group (numbered: 第N…组) of a committee whose kind is known for
// certain (中央, 省委, 自治区党委, a 县委, 区委 or 旗委, a named
// municipality's 市委). A bare 市委 may be any city's.
func certainGroup(by string, numbered bool) bool {
	if !numbered {
		return false
	}
	for _, k := range []string{"中央", "省委", "自治区党委", "县委", "区委", "旗委"} {
		if strings.HasSuffix(by, k) {
			return true
		}
	}
	for _, m := range municipalities {
		if strings.HasSuffix(by, m+"委") {
			return true
		}
	}
	return false
}

// groupStem returns a numbered group's name up to its kind, from its
// committee on: 县委第二 of 中共某某县委第二巡察组; empty when the group has
// no number or names no committee.
func groupStem(group string) string {
	k := strings.Index(group, "巡")
	if k < 0 || !strings.Contains(group[:k], "第") {
		return ""
	}
	stem := group[:k]
	from := -1
	for _, w := range []string{"中央", "委"} {
		if i := strings.LastIndex(stem[:strings.LastIndex(stem, "第")], w); i >= 0 && (from < 0 || i < from) {
			from = i
		}
	}
	if from < 0 {
		return "" // no committee: 第一巡察组 alone would match any committee's
	}
	if stem[from:from+len("委")] == "委" && from >= len("市") {
		from -= len("市") // 市委, 县委, 区委, 省委: the word before 委 too
	}
	return stem[from:]
}

// committeeName returns, for a committee named with a kind (m, as
// committeeKind gives it, in text), the kind of committee (省委, 县委,
// 中央) and the words a message quotes: the committee's name with at most
// two characters before 市委, 县委, 区委 or 旗委 (杭州市委第一巡视), as the
// committee committeeKind finds may start with other words (配合杭州市委).
func committeeName(text string, m []int) (string, string) {
	by := text[m[2]:m[3]]
	for _, w := range []string{"中央", "自治区党委", "省委"} {
		if strings.HasSuffix(by, w) {
			return w, text[m[3]-len(w) : m[5]]
		}
	}
	word := by[len(by)-len("市委"):]
	from := max(m[2], m[3]-len(word)-2*len("市"))
	return word, text[from:m[5]]
}

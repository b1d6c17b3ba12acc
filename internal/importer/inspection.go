package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"disclose/internal/notice"
)

var (
	// actRE finds what was inspected and how, in one clause:
	// "对省妇联党组开展了常规巡视", "进驻县民政局开展巡察",
	// "对省农业农村厅党组开展了巡视“回头看”", "对…等12个单位党组织开展了巡察".
	// Groups: the organisation, the words before the kind (where the form
	// is: 专项, 提级 …), the kind.
	actRE = regexp.MustCompile(`(?:对|进驻)([^，,。；;：:]+?)(?:开展|进行|实施)了?([^，,。；;：:]{0,30}?)(巡视|巡察)`)
	// receiveRE finds an inspection told from the organisation's side:
	// "我局接受了市委第二巡察组的常规巡察". Groups: the organisation (with
	// any date before it), the group, the words before the kind, the kind.
	receiveRE = regexp.MustCompile(`([^，,。；;：:]+?)接受了?([^，,。；;：:]*?(?:巡视|巡察)组)的?([^，,。；;：:]{0,20}?)(巡视|巡察)`)
	// groupNameRE is a group's name ends: "省委第六巡视组".
	groupNameRE = regexp.MustCompile(`(巡视|巡察)组`)
	// groupCountRE finds "组建4个巡察组": a round's groups, not one group.
	groupCountRE = regexp.MustCompile(`(\d+|两|[一二三四五六七八九十]+)个(?:巡视|巡察)组`)
	// formRE finds the forms written before the kind: "提级交叉巡察".
	formRE = regexp.MustCompile(`常规|专项|机动|提级|交叉|联动`)
	// againRE is 回头看 after the kind, quoted or not: 巡视“回头看”.
	againRE = regexp.MustCompile(`^["“‘']?回头看`)
	// titleFormRE finds a form in a title: "关于市委提级巡察整改情况的通报".
	titleFormRE = regexp.MustCompile(`((?:常规|专项|机动|提级|交叉|联动)*)(巡视|巡察)(["“‘']?回头看)?`)
	// periodRE finds "2024年3月18日至5月20日": start and end, years optional.
	periodRE = regexp.MustCompile(`(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日\s*(?:至|到|—|–|-|－|~|～)\s*(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日`)
	// feedbackRE finds "8月8日,省委巡视组向…反馈": a date, then 反馈 in
	// the same sentence.
	feedbackRE = regexp.MustCompile(`(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日[^。；;]*?反馈`)
	// roundRE finds "十五届省委第五轮巡视", "二十届中央第五轮巡视".
	roundRE = regexp.MustCompile(`((?:[一二三四五六七八九十\d]+届\p{Han}{0,6}?)?(?:中央|自治区党委|[省市区县州旗盟]委)?第[一二三四五六七八九十\d]+轮(?:巡视|巡察))`)
	// leadingDateRE is a date or period before a group's name, in a clause
	// without a comma: "2024年3月18日至5月20日省委第六巡视组".
	leadingDateRE = regexp.MustCompile(`^(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:(?:至|到|—|–|-|－|~|～)(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?)?`)
	yearRE        = regexp.MustCompile(`(\d{4})年`)
	// vagueFeedbackRE is a feedback date given only to the month or its
	// part: "5月中旬，各巡察组…反馈".
	vagueFeedbackRE = regexp.MustCompile(`((?:\d{4}年)?\d{1,2}月(?:上旬|中旬|下旬|初|底|中)?)[^日。；;]*?反馈`)
	// vaguePeriodRE is a period given only to the month or its part:
	// "2024年2月下旬至4月中旬", "2025年3月至4月".
	vaguePeriodRE = regexp.MustCompile(`(?:\d{4}年)?\d{1,2}月(?:上旬|中旬|下旬|初|底|中)?\s*(?:至|到|—|–|-|－|~|～)\s*(?:\d{4}年)?\d{1,2}月(?:上旬|中旬|下旬|初|底|中)?`)
)

// act is one inspection as an introduction tells it.
type act struct {
	kind, group, org string
	form             []string
	groups, units    int      // a round summary: the counts; 0 when not said
	named            []string // a round summary: the units named
	sentence         string   // the sentence up to the act
}

// readAct reads the first inspection s tells of, or reports false.
func readAct(s string) (act, bool) {
	m := actRE.FindStringSubmatchIndex(s)
	r := receiveRE.FindStringSubmatchIndex(s)
	if r != nil && (m == nil || r[0] < m[0]) {
		return received(s, r), true
	}
	if m == nil {
		return act{}, false
	}
	start := sentenceStart(s, m[0])
	before := s[start:m[0]] // the sentence before 对: where the group is
	a := act{kind: s[m[6]:m[7]], org: strings.TrimSuffix(strings.TrimSpace(s[m[2]:m[3]]), "的"), sentence: s[start:m[1]]}
	a.form = forms(s[m[4]:m[5]], s[m[7]:])
	groups := groupCountRE.FindStringSubmatch(before)
	if groups == nil {
		// The kind stays the verb's: a group misnamed in the text
		// (县委第二巡视组 …开展了巡察) is the checker's to report.
		a.group = groupIn(before)
	}
	if units, named, ok := summaryOf(a.org); ok {
		if groups != nil {
			a.groups = count(groups[1])
		}
		a.units, a.named, a.org = units, named, ""
		a.form = roundForms(a.form, s[m[1]:])
	}
	return a, true
}

// roundForms adds to a round summary's forms those of the acts that
// follow in its sentence: "…等18个党组织开展了常规巡察，对市国资委开展了巡察“回头看”".
func roundForms(form []string, rest string) []string {
	if end := strings.IndexAny(rest, "。；;"); end >= 0 {
		rest = rest[:end]
	}
	for _, m := range actRE.FindAllStringSubmatchIndex(rest, -1) {
		for _, f := range forms(rest[m[4]:m[5]], rest[m[7]:]) {
			if !slices.Contains(form, f) {
				form = append(form, f)
			}
		}
	}
	// Keep notice.Forms' order, as forms does.
	return slices.DeleteFunc(slices.Clone(notice.Forms), func(f string) bool { return !slices.Contains(form, f) })
}

// received reads an inspection told from the organisation's side,
// "我局接受了市委第二巡察组的常规巡察", matched by receiveRE at m.
func received(s string, m []int) act {
	org := strings.TrimSpace(leadingDateRE.ReplaceAllString(s[m[2]:m[3]], ""))
	if i := strings.Index(org, "于"); i > 0 {
		org = org[:i] // 我局于2024年3月至5月接受了…
	}
	return act{kind: s[m[8]:m[9]], org: org, group: s[m[4]:m[5]],
		form: forms(s[m[6]:m[7]], s[m[9]:]), sentence: s[sentenceStart(s, m[0]):m[1]]}
}

// sentenceStart is where the sentence holding s[at] starts.
func sentenceStart(s string, at int) int {
	return strings.LastIndexAny(s[:at], "。；;") + 1
}

// groupIn is the group named in the last clause of sentence that names
// one: "中央第十二巡视组于…" gives 中央第十二巡视组, "市委第一巡察组与区委第二巡察组
// 组成联动巡察组" gives the two groups; "" when no clause does.
func groupIn(sentence string) string {
	clauses := strings.FieldsFunc(sentence, func(r rune) bool { return strings.ContainsRune("，,：:", r) })
	for i := len(clauses) - 1; i >= 0; i-- {
		c := strings.TrimPrefix(leadingDateRE.ReplaceAllString(strings.TrimSpace(clauses[i]), ""), "由")
		first := groupNameRE.FindStringIndex(c)
		if first == nil {
			continue
		}
		for _, stop := range []string{"组成", "于", "在"} {
			if j := strings.Index(c[first[1]:], stop); j >= 0 {
				c = c[:first[1]+j]
			}
		}
		all := groupNameRE.FindAllStringIndex(c, -1)
		return c[:all[len(all)-1][1]]
	}
	return ""
}

// forms are the forms of inspection named before the kind ("提级交叉巡察")
// and after it (巡视“回头看”), in notice.Forms' order.
func forms(before, after string) []string {
	seen := formRE.FindAllString(before, -1)
	if againRE.MatchString(after) {
		seen = append(seen, "回头看")
	}
	var out []string
	for _, f := range notice.Forms {
		if slices.Contains(seen, f) {
			out = append(out, f)
		}
	}
	return out
}

// titleForms are the forms of inspection of kind the title names, when the
// introduction names none: "关于县委交叉巡察整改情况的通报".
func titleForms(title, kind string) []string {
	for _, m := range titleFormRE.FindAllStringSubmatch(title, -1) {
		if f := forms(m[1], m[3]); m[2] == kind && len(f) > 0 {
			return f
		}
	}
	return nil
}

// inspection reads, from the introduction, who inspected whom, how and
// when. A date written without its year (8月8日) takes the year of the
// date before it, or the next year when that would put it before the date
// before it.
func (rc *recogniser) inspection(intro []line) {
	in := &rc.fm.Inspection
	for _, l := range intro {
		a, ok := readAct(l.Text)
		if !ok {
			continue
		}
		in.Kind, in.Group, in.Form = a.kind, a.group, a.form
		if len(in.Form) == 0 {
			in.Form = titleForms(rc.fm.Title, a.kind)
		}
		in.Groups, in.Units, in.Named = a.groups, a.units, a.named
		rc.organisation(l, a.org)
		rc.noteAct()
		rc.round(a.sentence)
		rc.level(a.sentence)
		rc.period(l, intro)
		return
	}
	rc.warn(line{}, "未识别巡视(察)组和被巡视(察)单位, 请填写 [inspection] (the introduction does not say, in a form import knows (…巡视组对…开展了巡视), who inspected whom: fill in [inspection])")
}

// noteAct says what was read of the inspection.
func (rc *recogniser) noteAct() {
	in := rc.fm.Inspection
	switch {
	case in.Summary():
		by := ""
		if in.Groups > 0 {
			by = fmt.Sprintf(", %d 个巡视(察)组", in.Groups)
		}
		rc.note("巡视(察) (inspection): 轮次综述, %s %d 个单位%s, 列出 %d 个: %s", in.Kind, in.Units, by, len(in.Named), strings.Join(in.Named, "、"))
	default:
		rc.note("巡视(察) (inspection): %s, %s 对 %s", in.Kind, in.Group, in.Organization)
	}
	if len(in.Form) > 0 {
		rc.note("巡视(察)形式 (inspection form): %s", strings.Join(in.Form, "、"))
	}
	if in.Group == "" && !in.Summary() {
		rc.warn(line{}, "未识别巡视(察)组, 请填写 inspection.group (the introduction does not name the group: fill in inspection.group)")
	}
}

// round reads the round ("十五届省委第五轮巡视") from the sentence that
// tells of the inspection, or else from the title.
func (rc *recogniser) round(s string) {
	for _, t := range []string{s, rc.fm.Title} {
		if r := roundRE.FindString(t); r != "" {
			rc.fm.Inspection.Round = r
			rc.note("轮次 (round): %s", r)
			return
		}
	}
}

// level reads the level of the committee that inspected from the group's
// name, the round's, or else the sentence that tells of the inspection;
// it leaves the level empty when they do not settle it (a 市委's 巡察 may
// be a county-level city's).
func (rc *recogniser) level(s string) {
	in := &rc.fm.Inspection
	for _, t := range []string{in.Group, in.Round, s} {
		if l := notice.LevelOf(in.Kind, t); l != "" {
			in.Level = l
			rc.note("层级 (level): %s", l)
			return
		}
	}
}

// period reads the inspection's start and end, then the feedback date.
// A date the text gives to no day (2025年3月至4月, 5月中旬) or not at all is
// left empty, never made up: rc.undated records what the text says of it.
func (rc *recogniser) period(l line, intro []line) {
	in := &rc.fm.Inspection
	year := rc.contextYear(intro)
	p := periodRE.FindStringSubmatchIndex(l.Text)
	if p == nil {
		vague := vaguePeriodRE.FindString(l.Text)
		switch {
		case vague != "":
			rc.warn(l, "巡视(察)起止日期只写到月或旬(%s): 原文未写明具体日期, start 和 end 留空, 如有依据请按实际日期填写 (the text gives the inspection's period only as %s: start and end are left empty; fill them in from the record if known)", vague, vague)
			rc.undated["inspection.start"], rc.undated["inspection.end"] = vague, vague
		case !dayRE.MatchString(l.Text):
			rc.warn(l, "原文未写明巡视(察)起止日期: start 和 end 留空 (the text gives no dates for the inspection: start and end are left empty)")
			rc.undated["inspection.start"], rc.undated["inspection.end"] = "", ""
		default:
			rc.warn(l, "未识别巡视(察)起止日期, 请填写 start 和 end (the inspection's dates are not written as 2024年3月18日至5月20日: fill in start and end)")
		}
		rc.feedback(l, l.Text, intro, time.Date(max(year, 1), 1, 1, 0, 0, 0, 0, time.UTC))
		return
	}
	s := l.Text
	part := func(i int) string {
		if p[2*i] < 0 {
			return ""
		}
		return s[p[2*i]:p[2*i+1]]
	}
	start, ok1 := resolve(part(1), part(2), part(3), year, time.Time{})
	endMonth := part(5)
	if endMonth == "" {
		endMonth = part(2)
	}
	end, ok2 := resolve(part(4), endMonth, part(6), start.Year(), start)
	if !ok1 || !ok2 || year == 0 && part(1) == "" {
		rc.warn(l, "巡视(察)起止日期“%s”无法识别, 请填写 start 和 end (the inspection's dates %q cannot be read: fill in start and end)", s[p[0]:p[1]], s[p[0]:p[1]])
		return
	}
	in.Start, in.End = notice.Date{Time: start}, notice.Date{Time: end}
	rc.note("巡视(察)日期 (inspection): %s 至 %s", in.Start.ISO(), in.End.ISO())
	rc.feedback(l, s[p[1]:], intro, end)
}

// dayRE is a date written to the day: 3月18日.
var dayRE = regexp.MustCompile(`\d{1,2}月\d{1,2}日`)

// feedback reads the feedback date: in the text after the period, or in
// the lines after it.
func (rc *recogniser) feedback(l line, after string, intro []line, end time.Time) {
	texts := []string{after}
	for i, o := range intro {
		if o.No == l.No && o.Text == l.Text {
			for _, next := range intro[i+1:] {
				texts = append(texts, next.Text)
			}
			break
		}
	}
	for _, s := range texts {
		m := feedbackRE.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		if d, ok := resolve(m[1], m[2], m[3], end.Year(), end); ok {
			rc.fm.Inspection.Feedback = notice.Date{Time: d}
			rc.note("反馈日期 (feedback): %s", d.Format(time.DateOnly))
			return
		}
		rc.warn(l, "反馈日期“%s”无法识别, 请填写 feedback (the feedback date cannot be read: fill in feedback)", m[0])
		return
	}
	for _, s := range texts {
		if m := vagueFeedbackRE.FindStringSubmatch(s); m != nil {
			rc.warn(l, "反馈日期只写到月或旬(%s): 原文未写明具体日期, feedback 留空, 如有依据请按实际日期填写 (the text gives the feedback date only as %s: feedback is left empty; fill it in from the record if known)", m[1], m[1])
			rc.undated["inspection.feedback"] = m[1]
			return
		}
	}
	rc.warn(l, "原文未写明反馈日期 (…月…日…反馈了巡视意见): feedback 留空 (the text gives no feedback date: feedback is left empty)")
	rc.undated["inspection.feedback"] = ""
}

// contextYear is the first year the introduction writes, or 0.
func (rc *recogniser) contextYear(intro []line) int {
	for _, l := range intro {
		if m := yearRE.FindStringSubmatch(l.Text); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y
		}
	}
	return 0
}

// resolve reads a date whose year may be missing: it then takes year, or
// the year after when that would put it before after.
func resolve(y, m, d string, year int, after time.Time) (time.Time, bool) {
	if y != "" {
		year, _ = strconv.Atoi(y)
	}
	mo, _ := strconv.Atoi(m)
	day, _ := strconv.Atoi(d)
	t := time.Date(year, time.Month(mo), day, 0, 0, 0, 0, time.UTC)
	if y == "" && t.Before(after) {
		t = t.AddDate(1, 0, 0)
	}
	return t, t.Month() == time.Month(mo) && t.Day() == day && year > 0
}

package importer

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"disclose/internal/notice"
)

var (
	// groupRE finds "省委第六巡视组对省妇女联合会党组开展了巡视": the group,
	// what it inspected, and the kind, in one clause.
	groupRE = regexp.MustCompile(`([^，,。；;：:、\s]*?(巡视|巡察)组)(?:于[^，,。；;]*?)?对([^，,。；;]+?)(?:开展|进行|实施)`)
	// periodRE finds "2024年3月18日至5月20日": start and end, years optional.
	periodRE = regexp.MustCompile(`(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日\s*(?:至|到|—|–|-|－|~|～)\s*(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日`)
	// feedbackRE finds "8月8日,省委巡视组向…反馈": a date, then 反馈 in
	// the same sentence.
	feedbackRE = regexp.MustCompile(`(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日[^。；;]*?反馈`)
	// roundRE finds "十五届省委第五轮巡视".
	roundRE = regexp.MustCompile(`([^，,。；;：:、\s]*?第[一二三四五六七八九十\d]+轮(?:巡视|巡察))`)
	// leadingDateRE is a date or period before a group's name, in a clause
	// without a comma: "2024年3月18日至5月20日省委第六巡视组".
	leadingDateRE = regexp.MustCompile(`^(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:(?:至|到|—|–|-|－|~|～)(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?)?`)
	yearRE        = regexp.MustCompile(`(\d{4})年`)
)

// inspection reads, from the introduction, who inspected whom and when. A
// date written without its year (8月8日) takes the year of the date before
// it, or the next year when that would put it before the date before it.
func (rc *recogniser) inspection(intro []line) {
	in := &rc.fm.Inspection
	for _, l := range intro {
		m := groupRE.FindStringSubmatchIndex(l.Text)
		if m == nil {
			continue
		}
		s := l.Text
		in.Group = leadingDateRE.ReplaceAllString(s[m[2]:m[3]], "")
		in.Kind, in.Organization = s[m[4]:m[5]], strings.TrimSuffix(s[m[6]:m[7]], "的")
		rc.note("inspection: %s, %s inspected %s", in.Kind, in.Group, in.Organization)
		if r := roundRE.FindStringSubmatch(s); r != nil {
			in.Round = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(r[1], "根据"), "按照"), " ")
			rc.note("round: %s", in.Round)
		}
		rc.period(l, intro)
		return
	}
	rc.warn(line{}, "the introduction does not say, in a form import knows (…巡视组对…开展了巡视), who inspected whom: fill in [inspection] (未识别巡视(察)组和被巡视(察)单位)")
}

// period reads the inspection's start and end, then the feedback date.
func (rc *recogniser) period(l line, intro []line) {
	in := &rc.fm.Inspection
	year := rc.contextYear(intro)
	p := periodRE.FindStringSubmatchIndex(l.Text)
	if p == nil {
		rc.warn(l, "the inspection's dates are not written as 2024年3月18日至5月20日: fill in start and end (未识别巡视(察)起止日期)")
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
		rc.warn(l, "the inspection's dates %q cannot be read: fill in start and end (巡视(察)起止日期无法识别)", s[p[0]:p[1]])
		return
	}
	in.Start, in.End = notice.Date{Time: start}, notice.Date{Time: end}
	rc.note("inspection: from %s to %s", in.Start.ISO(), in.End.ISO())
	rc.feedback(l, s[p[1]:], intro, end)
}

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
			rc.note("feedback: %s", d.Format(time.DateOnly))
			return
		}
	}
	rc.warn(l, "no feedback date (…月…日, …反馈了巡视意见) was found: fill in feedback (未识别反馈日期)")
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

package lint

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"disclose/internal/notice"
)

// metadata runs the rules on the front matter's dates and their echo in
// the text.
func (c *checker) metadata() {
	c.dateOrder()
	c.introDates()
	c.dateFormat()
	c.signDateFormat()
	c.disclosure()
}

// keyedDate is a date of the notice: a front-matter date and its key, or
// the signing date as the signature line in the text writes it (off, its
// body offset, is then not -1).
type keyedDate struct {
	t    time.Time
	off  int
	name string // as messages call it: its key, dotted, when it has one
}

// key returns the front-matter key of d, a date with one.
func (d keyedDate) key() []string { return strings.Split(d.name, ".") }

// dateOrder: start <= end < feedback < signature <= publication. The
// signing date is signature.date or, when that is not given, the one the
// signature line kept in the text writes (2025年05月21日 after an import that
// left the signature in the text); a signature line that disagrees with
// signature.date is reported too.
func (c *checker) dateOrder() {
	in, n := c.n.Inspection, c.n
	pub := time.Time{}
	if n.Date.Set() {
		d := n.Date.In(notice.ChinaTime)
		pub = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	}
	key := func(t time.Time, name string) keyedDate { return keyedDate{t: t, off: -1, name: name} }
	signed := key(n.Signature.Date.Time, "signature.date")
	if w, off, ok := c.signatureLine(); ok {
		t, _ := w.Time()
		switch {
		case !signed.t.IsZero() && !t.Equal(signed.t):
			c.at(off, ruleDateOrder, "落款日期应与 signature.date 一致",
				"落款写的是%[1]s, 但 signature.date 是%[2]s; the signature line writes %[1]s but signature.date is %[2]s", c.body.text[off:off+w.End], n.Signature.Date.Chinese())
		case signed.t.IsZero():
			signed = keyedDate{t: t, off: off, name: "the signing date " + c.body.text[off:off+w.End]}
		}
	}
	chain := [...]keyedDate{key(in.Start.Time, "inspection.start"), key(in.End.Time, "inspection.end"),
		key(in.Feedback.Time, "inspection.feedback"), signed, key(pub, "date")}
	strict := []bool{false, true, true, false} // between chain[i] and chain[i+1]
	last := -1
	for i, d := range chain {
		if d.t.IsZero() {
			continue
		}
		if last >= 0 {
			a := chain[last]
			strictLink := slices.Contains(strict[last:i], true)
			if d.t.Before(a.t) || (strictLink && d.t.Equal(a.t)) {
				c.dateOutOfOrder(d, a)
			}
		}
		last = i
	}
}

// dateName is what a Chinese message calls the date that English ones call
// name.
func dateName(name string) string {
	switch name {
	case "inspection.start":
		return "巡视(察)开始日期"
	case "inspection.end":
		return "巡视(察)结束日期"
	case "inspection.feedback":
		return "反馈日期"
	case "signature.date":
		return "成文日期"
	case "date":
		return "发布日期"
	}
	return "落款日期" + strings.TrimPrefix(name, "the signing date ")
}

// dateOutOfOrder reports that d comes before a, or on its day where it
// must come after.
func (c *checker) dateOutOfOrder(d, a keyedDate) {
	word, zh := "before", "%[6]s (%[2]s) 早于%[7]s (%[5]s)"
	if d.t.Equal(a.t) {
		word, zh = "on the same day as", "%[6]s (%[2]s) 与%[7]s (%[5]s) 同一天, 应在其后"
	}
	hint, format := "日期顺序应为: 开始 ≤ 结束 < 反馈 < 成文 ≤ 发布", zh+"; %[1]s (%[2]s) is %[3]s %[4]s (%[5]s)"
	args := []any{d.name, d.t.Format(time.DateOnly), word, a.name, a.t.Format(time.DateOnly),
		dateName(d.name), dateName(a.name)}
	switch {
	case d.off >= 0:
		c.at(d.off, ruleDateOrder, hint, format, args...)
	case a.off >= 0: // the date is in the front matter, the one it should follow in the text
		c.at(a.off, ruleDateOrder, hint, format, args...)
	case d.name == "date" && a.name == "signature.date":
		// Published before it was signed: the publication time is the
		// website's own stamp, the signing date is typed by a person and
		// is the one to check against the signed document.
		c.atKey(a.key(), ruleDateOrder, hint, format, args...)
	default:
		c.atKey(d.key(), ruleDateOrder, hint, format, args...)
	}
}

// signatureLine returns the signing date the text writes, when the body
// ends with the signature kept in the text: a last line that is a whole
// date and nothing else (2025年5月21日, 2025年05月21日), and its body offset.
func (c *checker) signatureLine() (writtenDate, int, bool) {
	paras := c.body.paras
	if len(paras) == 0 {
		return writtenDate{}, 0, false
	}
	p := paras[len(paras)-1]
	text := c.body.of(p)
	// A date that readDate reads whole, and that is a day, ends with 日:
	// a paragraph that does not (most end with 。) is not searched for its
	// last line.
	if !strings.HasSuffix(strings.TrimRight(text, " \t\r\u00a0\u3000"), "日") {
		return writtenDate{}, 0, false
	}
	lineStart := strings.LastIndexByte(text, '\n') + 1
	line := strings.TrimRight(text[lineStart:], " \t\r\u00a0\u3000")
	trimmed := strings.TrimLeft(line, " \t\u00a0\u3000")
	d, size := readDate(trimmed, writtenDate{}, false)
	if _, ok := d.Time(); !ok || size != len(trimmed) {
		return writtenDate{}, 0, false
	}
	off := p.off + lineStart + len(line) - len(trimmed)
	d.Off, d.End = 0, size
	return d, off, true
}

// intro returns the introduction: the first paragraph, before any
// numbered section, that writes a range of dates (2024年3月18日至5月20日),
// among the first three; false when there is none.
func (c *checker) intro() (span, bool) {
	if c.introAt < 0 {
		return span{}, false
	}
	return c.body.paras[c.introAt], true
}

// introIndex looks for the introduction (see intro) and returns its index
// among the paragraphs, -1 when there is none. proofread keeps it in
// c.introAt.
func (c *checker) introIndex() int {
	for i, p := range c.body.paras {
		if i == 3 || len(c.entries) > 0 && c.entries[0].Offset < p.end {
			break
		}
		if slices.ContainsFunc(c.datesOf(i, 0), func(d writtenDate) bool { return d.RangeEnd }) {
			return i
		}
	}
	return -1
}

// datesOf returns the dates paragraph i writes (appendDates), in c.dates,
// which it reuses: the result holds until the next call.
func (c *checker) datesOf(i, year int) []writtenDate {
	c.dates = appendDates(c.dates[:0], c.body.of(c.body.paras[i]), c.body.digitsOf(i), year)
	return c.dates
}

// introDates compares the dates of the introduction with the inspection's:
// the first range in a sentence that names 巡视 or 巡察 is the inspection,
// the first date of a sentence about feedback (反馈) is the feedback.
func (c *checker) introDates() {
	i := c.introAt
	if i < 0 {
		return
	}
	intro := c.body.paras[i]
	in := c.n.Inspection
	year := 0
	if in.Start.Set() {
		year = in.Start.Year()
	}
	dates := c.datesOf(i, year)
	var end writtenDate // the inspection's last day, once read
	rangeSeen, feedbackSeen := false, false
	for k, d := range dates {
		switch {
		case !rangeSeen && k+1 < len(dates) && dates[k+1].RangeEnd && tellsOfInspection(c.sentenceAt(i, d.Off)):
			rangeSeen, end = true, dates[k+1]
			c.introDate(intro, d, in.Start, "inspection.start", "巡视(察)开始日期")
			c.introDate(intro, end, in.End, "inspection.end", "巡视(察)结束日期")
			c.duration(i, d)
		case !feedbackSeen && !d.RangeEnd && strings.Contains(c.sentenceAt(i, d.Off), "反馈"):
			feedbackSeen = true
			if d.Carried && rangeSeen && d.before(end) {
				d.Y++ // 10月31日结束, 1月28日反馈: feedback follows the inspection, in the next year
			}
			c.introDate(intro, d, in.Feedback, "inspection.feedback", "反馈日期")
		}
	}
}

// tellsOfInspection reports whether a sentence of the introduction with a
// range of dates tells of the inspection (…至5月20日，省委第六巡视组对…开展了巡视):
// a range in a sentence that names neither 巡视 nor 巡察 is of something
// else (2024年1月至3月，开展专项整治).
func tellsOfInspection(sentence string) bool {
	return strings.Contains(sentence, notice.KindXunshi) || strings.Contains(sentence, notice.KindXuncha)
}

// sentenceAt returns the sentence of paragraph i holding offset off
// (relative to the paragraph).
func (c *checker) sentenceAt(i, off int) string {
	p := c.body.paras[i]
	c.sents = c.body.appendSentences(c.sents[:0], p, c.body.marksOf(i))
	for _, s := range c.sents {
		if p.off+off < s.end {
			return c.body.of(s)
		}
	}
	return ""
}

func (c *checker) introDate(p span, d writtenDate, want notice.Date, key, label string) {
	if !want.Set() || d.agrees(want.Time) {
		return
	}
	c.at(p.off+d.Off, ruleIntroDates, "导语中的"+label+"与元数据不一致",
		"导语写的是%[1]s, 但 %[2]s 是%[3]s; the introduction writes %[1]s but %[2]s is %[3]s", d.Chinese(), key, want.Chinese())
}

var durationRE = regexp.MustCompile(`为期([0-9０-９]+|[一二两三四五六七八九十百]+)(个多?月|天|日|周)`)

// duration checks "为期45天" in the sentence of paragraph i that holds
// start, the first date of the inspection's range. Days are accepted counted
// either way (both ends included or not); months within half a month;
// "左右" (about) within 15%.
func (c *checker) duration(i int, start writtenDate) {
	in := c.n.Inspection
	if !in.Start.Set() || !in.End.Set() {
		return
	}
	p := c.body.paras[i]
	sentence := c.sentenceAt(i, start.Off)
	m := durationRE.FindStringSubmatchIndex(sentence)
	if m == nil {
		return
	}
	f, _ := readNumber(sentence[m[2]:m[3]])
	unit := sentence[m[4]:m[5]]
	days := in.End.Sub(in.Start.Time).Hours() / 24
	var ok bool
	switch {
	case strings.HasPrefix(sentence[m[1]:], "左右"): // about: within 15%
		ok = math.Abs(f.Value*unitDays(unit)-(days+1)) <= max(3, 0.15*(days+1))
	case unit == "天" || unit == "日":
		ok = equal(f.Value, days) || equal(f.Value, days+1)
	case unit == "周":
		ok = math.Abs(f.Value-(days+1)/7) <= 1
	case unit == "个多月":
		ok = days+1 > f.Value*30.44 && days+1 < (f.Value+1)*30.44
	default:
		ok = math.Abs(f.Value*30.44-(days+1)) <= 15.5
	}
	if !ok {
		off := strings.Index(c.body.of(p), sentence) + m[0]
		c.at(p.off+off, ruleDuration, "所写期限与巡视(察)起止日期不符",
			"%[1]s与 %[2]s 至 %[3]s (首尾两天都计入, 共 %[4]d 天) 不符; %[1]s does not match %[2]s to %[3]s (%[4]d days, both ends included)", sentence[m[0]:m[1]],
			in.Start.ISO(), in.End.ISO(), int(days)+1)
	}
}

// unitDays is the length of a unit of 为期 in days.
func unitDays(unit string) float64 {
	switch unit {
	case "天", "日":
		return 1
	case "周":
		return 7
	}
	return 30.44
}

var isoDateRE = regexp.MustCompile(`(^|[^0-9.])((?:19|20)[0-9]{2})[-./](0?[1-9]|1[0-2])[-./](0?[1-9]|[12][0-9]|3[01])($|[^0-9])`)

// dateFormat: dates in the text as GB/T 9704 writes them, 2025年6月17日:
// no zero padding, no 2025-06-17.
func (c *checker) dateFormat() {
	for i, p := range c.body.paras {
		text := c.body.of(p)
		if c.every || mayPad(text, c.body.digitsOf(i)) { // most paragraphs' dates need not be read
			for _, d := range c.datesOf(i, 0) {
				if !d.Padded {
					continue
				}
				written := text[d.Off:d.End]
				c.at(p.off+d.Off, ruleDateFormat, "月、日不编虚位: 写作 "+unpadded(written)+", 不写 "+written,
					"%[1]s 的月、日前补了零: 写作 %[2]s; %[1]s is zero-padded: write %[2]s", written, unpadded(written))
			}
		}
		if !hasYearThen(text, c.body.digitsOf(i), "-./") {
			continue
		}
		for _, m := range isoDateRE.FindAllStringSubmatchIndex(text, -1) {
			want := text[m[4]:m[5]] + "年" + strings.TrimPrefix(text[m[6]:m[7]], "0") + "月" + strings.TrimPrefix(text[m[8]:m[9]], "0") + "日"
			c.at(p.off+m[4], ruleDateFormat, "正文日期应写作 "+want+", 不写 "+text[m[4]:m[9]],
				"%[1]s: 正文日期写作 %[2]s; %[1]s: write dates in the text as %[2]s", text[m[4]:m[9]], want)
		}
	}
}

// signDateFormat: the signing date as published (signature.date_text), by
// the rule of the text's dates; GB/T 9704 writes it in Arabic numerals too.
func (c *checker) signDateFormat() {
	written, sig := strings.TrimSpace(c.n.Signature.DateText), c.n.Signature.Date
	if written == "" || !sig.Set() {
		return // nothing published apart, or no day to compare: the notice package reports it
	}
	key := []string{"signature", "date_text"}
	d, size := readDate(written, writtenDate{}, false)
	switch {
	case size == len(written) && d.Padded:
		c.atKey(key, ruleDateFormat, "月、日不编虚位: 写作 "+unpadded(written)+", 不写 "+written,
			"落款日期 %[1]s 的月、日前补了零: 写作 %[2]s; signature.date_text %[1]s is zero-padded: write %[2]s", written, unpadded(written))
	case size != len(written):
		c.atKey(key, ruleDateFormat, "成文日期用阿拉伯数字: 写作 "+sig.Chinese(),
			"落款日期 %[1]s: 成文日期用阿拉伯数字写作 %[2]s; signature.date_text %[1]s: write the signing date in Arabic numerals, %[2]s", written, sig.Chinese())
	}
}

var paddedRE = regexp.MustCompile(`(^|[年月])0([1-9])`)

func unpadded(s string) string { return paddedRE.ReplaceAllString(s, "$1$2") }

// indexNumberRE is the form of a 索引号: an organisation code, the year and
// a serial number, e.g. 002482365/2025-00123.
var indexNumberRE = regexp.MustCompile(`^[0-9A-Za-z]+(?:[-.][0-9A-Za-z]+)*[/-]((?:19|20)[0-9]{2})-[0-9]{1,8}$`)

// indexNumber: the 索引号 of the usual form (a warning: sites vary), and
// its year, wherever written, the signing year.
func (c *checker) indexNumber(index string, sig notice.Date) {
	key := []string{"disclosure", "index_number"}
	year := ""
	if m := indexNumberRE.FindStringSubmatch(strings.TrimSpace(index)); m != nil {
		year = m[1]
	} else {
		c.atKey(key, ruleDisclosureForm, "索引号通常写作: 机构代码/年份-流水号",
			"索引号 %[1]q 不是 002482365/2025-00123 的形式; disclosure.index_number %[1]q is not of the form 002482365/2025-00123", index)
		if m := yearInRE.FindStringSubmatch(index); m != nil {
			year = m[1]
		}
	}
	if year != "" && sig.Set() && year != itoa(sig.Year()) {
		c.atKey(key, ruleDisclosure, "索引号中的年份应为成文年份",
			"索引号 %[1]q 的年份是 %[2]s, 但通报成文于 %[3]d 年; disclosure.index_number %[1]q is of %[2]s but the notice was signed in %[3]d", index, year, sig.Year())
	}
}

// yearInRE finds a year standing alone in a 索引号 of another form.
var yearInRE = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)`)

// disclosure: 成文日期 = the signature date; the 索引号 well formed and of
// the signing year; the 文号 with its year in 〔〕.
func (c *checker) disclosure() {
	d, sig := c.n.Disclosure, c.n.Signature.Date
	if d == nil {
		return
	}
	if d.WrittenDate.Set() && sig.Set() && !d.WrittenDate.Equal(sig.Time) {
		c.atKey([]string{"disclosure", "written_date"}, ruleDisclosure, "成文日期应与落款日期一致",
			"成文日期 disclosure.written_date %[1]s 与落款日期 signature.date %[2]s 不同; disclosure.written_date %[1]s differs from signature.date %[2]s", d.WrittenDate.ISO(), sig.ISO())
	}
	if d.IndexNumber != "" {
		c.indexNumber(d.IndexNumber, sig)
	}
	if m := docNumberRE.FindStringSubmatchIndex(d.DocumentNumber); m != nil {
		c.atKey([]string{"disclosure", "document_number"}, ruleDocNumber, "发文字号的年份用六角括号〔〕",
			"发文字号 %[1]q: 年份用六角括号〔〕; disclosure.document_number %[1]q: write the year in 〔〕", d.DocumentNumber)
	}
}

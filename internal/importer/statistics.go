package importer

import (
	"regexp"
	"strconv"
	"strings"

	"disclose/internal/notice"
)

var (
	// clauseSepRE splits a sentence into clauses.
	clauseSepRE = regexp.MustCompile(`[，,；;、]`)
	// statRE reads one figure: "教育提醒4人", "追缴资金120.5万元",
	// "整改完成率达96%". A connecting word (达, 为, 共) is not the label's.
	statRE = regexp.MustCompile(`^(.+?)(?:达到|达|为|共计|共|计)?([0-9０-９]+(?:[.．][0-9０-９]+)?)([%％‰]|\p{Han}{1,4})$`)
)

// statistics reads the statistics sentence, "在巡视整改工作中,教育提醒4人;
// 建立完善制度15项。": the first sentence before the sections whose clauses,
// but for an opening one without figures, each state one figure.
func (rc *recogniser) statistics() {
	for _, l := range rc.bodyText() {
		stats, ok := statSentence(l.Text)
		if !ok {
			continue
		}
		rc.fm.Statistics = stats
		for _, s := range stats {
			rc.note("statistic: %s %s %s", s.Label, s.Value.Text, s.Unit)
		}
		return
	}
	rc.notes["statistics"] = "no statistics sentence was recognised"
}

// statSentence reads s as a statistics sentence.
func statSentence(s string) ([]notice.Statistic, bool) {
	body, ok := strings.CutSuffix(s, "。")
	if !ok || strings.Contains(body, "。") {
		return nil, false
	}
	clauses := clauseSepRE.Split(body, -1)
	if !strings.ContainsAny(clauses[0], "0123456789０１２３４５６７８９") {
		clauses = clauses[1:]
	}
	var stats []notice.Statistic
	for _, c := range clauses {
		m := statRE.FindStringSubmatch(c)
		if m == nil {
			return nil, false
		}
		v, text, ok := number(toASCIIDigits(m[2]))
		if !ok {
			return nil, false
		}
		stats = append(stats, notice.Statistic{Label: m[1], Value: notice.Number{Value: v, Text: text}, Unit: m[3]})
	}
	return stats, len(stats) > 0
}

// toASCIIDigits writes full-width digits and points as ASCII ones.
func toASCIIDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．':
			return '.'
		}
		return r
	}, s)
}

// number reads a figure's digits and writes them as TOML writes a number
// (no leading zeros: "05" is 5); a figure of more than twelve digits is not
// a statistic.
func number(digits string) (float64, string, bool) {
	whole, frac, _ := strings.Cut(digits, ".")
	if len(whole) > 12 {
		return 0, "", false
	}
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return 0, "", false
	}
	text := strings.TrimLeft(whole, "0")
	if text == "" {
		text = "0"
	}
	if frac != "" {
		text += "." + frac
	}
	return v, text, true
}

package importer

import (
	"strconv"
	"strings"

	"disclose/internal/lint"
	"disclose/internal/notice"
)

// statistics reads the statistics sentences of the text before the
// sections, "在巡视整改工作中,教育提醒4人;建立完善制度15项。", with the
// proofreader's reader (lint.ReadStatistics): an entry for each figure,
// so that check finds every figure of them listed. 三人 is value 3, and
// 40余人 is value 40 with the unit 余人 (see lint.Figure).
func (rc *recogniser) statistics() {
	for _, l := range rc.bodyText() {
		for _, f := range lint.ReadStatistics(l.Text) {
			v, text, ok := figureValue(f)
			if !ok {
				continue
			}
			rc.fm.Statistics = append(rc.fm.Statistics, notice.Statistic{Label: f.Label, Value: notice.Number{Value: v, Text: text}, Unit: f.Unit})
			rc.note("统计 (statistic): %s %s %s", f.Label, text, f.Unit)
		}
	}
	if len(rc.fm.Statistics) == 0 {
		rc.notes["statistics"] = "未识别到统计句; no statistics sentence was recognised"
	}
}

// figureValue is the value of f as the front matter writes it.
func figureValue(f lint.Figure) (float64, string, bool) {
	if f.Chinese {
		return f.Value, strconv.FormatFloat(f.Value, 'f', -1, 64), true
	}
	return number(toASCIIDigits(f.Number))
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

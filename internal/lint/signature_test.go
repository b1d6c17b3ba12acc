package lint

import (
	"slices"
	"strings"
	"testing"

	"disclose/internal/markdown"
	"disclose/internal/notice"
)

// TestSignatureLine: a signature kept in the text, as import leaves one
// whose date is written with zero padding, is still read: date-format
// reports the padding, and the date order is checked with its date.
func TestSignatureLine(t *testing.T) {
	const intro = "根据县委统一部署，2024年4月8日至6月7日，县委第二巡察组对县某某局党组开展了巡察。8月16日，县委巡察组向县某某局党组反馈了巡察意见。\n\n（一）整治作风。\n\n"
	tests := []struct {
		name, published, signed, tail string
		want                          []string
	}{
		{"padded, after publication, no signature.date", "2025-05-20", "", "中共某某县某某局党组\n2025年05月21日", []string{"date-format warning", "date-order error"}},
		{"padded, in order", "2025-05-22", "", "中共某某县某某局党组\n2025年05月21日", []string{"date-format warning"}},
		{"padded, agreeing with signature.date", "2025-05-22", "2025-05-21", "中共某某县某某局党组\n\n2025年05月21日", []string{"date-format warning"}},
		{"unpadded, before feedback", "2025-05-22", "", "中共某某县某某局党组\n2024年8月1日", []string{"date-order error"}},
		{"disagreeing with signature.date", "2025-05-22", "2025-05-20", "中共某某县某某局党组\n2025年5月21日", []string{"date-order error"}},
		{"in full-width digits with a leading full-width space", "2025-05-22", "", "中共某某县某某局党组\n\u3000２０２５年５月２１日", nil},
		{"a last sentence with a date is no signature", "2025-05-20", "", "局党组于2025年5月21日召开专题会议。", nil},
		{"with a full-width space after the date", "2025-05-20", "", "中共某某县某某局党组\n2025年05月21日\u3000", []string{"date-format warning", "date-order error"}},
		{"a last line that ends in 日 but is no date", "2025-05-20", "", "中共某某县某某局党组\n于2025年5月21日", nil},
	}
	conv := markdown.New(markdown.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := shapedNotice("中共某某县某某局党组关于巡察整改情况的通报", "巡察", "县委第二巡察组", "县某某局党组", "中共某某县某某局党组", intro+tt.tail)
			src = strings.Replace(src, "2025-06-20T10:00:00+08:00", tt.published, 1)
			src = strings.Replace(src, "date = 2025-06-18", "date = "+tt.signed, 1)
			if tt.signed == "" {
				src = strings.Replace(src, "date = \n", "", 1)
			}
			n, _ := notice.Parse(basePath, []byte(src))
			if n == nil {
				t.Fatal("the notice does not parse")
			}
			n.Punctuation = notice.FullWidth
			var got []string
			for _, d := range Notice(n, conv).Problems {
				if d.Rule == ruleDateOrder.ID || d.Rule == ruleDateFormat.ID {
					got = append(got, d.Rule+" "+d.Severity.String())
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q:\n%v", got, tt.want, Notice(n, conv).Problems)
			}
		})
	}
}

// TestIntroRange: the range of dates the introduction compares with the
// inspection's is the first in a sentence that names 巡视 or 巡察.
func TestIntroRange(t *testing.T) {
	tests := []struct {
		name, intro string
		want        []string
	}{
		{"another range first", "2024年1月至3月，县某某局开展了专项整治。根据县委统一部署，2024年4月8日至6月7日，县委第二巡察组对县某某局党组开展了巡察。8月16日，县委巡察组反馈了巡察意见。", nil},
		{"planted: the inspection's range differs", "2024年1月至3月，县某某局开展了专项整治。根据县委统一部署，2024年4月8日至6月9日，县委第二巡察组对县某某局党组开展了巡察。8月16日，县委巡察组反馈了巡察意见。", []string{"intro-dates"}},
	}
	conv := markdown.New(markdown.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := parseNotice(t, shapedNotice("中共某某县某某局党组关于巡察整改情况的通报", "巡察", "县委第二巡察组", "县某某局党组", "中共某某县某某局党组", tt.intro+"\n\n（一）整治作风。\n"))
			var got []string
			for _, d := range Notice(n, conv).Problems {
				if d.Rule == ruleIntroDates.ID || d.Rule == ruleDuration.ID {
					got = append(got, d.Rule)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q:\n%v", got, tt.want, Notice(n, conv).Problems)
			}
		})
	}
}

// TestSignatureDateText: the signing date as published, in
// signature.date_text (import keeps 2025年05月21日 there), is held to the
// rule of the text's dates, and signature.date is still ordered after the
// feedback and before publication; a signing date after publication is
// reported on the line of signature.date.
func TestSignatureDateText(t *testing.T) {
	const intro = "根据县委统一部署，2024年4月8日至6月7日，县委第二巡察组对县某某局党组开展了巡察。8月16日，县委巡察组向县某某局党组反馈了巡察意见。\n\n（一）整治作风。\n"
	tests := []struct {
		name, published, signed, text string
		want                          []string // rule severity line
	}{
		{"as the page writes it", "2025-05-22", "2025-05-21", "", nil},
		{"zero-padded, in order", "2025-05-22", "2025-05-21", "2025年05月21日", []string{"date-format warning 21"}},
		{"zero-padded, signed after publication", "2025-05-20", "2025-05-21", "2025年05月21日", []string{"date-format warning 21", "date-order error 20"}},
		{"unpadded, signed after publication", "2025-05-20", "2025-05-21", "", []string{"date-order error 20"}},
		{"in Chinese numerals", "2025-05-22", "2025-05-21", "二〇二五年五月二十一日", []string{"date-format warning 21"}},
		{"in full-width digits", "2025-05-22", "2025-05-21", "２０２５年５月２１日", nil},
	}
	conv := markdown.New(markdown.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := shapedNotice("中共某某县某某局党组关于巡察整改情况的通报", "巡察", "县委第二巡察组", "县某某局党组", "中共某某县某某局党组", intro)
			src = strings.Replace(src, "2025-06-20T10:00:00+08:00", tt.published, 1)
			signed := "date = " + tt.signed + "\n"
			if tt.text != "" {
				signed += "date_text = \"" + tt.text + "\"\n"
			}
			src = strings.Replace(src, "date = 2025-06-18\n", signed, 1)
			n, problems := notice.Parse(basePath, []byte(src))
			if n == nil || len(problems) > 0 {
				t.Fatalf("the notice does not parse cleanly: %v", problems)
			}
			var got []string
			for _, d := range Notice(n, conv).Problems {
				if d.Rule == ruleDateOrder.ID || d.Rule == ruleDateFormat.ID {
					got = append(got, d.Rule+" "+d.Severity.String()+" "+itoa(d.Line))
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q:\n%v", got, tt.want, Notice(n, conv).Problems)
			}
		})
	}
}

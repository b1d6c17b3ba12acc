package lint

import (
	"slices"
	"testing"

	"disclose/internal/markdown"
)

// TestRepeatsChinese: count-repeat reads figures written in Chinese
// numerals as the statistics reader does: a figure of the summary stated
// again in a section, in either kind of numerals, states the same number.
func TestRepeatsChinese(t *testing.T) {
	const intro = "根据县委统一部署，2024年4月8日至6月7日，县委第二巡察组对县某某局党组开展了巡察。8月16日，县委巡察组向县某某局党组反馈了巡察意见。\n\n"
	const summary = "在巡察整改工作中，对村干部批评教育三人，建立完善制度十五项。\n\n"
	tests := []struct {
		name, section string
		want          []string
	}{
		{"the same, in Chinese numerals", "（一）整治作风。对村干部批评教育三人。", nil},
		{"the same, in Arabic numerals", "（一）整治作风。对村干部批评教育3人。", nil},
		{"more than the summary's", "（一）整治作风。对村干部批评教育四人。", []string{"count-repeat error"}},
		{"more, in Arabic numerals", "（一）完善制度。建立完善制度16项。", []string{"count-repeat error"}},
		{"a section's share", "（一）整治作风。对村干部批评教育两人。", []string{"count-share warning"}},
		{"a set phrase beside a share is no restated list", "（一）整治作风。整改一个、销号一个，对村干部批评教育两人。", []string{"count-share warning"}},
		{"a short label is not compared", "（一）整治作风。谈话五人。", nil},
		// Beyond the summary, a clause is read only if it holds the end
		// of a summary label in its unit: these must all be.
		{"a longer label", "（一）整治作风。各单位对村干部批评教育四人。", []string{"count-repeat error"}},
		{"a shorter label that ends the summary's", "（一）整治作风。批评教育四人。", []string{"count-repeat error"}},
		{"a word between label and number", "（一）整治作风。对村干部批评教育共计四人。", []string{"count-repeat error"}},
		{"another unit is not compared", "（一）整治作风。对村干部批评教育四次。", nil},
	}
	conv := markdown.New(markdown.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := parseNotice(t, shapedNotice("中共某某县某某局党组关于巡察整改情况的通报", "巡察", "县委第二巡察组", "县某某局党组", "中共某某县某某局党组",
				intro+summary+tt.section+"\n"))
			var got []string
			for _, d := range Notice(n, conv).Problems {
				if d.Rule == ruleCountRepeat.ID || d.Rule == ruleCountShare.ID {
					got = append(got, d.Rule+" "+d.Severity.String())
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q:\n%v", got, tt.want, Notice(n, conv).Problems)
			}
		})
	}
}

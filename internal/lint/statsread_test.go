package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// briefFigures writes figures as label value unit, a breakdown's parts
// after a >.
func briefFigures(figs []Figure) string {
	var out []string
	for _, f := range figs {
		s := fmt.Sprintf("%s %v %s", f.Label, f.Value, f.Unit)
		if f.Within >= 0 {
			s = "> " + s
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

func TestReadStatistics(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"the seed's sentence", "在巡视整改工作中,教育提醒4人;建立完善制度15项。", "教育提醒 4 人; 建立完善制度 15 项"},
		{"full-width, with money", "在巡察整改工作中，教育提醒4人；挽回经济损失1.13万元；建立完善制度15项。",
			"教育提醒 4 人; 挽回经济损失 1.13 万元; 建立完善制度 15 项"},
		{"a bracketed breakdown", "整改期间，给予党纪处分94人(党内警告53人,严重警告30人,撤销党内职务11人)，追回资金1.6亿元。",
			"给予党纪处分 94 人; > 党内警告 53 人; > 严重警告 30 人; > 撤销党内职务 11 人; 追回资金 1.6 亿元"},
		{"a breakdown with 其中", "巡视整改以来，立案审查12件（其中处级干部3件）。", "立案审查 12 件; > 处级干部 3 件"},
		{"Chinese numerals", "在巡视整改工作中，诫勉谈话三人，出台制度十五项。", "诫勉谈话 3 人; 出台制度 15 项"},
		{"a numeral inside the label", "在巡视整改工作中，制度统一三项，问责两人。", "制度统一 3 项; 问责 2 人"},
		{"more than", "在巡视整改工作中，培训干部40余人，走访群众300多户。", "培训干部 40 余人; 走访群众 300 多户"},
		{"a joining word and a percentage", "在巡视整改工作中，整改完成率达96%，清退资金共计12.5万元。",
			"整改完成率 96 %; 清退资金 12.5 万元"},
		{"several figures, no opener", "截至目前，建立完善制度58项，追回资金1.6亿元。", "建立完善制度 58 项; 追回资金 1.6 亿元"},
		{"a paragraph of figures", "建立完善制度27项，挽回经济损失1350万元。", "建立完善制度 27 项; 挽回经济损失 1350 万元"},
		{"figures amid prose", "县委认真整改。已建立服务点259个，联合家访1700次。下一步…", ""},
		{"a second sentence with an opener", "县委认真整改。截至目前，建立完善制度27项，挽回经济损失1350万元。", "建立完善制度 27 项; 挽回经济损失 1350 万元"},
		{"long labels", "在巡视整改工作中，查处违反中央八项规定精神问题237起，追缴拖欠的城市基础设施配套费0.36亿元。",
			"查处违反中央八项规定精神问题 237 起; 追缴拖欠的城市基础设施配套费 0.36 亿元"},
		{"prose with one figure is no statistics sentence", "召开党组会议9次，制定整改方案，明确整改措施186项。", ""},
		{"prose counting work done", "实施解困行动，已建立服务点259个，提供咨询服务1.13万期，联合家访1700次。", ""},
		{"an opener with a date", "截至2025年5月底，建立完善制度58项，追回资金1.6亿元。", "建立完善制度 58 项; 追回资金 1.6 亿元"},
		{"one figure without an opener", "建立完善制度13项。", ""},
		{"the opener counts at the paragraph's start only",
			"三是强化闭环管理。整改期间召开会议15次，及时研究解决问题。", ""},
		{"a status list is read only as figures", "截至目前，反馈的43个问题已完成整改31个，其余12个正在推进。", ""},
		{"a status list after a total", "对巡视反馈的25个问题，已完成整改19个、正在整改6个，整改完成率76%。", ""},
		{"a status list without a total", "截至目前，已完成整改31个，正在整改12个。", ""},
		{"a clause with two numbers", "被巡察的6个单位党组织共认领问题134个，已完成整改127个，完成率94.8%。", ""},
		{"dates are no figures", "在巡视整改工作中，2025年6月召开会议。", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			figs := ReadStatistics(tt.text)
			if got := briefFigures(figs); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			for _, f := range figs {
				if !strings.HasPrefix(tt.text[f.Off:], f.Number) || !strings.HasSuffix(tt.text[:f.End], f.Unit) && f.Unit != "%" {
					t.Errorf("%s%s%s is not at %d-%d", f.Label, f.Number, f.Unit, f.Off, f.End)
				}
			}
		})
	}
}

func FuzzReadStatistics(f *testing.F) {
	for _, s := range []string{
		"在巡视整改工作中,教育提醒4人;建立完善制度15项。",
		"整改期间，给予党纪处分94人(党内警告53人,严重警告30人)，追回资金1.6亿元。",
		"在巡视整改工作中，诫勉谈话三人，培训干部40余人，整改完成率达96％。",
		"（（，)）在整改中，一万三千零五十人",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fig := range ReadStatistics(s) {
			if fig.Off < 0 || fig.Off > fig.End || fig.End > len(s) || !strings.HasPrefix(s[fig.Off:], fig.Number) {
				t.Fatalf("figure %+v is not in %q", fig, s)
			}
			if utf8.ValidString(s) && !utf8.ValidString(fig.Label+fig.Unit) {
				t.Fatalf("figure %+v cuts a character", fig)
			}
			if fig.Label == "" || fig.Unit == "" {
				t.Fatalf("figure %+v has no label or unit", fig)
			}
		}
	})
}

// TestChineseFigures: the figures in Chinese numerals that close a clause,
// in any sentence, read as the statistics reader reads them.
func TestChineseFigures(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string // label value unit
	}{
		{"对村干部批评教育三人。建立完善制度十五项，退赔2万元。", []string{"对村干部批评教育 3 人", "建立完善制度 15 项"}},
		{"整改一个、销号一个，确保落地。", []string{"整改 1 个", "销号 1 个"}},
		{"统一部署，进一步加强。第三巡察组。", nil},
		{"开展谈话提醒二十余人。", []string{"开展谈话提醒 20 余人"}},
	} {
		var got []string
		for _, f := range ChineseFigures(tt.text) {
			got = append(got, fmt.Sprintf("%s %v %s", f.Label, f.Value, f.Unit))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ChineseFigures(%q): got %q, want %q", tt.text, got, tt.want)
		}
	}
}

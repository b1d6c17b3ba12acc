package render

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"disclose/internal/notice"
)

func stat(label, value, unit string) notice.Statistic {
	v, err := strconv.ParseFloat(value, 64)
	if err != nil {
		panic(err)
	}
	return notice.Statistic{Label: label, Value: notice.Number{Value: v, Text: value}, Unit: unit}
}

func withStats(stats ...notice.Statistic) *notice.Notice {
	return &notice.Notice{FrontMatter: notice.FrontMatter{Statistics: stats}}
}

func TestYearTotals(t *testing.T) {
	tests := []struct {
		name    string
		notices []*notice.Notice
		want    string // label value unit notices; …
	}{
		{"none", []*notice.Notice{withStats()}, ""},
		{"one notice", []*notice.Notice{withStats(stat("教育提醒", "4", "人"), stat("建立完善制度", "15", "项"))},
			"教育提醒 4人 1; 建立完善制度 15项 1"},
		{"summed by label and unit, in order of first appearance", []*notice.Notice{
			withStats(stat("追回资金", "12.35", "万元"), stat("建立完善制度", "9", "项")),
			withStats(stat("建立完善制度", "21", "项"), stat("追回资金", "3.2", "万元"), stat("诫勉谈话", "2", "人")),
		}, "追回资金 15.55万元 2; 建立完善制度 30项 2; 诫勉谈话 2人 1"},
		{"same label, other unit, kept apart", []*notice.Notice{
			withStats(stat("追回资金", "5", "万元")), withStats(stat("追回资金", "800", "元")),
		}, "追回资金 5万元 1; 追回资金 800元 1"},
		{"a figure given twice in one notice counts that notice once", []*notice.Notice{
			withStats(stat("处分", "1", "人"), stat("处分", "2", "人")),
		}, "处分 3人 1"},
		{"percentages averaged, not summed", []*notice.Notice{
			withStats(stat("整改完成率", "96.5", "%")), withStats(stat("整改完成率", "90", "%")),
		}, "整改完成率 93.3% 2 (average)"},
		{"decimals of the most precise figure, no float noise", []*notice.Notice{
			withStats(stat("金额", "0.1", "万元")), withStats(stat("金额", "0.2", "万元")), withStats(stat("金额", "1.13", "万元")),
		}, "金额 1.43万元 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, x := range yearTotals(entriesOf(tt.notices)) {
				line := fmt.Sprintf("%s %s%s %d", x.Label, x.Value, x.Unit, x.Notices)
				if x.Average {
					line += " (average)"
				}
				got = append(got, line)
			}
			if g := strings.Join(got, "; "); g != tt.want {
				t.Errorf("got %q, want %q", g, tt.want)
			}
		})
	}
}

// chartSummary writes charts as "unit: label value percent%, …".
func chartSummary(charts []chart) string {
	var out []string
	for _, c := range charts {
		var rows []string
		for _, r := range c.Rows {
			rows = append(rows, fmt.Sprintf("%s %s%s %s%% at %s/%s", r.Label, r.Value, r.Unit, r.Percent, r.TextY, r.BarY))
		}
		out = append(out, c.ID+": "+strings.Join(rows, ", "))
	}
	return strings.Join(out, "\n")
}

// TestChart: one chart per unit, bars compared only with bars of the same
// unit; a unit with one total gets none (issue 17: 12人, 23项 and 1260.5万元
// were each drawn full length, side by side).
func TestChart(t *testing.T) {
	totals := yearTotals(entriesOf([]*notice.Notice{
		withStats(stat("追回资金", "12.35", "万元"), stat("建立完善制度", "9", "项"), stat("谈话", "0", "人")),
		withStats(stat("建立完善制度", "21", "项"), stat("追回资金", "3.2", "万元"), stat("清退", "6.5", "万元")),
	}))
	charts := newCharts(2024, totals)
	want := "chart-1: 追回资金 15.55万元 100% at 1.2/1.6, 清退 6.5万元 41.8% at 4.2/4.6"
	if got := chartSummary(charts); got != want {
		t.Errorf("charts:\ngot  %s\nwant %s", got, want)
	}
	c := charts[0]
	if wantTitle := "2024年整改数据合计（单位：万元）：追回资金 15.55万元、清退 6.5万元"; c.Title != wantTitle {
		t.Errorf("title: got %q, want %q", c.Title, wantTitle)
	}
	if wantCaption := "单位：万元。条形长度与合计值成正比，最长的一条为本图最大值15.55万元。"; c.Caption != wantCaption {
		t.Errorf("caption: got %q, want %q", c.Caption, wantCaption)
	}
	if c.Height != "6.4" {
		t.Errorf("height: got %s em, want 6.4", c.Height)
	}
	if got := newCharts(2024, nil); got != nil {
		t.Errorf("a year without statistics got charts %v, want none", got)
	}
}

// TestChartOnePerUnit: 12人, 23项 and 1260.5万元, one total each, are not
// drawn at all; two units with two totals each make two charts.
func TestChartOnePerUnit(t *testing.T) {
	one := newCharts(2026, yearTotals(entriesOf([]*notice.Notice{withStats(stat("处理", "12", "人"), stat("制度", "23", "项"), stat("追回", "1260.5", "万元"))})))
	if len(one) != 0 {
		t.Errorf("one total per unit: got charts %s, want none", chartSummary(one))
	}
	two := newCharts(2026, yearTotals(entriesOf([]*notice.Notice{withStats(
		stat("处理", "12", "人"), stat("制度", "23", "项"), stat("提醒", "6", "人"), stat("修订", "46", "项"))})))
	want := "chart-1: 处理 12人 100% at 1.2/1.6, 提醒 6人 50% at 4.2/4.6\nchart-2: 制度 23项 50% at 1.2/1.6, 修订 46项 100% at 4.2/4.6"
	if got := chartSummary(two); got != want {
		t.Errorf("charts:\ngot  %s\nwant %s", got, want)
	}
}

func TestChartPercentages(t *testing.T) {
	charts := newCharts(2024, yearTotals(entriesOf([]*notice.Notice{withStats(stat("完成率", "96.5", "%"), stat("追回", "2", "万元"))})))
	if len(charts) != 1 {
		t.Fatalf("got %d charts, want 1 (the percentage, on its own scale)", len(charts))
	}
	got := charts[0].Rows[0]
	if got.Label != "完成率（平均）" || got.Percent != "96.5" {
		t.Errorf("got %s at %s%%, want 完成率（平均） at 96.5%%", got.Label, got.Percent)
	}
	if !strings.Contains(charts[0].Title, "完成率（平均） 96.5%") {
		t.Errorf("title %q does not say the percentage is a mean", charts[0].Title)
	}
	if want := "单位：%。条形长度为百分比的数值，满格为100%。"; charts[0].Caption != want {
		t.Errorf("caption: got %q, want %q", charts[0].Caption, want)
	}
}

func TestChartSharesWithinUnit(t *testing.T) {
	charts := newCharts(2025, yearTotals(entriesOf([]*notice.Notice{withStats(
		stat("教育提醒", "4", "人"), stat("建立完善制度", "15", "项"), stat("诫勉谈话", "3", "人"), stat("处分", "1", "人"))})))
	if len(charts) != 1 {
		t.Fatalf("got %d charts, want 1: 人 (项 has one total)", len(charts))
	}
	got := map[string]string{}
	var order []string
	for _, r := range charts[0].Rows {
		got[r.Label] = r.Percent
		order = append(order, r.Label)
	}
	if want := "教育提醒 诫勉谈话 处分"; strings.Join(order, " ") != want {
		t.Errorf("order: got %v, want %s", order, want)
	}
	for label, want := range map[string]string{"教育提醒": "100", "诫勉谈话": "75", "处分": "25"} {
		if got[label] != want {
			t.Errorf("%s: got %s%%, want %s%%", label, got[label], want)
		}
	}
}

func TestDisclosureRows(t *testing.T) {
	date := notice.DateTime{Time: time.Date(2024, 11, 20, 10, 30, 0, 0, notice.ChinaTime)}
	written := notice.Date{Time: time.Date(2024, 11, 18, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		name string
		d    *notice.Disclosure
		want string
	}{
		{"none", nil, ""},
		{"all", &notice.Disclosure{IndexNumber: "000/2024-1", DocumentNumber: "区卫健党〔2024〕18号", Publisher: "区卫生健康局",
			Topic: "巡察整改", WrittenDate: written, Method: "主动公开", Scope: "面向社会", Validity: "有效", Name: "某局关于巡察整改情况的通报"},
			"索引号=000/2024-1 文件名称=某局关于巡察整改情况的通报 主题分类=巡察整改 发布机构=区卫生健康局 成文日期=2024年11月18日 文号=区卫健党〔2024〕18号 公开方式=主动公开 公开范围=面向社会 有效性=有效"},
		{"only what is given", &notice.Disclosure{IndexNumber: "000/2024-1"}, "索引号=000/2024-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &notice.Notice{FrontMatter: notice.FrontMatter{Date: date, Disclosure: tt.d}}
			var got []string
			for _, f := range disclosureRows(n) {
				got = append(got, f.Label+"="+f.Value)
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("got %q, want %q", g, tt.want)
			}
		})
	}
}

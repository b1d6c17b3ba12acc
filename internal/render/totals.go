package render

import (
	"math"
	"strconv"
	"strings"
)

// total is one statistic over a year's notices: every figure with the same
// label and unit (教育提醒, 人) summed, or, for a percentage, averaged.
type total struct {
	Label, Unit string
	Value       string // with the decimals of the most precise figure
	Average     bool   // a percentage: Value is the mean, not the sum
	Notices     int    // how many notices give the figure

	sum      float64
	figures  int
	decimals int
}

// yearTotals sums the statistics of notices by label and unit, in the order
// the figures first appear.
func yearTotals(notices []*Entry) []total {
	var totals []total
	index := map[[2]string]int{}
	for _, n := range notices {
		counted := map[int]bool{}
		for _, s := range n.Statistics {
			key := [2]string{s.Label, s.Unit}
			i, ok := index[key]
			if !ok {
				i = len(totals)
				index[key] = i
				totals = append(totals, total{Label: s.Label, Unit: s.Unit})
			}
			t := &totals[i]
			t.sum += s.Value.Value
			t.figures++
			t.decimals = max(t.decimals, decimalsOf(s.Value.Text))
			if !counted[i] {
				counted[i] = true
				t.Notices++
			}
		}
	}
	for i := range totals {
		t := &totals[i]
		if t.Average = isPercent(t.Unit); t.Average {
			t.sum /= float64(t.figures)
		}
		t.Value = strconv.FormatFloat(roundHalfUp(t.sum, t.decimals), 'f', t.decimals, 64)
	}
	return totals
}

// roundHalfUp rounds v to the given decimals as 四舍五入 does: 93.25 → 93.3.
func roundHalfUp(v float64, decimals int) float64 {
	scale := math.Pow(10, float64(decimals))
	return math.Round(v*scale) / scale
}

// isPercent reports whether a unit is a percentage, which adds up to
// nothing: 96.5% and 90% of two organisations are not 186.5%.
func isPercent(unit string) bool { return unit == "%" || unit == "％" }

// decimalsOf counts the digits after the point in a number as written.
func decimalsOf(text string) int {
	if _, frac, ok := strings.Cut(text, "."); ok {
		return len(frac)
	}
	return 0
}

// chart is a horizontal bar chart of the year's totals in one unit, drawn
// by year.html as inline SVG. Lengths are in em (heights) and percent of
// the chart's width (bars), so the chart follows the text size and the
// screen's width, and its labels stay as large as the text around them.
// Figures in different units are not comparable, so each unit has a chart
// of its own, and only where a bar's length says something: a unit with
// two totals or more, each drawn as a share of the largest; or a
// percentage, drawn on its own scale of 100%. A unit with one total has
// no chart: a lone bar as long as itself says nothing the table does not.
type chart struct {
	ID      string // the id of the chart's title element
	Title   string // the accessible name: every figure, in words
	Caption string // what the bars show, exactly
	Height  string
	Rows    []chartRow
}

type chartRow struct {
	Label, Value, Unit string
	TextY, BarY        string // baselines and tops, in em
	BarHeight          string
	Percent            string // bar length, of the chart's width
}

// Row geometry, in em: a line of text over a bar.
const (
	rowPitch  = 3.0
	textBase  = 1.2
	barTop    = 1.6
	barHeight = 1.0
)

// newCharts draws the charts of a year's totals, one per unit that has
// one, in the order the units first appear.
func newCharts(year int, totals []total) []chart {
	var units []string
	byUnit := map[string][]total{}
	for _, t := range totals {
		if _, ok := byUnit[t.Unit]; !ok {
			units = append(units, t.Unit)
		}
		byUnit[t.Unit] = append(byUnit[t.Unit], t)
	}
	var charts []chart
	for _, unit := range units {
		in := byUnit[unit]
		if len(in) < 2 && !isPercent(unit) {
			continue
		}
		charts = append(charts, newChart(year, len(charts)+1, unit, in))
	}
	return charts
}

// newChart draws the totals in, all in unit, as chart number i of the year.
func newChart(year, i int, unit string, in []total) chart {
	c := chart{ID: "chart-" + strconv.Itoa(i)}
	largest := 0.0
	for _, t := range in {
		largest = max(largest, t.sum)
	}
	var words []string
	for _, t := range in {
		c.Rows = append(c.Rows, newChartRow(len(c.Rows), t, largest))
		words = append(words, t.Label+averageMark(t)+" "+t.Value+t.Unit)
	}
	if isPercent(unit) {
		c.Caption = "单位：" + unit + "。条形长度为百分比的数值，满格为100" + unit + "。"
	} else {
		c.Caption = "单位：" + unit + "。条形长度与合计值成正比，最长的一条为本图最大值" + maxValue(in) + unit + "。"
	}
	c.Title = strconv.Itoa(year) + "年整改数据合计（单位：" + unit + "）：" + strings.Join(words, "、")
	c.Height = em(float64(len(c.Rows))*rowPitch + 0.4)
	return c
}

// maxValue is the largest of in's totals as the table writes it.
func maxValue(in []total) string {
	best := in[0]
	for _, t := range in[1:] {
		if t.sum > best.sum {
			best = t
		}
	}
	return best.Value
}

func newChartRow(i int, t total, largest float64) chartRow {
	share := 0.0
	switch {
	case t.Average:
		share = min(max(t.sum, 0), 100) // a percentage is its own share
	case largest > 0 && t.sum > 0:
		share = t.sum / largest * 100
	}
	top := float64(i) * rowPitch
	return chartRow{
		Label: t.Label + averageMark(t), Value: t.Value, Unit: t.Unit,
		TextY: em(top + textBase), BarY: em(top + barTop), BarHeight: em(barHeight),
		Percent: em(share),
	}
}

// em writes a length with at most two decimals: 4.2, 33.33.
func em(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// averageMark follows the label of a figure that is a mean.
func averageMark(t total) string {
	if t.Average {
		return "（平均）"
	}
	return ""
}

package render

import (
	"math"
	"strconv"
	"strings"

	"disclose/internal/notice"
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
func yearTotals(notices []*notice.Notice) []total {
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

// chart is a horizontal bar chart of a year's totals, drawn by year.html as
// inline SVG. Lengths are in em (heights) and percent of the chart's width
// (bars), so the chart follows the text size and the screen's width, and
// its labels stay as large as the text around them. Figures in different
// units are not comparable: each bar is a share of the largest total in its
// own unit, and the rows are grouped by unit.
type chart struct {
	Title   string // the accessible name: every figure, in words
	Caption string
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

func newChart(year int, totals []total) *chart {
	if len(totals) == 0 {
		return nil
	}
	largest := map[string]float64{}
	var units []string
	for _, t := range totals {
		if _, ok := largest[t.Unit]; !ok {
			units = append(units, t.Unit)
		}
		largest[t.Unit] = max(largest[t.Unit], t.sum)
	}
	c := &chart{Caption: "按单位分组；条形长度为同一单位中最大合计值的占比，百分比按其数值。"}
	var words []string
	for _, unit := range units {
		for _, t := range totals {
			if t.Unit != unit {
				continue
			}
			c.Rows = append(c.Rows, newChartRow(len(c.Rows), t, largest[unit]))
			words = append(words, t.Label+averageMark(t)+" "+t.Value+t.Unit)
		}
	}
	c.Title = strconv.Itoa(year) + "年整改数据合计: " + strings.Join(words, "、")
	c.Height = em(float64(len(c.Rows))*rowPitch + 0.4)
	return c
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

package notice

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzBreakTitleAsBefore: BreakTitle, which counts each line's characters
// without cutting the title into strings for every way of breaking it,
// breaks any title as the version that did (breakTitleOld, kept here).
func FuzzBreakTitleAsBefore(f *testing.F) {
	for _, s := range []string{
		"中共浙江省妇女联合会党组关于巡视整改情况的通报",
		"中共某市某区卫生健康局委员会关于十四届区委第四轮巡察整改进展情况的通报",
		"某省交通运输厅党组关于省委第三巡视组反馈意见整改落实情况的通报",
		"AB某某某某某某某某某某某某某某某某某某某某某某某关于整改",
		"关于关于的的整改整改某某某某某某某某某某某某某某某某某某某某某某",
		"某某某某某某某某某某某某某某某某某某某某某某某某某",
		"  某某某某某某某某某某关于某某某某某某某某某某的通报  ",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		if !utf8.ValidString(title) {
			return
		}
		if got, want := BreakTitle(title), breakTitleOld(title); !slices.Equal(got, want) {
			t.Errorf("BreakTitle(%q) = %q, want %q", title, got, want)
		}
	})
}

// breakTitleOld is BreakTitle as it was written first.
func breakTitleOld(title string) []string {
	title = strings.TrimSpace(title)
	if utf8.RuneCountInString(title) <= TitleLineChars {
		return []string{title}
	}
	cands := titleBreaksOld(title)
	var best []int
	bestScore := -1
	for mask := 1; mask < 1<<len(cands); mask++ {
		var cuts []int
		for i, c := range cands {
			if mask&(1<<i) != 0 {
				cuts = append(cuts, c)
			}
		}
		lens := lineLengthsOld(title, cuts)
		if !fits(lens) {
			continue
		}
		score := len(lens)*1000 + breakScore(lens)
		if bestScore < 0 || score < bestScore {
			best, bestScore = cuts, score
		}
	}
	if best == nil {
		return []string{title}
	}
	return cutOld(title, best)
}

// titleBreaks returns the byte offsets where title may break, in order.
func titleBreaksOld(title string) []int {
	seen := map[int]bool{}
	add := func(at int) {
		if at > 0 && at < len(title) {
			seen[at] = true
		}
	}
	about := strings.Index(title, "关于")
	add(about)
	if about >= 0 {
		add(about + len("关于"))
	}
	add(strings.LastIndex(title, "的") + len("的"))
	// 整改 is a word of its own after the inspection's name (巡视整改,
	// 反馈意见整改): a break before it splits no word. 巡视 and 巡察 are not
	// broken before: they end names (省委第三巡视组, 第四轮巡察).
	if at := strings.Index(title, "整改"); about >= 0 && at > about+len("关于") {
		add(at)
	}
	var cuts []int
	for i := range title {
		if seen[i] {
			cuts = append(cuts, i)
		}
	}
	return cuts
}

// lineLengths counts the characters of each line when title is cut at cuts.
func lineLengthsOld(title string, cuts []int) []int {
	var lens []int
	for _, l := range cutOld(title, cuts) {
		lens = append(lens, utf8.RuneCountInString(l))
	}
	return lens
}

func cutOld(title string, cuts []int) []string {
	var lines []string
	from := 0
	for _, c := range cuts {
		lines = append(lines, title[from:c])
		from = c
	}
	return append(lines, title[from:])
}

// BenchmarkBreakTitle measures breaking a long title, as every notice
// page does: new is BreakTitle, old breakTitleOld.
func BenchmarkBreakTitle(b *testing.B) {
	const title = "中共某市某区卫生健康局委员会关于十四届区委第四轮巡察整改进展情况的通报"
	b.Run("new", func(b *testing.B) {
		for b.Loop() {
			BreakTitle(title)
		}
	})
	b.Run("old", func(b *testing.B) {
		for b.Loop() {
			breakTitleOld(title)
		}
	})
}

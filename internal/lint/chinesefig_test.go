package lint

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestMayHoldChineseFigure holds the prefilter of ChineseFigures to it: no
// text that holds a figure written in Chinese numerals may be ruled out.
// The random texts are made of the pieces of such figures, so that many
// hold one and near-misses are frequent.
func TestMayHoldChineseFigure(t *testing.T) {
	seeds := []string{"制度三人 ，", "制度三人 . ", "制度三余人，", "处分两人", "批评教育三人(警告一人)。",
		"建立完善制度十五项；", "挽回损失三万元、", "提高五个百分点", "增长一％,", "制度三人（", "制度三人）"}
	pieces := []string{"制度", "三", "十五", "万", "一", "两", "人", "项", "万元", "个百分点", "％", "%", "余", "多",
		" ", ".", "，", ",", "；", ";", "、", "。", "！", "？", "(", "（", ")", "）", "3", "年", "\xef\xbc", "\xe4", "a"}
	texts := append(seeds, randomText(rand.New(rand.NewPCG(3, 4)), 40000, pieces)...)
	held := 0
	for _, s := range texts {
		if len(chineseFiguresByClauses(s)) == 0 {
			continue
		}
		held++
		if !mayHoldChineseFigure(s) {
			t.Fatalf("mayHoldChineseFigure(%q) = false, but chineseFiguresByClauses finds %v", s, chineseFiguresByClauses(s))
		}
	}
	if held < 1000 {
		t.Errorf("%d of %d texts hold a Chinese figure, want at least 1000: the test proves little", held, len(texts))
	}
	for _, s := range []string{"进一步加强学习，", "一是强化责任。", "3人，"} {
		if mayHoldChineseFigure(s) {
			t.Errorf("mayHoldChineseFigure(%q) = true, want false", s)
		}
	}
}

// TestNumeralEnds: numeralEnds knows the numerals isChineseNumeral knows.
func TestNumeralEnds(t *testing.T) {
	for r := rune(0x3000); r < 0xa000; r++ {
		if got, want := numeralEnds(string(r)), isChineseNumeral(r); got != want {
			t.Errorf("numeralEnds(%q) = %v, want %v", r, got, want)
		}
	}
}

// chineseFiguresByClauses is what ChineseFigures must return: the
// figures in Chinese numerals of every clause clauses cuts of every
// sentence sentencesOf yields.
func chineseFiguresByClauses(text string) []Figure {
	var out []Figure
	for start, end := range sentencesOf(text) {
		for _, c := range appendClauses(nil, text, start, end) {
			if f, ok := clauseFigure(text, c.off, c.end, -1); ok && f.Chinese {
				out = append(out, f)
			}
		}
	}
	return out
}

// TestSentenceClauses holds sentenceClauses to sentencesOf and clauses,
// and ChineseFigures to chineseFiguresByClauses, on random text.
func TestSentenceClauses(t *testing.T) {
	pieces := []string{"制度", "三", "十五", "一", "人", "项", "万元", "余", " ", ".", "，", ",", "；", ";", "、", "。", "！", "？",
		"(", "（", ")", "）", "3", "\xef\xbc", "\xef", "\xe3\x80", "\xbc\x8c", "\xe4", "a"}
	for _, s := range randomText(rand.New(rand.NewPCG(5, 6)), 40000, pieces) {
		var want []clause
		for start, end := range sentencesOf(s) {
			want = append(want, appendClauses(nil, s, start, end)...)
		}
		var got []clause
		for c := range sentenceClauses(s) {
			got = append(got, c)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("sentenceClauses(%q) = %v, want %v", s, got, want)
		}
		if got, want := fmt.Sprint(ChineseFigures(s)), fmt.Sprint(chineseFiguresByClauses(s)); got != want {
			t.Fatalf("ChineseFigures(%q) = %s, want %s", s, got, want)
		}
	}
}

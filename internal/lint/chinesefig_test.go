package lint

import (
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
		if len(chineseFiguresOf(s)) == 0 {
			continue
		}
		held++
		if !mayHoldChineseFigure(s) {
			t.Fatalf("mayHoldChineseFigure(%q) = false, but chineseFiguresOf finds %v", s, chineseFiguresOf(s))
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

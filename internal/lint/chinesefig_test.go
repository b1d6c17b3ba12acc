package lint

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestNumeralEnds: numeralEnds knows the numerals isChineseNumeral knows.
func TestNumeralEnds(t *testing.T) {
	for r := rune(0x3000); r < 0xa000; r++ {
		if got, want := numeralEnds(string(r)), isChineseNumeral(r); got != want {
			t.Errorf("numeralEnds(%q) = %v, want %v", r, got, want)
		}
	}
}

// TestFigureUnitsEnd: numeralUnitEnds tries the units of figureUnits
// after a last rune that one of them ends with, and only then.
func TestFigureUnitsEnd(t *testing.T) {
	for _, u := range figureUnits {
		r, _ := utf8.DecodeLastRuneInString(u)
		if !numeralUnitEnds("三" + u) {
			t.Errorf("numeralUnitEnds(三%s) = false: %c is not among the units' last runes", u, r)
		}
	}
}

// The pieces the random texts are made of: those of figures written in
// Chinese numerals and of statistics sentences, the marks that cut them,
// and bytes that cut a rune in two, so that near-misses are frequent.
var figurePieces = []string{"制度", "三", "十五", "万", "一", "两", "人", "项", "万元", "个百分点", "％", "%", "‰", "余", "多",
	"人次", "万亿元", "点", "次", " ", ".", "，", ",", "；", ";", "、", "。", "！", "？", "!", "(", "（", ")", "）", "3", "1.5", "１", "年",
	"截至目前", "整改以来", "在巡视整改工作中", "其中", "正在", "整改", "\xef\xbc", "\xef", "\xe3\x80", "\xbc\x8c", "\xe4", "a"}

// TestFastReaders holds the readers that cut a paragraph at its marks
// (chineseFigures, readStatistics, numeralUnitEnds) to those that decode
// every rune, on random text.
func TestFastReaders(t *testing.T) {
	held := 0
	for _, s := range randomText(rand.New(rand.NewPCG(5, 6)), 60000, figurePieces) {
		compareReaders(t, s)
		if len(chineseFiguresByClauses(s)) > 0 {
			held++
		}
	}
	if held < 1000 {
		t.Errorf("%d texts hold a figure in Chinese numerals, want at least 1000: the test proves little", held)
	}
}

func compareReaders(t *testing.T, s string) {
	t.Helper()
	if got, want := fmt.Sprint(ChineseFigures(s)), fmt.Sprint(chineseFiguresByClauses(s)); got != want {
		t.Fatalf("ChineseFigures(%q) = %s, want %s", s, got, want)
	}
	var inPeople []Figure
	for _, f := range chineseFiguresByClauses(s) {
		if f.Unit == "人" || f.Unit == "余人" {
			inPeople = append(inPeople, f)
		}
	}
	keep := func(unit, _ string) bool { return unit == "人" || unit == "余人" }
	var people, percent byteSet
	people.addUnit("人")
	people.addUnit("余人")
	percent.addUnit("%")
	for _, ends := range []*byteSet{nil, &people} {
		if got, want := fmt.Sprint(chineseFigures(nil, s, marks(s), keep, ends)), fmt.Sprint(inPeople); got != want {
			t.Fatalf("chineseFigures(%q) of people = %s, want %s", s, got, want)
		}
	}
	var inPercent []Figure
	for _, f := range chineseFiguresByClauses(s) {
		if f.Unit == "%" {
			inPercent = append(inPercent, f)
		}
	}
	keepPercent := func(unit, _ string) bool { return unit == "%" }
	if got, want := fmt.Sprint(chineseFigures(nil, s, marks(s), keepPercent, &percent)), fmt.Sprint(inPercent); got != want {
		t.Fatalf("chineseFigures(%q) in %% = %s, want %s", s, got, want)
	}
	if got, want := fmt.Sprint(ReadStatistics(s)), fmt.Sprint(readStatisticsByRunes(s)); got != want {
		t.Fatalf("ReadStatistics(%q) = %s, want %s", s, got, want)
	}
	open := -1 // where the last bracket opens
	for i := range len(s) + 1 {
		if got, want := numeralUnitEnds(s[:i]), numeralUnitEndsByUnits(s[:i]); got != want {
			t.Fatalf("numeralUnitEnds(%q) = %v, want %v", s[:i], got, want)
		}
		for _, from := range []int{0, max(0, open-2), max(0, i-4)} {
			if got, want := newClause(s, from, i, open), newClauseByRunes(s, from, i, open); got != want {
				t.Fatalf("newClause(%q, %d, %d, %d) = %v, want %v", s, from, i, open, got, want)
			}
		}
		if i < len(s) && (s[i] == '(' || strings.HasPrefix(s[i:], "（")) {
			open = i
		}
	}
}

// FuzzFastReaders is TestFastReaders on the fuzzer's texts.
func FuzzFastReaders(f *testing.F) {
	for _, s := range []string{"对村干部批评教育三人。建立完善制度十五项，退赔2万元。", "整改一个、销号一个，确保落地。",
		"在巡视整改工作中，诫勉谈话三人，培训干部40余人，整改完成率达96％。", "整改期间，给予党纪处分94人(党内警告53人,严重警告30人)，追回资金1.6亿元。",
		"截至目前，建立完善制度58项，追回资金1.6亿元。", "（（，)）在整改中，一万三千零五十人", "提高五个百分点。增长一％,三‰" + strings.Repeat("）", 3)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { compareReaders(t, s) })
}

// TestChineseNumerals: the numerals' values, as the tables the readers
// once looked them up in gave them.
func TestChineseNumerals(t *testing.T) {
	digits := map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	units := map[rune]int{'十': 10, '百': 100, '千': 1000}
	for r := rune(0); r < 0x10000; r++ {
		d, isDigit := chineseDigit(r)
		u, isUnit := chineseUnit(r)
		wd, wantDigit := digits[r]
		wu, wantUnit := units[r]
		if d != wd || isDigit != wantDigit || u != wu || isUnit != wantUnit {
			t.Errorf("%c: digit %d %v, unit %d %v; want %d %v, %d %v", r, d, isDigit, u, isUnit, wd, wantDigit, wu, wantUnit)
		}
		if got, want := isChineseNumeral(r), wantDigit || wantUnit || r == '万'; got != want {
			t.Errorf("isChineseNumeral(%c) = %v, want %v", r, got, want)
		}
	}
}

// TestTotalsOf: told what its paragraph holds, as the counts rules tell
// it, totalsOf finds the totals totalsIn finds, and those the expressions
// find run on the whole text (totalsByExpressions).
func TestTotalsOf(t *testing.T) {
	pieces := []string{"反馈", "共", "计", "的", "个问题", "问题共", "问", "突出", "25", "十", "制定", "措施", "任务", "图斑", "排查",
		"合计", "18", "１", "条", "项", "件", "处", "，", "\xef\xbc", "a", "认领", "已完成整改", "各项工作扎实推进取得明显成效", "\xf0\xa0\x80\x80"}
	found := 0
	for _, s := range randomText(rand.New(rand.NewPCG(7, 8)), 40000, pieces) {
		want := fmt.Sprint(totalsIn(s))
		if ref := fmt.Sprint(totalsByExpressions(s)); ref != want {
			t.Fatalf("totalsIn(%q) = %s, want %s", s, want, ref)
		}
		if got := fmt.Sprint(totalsOf(s, wensOf(s), totalWords(s, hanTotal), digits(s), 0)); got != want {
			t.Fatalf("totalsOf(%q) = %s, want %s", s, got, want)
		}
		if got, want := mayStateTotalAt(s, wensOf(s), 0), mayStateTotalByIndex(s); got != want {
			t.Fatalf("mayStateTotalAt(%q) = %v, want %v", s, got, want)
		}
		// As a sentence of a paragraph, after another, where scan found 问题.
		p := "反馈问题共3个。" + s
		base := len("反馈问题共3个。")
		if got := fmt.Sprint(totalsOf(p[base:], wensOf(p)[1:], hanTotal, digits(p)[1:], base)); got != want {
			t.Fatalf("totalsOf(%q) after a sentence = %s, want %s", s, got, want)
		}
		if got, want := mayLabelTotalAt(s, digits(s), 0), mayLabelTotal(s); got != want {
			t.Fatalf("mayLabelTotalAt(%q) = %v, want %v", s, got, want)
		}
		if want != "[]" {
			found++
		}
	}
	if found < 1000 {
		t.Errorf("%d texts state a total, want at least 1000: the test proves little", found)
	}
}

// TestNumeralUnitLast: the tables numeralUnitEnds rules a clause out by
// have the last two bytes of every numeral, of 余 and 多, and of every
// Chinese character a unit ends with.
func TestNumeralUnitLast(t *testing.T) {
	for _, r := range "零〇一二两三四五六七八九十百千万余多" {
		if b := string(r); numeralNoted[b[1]&0x3F]>>(b[2]&0x3F)&1 == 0 {
			t.Errorf("numeralNoted lacks %c", r)
		}
	}
	for _, u := range figureUnits {
		if r, _ := utf8.DecodeLastRuneInString(u); isHan(r) && unitNoted[u[len(u)-2]&0x3F]>>(u[len(u)-1]&0x3F)&1 == 0 {
			t.Errorf("unitNoted lacks %c, of %s", r, u)
		}
	}
	for _, r := range "点元次人户件个家期亩" {
		if b := string(r); unitNoted[b[1]&0x3F]>>(b[2]&0x3F)&1 == 0 {
			t.Errorf("unitNoted lacks %c", r)
		}
	}
}

// wensOf returns where scan finds that text says 问题.
func wensOf(text string) []int {
	var sc scanner
	sc.scan(text)
	return sc.wen
}

// totalsIn returns the totals of problems (反馈25个问题, 问题共562个) or
// of measures (制定整改措施78条) that sentence text states, in order, as
// the totals rule reads them (totalsOf).
func totalsIn(text string) []total {
	var sc scanner
	sc.scan(text)
	return totalsOf(text, sc.wen, hanTotal, sc.digits, 0)
}

package lint

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"disclose/internal/contact"
	"disclose/internal/numbering"
)

// The scanners that stand in for regular expressions on hot paths must
// find exactly what the expressions find; the expressions are kept here as
// their specification.

var parenRE = regexp.MustCompile(`([0-9０-９]+)(人|件|个|项|起|家|次|条|名|篇|处)[（(]([^（()）]+)[）)]`)

var scanSeeds = []string{
	"党纪处分9人（警告5人、严重警告4人）。",
	"处理12件(立案7件、初核4件)，诫勉谈话3人（含2人）",
	"9人（警告（5人）", "9人()", "9人(", "人(a)", "(1)", "１２人（a）b3项(c)",
	"12件(a)(b)3人(c)", "2人（x)3人(y）", "x9人\n(警告5人)",
}

func FuzzParenFigures(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := fmt.Sprint(parenFigures(s, marks(s))), fmt.Sprint(parenRE.FindAllStringSubmatchIndex(s, -1))
		if got != want {
			t.Errorf("parenFigures(%q) = %s, want %s", s, got, want)
		}
		// The rule gives it only the marks that may open or close a
		// pair, among which are all round brackets.
		var sc scanner
		sc.scan(s)
		if got := fmt.Sprint(parenFigures(s, sc.pairs)); got != want {
			t.Errorf("parenFigures(%q, pair marks) = %s, want %s", s, got, want)
		}
	})
}

// marksByRange is what marks must return: the marks that ranging over
// the runes of s finds.
func marksByRange(s string) []int {
	var out []int
	for i, r := range s {
		if isMark(r) {
			out = append(out, i)
		}
	}
	return out
}

func FuzzMarks(f *testing.F) {
	for _, s := range []string{"（一）加强学习,,提高 认识\"三个\"。", "\xe2\x80“”\xef（", "a　b、c", "\xe4(\xbc)", "一是巡察问题问题是", "\xe5巡\xe6\x98是问\xe9\xa2",
		// Two runes of three bytes read at once (hanRun): a character and a
		// mark, a mark and a character, two marks, and runes of three
		// bytes that are neither.
		"加强，学习。提高：认识、是“巡”", "，加。强（１）学", "字\xe0\xa0\x80字", "字\xed\x80\x80字\xea\x80\x80", "是a\x80\x80字字", "字字\xe3\x80", "，，，，问题"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fmt.Sprint(marks(s)), fmt.Sprint(marksByRange(s)); got != want {
			t.Errorf("marks(%q) = %s, want %s", s, got, want)
		}
		// The marks that may open or close a pair, which the brackets
		// rule reads, are those of the marks mayPair says may.
		var sc scanner
		sc.scan(s)
		pairs := slices.DeleteFunc(marksByRange(s), func(i int) bool { return !mayPair(s, i) })
		if got, want := fmt.Sprint(sc.pairs), fmt.Sprint(pairs); got != want {
			t.Errorf("pair marks of %q = %s, want %s", s, got, want)
		}
		// Where it says 巡, 是 and 问题, which the rules on the kind of
		// inspection, enumerations and totals read.
		for _, w := range []struct {
			word string
			got  []int
		}{{"巡", sc.xun}, {"是", sc.shi}, {"问题", sc.wen}} {
			var want []int
			for from := 0; ; {
				j := strings.Index(s[from:], w.word)
				if j < 0 {
					break
				}
				want = append(want, from+j)
				from += j + len(w.word)
			}
			if fmt.Sprint(w.got) != fmt.Sprint(want) {
				t.Errorf("%s in %q at %v, want %v", w.word, s, w.got, want)
			}
		}
	})
}

// labelTotalRE is what labelTotals finds.
var labelTotalRE = regexp.MustCompile(`(?:反馈|认领|发现|制定|梳理|交办|指出|查摆|排查)(?:的|了|出)?(\p{Han}{0,10}?(?:问题|措施|任务|图斑))(?:共|总计|合计)?([0-9０-９]+)(个|条|项|件|处)`)

var sectionsRE = regexp.MustCompile(`([0-9０-９]+|[零一二两三四五六七八九十百千]+)个方面(?:的|突出)?问题|反馈(?:的)?([0-9０-９]+|[零一二两三四五六七八九十百千]+)个方面`)

var committeeKindRE = regexp.MustCompile(`(中央|省委|自治区党委|[\p{Han}]{0,8}?市委|[\p{Han}]{0,8}?[县区旗]委)(?:第[一二三四五六七八九十]+)?(巡视|巡察)$`)

func FuzzSectionCounts(f *testing.F) {
	for _, s := range []string{"针对反馈的7个方面问题", "反馈七个方面", "巡视反馈的十个方面的问题", "3个方面突出问题，反馈的２个方面", "反馈的7二个方面问题", "个方面问题"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fmt.Sprint(sectionCounts(s)), fmt.Sprint(sectionsRE.FindAllStringSubmatchIndex(s, -1)); got != want {
			t.Errorf("sectionCounts(%q) = %s, want %s", s, got, want)
		}
	})
}

func FuzzCommitteeKind(f *testing.F) {
	for _, s := range []string{"省委第六巡视", "根据杭州市委第一巡察", "西湖区委巡察", "中央巡视", "自治区党委第十一巡视",
		"市委巡视巡察", "开展了巡察", "北京市委巡视", "第一巡视", "委第巡视", "\xe5\x85省委巡视", "某县委常委第二十巡察"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := fmt.Sprint(committeeKind(s)), fmt.Sprint(committeeKindRE.FindStringSubmatchIndex(s))
		if got != want {
			t.Errorf("committeeKind(%q) = %s, want %s", s, got, want)
		}
	})
}

// randomText returns n strings made of the pieces each expression looks
// for, so that near-misses are frequent; a piece may cut a rune in two.
func randomText(r *rand.Rand, n int, pieces []string) []string {
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		out[i] = b.String()
	}
	return out
}

func TestScannersAgainstExpressions(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name   string
		pieces []string
		got    func(string) string
		want   func(string) string
	}{
		{"parenFigures", []string{"9", "１", "0", "人", "件", "处", "名", "(", ")", "（", "）", "警告", "、", "\n", "a", "\xef"},
			func(s string) string { return fmt.Sprint(parenFigures(s, marks(s))) },
			func(s string) string { return fmt.Sprint(parenRE.FindAllStringSubmatchIndex(s, -1)) }},
		{"marks", []string{"，", "。", "“", "”", " ", "\u3000", "\t", "(", "）", "【", "字", "a", "\xe2\x80", "\xef", "\xbc", "\xe4"},
			func(s string) string { return fmt.Sprint(marks(s)) },
			func(s string) string { return fmt.Sprint(marksByRange(s)) }},
		{"enumerationItems", []string{"一", "二", "三", "九", "十", "是", "一是", "，", "。", "；", "\n", " ", "\x00", "“", "字", "a"},
			func(s string) string {
				var got [][2]int
				for i, n := range enumerationItems(s) {
					got = append(got, [2]int{i, n})
				}
				return fmt.Sprint(got)
			},
			func(s string) string { return fmt.Sprint(enumerationItemsByStep(s)) }},
		{"isStatsSentence", []string{"在", "巡视", "巡察", "整改", "工作", "中", "期间", "以来", "，", "字", "\xf0\xa0\x80\x80", "a", "\xe5", "。", ",", "巡", "整", "\n"},
			func(s string) string { return fmt.Sprint(isStatsSentence(s)) },
			func(s string) string { return fmt.Sprint(statsSentenceRE.MatchString(s)) }},
		{"digits", []string{"１", "９", "0", "9", "，", "字", "\xef\xbc", "\xef", "\xbc\x90", "\xf0\x9f\x98", "\xe4", "\x80", "a"},
			func(s string) string { return fmt.Sprint(digits(s)) },
			func(s string) string {
				var at []int
				for i, r := range s {
					if digit(r) >= 0 {
						at = append(at, i)
					}
				}
				return fmt.Sprint(at)
			}},
		{"sectionCounts", []string{"反馈", "的", "7", "１", "七", "十", "个方面", "个", "方面", "问题", "突出", "问", "a", "\xef", "\xe4"},
			func(s string) string { return fmt.Sprint(sectionCounts(s)) },
			func(s string) string { return fmt.Sprint(sectionsRE.FindAllStringSubmatchIndex(s, -1)) }},
		{"labelTotals", []string{"反馈", "制定", "排查", "发现", "的", "了", "出", "整改", "问题", "措施", "图斑", "任务", "共", "总计", "合计", "18", "１", "９", "个", "条", "项", "件", "处", "，", "\xef\xbc", "\xef", "a", "问"},
			func(s string) string { return fmt.Sprint(labelTotals(s)) },
			func(s string) string { return fmt.Sprint(labelTotalRE.FindAllStringSubmatchIndex(s, -1)) }},
		{"committeeKind", []string{"省", "委", "市", "县", "区", "旗", "第", "一", "十", "巡视", "巡察", "巡", "中央", "自治区党", "某", "a", "\xe5\x85"},
			func(s string) string { return fmt.Sprint(committeeKind(s)) },
			func(s string) string { return fmt.Sprint(committeeKindRE.FindStringSubmatchIndex(s)) }},
	}
	// A fast test that rules text out before an expression runs must never
	// rule out a text the expression matches.
	prefilter := func(fast func(string) bool, re *regexp.Regexp) func(string) string {
		return func(s string) string { return fmt.Sprint(!fast(s) && re.MatchString(s)) }
	}
	never := func(string) string { return "false" }
	dates := []string{"2024", "1999", "-", ".", "/", "6", "12", "0", "年", "\xef"}
	tests = append(tests, []struct {
		name   string
		pieces []string
		got    func(string) string
		want   func(string) string
	}{
		{"isoDate prefilter", dates, prefilter(func(s string) bool { return hasYearThen(s, digits(s), "-./") }, isoDateRE), never},
		{"docNumber prefilter", []string{"浙", "党[", "浙（", "]", "）", "］3号", "2025", "1999", "12", "号", "\xef"},
			prefilter(func(s string) bool { return strings.Contains(s, "号") && hasYearThen(s, digits(s), "]】］)）﹞") }, docNumberRE), never},
		{"total prefilter", []string{"反馈", "共", "的", "了", "个", "问题", "具体", "突出", "25", "十", "，", "a", "问"},
			prefilter(func(s string) bool { return mayStateTotalAt(s, wensOf(s), 0) }, totalRE), never},
		{"opening prefilter", []string{"截至", "截止", "目前", "至此", "总体上", "全年", "整改", "工作", "中", "期间", "以来", "字", "，", "3", "\xf0\xa0\x80\x80", "a", "\xe6"},
			prefilter(mayOpen, openingRE), never},
		{"opening", []string{"截至", "截止", "目前", "至此", "总体上", "全年", "整改", "工作", "中", "期间", "以来", "字", "，", ";", "3", "３", "\xf0\xa0\x80\x80", "a", "\xe6", "\n"},
			func(s string) string { return fmt.Sprint(opening(s)) }, func(s string) string { return fmt.Sprint(openingRE.MatchString(s)) }},
		{"label total prefilter", []string{"反馈", "制定", "排查", "问题", "措施", "图斑", "共", "合计", "18", "１", "９", "个", "条", "项", "件", "处", "，", "\xef\xbc", "\xef", "a"},
			prefilter(mayLabelTotal, labelTotalRE), never},
	}...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range randomText(r, 40000, tt.pieces) {
				if got, want := tt.got(s), tt.want(s); got != want {
					t.Fatalf("%s(%q) = %s, want %s", tt.name, s, got, want)
				}
			}
		})
	}
}

// FuzzDigits: digits finds the digits that ranging over the runes finds.
func FuzzDigits(f *testing.F) {
	for _, s := range []string{"在巡视整改工作中,教育提醒4人", "１５项", "\xe4１", "\xef\xbc", "字\xe4\x80", "\xf0\x9f\x98１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want []int
		for i, r := range s {
			if digit(r) >= 0 {
				want = append(want, i)
			}
		}
		if got := digits(s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("digits(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzIndexHan(f *testing.F) {
	for _, s := range []string{"省委巡视组", "巡", "\xb7\xa1巡", "巡巡察", "a\xe5", "是一是"} {
		f.Add(s, "巡")
		f.Add(s, "问题")
	}
	f.Fuzz(func(t *testing.T, s, sub string) {
		if len(sub) < 2 {
			return
		}
		if got, want := indexHan(s, sub), strings.Index(s, sub); got != want {
			t.Errorf("indexHan(%q, %q) = %d, want %d", s, sub, got, want)
		}
	})
}

// TestIsHan: isHan's shortcuts agree with the Unicode tables on every rune.
func TestIsHan(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := isHan(r), unicode.Is(unicode.Han, r); got != want {
			t.Fatalf("isHan(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestMarkKinds: the tables scan reads give markKind of every rune that
// may be a mark, and no mark is outside them.
func TestMarkKinds(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		var got holds
		switch {
		case r < utf8.RuneSelf:
			got = asciiKinds[r]
		case r >= 0x2000 && r <= 0x3FFF || r >= 0xF000 && r <= 0xFFFF:
			// what scan reads of a rune of three bytes (wideOf)
			s := string(r)
			got = wideOf(s[0], s[1], s[2])
			if isFull := r >= '０' && r <= '９'; isFull != (got&fullDigit != 0) {
				t.Fatalf("%U: full-width digit %v, wideOf says %b", r, isFull, got)
			}
			got &^= fullDigit
		}
		if want := markKind(r); got != want {
			t.Fatalf("kind of %U: got %b, want %b", r, got, want)
		}
	}
}

// TestHanOf: hanOf knows each Chinese character of three bytes whose
// last two bytes hanNoted has, and no other.
func TestHanOf(t *testing.T) {
	known := map[rune]holds{'是': hanShi, '巡': hanXun, '问': hanWen, '措': hanCuo, '务': hanWu, '斑': hanBan}
	for _, r := range contact.Clues {
		known[r] = hanContact
	}
	known['网'] = hanWang
	for r := rune(0x4000); r <= 0x9FFF; r++ {
		s := string(r)
		var got holds
		if hanNoted[uint16(s[1]&0x3F)|uint16(s[2]&0x3F)<<8] {
			got = hanOf(s)
		}
		if got != known[r] {
			t.Errorf("%c: scan notes %b, want %b", r, got, known[r])
		}
	}
}

// FuzzMarkKinds: scan says which kinds of marks text holds, whether a
// mark starts where the one before it ends, which of the characters
// hanOf knows it holds, and, for those of hanWords, which of the words.
func FuzzMarkKinds(f *testing.F) {
	for _, s := range []string{"（一）加强学习,,提高 认识\"三个\"。", "整改。。", "a　b、c", "\xe4(\xbc)", "整改，\xe3\x80整改",
		"一是巡察发现问题", "\xe6是\x98\xaf巡", "题目", "巡",
		"联系电话：0571-1；邮箱：a@b.cn", "网址", "地址", "方式", "措施任务图斑", "务实", "问问题", "服务任务", "访问", "网站网络举报", "网络举\xe6", "a\x00b", "措\xe6\x96", "斑图斑", "\xe8\xaf\x9d\xe9\x82"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want holds
		end := -1
		for i, r := range s {
			switch r {
			case '是':
				want |= hanShi
			case '巡':
				want |= hanXun
			}
			if r != '网' && strings.ContainsRune(contact.Clues, r) {
				want |= hanContact
			}
			if r == masked {
				want |= maskedBytes
			}
			if k := markKind(r); k != 0 {
				if i == end {
					k |= adjacentMarks
				}
				want |= k
				end = i + utf8.RuneLen(r)
			}
		}
		for w, k := range map[string]holds{"问题": hanWen, "措施": hanCuo, "任务": hanWu, "图斑": hanBan, contact.WebLabel: hanWang} {
			if strings.Contains(s, w) {
				want |= k
			}
		}
		if _, _, got := scan(nil, nil, s); got != want {
			t.Errorf("scan(%q) kinds: got %b, want %b", s, got, want)
		}
	})
}

// enumerationItemsByStep is what enumerationItems must yield: the items
// that trying every rune of text in turn finds, as the proofreader once
// did, stepping over each item's number.
func enumerationItemsByStep(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		n, size := numbering.ChineseNumber(text[i:])
		if size == 0 || !strings.HasPrefix(text[i+size:], "是") || !enumerationAt(text, i) {
			_, w := utf8.DecodeRuneInString(text[i:])
			i += w
			continue
		}
		out = append(out, [2]int{i, n})
		i += size
	}
	return out
}

// FuzzLastRune: lastRune is utf8.DecodeLastRuneInString, and firstRune
// utf8.DecodeRuneInString.
func FuzzLastRune(f *testing.F) {
	for _, s := range []string{"", "a", "整改", "\x80\x80", "\xe4\x80", "\xe4\xbd\xa0", "x\xe9\xbf\xbf", "\xf0\xe4\xbd\xa0", "\xef\xbc\x8c",
		"\xed\xa0\x80", "\xe0\x80\x80", "\xe1\x80\x80", "\xf0\x9f\x98\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, w := lastRune(s)
		if wr, ww := utf8.DecodeLastRuneInString(s); r != wr || w != ww {
			t.Errorf("lastRune(%q) = %U, %d, want %U, %d", s, r, w, wr, ww)
		}
		r, w = firstRune(s)
		if wr, ww := utf8.DecodeRuneInString(s); r != wr || w != ww {
			t.Errorf("firstRune(%q) = %U, %d, want %U, %d", s, r, w, wr, ww)
		}
	})
}

// TestThreeByteRunes: firstRune and lastRune decode every rune of three
// bytes, and every sequence of three bytes that is none, as utf8 does.
func TestThreeByteRunes(t *testing.T) {
	for c0 := 0xE0; c0 <= 0xEF; c0++ {
		for c1 := range 0x100 {
			for _, c2 := range []int{0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF} {
				s := string([]byte{byte(c0), byte(c1), byte(c2)})
				r, w := firstRune(s)
				if wr, ww := utf8.DecodeRuneInString(s); r != wr || w != ww {
					t.Fatalf("firstRune(%q) = %U, %d, want %U, %d", s, r, w, wr, ww)
				}
				r, w = lastRune(s)
				if wr, ww := utf8.DecodeLastRuneInString(s); r != wr || w != ww {
					t.Fatalf("lastRune(%q) = %U, %d, want %U, %d", s, r, w, wr, ww)
				}
			}
		}
	}
}

// TestPairLast: mayPair says of every mark (isMark) whether it opens or
// closes a pair, or is a straight quote.
func TestPairLast(t *testing.T) {
	for r := range rune(0x10000) {
		if !isMark(r) {
			continue
		}
		closes, closer := pairOf(r)
		want := closes != 0 || closer || r == '"'
		if got := mayPair(string(r), 0); got != want {
			t.Errorf("mayPair(%q) = %v, want %v", r, got, want)
		}
	}
}

// FuzzLabelTotals: labelTotals finds what its regular expression finds.
func FuzzLabelTotals(f *testing.F) {
	for _, s := range []string{"反馈问题共562个", "认领问题134个", "制定整改措施78条", "排查疑似违法用地图斑418个", "发现的问题问题12个", "反馈了一二三四五六七八九十问题3项",
		"交办问题合计１２件，梳理出任务5处", "反馈问题共个", "反馈问题共3", "指出问题总计\xef\xbc\x99处"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fmt.Sprint(labelTotals(s)), fmt.Sprint(labelTotalRE.FindAllStringSubmatchIndex(s, -1)); got != want {
			t.Errorf("labelTotals(%q) = %s, want %s", s, got, want)
		}
	})
}

// TestPairRole: each mark that opens a pair is closed by a mark of the
// family pairRole names, which closes a pair; a mark that closes one is of
// its family (family), and opens none.
func TestPairRole(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		closedBy, closes := pairRole(r)
		switch {
		case closedBy != 0 && (closes != 0 || !isCloser(closedBy) || family(closedBy) != closedBy):
			t.Errorf("pairRole(%q) = %q, %q: an opener closed by a mark that is no closer's family", r, closedBy, closes)
		case closes != 0 && closes != family(r):
			t.Errorf("pairRole(%q) = %q, %q: want the family %q", r, closedBy, closes, family(r))
		}
	}
	for _, pair := range []string{"“”", "‘’", "《》", "〈〉", "()", "（）", "(）", "〔〕", "【】"} {
		o, c := []rune(pair)[0], []rune(pair)[1]
		if by, _ := pairRole(o); by != family(c) || !isCloser(c) {
			t.Errorf("%q does not close %q", c, o)
		}
	}
}

// TestFirstFrom: walking a paragraph's sentences in order, firstFrom
// finds the offsets of each that marksIn finds.
func TestFirstFrom(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 2000 {
		var at []int
		for off := r.IntN(4); off < 200; off += 1 + r.IntN(12) {
			at = append(at, off)
		}
		k, from := 0, 0
		for from < 220 {
			to := from + r.IntN(40)
			k = firstFrom(at, k, from)
			if got, want := at[k:firstFrom(at, k, to)], marksIn(at, from, to); !slices.Equal(got, want) {
				t.Fatalf("%v from %d to %d: %v, want %v", at, from, to, got, want)
			}
			from = to + r.IntN(3)
		}
	}
}

// TestMarkRoles: markRole and endsSentenceAt say of every mark what
// clauseMark and appendSentences' marks say, and its length.
func TestMarkRoles(t *testing.T) {
	for r := range rune(0x10000) {
		if !isMark(r) {
			continue
		}
		s := string(r)
		if r >= utf8.RuneSelf && (len(s) != 3 || r&^0x3F != 0x2000 && r&^0x3F != 0x3000 && r&^0x3F != 0xFF00) {
			t.Errorf("%U: a mark of three bytes outside the blocks markRoles knows", r)
		}
		if role, w := markRole(s, 0); role != clauseMark(r) || w != len(s) {
			t.Errorf("markRole(%q) = %d, %d, want %d, %d", r, role, w, clauseMark(r), len(s))
		}
		stop, w := endsSentenceAt(s, 0)
		if want := strings.ContainsRune("。？！?!", r); stop != want || w != len(s) {
			t.Errorf("endsSentenceAt(%q) = %v, %d, want %v", r, stop, w, want)
		}
	}
}

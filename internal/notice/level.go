package notice

import (
	"regexp"
	"strings"
)

// Levels are the levels of the party committee that carries out an
// inspection, as inspection.level names them: 中央 (the Central
// Committee), 省 (a province, an autonomous region or one of the four
// municipalities directly under the central government), 市 (a city divided
// into districts, an autonomous prefecture, a league) and 县 (a county, a
// county-level city, a district, a banner). 巡视 is the work of the first
// two, 巡察 of the last two.
var Levels = []string{"中央", "省", "市", "县"}

// LevelsOf are the levels that carry out inspections of kind.
func LevelsOf(kind string) []string {
	switch kind {
	case KindXunshi:
		return Levels[:2]
	case KindXuncha:
		return Levels[2:]
	}
	return nil
}

// committeeRE finds the committee that carries out an inspection in a
// group's or a round's name: 中央, 省委, 自治区党委, 市委, 州委, 县委, 区委 ….
var committeeRE = regexp.MustCompile(`中央|省委|自治区党委|自治州党委|(?:市|州|盟|地|县|区|旗)委`)

// LevelOf reads the level of the committee named in text (a group's name,
// "省委第六巡视组", or a round's, "十二届市委第三轮巡视") that carries out an
// inspection of kind, or returns "" when text does not settle it. A 市委
// that carries out 巡视 is a municipality's, so a province's; a 市委 that
// carries out 巡察 may be a city's or a county-level city's, which its
// name does not tell: LevelOf leaves that one to the editor.
func LevelOf(kind, text string) string {
	c := committeeRE.FindString(text)
	switch {
	case c == "":
		return ""
	case c == "中央":
		return "中央"
	case kind == KindXunshi && (c == "省委" || c == "自治区党委" || c == "市委"):
		return "省"
	case kind == KindXuncha && (c == "自治州党委" || c == "州委" || c == "盟委" || c == "地委"):
		return "市"
	case kind == KindXuncha && (c == "县委" || c == "区委" || c == "旗委"):
		return "县"
	}
	return ""
}

// roundNameRE is the shape of a round's name: "第二轮巡视", after the term
// and the committee when the notice gives them ("十二届省委第二轮巡视").
var roundNameRE = regexp.MustCompile(`^[\p{Han}0-9]*第[一二三四五六七八九十百0-9]+轮(巡视|巡察)$`)

// RoundKind returns the kind of inspection a round's name ends with, and
// whether the name has a round's shape at all.
func RoundKind(round string) (string, bool) {
	m := roundNameRE.FindStringSubmatch(strings.TrimSpace(round))
	if m == nil {
		return "", false
	}
	return m[1], true
}

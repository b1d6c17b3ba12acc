package notice

import (
	"strings"
	"testing"
)

// TestLevelOf reads the level from the names the corpus gives.
func TestLevelOf(t *testing.T) {
	tests := []struct{ kind, text, want string }{
		{"巡视", "中央第七巡视组", "中央"},
		{"巡视", "二十届中央第三轮巡视", "中央"},
		{"巡视", "省委第六巡视组", "省"},
		{"巡视", "自治区党委第六巡视组", "省"},
		{"巡视", "十二届市委第三轮巡视", "省"}, // a municipality: 天津
		{"巡察", "县委第二巡察组", "县"},
		{"巡察", "区委第七轮巡察", "县"},
		{"巡察", "自治县委第一巡察组", "县"},
		{"巡察", "旗委第一巡察组", "县"},
		{"巡察", "州委第三巡察组", "市"},
		{"巡察", "自治州党委第三巡察组", "市"},
		{"巡察", "市委第六巡察组", ""}, // a city's or a county-level city's
		{"巡察", "省委第六巡视组", ""}, // no 省 carries out 巡察
		{"巡视", "第二轮巡视", ""},
		{"巡视", "", ""},
	}
	for _, tt := range tests {
		if got := LevelOf(tt.kind, tt.text); got != tt.want {
			t.Errorf("LevelOf(%s, %s): got %q, want %q", tt.kind, tt.text, got, tt.want)
		}
	}
}

// TestInspectionRoundAndLevel: check validates inspection.round and
// inspection.level, at the key's line.
func TestInspectionRoundAndLevel(t *testing.T) {
	tests := []struct {
		name, keys string
		want       string // a diagnostic's start, or "" for none
	}{
		{"none", ``, ""},
		{"round and level", "round = \"十届县委第六轮巡察\"\nlevel = \"县\"", ""},
		{"bare round", "round = \"第二轮巡察\"", ""},
		{"round in digits", "round = \"第12轮巡察\"", ""},
		{"not a round", "round = \"二〇二四年巡察\"", `content/2025/a.md:7:1: 轮次 inspection.round = "二〇二四年巡察" 应照原文写作`},
		{"round of the other kind", "round = \"十二届省委第二轮巡视\"", `content/2025/a.md:7:1: 轮次 inspection.round = "十二届省委第二轮巡视" 是巡视轮次, 但 kind = "巡察"`},
		{"unknown level", "level = \"乡\"", `content/2025/a.md:7:1: 层级 inspection.level = "乡" 只能是 中央、省、市、县`},
		{"level of the other kind", "level = \"省\"", `content/2025/a.md:7:1: 层级 inspection.level = "省" 不对: 巡察由市、县级党委开展`},
		{"level against the group", "level = \"市\"", `content/2025/a.md:7:1: 层级 inspection.level = "市", 但 group “县委第一巡察组” 是县级`},
		{"level against the round", "round = \"区委第七轮巡察\"\nlevel = \"市\"", `content/2025/a.md:8:1: 层级 inspection.level = "市", 但 group “县委第一巡察组” 是县级`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(valid, "group =", tt.keys+"\ngroup =", 1)
			_, problems := Parse("content/2025/a.md", []byte(src))
			checkOne(t, problems, tt.want)
		})
	}
}

package notice

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestBreakTitle: a printed title breaks only between the parts of a 公文
// title (before or after 关于, after the last 的, before 整改), within 20
// characters a line, in the most symmetrical shape.
func TestBreakTitle(t *testing.T) {
	tests := []struct{ title, want string }{
		{"中共浙江省妇女联合会党组关于巡视整改情况的通报", "中共浙江省妇女联合会党组|关于巡视整改情况的通报"},
		{"关于巡察整改情况的通报", "关于巡察整改情况的通报"},
		{"中共某区卫生健康局委员会关于巡察整改进展情况的通报", "中共某区卫生健康局委员会|关于巡察整改进展情况的通报"},
		{"中共某市某区卫生健康局委员会关于十四届区委第四轮巡察整改进展情况的通报", "中共某市某区卫生健康局委员会关于|十四届区委第四轮巡察整改进展情况的通报"},
		{"某省交通运输厅党组关于省委第三巡视组反馈意见整改落实情况的通报", "某省交通运输厅党组关于|省委第三巡视组反馈意见整改落实情况的通报"},
		// No 的: nothing breaks after the two first bytes, which begin a
		// character when the title starts with figures.
		{"2024年度某市直单位巡察整改工作情况通报", "2024年度某市直单位巡察整改工作情况通报"},
		{"2024年度中共某市某区卫生健康局委员会关于巡察整改进展情况通报", "2024年度中共某市某区卫生健康局委员会|关于巡察整改进展情况通报"},
		// No break makes it fit: left whole for the page to break.
		{"某某某某某某某某某某某某某某某某某某某某某某某某某", "某某某某某某某某某某某某某某某某某某某某某某某某某"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			lines := BreakTitle(tt.title)
			if got := strings.Join(lines, "|"); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if strings.Join(lines, "") != tt.title {
				t.Errorf("lines %q do not make the title", lines)
			}
			for _, l := range lines {
				if len(lines) > 1 && utf8.RuneCountInString(l) > TitleLineChars {
					t.Errorf("line %s holds more than %d characters", l, TitleLineChars)
				}
				if strings.HasSuffix(l, "关") || strings.HasPrefix(l, "于") {
					t.Errorf("line %s splits 关于", l)
				}
			}
		})
	}
}

func TestTitleLinesValidated(t *testing.T) {
	const head = "+++\ntitle = \"中共浙江省妇女联合会党组关于巡视整改情况的通报\"\n"
	tests := []struct {
		lines, want string
	}{
		{`["中共浙江省妇女联合会党组关于", "巡视整改情况的通报"]`, ""},
		{`["中共浙江省妇女联合会党组", "关于巡视整改情况通报"]`, "只分行不改字"},
		{`["中共浙江省妇女联合会党组关于巡视整改情况的", "通报"]`, "title_lines[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.lines, func(t *testing.T) {
			src := head + "title_lines = " + tt.lines + "\n+++\n\n正文。\n"
			n, problems := Parse("content/2025/a.md", []byte(src))
			var found string
			for _, p := range problems {
				if strings.Contains(p.Message, "title_lines") {
					found = p.String()
				}
			}
			switch {
			case tt.want == "" && found != "":
				t.Errorf("got %s, want no problem with title_lines", found)
			case tt.want != "" && !strings.Contains(found, tt.want):
				t.Errorf("got %q, want a problem saying %q", found, tt.want)
			case tt.want != "" && !strings.HasPrefix(found, "content/2025/a.md:3:1:"):
				t.Errorf("got %q, want it at content/2025/a.md:3:1", found)
			case tt.want == "" && strings.Join(n.TitleLines(), "|") != "中共浙江省妇女联合会党组关于|巡视整改情况的通报":
				t.Errorf("TitleLines() = %q, want the notice's own", n.TitleLines())
			}
		})
	}
}

// TestBreakTitleAsBefore holds BreakTitle to the way it was written
// before it counted the lines' characters without cutting every set of
// breaks into strings (breakTitleBefore, below), on titles made of the
// words it breaks around, other characters and broken UTF-8.
func TestBreakTitleAsBefore(t *testing.T) {
	words := []string{"关于", "的", "整改", "巡视", "中共", "某省", "党组", "情况", "通报", "第三轮", "a", " ", "\xff", "\xe5\x85", "某某某某某"}
	rng := rand.New(rand.NewPCG(14, 1))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteString(words[rng.IntN(len(words))])
		}
		title := b.String()
		if got, want := BreakTitle(title), breakTitleBefore(title); !slices.Equal(got, want) {
			t.Fatalf("BreakTitle(%q) = %q, want %q", title, got, want)
		}
	}
}

func FuzzBreakTitle(f *testing.F) {
	f.Add("中共某市某区卫生健康局委员会关于十四届区委第四轮巡察整改进展情况的通报")
	f.Add("某省交通运输厅党组关于省委第三巡视组反馈意见整改落实情况的通报")
	f.Add("\xe7\x9a关于的整改\xff某某某某某某某某某某某某某某某某某")
	f.Fuzz(func(t *testing.T, title string) {
		if got, want := BreakTitle(title), breakTitleBefore(title); !slices.Equal(got, want) {
			t.Errorf("BreakTitle(%q) = %q, want %q", title, got, want)
		}
	})
}

// breakTitleBefore is BreakTitle as it was written before 2026-12-03.
func breakTitleBefore(title string) []string {
	title = strings.TrimSpace(title)
	if utf8.RuneCountInString(title) <= TitleLineChars {
		return []string{title}
	}
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
	if of := strings.LastIndex(title, "的"); of >= 0 { // not found: no break (at 2, it began a character of "20…")
		add(of + len("的"))
	}
	if at := strings.Index(title, "整改"); about >= 0 && at > about+len("关于") {
		add(at)
	}
	var cands []int
	for i := range title {
		if seen[i] {
			cands = append(cands, i)
		}
	}
	var best []int
	bestScore := -1
	for mask := 1; mask < 1<<len(cands); mask++ {
		var cuts []int
		for i, c := range cands {
			if mask&(1<<i) != 0 {
				cuts = append(cuts, c)
			}
		}
		var lens []int
		for _, l := range cut(title, cuts) {
			lens = append(lens, utf8.RuneCountInString(l))
		}
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
	return cut(title, best)
}

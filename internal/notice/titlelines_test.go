package notice

import (
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

package notice

import (
	"strings"
	"testing"

	"disclose/internal/diag"
)

// roundSummary is valid with its group and organisation replaced by a
// summary of the round.
var roundSummary = strings.Replace(valid, "group = \"县委第一巡察组\"\norganization = \"某镇党委\"\n",
	"form = [\"常规\"]\n", 1)

func withSummary(table string) string {
	return strings.Replace(roundSummary, "feedback = 2024-08-08\n", "feedback = 2024-08-08\n"+table, 1)
}

// TestInspectionForms: inspection.form takes the known forms, each once;
// anything else is an error at the key's line.
func TestInspectionForms(t *testing.T) {
	tests := []struct {
		name, form string
		want       string // a diagnostic's start, or "" for none
	}{
		{"none", ``, ""},
		{"one", `form = ["提级"]`, ""},
		{"two", `form = ["专项", "回头看"]`, ""},
		{"every form", `form = ["常规", "专项", "机动", "回头看", "提级", "交叉", "联动"]`, ""},
		{"unknown", `form = ["提级巡察"]`, `content/2025/a.md:7:1: 巡视(察)形式第 1 项 "提级巡察" 无法识别: 只能是`},
		{"twice", `form = ["交叉", "交叉"]`, `content/2025/a.md:7:1: 巡视(察)形式第 2 项 "交叉" 重复`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(valid, "group =", tt.form+"\ngroup =", 1)
			_, problems := Parse("content/2025/a.md", []byte(src))
			checkOne(t, problems, tt.want)
		})
	}
}

// TestInspectionSummary: a round summary needs no group nor organisation,
// and its counts must agree with what it lists.
func TestInspectionSummary(t *testing.T) {
	tests := []struct {
		name, src string
		want      string
	}{
		{"counts and names", withSummary("groups = 4\nunits = 12\nnamed = [\"区教育局党组\", \"区卫生健康委员会党委\"]\n"), ""},
		{"units only", withSummary("units = 18\n"), ""},
		{"no summary, no group", roundSummary, "content/2025/a.md:5:2: inspection.group is missing"},
		{"groups without units", withSummary("groups = 4\n"), "content/2025/a.md:5:2: 轮次综述请填写被巡视(察)单位数, 如 units = 12; inspection.units is missing"},
		{"names without units", withSummary("named = [\"区教育局\"]\n"), "content/2025/a.md:5:2: inspection.units is missing"},
		{"negative units", withSummary("units = -2\n"), "content/2025/a.md:11:1: inspection.units = -2"},
		{"more names than units", withSummary("units = 1\nnamed = [\"区教育局\", \"区财政局\"]\n"),
			"content/2025/a.md:12:1: inspection.named lists 2 units but units = 1"},
		{"negative groups", withSummary("groups = -1\nunits = 3\n"), "content/2025/a.md:11:1: inspection.groups = -1"},
		{"empty name", withSummary("units = 3\nnamed = [\"区教育局\", \" \"]\n"), "content/2025/a.md:12:1: inspection.named[2] is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, problems := Parse("content/2025/a.md", []byte(tt.src))
			checkOne(t, problems, tt.want)
			if tt.want == "" && (!n.Inspection.Summary() || n.Inspection.Group != "") {
				t.Errorf("got units %d, group %q; want a summary and no group", n.Inspection.Units, n.Inspection.Group)
			}
		})
	}
}

// checkOne fails unless got has a problem at want's position (up to its
// first ": ") whose message holds the rest of want, or, when want is empty,
// got is empty.
func checkOne(t *testing.T, got diag.List, want string) {
	t.Helper()
	if want == "" {
		if len(got) > 0 {
			t.Errorf("got problems\n%v\nwant none", got)
		}
		return
	}
	where, text, _ := strings.Cut(want, ": ")
	for _, d := range got {
		if !diag.LeadsWithChinese(d.Message) {
			t.Errorf("%s: the message must lead with Chinese", d)
		}
		if d.Where() == where && strings.Contains(d.Message, text) {
			return
		}
	}
	t.Errorf("got problems\n%v\nwant one at %s saying %q", got, where, text)
}

// TestValidSlug: the one slug rule.
func TestValidSlug(t *testing.T) {
	for s, want := range map[string]bool{
		"zjsfl-2025-06-17": true, "a": true, "2025": true, "x-2": true, "pages": true, "page": false,
		"": false, "-a": false, "A": false, "a_b": false, "浙江": false, "a/b": false, "../x": false,
		strings.Repeat("a", MaxSlug): true, strings.Repeat("a", MaxSlug+1): false,
	} {
		if got := ValidSlug(s); got != want {
			t.Errorf("ValidSlug(%q): got %v, want %v", s, got, want)
		}
	}
}

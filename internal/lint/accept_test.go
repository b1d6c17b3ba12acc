package lint

import (
	"strings"
	"testing"

	"disclose/internal/markdown"
)

// acceptEntry writes a [[check.accept]] entry for the front matter.
func acceptEntry(rule, text, reason string) string {
	return "[[check.accept]]\nrule = \"" + rule + "\"\ntext = \"" + text + "\"\nreason = \"" + reason + "\"\n\n[signature]"
}

// TestAccept: a finding matched by an acceptance is marked accepted with
// its reason and no longer blocks; an acceptance that matches nothing is a
// warning at its line; a malformed one is an error at its line.
func TestAccept(t *testing.T) {
	slip := []string{"（一）加强管理。", "（一）加强管理。2024年09月03日召开会议。"}
	tests := []struct {
		name   string
		edits  []string
		want   []string // "rule accepted-reason" for each finding
		blocks bool
	}{
		{"the slip alone", slip, []string{"date-format "}, false},
		{"accepted by the quoted date", append(slip, "[signature]", acceptEntry("date-format", "2024年09月03日", "原文如此")),
			[]string{"date-format 原文如此"}, false},
		{"accepted by a part of the quoted date", append(slip, "[signature]", acceptEntry("date-format", "09月", "原文如此")),
			[]string{"date-format 原文如此"}, false},
		{"an error accepted at a front-matter key", []string{"feedback = 2024-08-08", "feedback = 2024-05-20", "8月8日，", "5月20日，",
			"[signature]", acceptEntry("date-order", "feedback", "当日反馈")}, []string{"date-order 当日反馈"}, false},
		{"another rule's acceptance does not match", append(slip, "[signature]", acceptEntry("punct-width", "2024年09月03日", "原文如此")),
			[]string{"accept-unused ", "date-format "}, false},
		{"text elsewhere on the line does not match", append(slip, "[signature]", acceptEntry("date-format", "加强管理", "原文如此")),
			[]string{"accept-unused ", "date-format "}, false},
		{"the error still blocks when unaccepted", []string{"feedback = 2024-08-08", "feedback = 2024-05-20", "8月8日，", "5月20日，"},
			[]string{"date-order "}, true},
		{"matches nothing", []string{"[signature]", acceptEntry("date-format", "2024年09月03日", "原文如此")}, []string{"accept-unused "}, false},
		{"no reason", []string{"[signature]", acceptEntry("date-format", "2024年09月03日", " ")}, []string{"accept "}, true},
		{"no rule", []string{"[signature]", acceptEntry("", "2024年09月03日", "原文如此")}, []string{"accept "}, true},
		{"unknown rule", []string{"[signature]", acceptEntry("date-formats", "2024年09月03日", "原文如此")}, []string{"accept "}, true},
		{"no text", []string{"[signature]", acceptEntry("date-format", "", "原文如此")}, []string{"accept "}, true},
	}
	conv := markdown.New(markdown.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := parseNotice(t, variant(t, tt.edits...))
			res := Notice(n, conv)
			var got []string
			for _, d := range res.Problems {
				got = append(got, d.Rule+" "+d.Accepted)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q:\n%v", got, tt.want, res.Problems)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %q, want %q:\n%v", got, tt.want, res.Problems)
				}
			}
			if b := res.Problems.HasErrors(); b != tt.blocks {
				t.Errorf("HasErrors got %v, want %v", b, tt.blocks)
			}
		})
	}
}

// TestAcceptLine: a bad or unused acceptance is reported at the line of
// its [[check.accept]].
func TestAcceptLine(t *testing.T) {
	src := variant(t, "[signature]", strings.TrimSuffix(acceptEntry("date-format", "2024年09月03日", "原文如此"), "[signature]")+acceptEntry("", "x", "y"))
	n := parseNotice(t, src)
	res := Notice(n, markdown.New(markdown.Options{}))
	want := []string{
		"content/2025/base.md:30:9: warning: 规则 date-format 对 \"2024年09月03日\" 的接受已没有对应的检查结果; [[check.accept]] of rule date-format for \"2024年09月03日\" matches no finding (此条接受已无对应的检查结果, 可以删除)",
		"content/2025/base.md:35:9: 第 2 条接受缺少规则 rule; check.accept[2]: rule is missing: name the rule id of the finding, e.g. rule = \"date-format\" (接受的检查结果须写明规则 rule、所指文字 text 和理由 reason)",
	}
	if len(res.Problems) != len(want) {
		t.Fatalf("got %d findings, want %d:\n%v", len(res.Problems), len(want), res.Problems)
	}
	for i, d := range res.Problems {
		if d.String() != want[i] {
			t.Errorf("got  %s\nwant %s", d, want[i])
		}
	}
}

// FuzzLineBounds: the bounds of any line of any source are within it,
// and hold no newline.
func FuzzLineBounds(f *testing.F) {
	for _, s := range []string{"", "\n", "a\nb", "+++\r\nx = 1\r\n+++\n正文\n"} {
		f.Add(s, 2)
	}
	f.Fuzz(func(t *testing.T, src string, line int) {
		start, end := lineBounds([]byte(src), line)
		if start < 0 {
			return
		}
		if start > end || end > len(src) || strings.Contains(src[start:end], "\n") {
			t.Errorf("lineBounds(%q, %d) = %d, %d", src, line, start, end)
		}
	})
}

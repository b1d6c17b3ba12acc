package site

import (
	"strings"
	"testing"

	"disclose/internal/diag"
	"disclose/internal/notice"
)

// A sealed year is closed: every way its notices can differ from the last
// seal is an error naming the file and what to do, and nothing else is.
func TestClosed(t *testing.T) {
	sealedA, sealedB := SourceSum([]byte("a")), SourceSum([]byte("b"))
	published := func(corrected string) *notice.Notice {
		n := &notice.Notice{}
		if corrected != "" {
			var c notice.Correction
			if err := c.Date.UnmarshalTOML(corrected); err != nil {
				t.Fatal(err)
			}
			n.Corrections = []notice.Correction{c}
		}
		return n
	}
	draft := &notice.Notice{FrontMatter: notice.FrontMatter{Draft: true}}
	a := func(sum string, n *notice.Notice) Source { return Source{Path: "content/2024/a.md", Sum: sum, N: n} }
	b := Source{Path: "content/2024/b.md", Sum: sealedB, N: published("")}
	tests := []struct {
		name    string
		sources []Source
		want    []string // "path rule" of each problem
	}{
		{"unchanged", []Source{a(sealedA, published("")), b}, nil},
		{"changed, no correction", []Source{a(SourceSum([]byte("a2")), published("")), b}, []string{"content/2024/a.md " + RuleSealChanged}},
		{"changed, corrected before the seal", []Source{a(SourceSum([]byte("a2")), published("2025-01-09")), b}, []string{"content/2024/a.md " + RuleSealChanged}},
		{"changed and corrected since", []Source{a(SourceSum([]byte("a2")), published("2025-01-10")), b}, []string{"content/2024/a.md " + RuleSealReissue}},
		{"changed into a draft left out", []Source{a(SourceSum([]byte("a2")), nil), b}, []string{"content/2024/a.md " + RuleSealChanged}},
		{"a notice added", []Source{a(sealedA, published("")), b, {Path: "content/2024/c.md", Sum: sealedA, N: published("")}},
			[]string{"content/2024/c.md " + RuleSealReissue}},
		{"a draft added", []Source{a(sealedA, published("")), b, {Path: "content/2024/c.md", Sum: sealedA, N: draft}}, nil},
		{"a notice of another year added", []Source{a(sealedA, published("")), b, {Path: "content/2025/c.md", Sum: sealedA, N: published("")}}, nil},
		{"a notice removed", []Source{b}, []string{"content/archive/2024.toml " + RuleSealReissue}},
		{"unreadable", []Source{a("", nil), b}, nil}, // its own error says why
	}
	sealed := map[string]string{"content/2024/a.md": sealedA, "content/2024/b.md": sealedB}
	seal := Seal{Year: 2024, Version: 1, Notices: &sealed}
	if err := seal.Sealed.UnmarshalTOML("2025-01-10"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := Closed(map[int][]Seal{2024: {seal}}, tt.sources)
			var got []string
			for _, d := range problems {
				got = append(got, d.Path+" "+d.Rule)
				if d.Severity != diag.Error || !strings.Contains(d.Message, "disclose archive --year 2024 --reissue") {
					t.Errorf("got %v, want an error that says to run disclose archive --year 2024 --reissue", d)
				}
			}
			if strings.Join(got, ", ") != strings.Join(tt.want, ", ") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A seal record written before notices were listed cannot close its year:
// a warning says so.
func TestClosedWithoutNotices(t *testing.T) {
	problems := Closed(map[int][]Seal{2024: {{Year: 2024, Version: 1}}}, []Source{{Path: "content/2024/a.md", Sum: SourceSum(nil)}})
	if len(problems) != 1 || problems[0].Severity != diag.Warning || problems[0].Path != SealPath(2024) {
		t.Errorf("got %v, want one warning on %s", problems, SealPath(2024))
	}
}

package diag

import "testing"

func TestFilePos(t *testing.T) {
	src := []byte("+++\ntitle = \"通报\"\n正文第三行")
	f := NewFile("content/2025/a.md", src)
	tests := []struct {
		off, line, col int
	}{
		{0, 1, 1},
		{4, 2, 1},
		{13, 2, 10},            // the opening quote's next byte: 通 is column 10
		{13 + len("通"), 2, 11}, // one character later, three bytes later
		{len(src), 3, 6},
		{len(src) + 10, 3, 6}, // clamped
		{-1, 1, 1},
	}
	for _, tt := range tests {
		p := f.Pos(tt.off)
		if p.Line != tt.line || p.Col != tt.col {
			t.Errorf("Pos(%d) = %d:%d, want %d:%d", tt.off, p.Line, p.Col, tt.line, tt.col)
		}
	}
}

func TestSortAndFormat(t *testing.T) {
	l := List{
		{Path: "b.md", Line: 2, Col: 1, Message: "second"},
		{Path: "a.md", Line: 10, Col: 3, Message: "later", Severity: Warning},
		{Path: "a.md", Line: 2, Col: 5, Message: "first", Hint: "提示"},
		{Path: "a.md", Line: 2, Col: 5, Message: "first", Hint: "提示"},
	}.Sort()
	want := []string{
		"a.md:2:5: first (提示)",
		"a.md:10:3: warning: later",
		"b.md:2:1: second",
	}
	if len(l) != len(want) {
		t.Fatalf("got %d diagnostics, want %d (duplicates dropped)", len(l), len(want))
	}
	for i, d := range l {
		if d.String() != want[i] {
			t.Errorf("%d: got %q, want %q", i, d.String(), want[i])
		}
	}
	if !l.HasErrors() {
		t.Error("HasErrors: got false, want true")
	}
}

// TestFileLines: every offset of files of every shape of line ends gets
// the line a reader counts.
func TestFileLines(t *testing.T) {
	for _, src := range []string{"", "\n", "a", "a\n", "\n\n", "第一行\n\n第三行\n", "+++\r\nx = 1\r\n+++\r\n"} {
		f := NewFile("a.md", []byte(src))
		line := 1
		for off := 0; off <= len(src); off++ {
			if got := f.Pos(off).Line; got != line {
				t.Errorf("%q: Pos(%d).Line = %d, want %d", src, off, got, line)
			}
			if off < len(src) && src[off] == '\n' {
				line++
			}
		}
	}
}

func TestWhere(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Path: "content/2025/a.md", Line: 12, Col: 5}, "content/2025/a.md:12:5"},
		{Diagnostic{Path: "content/2025/a.md", Line: 3}, "content/2025/a.md:3:1"}, // no column: the first
		{Diagnostic{Path: "content/site.toml"}, "content/site.toml"},              // the whole file
	}
	for _, tt := range tests {
		if got := tt.d.Where(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// TestAccepted: an accepted error is printed as accepted, with its reason,
// and does not stop a build; an error nobody accepted still does.
func TestAccepted(t *testing.T) {
	accepted := Diagnostic{Path: "a.md", Line: 3, Col: 2, Message: "m", Rule: "r", Accepted: "原文如此"}
	if got, want := accepted.String(), "a.md:3:2: accepted error: m (理由: 原文如此)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	tests := []struct {
		l    List
		want bool
	}{
		{List{accepted}, false},
		{List{accepted, {Path: "a.md", Severity: Warning}}, false},
		{List{accepted, {Path: "a.md", Message: "other"}}, true},
	}
	for i, tt := range tests {
		if got := tt.l.HasErrors(); got != tt.want {
			t.Errorf("%d: HasErrors got %v, want %v", i, got, tt.want)
		}
	}
}

func TestReportAndSummary(t *testing.T) {
	l := List{
		{Path: "a.md", Line: 2, Col: 5, Message: "first", Hint: "提示", Rule: "r"},
		{Path: "b.md", Line: 1, Col: 1, Message: "unfinished", Rule: "r", Draft: true},
		{Path: "b.md", Message: "a slip", Severity: Warning, Rule: "w", Draft: true},
	}
	want := []string{
		"a.md:2:5: error: first (提示) [r]",
		"b.md:1:1: error: 草稿 (draft): unfinished [r]",
		"b.md: warning: 草稿 (draft): a slip [w]",
	}
	accepted := Diagnostic{Path: "c.md", Line: 4, Col: 1, Message: "ok", Rule: "r", Accepted: "原文如此"}
	if got, want := accepted.Report(), "c.md:4:1: accepted error: ok [r] (理由: 原文如此)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for i, d := range l {
		if got := d.Report(); got != want[i] {
			t.Errorf("got %q, want %q", got, want[i])
		}
	}
	tests := []struct {
		l     List
		stops bool
		want  string
	}{
		{l, true, "2 个错误(草稿中 1 个), 1 个警告; 2 errors (1 in drafts), 1 warning"},
		{l[1:], false, "1 个错误(草稿中 1 个), 1 个警告; 1 error (1 in drafts), 1 warning"},
		{l[2:], false, "0 个错误, 1 个警告; 0 errors, 1 warning"},
		{List{{Path: "c.md", Line: 4, Col: 1, Message: "ok", Rule: "r", Accepted: "原文如此"}}, false, "0 个错误, 0 个警告, 已接受 1 个; 0 errors, 0 warnings, 1 accepted"},
		{nil, false, "未发现问题; no problems"},
	}
	for _, tt := range tests {
		if got := tt.l.Summary(); got != tt.want || tt.l.Stops() != tt.stops {
			t.Errorf("got %q, stops %t; want %q, %t", got, tt.l.Stops(), tt.want, tt.stops)
		}
	}
}

func TestLeadsWithChinese(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"缺少来源网站; source is missing", true},
		{"“三是”接在“一是”之后; 三是 follows 一是", true},
		{"25个问题", true},
		{`"巡察" 无法识别`, true},
		{"source is missing (缺少来源网站)", false},
		{"inspection.kind 是巡视", false},
		{"2025-06-17", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := LeadsWithChinese(tt.s); got != tt.want {
			t.Errorf("LeadsWithChinese(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

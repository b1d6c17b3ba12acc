package preview

import (
	"testing"

	"disclose/internal/diag"
)

// TestProblemOf checks that a line of the overlay splits a problem at its
// position, as the log prints it.
func TestProblemOf(t *testing.T) {
	tests := []struct {
		d    diag.Diagnostic
		want problem
	}{
		{diag.Diagnostic{Path: "content/2025/a.md", Line: 12, Col: 5, Message: "unit is empty", Hint: "填写单位"},
			problem{At: "content/2025/a.md:12:5:", Text: "unit is empty (填写单位)"}},
		{diag.Diagnostic{Path: "content/2025/a.md", Line: 3, Severity: diag.Warning, Message: "long title"},
			problem{At: "content/2025/a.md:3:1:", Text: "warning: long title", Warning: true}},
		{diag.Diagnostic{Path: "content/site.toml", Message: "cannot be read"},
			problem{At: "content/site.toml:", Text: "cannot be read"}},
	}
	for _, tt := range tests {
		if got := problemOf(tt.d); got != tt.want {
			t.Errorf("got %+v, want %+v", got, tt.want)
		}
	}
}

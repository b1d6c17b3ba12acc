package bundle

import (
	"strings"
	"testing"
)

// TestReadmeDate: the README lists a notice's publication time as its page
// shows it, and a notice that gives only the day with the day alone, never
// 00:00.
func TestReadmeDate(t *testing.T) {
	for _, tt := range []struct{ date, want string }{
		{"2025-06-17T09:00:00+08:00", "1. 2025-06-17 09:00  某通报"},
		{"2024-07-26", "1. 2024-07-26  某通报"},
	} {
		m := Manifest{Title: "某网站", Year: 2024, Version: 1, Notices: []Notice{{Title: "某通报", Date: tt.date}}}
		if got := string(readme(m, "a.zip")); !strings.Contains(got, tt.want) {
			t.Errorf("%s: got\n%s\nwant a line %q", tt.date, got, tt.want)
		}
	}
}

package notice

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestDateTimeDateOnly reads the publication date written as a day, a
// date-time, with or without an offset, and as a string: a day stays a day,
// shown and written to JSON without a time of day.
func TestDateTimeDateOnly(t *testing.T) {
	tests := []struct {
		value                     string
		dateOnly                  bool
		display, attr, json, feed string
	}{
		{"2024-07-26", true, "2024-07-26", "2024-07-26", `"2024-07-26"`, "2024-07-26T00:00:00+08:00"},
		{`"2024-07-26"`, true, "2024-07-26", "2024-07-26", `"2024-07-26"`, "2024-07-26T00:00:00+08:00"},
		{"2024-07-26T16:20:00", false, "2024-07-26 16:20", "2024-07-26T16:20:00+08:00", `"2024-07-26T16:20:00+08:00"`, "2024-07-26T16:20:00+08:00"},
		{"2024-07-26T00:00:00", false, "2024-07-26 00:00", "2024-07-26T00:00:00+08:00", `"2024-07-26T00:00:00+08:00"`, "2024-07-26T00:00:00+08:00"},
		{"2024-07-26T16:20:31Z", false, "2024-07-26 16:20", "2024-07-26T16:20:31Z", `"2024-07-26T16:20:31Z"`, "2024-07-26T16:20:31Z"},
		{`"2024-07-26 16:20"`, false, "2024-07-26 16:20", "2024-07-26T16:20:00+08:00", `"2024-07-26T16:20:00+08:00"`, "2024-07-26T16:20:00+08:00"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			src := strings.Replace(valid, "date = 2025-06-17T09:00:00", "date = "+tt.value, 1)
			n, problems := Parse("content/2024/a.md", []byte(src))
			if len(problems) > 0 {
				t.Fatalf("got problems:\n%v", problems)
			}
			j, err := json.Marshal(n.Date)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{n.Date.Display(), n.Date.Attr(), string(j), n.Date.Format("2006-01-02T15:04:05Z07:00")}
			want := []string{tt.display, tt.attr, tt.json, tt.feed}
			if n.Date.DateOnly != tt.dateOnly || strings.Join(got, " | ") != strings.Join(want, " | ") {
				t.Errorf("got date-only %v, %q, want %v, %q", n.Date.DateOnly, got, tt.dateOnly, want)
			}
		})
	}
}

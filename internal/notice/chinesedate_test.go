package notice

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestReadChineseDate(t *testing.T) {
	for _, tt := range []struct {
		in, want string // want "" when in is no date
	}{
		{"2025年5月21日", "2025-05-21"},
		{"2025年05月21日", "2025-05-21"},
		{"2025年5月1日", "2025-05-01"},
		{"２０２５年５月２１日", "2025-05-21"},
		{" 2025 年 5 月 21 日 ", "2025-05-21"},
		{"二〇二五年五月二十一日", "2025-05-21"},
		{"二零二四年十二月三十日", "2024-12-30"},
		{"二〇二五年十月十日", "2025-10-10"},
		{"2025年2月30日", ""},
		{"2025年13月1日", ""},
		{"25年5月21日", ""},
		{"2025年005月21日", ""},
		{"2025年5月21日印发", ""},
		{"2025年5月", ""},
		{"二〇二五年五月三十二日", ""},
		{"", ""},
	} {
		got := ""
		if d, ok := ReadChineseDate(tt.in); ok {
			got = d.Format(time.DateOnly)
		}
		if got != tt.want {
			t.Errorf("ReadChineseDate(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSignatureDateText: signature.date_text, the signing date as
// published, must name the day of signature.date.
func TestSignatureDateText(t *testing.T) {
	const front = "+++\ntitle = \"某某通报\"\ndate = 2025-05-22T09:00:00+08:00\nsource = \"某某网\"\n\n[inspection]\nkind = \"巡察\"\ngroup = \"县委第二巡察组\"\norganization = \"县某某局党组\"\nstart = 2024-04-08\nend = 2024-06-07\nfeedback = 2024-08-16\n\n[signature]\norganization = \"中共某某县某某局党组\"\ndate = 2025-05-21\n"
	for _, tt := range []struct {
		name, text, want string // want: part of the one error, "" for none
	}{
		{"none", "", ""},
		{"zero-padded, same day", "date_text = \"2025年05月21日\"\n", ""},
		{"Chinese numerals, same day", "date_text = \"二〇二五年五月二十一日\"\n", ""},
		{"another day", "date_text = \"2025年05月12日\"\n", "is 2025-05-12, but signature.date is 2025-05-21"},
		{"no date", "date_text = \"五月下旬\"\n", "is not a date written out"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := front + tt.text + "+++\n\n正文。\n"
			n, problems := Parse("content/2025/x.md", []byte(src))
			if n == nil {
				t.Fatalf("the notice does not parse: %v", problems)
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("got %q, want no problem", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want) || !strings.Contains(got[0], "x.md:17:")):
				t.Errorf("got %q, want one error at line 17 saying %q", got, tt.want)
			}
			if tt.want == "" && tt.text != "" && n.Signature.Written() == n.Signature.Date.Chinese() {
				t.Errorf("Written: got %q, want the date as published", n.Signature.Written())
			}
		})
	}
}

// TestInspectionDatesGiven: the inspection's dates are not made up: a
// notice about one inspection that gives none is warned, a round summary
// is not, and a malformed date is an error.
func TestInspectionDatesGiven(t *testing.T) {
	const head = "+++\ntitle = \"某某通报\"\ndate = 2025-05-22T09:00:00+08:00\nsource = \"某某网\"\n\n[inspection]\nkind = \"巡察\"\n"
	const tail = "\n[signature]\norganization = \"中共某某县某某局党组\"\ndate = 2025-05-21\n+++\n\n正文。\n"
	const one = "group = \"县委第二巡察组\"\norganization = \"县某某局党组\"\n"
	for _, tt := range []struct {
		name, inspection string
		want             []string // severity and line of each problem
	}{
		{"one inspection, all dates", one + "start = 2024-04-08\nend = 2024-06-07\nfeedback = 2024-08-16\n", nil},
		{"one inspection, no feedback", one + "start = 2024-04-08\nend = 2024-06-07\n", []string{"warning 6"}},
		{"one inspection, no dates", one, []string{"warning 6", "warning 6", "warning 6"}},
		{"one inspection, empty start", one + "start = \"\"\nend = 2024-06-07\nfeedback = 2024-08-16\n", []string{"warning 10"}},
		{"one inspection, a month is no date", one + "start = \"2024-04\"\nend = 2024-06-07\nfeedback = 2024-08-16\n", []string{"error 10"}},
		{"a round summary without dates", "groups = 4\nunits = 12\n", nil},
		{"a round summary, a malformed date", "units = 12\nfeedback = \"5月中旬\"\n", []string{"error 9"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := Parse("content/2025/x.md", []byte(head+tt.inspection+tail))
			var got []string
			for _, p := range problems {
				got = append(got, p.Severity.String()+" "+strconv.Itoa(p.Line))
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %q, want %q: %v", got, tt.want, problems)
			}
		})
	}
}

// FuzzReadChineseDate: any text is read without a panic, and a date read
// is a real one, which its page form reads back as.
func FuzzReadChineseDate(f *testing.F) {
	for _, s := range []string{"2025年05月21日", "二〇二五年五月二十一日", "２０２５年５月２１日", "2025年2月30日", "年月日", "十十年十月十日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ReadChineseDate(s)
		if !ok {
			return
		}
		back, ok := ReadChineseDate(Date{Time: d}.Chinese())
		if !ok || !back.Equal(d) {
			t.Errorf("%q reads as %s, whose page form %q reads back as %s, %v", s, d.Format(time.DateOnly), Date{Time: d}.Chinese(), back, ok)
		}
	})
}

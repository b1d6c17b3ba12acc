package lint

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"disclose/internal/markdown"
	"disclose/internal/notice"
)

// readDates finds every date written in s, as a paragraph's are found
// (appendDates).
func readDates(s string, year int) []writtenDate { return appendDates(nil, s, digits(s), year) }

// readStated finds every figure stated in text, as a paragraph's are found
// (appendStated).
func readStated(text string) []stated { return appendStated(nil, text, digits(text)) }

func TestReadNumber(t *testing.T) {
	tests := []struct {
		in       string
		value    float64
		decimals int
		size     int
	}{
		{"7个方面", 7, 0, 1},
		{"1.13万期", 1.13, 2, 4},
		{"１５项", 15, 0, 6},
		{"76.0%", 76, 1, 4},
		{"七个方面", 7, 0, 3},
		{"十五次", 15, 0, 6},
		{"二十三个", 23, 0, 9},
		{"两个维护", 2, 0, 3},
		{"一百零五人", 105, 0, 12},
		{"三千二百万元", 32000000, 0, 15},
		{"一二", 1, 0, 3},
		{"万人", 0, 0, 0},
		{"abc", 0, 0, 0},
		{"3.", 3, 0, 1},
		{"", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f, size := readNumber(tt.in)
			if f.Value != tt.value || f.Decimals != tt.decimals || size != tt.size {
				t.Errorf("readNumber(%q) = %v (%d decimals), size %d; want %v (%d), size %d",
					tt.in, f.Value, f.Decimals, size, tt.value, tt.decimals, tt.size)
			}
		})
	}
}

func TestReadDates(t *testing.T) {
	tests := []struct {
		in   string
		year int
		want []string // Chinese form, "~" before a range's end, "0" after a padded one
	}{
		{"2024年3月18日至5月20日,省委巡视组。8月8日,反馈。", 0, []string{"2024年3月18日", "~2024年5月20日", "2024年8月8日"}},
		{"2024年11月18日至1月17日。3月5日", 0, []string{"2024年11月18日", "~2025年1月17日", "2025年3月5日"}},
		{"3月18日至25日", 2024, []string{"2024年3月18日", "~2024年3月25日"}},
		{"2025年06月17日", 0, []string{"2025年6月17日0"}},
		{"截至2024年底", 0, []string{"2024年"}},
		{"2024年3月", 0, []string{"2024年3月"}},
		{"共15日", 0, nil},
		{"13月5日", 0, nil},
		{"1.5月", 0, nil},
		{"第12345年", 0, nil},
		{"(2024—2028年)", 0, []string{"2028年"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got []string
			for _, d := range readDates(tt.in, tt.year) {
				s := d.Chinese()
				if d.RangeEnd {
					s = "~" + s
				}
				if d.Padded {
					s += "0"
				}
				got = append(got, s)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadStated(t *testing.T) {
	got := readStated("在巡视整改工作中,教育提醒4人;挽回经济损失1.13万元,整改率76%。2024年")
	want := []string{"教育提醒|4|人", "挽回经济损失|1.13|万元", "整改率|76|%"}
	if len(got) != len(want) {
		t.Fatalf("got %d figures %v, want %d", len(got), got, len(want))
	}
	for i, f := range got {
		if s := f.Label + "|" + f.Number.Text + "|" + f.Unit; s != want[i] {
			t.Errorf("figure %d: got %s, want %s", i, s, want[i])
		}
	}
}

func TestApplyRefuses(t *testing.T) {
	src := []byte("部署,2024年")
	tests := []struct {
		name string
		fix  Fix
	}{
		{"a word", Fix{Off: 0, End: 3, Old: "部", New: "布"}},
		{"a figure", Fix{Off: 7, End: 8, Old: "2", New: "3"}},
		{"stale", Fix{Off: 6, End: 7, Old: ";", New: "；"}},
		{"outside", Fix{Off: 6, End: 40, Old: ",", New: "，"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if out, err := Apply(src, []Fix{tt.fix}); err == nil {
				t.Errorf("got %q, want an error", out)
			}
		})
	}
	out, err := Apply(src, []Fix{{Off: 6, End: 7, Old: ",", New: "，"}})
	if string(out) != "部署，2024年" || err != nil {
		t.Errorf("got %q, %v; want 部署，2024年", out, err)
	}
}

func FuzzReadNumber(f *testing.F) {
	for _, s := range []string{"7个", "1.13万", "一百零五", "十", "两万三千", "０.５", "9999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, size := readNumber(s)
		if size < 0 || size > len(s) || (size > 0 && n.Text != s[:size]) || n.Value < 0 {
			t.Errorf("readNumber(%q) = %+v, %d", s, n, size)
		}
	})
}

func FuzzReadDates(f *testing.F) {
	for _, s := range []string{"2024年3月18日至5月20日", "8月8日", "至25日", "2025年06月17日", "2024—2028年", "０３月"} {
		f.Add(s, 2024)
	}
	f.Fuzz(func(t *testing.T, s string, year int) {
		end := 0
		for _, d := range readDates(s, year) {
			if d.Off < end || d.End <= d.Off || d.End > len(s) || d.M < 0 || d.M > 12 || d.D < 0 || d.D > 31 {
				t.Fatalf("readDates(%q) gave %+v", s, d)
			}
			end = d.End
		}
	})
}

func FuzzReadStated(f *testing.F) {
	f.Add("教育提醒4人;建立完善制度15项。")
	f.Add("增长12%,1.13万元")
	f.Fuzz(func(t *testing.T, s string) {
		for _, st := range readStated(s) {
			if st.Off < 0 || st.End > len(s) || st.Off >= st.End {
				t.Fatalf("readStated(%q) gave %+v", s, st)
			}
			// count-repeat counts a label's runes by the bytes that start
			// one (fewerRunes): a label is valid UTF-8.
			if !utf8.ValidString(st.Label) || fewerRunes(st.Label, 4) != (utf8.RuneCountInString(st.Label) < 4) {
				t.Fatalf("readStated(%q) gave the label %q", s, st.Label)
			}
		}
		for _, f := range ChineseFigures(s) {
			if !utf8.ValidString(f.Label) || fewerRunes(f.Label, 4) != (utf8.RuneCountInString(f.Label) < 4) {
				t.Fatalf("ChineseFigures(%q) gave the label %q", s, f.Label)
			}
		}
	})
}

// FuzzNotice runs every rule on any body: no panic, every finding inside
// the file, the fixes apply, and fixing a fixed text (after one run of
// FixAll, as check --fix runs it) changes nothing.
func FuzzNotice(f *testing.F) {
	src, err := os.ReadFile("testdata/base.md")
	if err != nil {
		f.Fatal(err)
	}
	front, _, _ := strings.Cut(string(src), "\n+++\n")
	_, body, _ := strings.Cut(string(src), "\n+++\n")
	f.Add(body)
	f.Add("(一)加强学习,,提高 认识\"三个\"(浙某党[2025]2号)。\n\n1.一是二是四是\n")
	f.Add("针对反馈的七个方面问题。反馈25个问题,已完成整改19个、正在整改6个,完成率76%。处分9人(警告5人、严重警告4人)")
	f.Add("```\n代码, 块\n```\n\n    缩进, 代码\n\n`行内, 代码`[链接](http://a.b/c,d)<b>标签</b>")
	conv := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return
		}
		file := front + "\n+++\n" + body
		n, problems := notice.Parse(basePath, []byte(file))
		if n == nil || problems.HasErrors() {
			return
		}
		res := Notice(n, conv)
		for _, d := range res.Problems {
			if d.Line < 1 || d.Col < 1 {
				t.Fatalf("finding outside the file: %v", d)
			}
		}
		if _, err := Apply([]byte(file), res.Fixes); err != nil {
			t.Fatalf("fixes do not apply: %v", err)
		}
		fixed, _, err := FixAll(n, []byte(file), res.Fixes)
		if err != nil {
			t.Fatalf("fixes do not apply: %v", err)
		}
		n2, _ := notice.Parse(basePath, fixed)
		if again := Notice(n2, conv).Fixes; len(again) > 0 {
			t.Fatalf("fixing %q gave %q, which still needs %+v", body, fixed[len(front)+5:], again)
		}
	})
}

// FuzzMayPad: a text of which mayPad says no date may be padded has no
// padded date, as appendDates reads them; so dateFormat, which reads the
// dates of a paragraph only when mayPad says they may be, finds what
// reading every paragraph's dates finds.
func FuzzMayPad(f *testing.F) {
	for _, s := range []string{"2025年06月17日", "2025年6月07日", "０３月", "6月1日至06日", "2025年10月", "编号0012", "至09日", "1０５月", "2024年11月18日至1月07日"} {
		f.Add(s, 2024)
	}
	f.Fuzz(func(t *testing.T, s string, year int) {
		if mayPad(s, digits(s)) {
			return
		}
		for _, d := range appendDates(nil, s, digits(s), year) {
			if d.Padded {
				t.Fatalf("mayPad(%q) = false, but appendDates reads %q padded", s, s[d.Off:d.End])
			}
		}
	})
}

package numbering

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		in        string
		ok        bool
		level     int
		number    int
		text      string
		fullWidth bool
	}{
		{"一、关于“…”问题的整改情况", true, 1, 1, "一、", false},
		{"十二、其他", true, 1, 12, "十二、", false},
		{"二十三、其他", true, 1, 23, "二十三、", false},
		{"(一)推进新型婚育文化建设。", true, 2, 1, "(一)", false},
		{"（十）全角括号", true, 2, 10, "（十）", true},
		{"(十一)", true, 2, 11, "(十一)", false},
		{"1.第一项", true, 3, 1, "1.", false},
		{"12．全角句点", true, 3, 12, "12．", true},
		{"１．全角数字", true, 3, 1, "１．", true},
		{"(1)小项", true, 4, 1, "(1)", false},
		{"（2）小项", true, 4, 2, "（2）", true},
		{"(3）混合括号", true, 4, 3, "(3）", false},
		{"一是提高政治站位", false, 0, 0, "", false},
		{"2024年3月18日", false, 0, 0, "", false},
		{"1.13万期", false, 0, 0, "", false},
		{"2025.6", false, 0, 0, "", false},
		{"0.5", false, 0, 0, "", false},
		{"(单位)", false, 0, 0, "", false},
		{"(2024)", false, 0, 0, "", false},
		{"一", false, 0, 0, "", false},
		{"", false, 0, 0, "", false},
		{"、", false, 0, 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, ok := Parse(tt.in)
			if ok != tt.ok {
				t.Fatalf("Parse(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			}
			if !ok {
				return
			}
			if m.Level != tt.level || m.Number != tt.number || m.Text != tt.text || m.FullWidth != tt.fullWidth {
				t.Errorf("Parse(%q) = %+v, want level %d number %d text %q full %v", tt.in, m, tt.level, tt.number, tt.text, tt.fullWidth)
			}
		})
	}
}

func TestChineseRoundTrip(t *testing.T) {
	for n := 1; n <= 99; n++ {
		s := Chinese(n)
		got, size := ChineseNumber(s)
		if got != n || size != len(s) {
			t.Errorf("ChineseNumber(Chinese(%d) = %q) = %d, %d; want %d, %d", n, s, got, size, n, len(s))
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"一、", "(一)", "（二十）", "1.", "１．", "(1)", "1.13", "十十、", "(", "（"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := Parse(s)
		if bm, bok := ParseBytes([]byte(s)); bok != ok || bm != m && len(s) <= MaxLen {
			t.Errorf("ParseBytes(%q) = %+v, %v; Parse: %+v, %v", s, bm, bok, m, ok)
		}
		if !ok {
			return
		}
		if m.Level < 1 || m.Level > 4 || m.Number < 1 || m.Number > 999 {
			t.Errorf("Parse(%q) = %+v: level or number out of range", s, m)
		}
		if len(m.Text) > len(s) || s[:len(m.Text)] != m.Text {
			t.Errorf("Parse(%q) = %+v: Text is not a prefix of the input", s, m)
		}
	})
}

// TestStartsWithMarker: StartsWithMarker says what ParseBytes finds, and
// makes no string to find it.
func TestStartsWithMarker(t *testing.T) {
	for _, line := range []string{"(一)第一项。", "（二）第二项", "一、总体", "十二、其他", "1.小项", "１．全角", "(1)细项", "一是加强", "2025年", "正文", "", "(", "（一", "(九十九)末项"} {
		b := []byte(line)
		_, want := ParseBytes(b)
		if got := StartsWithMarker(b); got != want {
			t.Errorf("StartsWithMarker(%q) = %v, want %v as ParseBytes", line, got, want)
		}
		if n := testing.AllocsPerRun(10, func() { StartsWithMarker(b) }); n != 0 {
			t.Errorf("StartsWithMarker(%q) made %v allocations, want none", line, n)
		}
	}
}

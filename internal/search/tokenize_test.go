package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// tokens returns the terms of s as yearIndex keeps them, "term@slot".
func tokens(s string) []string {
	return indexed(&Doc{Title: s})
}

// indexed returns the terms of d as yearIndex keeps them, "term@slot",
// decoded from the postings it codes.
func indexed(d *Doc) []string {
	y := newYearIndex(0, "")
	y.add(d)
	var out []string
	for _, p := range postingsOf(y) {
		occ, err := Decode(p.term, p.docs, p.slots, p.groups)
		if err != nil {
			panic(fmt.Sprintf("%q: %v", p.term, err))
		}
		for _, o := range occ {
			if !positional(p.term) {
				out = append(out, p.term)
				continue
			}
			out = append(out, fmt.Sprintf("%s@%d", p.term, o.Slot))
		}
	}
	slices.Sort(out)
	return out
}

// reference returns the terms of d as tokenize.go describes them,
// "term@slot", read from segments: what yearIndex.field must note.
func reference(d *Doc) []string {
	var out []string
	chars := map[string]bool{}
	texts := append([]string{d.Title}, d.Fields...)
	slot := 0
	for i, s := range texts {
		if i > 0 {
			slot++
		}
		prev := other
		var prevRune rune
		prevSlot := 0
		slot = segments(s, slot, func(g segment) {
			switch g.class {
			case digit, latin:
				if prev == han {
					out = append(out, fmt.Sprintf(">%c@%d", prevRune, prevSlot))
				}
				out = append(out, fmt.Sprintf("%s@%d", string(g.text), g.slot))
			case han:
				t := g.text
				if len(t) == 1 || prev == digit || prev == latin {
					out = append(out, fmt.Sprintf("<%c@%d", t[0], g.slot))
				}
				for i := 0; i+1 < len(t); i++ {
					out = append(out, fmt.Sprintf("%c%c@%d", t[i], t[i+1], g.slot+i))
				}
				for _, r := range t {
					chars["~"+string(r)] = true
				}
				prevRune, prevSlot = t[len(t)-1], g.slot+len(t)-1
			}
			prev = g.class
		})
	}
	for c := range chars {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// The tokenizer of the index notes what segments reads, field by field.
func TestTokensAsSegmentsRead(t *testing.T) {
	for _, d := range []Doc{
		{Title: "关于2024年度巡察整改", Fields: []string{"省农业农村厅党组", "", "十五届省委第五轮巡视", "教育提醒4人；", "一、整改落实。\n\n和睦e家ABC系统，4月17日𠀀𠀁鹅"}},
		{Title: "a1b2", Fields: []string{"鹅", "2024", "年"}},
		// Han characters outside the common block, of three bytes and of
		// four, beside those of the block and words.
		{Title: "人々〇㐀豈𠀀", Fields: []string{"2024年々", "㐀整改𠀀x豈", "𠀀", "龥一"}},
	} {
		if got, want := indexed(&d), reference(&d); !slices.Equal(got, want) {
			t.Errorf("%q: got %v, want %v", d.Title, got, want)
		}
	}
}

// Every Han character's code (codeOf) gives the character back, is no
// other's, and is what textCommon takes it as when it is in the common
// block: its UTF-8 bytes, the first the highest.
func TestCodeOf(t *testing.T) {
	seen := map[uint32]rune{}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if classOf(r) != han {
			continue
		}
		c := codeOf(r)
		if !isHanCode(c) || c >= 1<<24 || runeOf(c) != r {
			t.Fatalf("%U: code %#x, rune of it %U", r, c, runeOf(c))
		}
		if o, ok := seen[c]; ok {
			t.Fatalf("%U and %U: the same code %#x", o, r, c)
		}
		seen[c] = r
		if b := []byte(string(r)); len(b) == 3 {
			if want := uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2]); c != want {
				t.Fatalf("%U: code %#x, want its bytes %#x", r, c, want)
			}
		}
	}
	if len(seen) < 90000 {
		t.Errorf("only %d Han characters", len(seen))
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"整改落实", "~实 ~改 ~整 ~落 改落@1 整改@0 落实@2"},
		{"整改，落实", "~实 ~改 ~整 ~落 整改@0 落实@3"},
		{"2024年度", "2024@0 <年@1 ~年 ~度 年度@1"},
		{"4月17日", "17@2 4@0 <日@3 <月@1 >月@1 ~日 ~月"},
		{"和睦e家", "<家@3 >睦@1 e@2 ~和 ~家 ~睦 和睦@0"},
		{"ＡＢＣ系统", "<系@1 abc@0 ~系 ~统 系统@1"},
		{"２０２４公里", "2024@0 <公@1 ~公 ~里 公里@1"},
		{"Ｗｏｒｄ　word", "word@0 word@2"},
		{"鹅", "<鹅@0 ~鹅"},
		{"", ""},
		{"，。、", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := strings.Join(tokens(tt.text), " "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		query string
		want  string
	}{
		{"整改落实", "整改落实: 整改@0 落实@2"},
		{"整改落实情况", "整改落实情况: 整改@0 落实@2 情况@4"},
		{"巡视整改", "巡视整改: 巡视@0 整改@2"},
		{"落实整改工作", "落实整改工作: 落实@0 整改@2 工作@4"},
		{"整改落", "整改落: 整改@0 改落@1"},
		{"鹅", "鹅: ~鹅@-1"},
		{"  ，鹅。 ", "鹅: ~鹅@-1"},
		{"2024年", "2024年: 2024@0 <年@1"},
		{"年2024", "年2024: >年@0 2024@1"},
		{"e家", "e家: e@0 <家@1"},
		{"ＡＢＣ", "abc: abc@0"},
		{"整改　落实", "整改: 整改@0 | 落实: 落实@0"},
		{"", ""},
		{"。", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var parts []string
			for _, p := range Parse(tt.query) {
				var items []string
				for _, it := range p.Items {
					items = append(items, fmt.Sprintf("%s@%d", it.Term, it.Slot))
				}
				parts = append(parts, p.Text+": "+strings.Join(items, " "))
			}
			if got := strings.Join(parts, " | "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"整改落实", "2024年度", "ＡＢＣ系統　word", "\xff\xfe", "𠀀𠀁", "a1b2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		y := newYearIndex(0, "")
		y.add(&Doc{Title: s, Fields: []string{s}})
		for _, p := range postingsOf(y) {
			if !utf8.ValidString(p.term) || p.term == "" {
				t.Fatalf("term %q", p.term)
			}
		}
		// The postings hold what segments reads.
		d := Doc{Title: s, Fields: []string{s}}
		if got, want := indexed(&d), reference(&d); !slices.Equal(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
		// Every phrase of the text is found in it.
		files := map[string][]byte{}
		yr, err := BuildYear(2025, 1, Docs([]Doc{{Title: s}}), "", func(p string, d []byte) error { files[p] = d; return nil })
		if err != nil {
			t.Fatal(err)
		}
		files[Dir+"index.json"] = MetaFile([]Year{yr})
		if hits, err := Match(readMap(files), s); err != nil || (len(Parse(s)) > 0 && len(hits) != 1) {
			t.Fatalf("Match(%q) = %v, %v; want the doc", s, hits, err)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"整改落实", "2024年 鹅", "ＡＢＣ", "  ", "e家\u3000", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, p := range Parse(q) {
			if len(p.Items) == 0 || p.Text == "" {
				t.Fatalf("%q: empty phrase %+v", q, p)
			}
			for _, it := range p.Items {
				if it.Term == "" || !utf8.ValidString(it.Term) {
					t.Fatalf("%q: term %q", q, it.Term)
				}
			}
		}
	})
}

func FuzzDecode(f *testing.F) {
	p := plain{term: "整改", docs: []int32{1, 5, 70}, counts: []int32{2, 1, 1}, slots: []int32{3, 9, 4, 2}}.coded()
	f.Add("整改", p.docs, p.slots, p.groups[0], p.groups[1])
	f.Add("~整", []byte{2, 0, 0xff}, []byte(nil), 0, 0)
	f.Fuzz(func(t *testing.T, term string, docs, slots []byte, g1, g2 int) {
		Decode(term, docs, slots, []int{g1, g2}) // never panics, whatever the bytes
	})
}

// readMap reads index files by their path below search/.
func readMap(files map[string][]byte) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		b, ok := files[Dir+p]
		if !ok {
			return nil, fmt.Errorf("%s: not found", p)
		}
		return b, nil
	}
}

func FuzzDecodeRune(f *testing.F) {
	for _, s := range []string{"整", "\xed\xa0\x80", "\xe0\x80\x80", "\xe4\xb8", "a整b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); {
			r, n := decodeRune(s, i)
			wr, wn := utf8.DecodeRuneInString(s[i:])
			if r != wr || n != wn {
				t.Fatalf("%q at %d: got %U %d, want %U %d", s, i, r, n, wr, wn)
			}
			i += n
		}
	})
}

// classOf's shortcuts for the punctuation of Chinese text class every
// rune as the Unicode tables do.
func TestClassOfAsUnicode(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := other
		switch {
		case r >= '0' && r <= '9':
			want = digit
		case r >= 'a' && r <= 'z':
			want = latin
		case r < 0x2E80 && r > 0x7F && unicode.IsLetter(r):
			want = latin
		case r >= 0x2E80 && unicode.Is(unicode.Han, r):
			want = han
		}
		if got := classOf(r); got != want {
			t.Errorf("classOf(%U) = %d, want %d", r, got, want)
		}
	}
}

package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// tokens returns the terms of s as yearIndex keeps them, "term@slot".
func tokens(s string) []string {
	y := newYearIndex()
	y.add(&Doc{Title: s})
	var out []string
	for _, p := range y.posts {
		if !positional(p.term) {
			out = append(out, p.term)
			continue
		}
		for _, sl := range p.slots {
			out = append(out, fmt.Sprintf("%s@%d", p.term, sl))
		}
	}
	slices.Sort(out)
	return out
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
		y := newYearIndex()
		y.add(&Doc{Title: s, Fields: []string{s}})
		for _, p := range y.posts {
			if !utf8.ValidString(p.term) || p.term == "" {
				t.Fatalf("term %q", p.term)
			}
			docs, slots := p.encode()
			occ, err := Decode(p.term, docs, slots)
			if err != nil {
				t.Fatalf("%q: %v", p.term, err)
			}
			want := len(p.slots)
			if !positional(p.term) {
				want = len(p.docs)
			}
			if len(occ) != want {
				t.Fatalf("%q: %d occurrences decoded, want %d", p.term, len(occ), want)
			}
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
	p := posting{term: "整改", docs: []int32{1, 5}, counts: []int32{2, 1}, slots: []int32{3, 9, 4}}
	docs, slots := p.encode()
	f.Add("整改", docs, slots)
	f.Add("~整", []byte{2, 0, 0xff}, []byte(nil))
	f.Fuzz(func(t *testing.T, term string, docs, slots []byte) {
		Decode(term, docs, slots) // never panics, whatever the bytes
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

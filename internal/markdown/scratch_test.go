package markdown

import (
	"bytes"
	"reflect"
	"sync"
	"testing"
	"unicode/utf8"
)

// TestScratchReused: a Converter that converts many bodies one after the
// other, and on several goroutines at once, reusing the memory of its
// finished conversions, gives each body the Doc a Converter of its own
// gives it; and a Doc it returned stays as it was while the next bodies
// are converted.
func TestScratchReused(t *testing.T) {
	var bodies [][]byte
	for _, c := range plainCases {
		bodies = append(bodies, []byte(c))
	}
	bodies = append(bodies, corpusBodies(t, 20)...)
	bodies = append(bodies, []byte("# 标题\n\n一、总体情况\n(一)第一项。正文\n1.小项。\n(1)细项。正文。\n(二)第二项\n\n| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n"))
	want := make([]Doc, len(bodies))
	for i, b := range bodies {
		want[i] = convertAlone(t, b)
	}
	shared := New(Options{})
	got := make([]Doc, len(bodies))
	for round := range 2 {
		for i, b := range bodies {
			doc, err := shared.ConvertTo(new(bytes.Buffer), b)
			if err != nil {
				t.Fatal(err)
			}
			if round == 0 {
				got[i] = doc
			}
			if !reflect.DeepEqual(doc, want[i]) {
				t.Fatalf("body %d, round %d: the Doc differs from a Converter's own\ngot  %+v\nwant %+v", i, round, doc, want[i])
			}
		}
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, b := range bodies {
				if doc := shared.Parse(b); !reflect.DeepEqual(doc.Outline, want[i].Outline) || !reflect.DeepEqual(doc.Prose, want[i].Prose) {
					t.Errorf("body %d, parsed at once with others: the Doc differs from a Converter's own", i)
				}
			}
		})
	}
	wg.Wait()
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("body %d: its Doc changed while the next bodies were converted", i)
		}
	}
}

// convertAlone converts b with a Converter of its own.
func convertAlone(t *testing.T, b []byte) Doc {
	t.Helper()
	doc, err := New(Options{}).ConvertTo(new(bytes.Buffer), b)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// FuzzScratchReused: one Converter, whose scratches every body before has
// used, gives any body the Doc a Converter of its own gives it.
func FuzzScratchReused(f *testing.F) {
	for _, c := range plainCases {
		f.Add(c)
	}
	f.Add("标题\n---\n\n一、总体\n(一)第一项。正文\n| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n> 引用\n(二)第二项")
	shared := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		want, wantErr := New(Options{}).ConvertTo(new(bytes.Buffer), []byte(src))
		got, gotErr := shared.ConvertTo(new(bytes.Buffer), []byte(src))
		if (gotErr == nil) != (wantErr == nil) || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: the Doc differs from a Converter's own\ngot  %+v, %v\nwant %+v, %v", src, got, gotErr, want, wantErr)
		}
	})
}

package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestPostingsRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		p    posting
	}{
		{"one doc, one slot", posting{term: "整改", docs: []int32{0}, counts: []int32{1}, slots: []int32{0}}},
		{"far slots", posting{term: "整改", docs: []int32{3, 900}, counts: []int32{3, 2}, slots: []int32{7, 8, 100000, 5, 1 << 30}}},
		{"char term", posting{term: "~整", docs: []int32{0, 1, 2, 500, 501}}},
		{"word", posting{term: "2024", docs: []int32{2}, counts: []int32{4}, slots: []int32{1, 2, 3, 4000}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []Occurrence
			at := 0
			for i, d := range tt.p.docs {
				if !positional(tt.p.term) {
					want = append(want, Occurrence{int(d), -1})
					continue
				}
				for range tt.p.counts[i] {
					want = append(want, Occurrence{int(d), int(tt.p.slots[at])})
					at++
				}
			}
			docs, slots := tt.p.encode()
			got, err := Decode(tt.p.term, docs, slots)
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("got %v, %v, want %v", got, err, want)
			}
		})
	}
}

// BenchmarkBuildYear measures indexing a year of 1,000 notices of the
// corpus's shape (internal/corpus): tokenizing and encoding, no disk.
func BenchmarkBuildYear(b *testing.B) {
	body := strings.Repeat("省农业农村厅党组把巡察整改作为重大政治任务。一是提高政治站位，强化思想认识。修订《机关财务管理制度》，举办“预算绩效管理与实务”专题辅导，2024年4月17日。\n\n", 40)
	docs := make([]Doc, 1000)
	for i := range docs {
		docs[i] = Doc{Title: fmt.Sprintf("中共省某厅党组关于巡察整改进展情况的通报%d", i), Fields: []string{"省某厅党组", "市委第三巡察组", "", "教育提醒17人；", body}}
	}
	b.SetBytes(int64(len(body) * len(docs)))
	for b.Loop() {
		if _, err := BuildYear(2025, len(docs), Docs(docs), "", func(string, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

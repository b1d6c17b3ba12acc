package search

import (
	"slices"
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

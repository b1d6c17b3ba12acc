package notice

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"
)

// TestSnapshotRestores: a notice restored from a gob-encoded snapshot is
// the notice parsed, body dropped: same front matter, same key positions.
func TestSnapshotRestores(t *testing.T) {
	n, problems := Parse("content/2025/test.md", []byte(valid))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	n.DropBody()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(n.Snapshot()); err != nil {
		t.Fatal(err)
	}
	var s Snapshot
	if err := gob.NewDecoder(&buf).Decode(&s); err != nil {
		t.Fatal(err)
	}
	r := Restore(s)
	if r.URL() != n.URL() || r.BodyOffset != n.BodyOffset {
		t.Errorf("restored %s (body at %d), want %s (%d)", r.URL(), r.BodyOffset, n.URL(), n.BodyOffset)
	}
	if !r.Date.Equal(n.Date.Time) || !r.Inspection.Start.Equal(n.Inspection.Start.Time) {
		t.Errorf("dates: got %v %v, want %v %v", r.Date, r.Inspection.Start, n.Date, n.Inspection.Start)
	}
	r.Date, n.Date = DateTime{}, DateTime{} // time zones compare by pointer
	r.Inspection, n.Inspection = Inspection{}, Inspection{}
	r.Signature.Date, n.Signature.Date = Date{}, Date{}
	if !reflect.DeepEqual(r.FrontMatter, n.FrontMatter) {
		t.Errorf("front matter:\n got %+v\nwant %+v", r.FrontMatter, n.FrontMatter)
	}
	for _, key := range [][]string{{"title"}, {"inspection", "feedback"}, {"signature", "date"}, {"slug"}} {
		if got, want := r.KeyPos(key...), n.KeyPos(key...); got != want {
			t.Errorf("KeyPos(%v): got %v, want %v", key, got, want)
		}
	}
	if got, want := r.Keys.Entry("statistics", 1), n.Keys.Entry("statistics", 1); got != want {
		t.Errorf("second statistics entry: got %v, want %v", got, want)
	}
}

package notice

import (
	"testing"
	"unsafe"
)

// TestKnownKeys: every key of the front matter is known once, so that the
// key positions of many notices share their names.
func TestKnownKeys(t *testing.T) {
	for _, k := range []string{"title", "date", "inspection.start", "statistics.label", "contact.phone",
		"signature.date", "disclosure.index_number", "corrections.why",
		"inspection.form", "inspection.groups", "inspection.units", "inspection.named"} {
		if _, ok := knownKeys[k]; !ok {
			t.Errorf("%s is not a known key", k)
		}
	}
	for _, k := range []string{"inspection.start.Time", "date.Time", "statistics.value.Text"} {
		if _, ok := knownKeys[k]; ok {
			t.Errorf("%s is a known key; a date or number is a leaf", k)
		}
	}
	a, _ := Parse("content/2025/a.md", []byte(valid))
	b, _ := Parse("content/2025/b.md", []byte(valid))
	for i := range a.Keys.at {
		if unsafe.StringData(a.Keys.at[i].key) != unsafe.StringData(b.Keys.at[i].key) {
			t.Errorf("key %q: two notices keep two copies of its name", a.Keys.at[i].key)
		}
	}
}

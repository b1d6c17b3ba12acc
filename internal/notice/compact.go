package notice

import (
	"reflect"
	"strings"
	"unique"
)

// compactStrings makes the strings v (a pointer to the front matter) holds,
// in exported fields, independent of the text they were read from. The
// TOML parser hands out values cut from its own copy of the front matter's
// text, which would keep all of that text alive for as long as the notice
// is kept, and a build keeps every notice's front matter until its
// listings are written: the values alone take half of it. The strings
// are found in one walk, then copied and set.
//
// The values a site's notices repeat (fields tagged mem:"shared": the
// kind, group, organisation, round and level of the inspection, the labels
// and units of the statistics, the contact, the signing organisation,
// the source) are interned when they are long enough to be worth it
// (internBytes): every notice that writes the same value holds one copy
// of it (unique.Make), not its own. The others (the title, the title's
// lines, the corrections, the acceptances, and short values such as 巡察
// or 人) are copied into one new string, each its own slice of it.
func compactStrings(v any) {
	var found [64]sharedString // a notice has a few dozen
	strs := walkStrings(reflect.ValueOf(v).Elem(), false, found[:0])
	size := 0
	for _, s := range strs {
		if !s.interned() {
			size += s.v.Len()
		}
	}
	var all strings.Builder
	all.Grow(size)
	for _, s := range strs {
		if !s.interned() {
			all.WriteString(s.v.String())
		}
	}
	text, at := all.String(), 0
	for _, s := range strs {
		if s.interned() {
			s.v.SetString(unique.Make(s.v.String()).Value())
			continue
		}
		n := s.v.Len()
		s.v.SetString(text[at : at+n])
		at += n
	}
}

// internBytes is the shortest value interned: a shorter one costs more
// time to look up (unique.Make, about 0.5 µs) than its bytes are worth.
const internBytes = 16

// sharedString is a string of the front matter, and whether it is in a
// field tagged mem:"shared" (or in what such a field holds).
type sharedString struct {
	v      reflect.Value
	shared bool
}

// interned reports whether s is interned rather than packed.
func (s sharedString) interned() bool { return s.shared && s.v.Len() >= internBytes }

// walkStrings appends to strs each non-empty string that v, or what it
// points to, holds in an exported field; shared says v is in a field
// tagged mem:"shared".
func walkStrings(v reflect.Value, shared bool, strs []sharedString) []sharedString {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() && v.Len() > 0 {
			strs = append(strs, sharedString{v, shared})
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if f := t.Field(i); f.IsExported() {
				strs = walkStrings(v.Field(i), shared || f.Tag.Get("mem") == "shared", strs)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			strs = walkStrings(v.Index(i), shared, strs)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			strs = walkStrings(v.Elem(), shared, strs)
		}
	}
	return strs
}

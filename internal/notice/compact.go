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
// listings are written.
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
	size := 0
	walkStrings(reflect.ValueOf(v).Elem(), false, func(s reflect.Value, shared bool) {
		if !interned(s, shared) {
			size += s.Len()
		}
	})
	var all strings.Builder
	all.Grow(size)
	walkStrings(reflect.ValueOf(v).Elem(), false, func(s reflect.Value, shared bool) {
		if !interned(s, shared) {
			all.WriteString(s.String())
		}
	})
	text, at := all.String(), 0
	walkStrings(reflect.ValueOf(v).Elem(), false, func(s reflect.Value, shared bool) {
		if interned(s, shared) {
			s.SetString(unique.Make(s.String()).Value())
			return
		}
		n := len(s.String())
		s.SetString(text[at : at+n])
		at += n
	})
}

// internBytes is the shortest value interned: a shorter one costs more
// time to look up (unique.Make, about 0.5 µs) than its bytes are worth.
const internBytes = 16

// interned reports whether the string s, in a field tagged shared or not,
// is interned rather than packed.
func interned(s reflect.Value, shared bool) bool { return shared && s.Len() >= internBytes }

// walkStrings calls f for each non-empty string that v, or what it points
// to, holds in an exported field; shared is true for those in a field
// tagged mem:"shared", or in what such a field holds.
func walkStrings(v reflect.Value, shared bool, f func(s reflect.Value, shared bool)) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() && v.Len() > 0 {
			f(v, shared)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if field := v.Type().Field(i); field.IsExported() {
				walkStrings(v.Field(i), shared || field.Tag.Get("mem") == "shared", f)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), shared, f)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			walkStrings(v.Elem(), shared, f)
		}
	}
}

package notice

import (
	"reflect"
	"strings"
)

// compactStrings copies every string v (a pointer to the front matter)
// holds, in exported fields, into one new string, each its own slice of
// it. The TOML parser hands out values cut from its own copy of the front
// matter's text, which would keep all of that text alive for as long as
// the notice is kept, and a build keeps every notice's front matter until
// its listings are written: the values alone take half of it.
func compactStrings(v any) {
	size := 0
	walkStrings(reflect.ValueOf(v).Elem(), func(s reflect.Value) { size += s.Len() })
	var all strings.Builder
	all.Grow(size)
	walkStrings(reflect.ValueOf(v).Elem(), func(s reflect.Value) { all.WriteString(s.String()) })
	text, at := all.String(), 0
	walkStrings(reflect.ValueOf(v).Elem(), func(s reflect.Value) {
		n := len(s.String())
		s.SetString(text[at : at+n])
		at += n
	})
}

// walkStrings calls f for each non-empty string that v, or what it points
// to, holds in an exported field.
func walkStrings(v reflect.Value, f func(reflect.Value)) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() && v.Len() > 0 {
			f(v)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walkStrings(v.Field(i), f)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), f)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			walkStrings(v.Elem(), f)
		}
	}
}

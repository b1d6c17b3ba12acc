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
// its listings are written: the values alone take half of it. The strings
// are found in one walk, then copied and set.
func compactStrings(v any) {
	var found [64]reflect.Value // a notice has a few dozen
	strs := walkStrings(reflect.ValueOf(v).Elem(), found[:0])
	size := 0
	for _, s := range strs {
		size += s.Len()
	}
	var all strings.Builder
	all.Grow(size)
	for _, s := range strs {
		all.WriteString(s.String())
	}
	text, at := all.String(), 0
	for _, s := range strs {
		n := s.Len()
		s.SetString(text[at : at+n])
		at += n
	}
}

// walkStrings appends to strs each non-empty string that v, or what it
// points to, holds in an exported field.
func walkStrings(v reflect.Value, strs []reflect.Value) []reflect.Value {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() && v.Len() > 0 {
			strs = append(strs, v)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if t.Field(i).IsExported() {
				strs = walkStrings(v.Field(i), strs)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			strs = walkStrings(v.Index(i), strs)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			strs = walkStrings(v.Elem(), strs)
		}
	}
	return strs
}

package notice

import (
	"reflect"
	"strconv"
	"testing"
)

// TestAppendStrings: appendStrings finds every string of the front matter
// that a walk of it with reflection finds, in the same order, each with
// its mem:"shared" tag (or its parent's), and none else. Every string,
// slice and pointer of the front matter is filled first, so that a field
// added to FrontMatter and not to appendStrings fails here.
func TestAppendStrings(t *testing.T) {
	var fm FrontMatter
	n := 0
	fill(reflect.ValueOf(&fm).Elem(), &n)
	if n < 40 {
		t.Fatalf("filled %d strings; the front matter has more", n)
	}
	got := fm.appendStrings(nil)
	want := walkStrings(reflect.ValueOf(&fm).Elem(), false, nil)
	if len(got) != len(want) {
		t.Fatalf("appendStrings found %d strings, the reflection walk %d", len(got), len(want))
	}
	for i := range want {
		if got[i].p != want[i].v.Addr().Interface().(*string) || got[i].shared != want[i].shared {
			t.Errorf("string %d: got %q (shared %v), want %q (shared %v)", i, *got[i].p, got[i].shared, want[i].v.String(), want[i].shared)
		}
	}
	// An empty string is left out.
	fm.Title = ""
	if len(fm.appendStrings(nil)) != len(want)-1 {
		t.Error("an empty title was found")
	}
}

// fill sets every exported string v holds to a value of its own, makes
// every slice two long and every nil pointer point at a new value.
func fill(v reflect.Value, n *int) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			*n++
			v.SetString("s" + strconv.Itoa(*n))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	case reflect.Slice:
		if v.CanSet() {
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		}
		for i := range v.Len() {
			fill(v.Index(i), n)
		}
	case reflect.Pointer:
		if v.IsNil() && v.CanSet() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		if !v.IsNil() {
			fill(v.Elem(), n)
		}
	}
}

// reflectedString is a string of the front matter as walkStrings finds it.
type reflectedString struct {
	v      reflect.Value
	shared bool
}

// walkStrings is the walk compactStrings made with reflection before
// appendStrings: it appends to strs each non-empty string that v, or what
// it points to, holds in an exported field; shared says v is in a field
// tagged mem:"shared".
func walkStrings(v reflect.Value, shared bool, strs []reflectedString) []reflectedString {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() && v.Len() > 0 {
			strs = append(strs, reflectedString{v, shared})
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

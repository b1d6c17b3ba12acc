package render

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The JSON files are described once, by the struct tags of noticeData and
// of the notice package's types; encoding/json follows them. It walks
// every value by reflection anew and escapes strings one rune at a time,
// which made notice.json a tenth of the renderer's time. So a jsonWriter
// reads the tags once for each type into a plan, follows the plan, and
// copies a string that needs no escaping as it is. The plans are kept in
// a jsonWriter, which each Renderer has. What the plan does not
// cover exactly as encoding/json does (numbers with a fraction, maps,
// interfaces, text marshalers, omitzero, the string option, field names
// that collide) it hands to encoding/json, value by value: the bytes are
// encoding/json's in every case (TestJSONWriterAsEncodingJSON).

// jsonPlan writes one type's values.
type jsonPlan func(buf *bytes.Buffer, v reflect.Value) error

// jsonField is an exported field of a struct, as it is written.
type jsonField struct {
	key       string // `"name":`
	index     []int
	omitEmpty bool
	plan      jsonPlan
}

var (
	marshalerType = reflect.TypeFor[json.Marshaler]()
	textType      = reflect.TypeFor[encoding.TextMarshaler]()
)

// jsonWriter writes JSON by the plans it made, one for each type. A
// Renderer has one. It is safe for concurrent use.
type jsonWriter struct {
	plans sync.Map // reflect.Type → jsonPlan
}

// write appends v's JSON to buf as one line with no newline, HTML
// characters as they are: the files are read by programs, not browsers.
func (j *jsonWriter) write(buf *bytes.Buffer, v any) error {
	rv := reflect.ValueOf(v)
	return j.planOf(rv.Type())(buf, rv)
}

// planOf returns the plan of t, made once.
func (j *jsonWriter) planOf(t reflect.Type) jsonPlan {
	if p, ok := j.plans.Load(t); ok {
		return p.(jsonPlan)
	}
	p, _ := j.plans.LoadOrStore(t, j.makePlan(t, map[reflect.Type]bool{}))
	return p.(jsonPlan)
}

// subPlan is the plan of t inside the plan being made of a type in
// making: a type that contains itself is left to encoding/json.
func (j *jsonWriter) subPlan(t reflect.Type, making map[reflect.Type]bool) jsonPlan {
	if p, ok := j.plans.Load(t); ok {
		return p.(jsonPlan)
	}
	if making[t] {
		return fallbackPlan
	}
	return j.makePlan(t, making)
}

func (j *jsonWriter) makePlan(t reflect.Type, making map[reflect.Type]bool) jsonPlan {
	making[t] = true
	defer delete(making, t)
	switch {
	case t.Implements(marshalerType):
		return marshalerPlan(t)
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(marshalerType),
		t.Implements(textType), reflect.PointerTo(t).Implements(textType):
		return fallbackPlan
	}
	switch t.Kind() {
	case reflect.String:
		return func(buf *bytes.Buffer, v reflect.Value) error {
			appendJSONString(buf, v.String())
			return nil
		}
	case reflect.Bool:
		return func(buf *bytes.Buffer, v reflect.Value) error {
			buf.WriteString(strconv.FormatBool(v.Bool()))
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(buf *bytes.Buffer, v reflect.Value) error {
			buf.Write(strconv.AppendInt(buf.AvailableBuffer(), v.Int(), 10))
			return nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return func(buf *bytes.Buffer, v reflect.Value) error {
			buf.Write(strconv.AppendUint(buf.AvailableBuffer(), v.Uint(), 10))
			return nil
		}
	case reflect.Pointer:
		elem := j.subPlan(t.Elem(), making)
		return func(buf *bytes.Buffer, v reflect.Value) error {
			if v.IsNil() {
				buf.WriteString("null")
				return nil
			}
			return elem(buf, v.Elem())
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 { // base64
			return fallbackPlan
		}
		elem := j.subPlan(t.Elem(), making)
		return func(buf *bytes.Buffer, v reflect.Value) error {
			if v.IsNil() {
				buf.WriteString("null")
				return nil
			}
			buf.WriteByte('[')
			for i := range v.Len() {
				if i > 0 {
					buf.WriteByte(',')
				}
				if err := elem(buf, v.Index(i)); err != nil {
					return err
				}
			}
			buf.WriteByte(']')
			return nil
		}
	case reflect.Struct:
		fields, ok := j.structFields(t, making)
		if !ok {
			return fallbackPlan
		}
		return func(buf *bytes.Buffer, v reflect.Value) error {
			buf.WriteByte('{')
			first := true
			for i := range fields {
				f := &fields[i]
				fv := v.FieldByIndex(f.index)
				if f.omitEmpty && emptyJSON(fv) {
					continue
				}
				if !first {
					buf.WriteByte(',')
				}
				first = false
				buf.WriteString(f.key)
				if err := f.plan(buf, fv); err != nil {
					return err
				}
			}
			buf.WriteByte('}')
			return nil
		}
	}
	return fallbackPlan
}

// structFields lists the fields of struct type t as encoding/json writes
// them, in order, the fields of an embedded struct in its place; false
// when t has what only encoding/json is to decide (two fields of one
// name, an embedded pointer or unexported struct, omitzero, the string
// option).
func (j *jsonWriter) structFields(t reflect.Type, making map[reflect.Type]bool) ([]jsonField, bool) {
	var fields []jsonField
	seen := map[string]bool{}
	var add func(t reflect.Type, index []int) bool
	add = func(t reflect.Type, index []int) bool {
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			at := append(append([]int(nil), index...), i)
			if sf.Anonymous {
				if sf.Type.Kind() != reflect.Struct || !sf.IsExported() || tag != "" {
					return false
				}
				if !add(sf.Type, at) {
					return false
				}
				continue
			}
			if !sf.IsExported() {
				continue
			}
			omitEmpty := false
			for opt := range strings.SplitSeq(opts, ",") {
				switch opt {
				case "":
				case "omitempty":
					omitEmpty = true
				default: // omitzero, string
					return false
				}
			}
			if name == "" {
				name = sf.Name
			}
			if !plainKey(name) || seen[name] {
				return false
			}
			seen[name] = true
			fields = append(fields, jsonField{key: `"` + name + `":`, index: at, omitEmpty: omitEmpty, plan: j.subPlan(sf.Type, making)})
		}
		return true
	}
	if !add(t, nil) {
		return nil, false
	}
	return fields, true
}

// plainKey reports whether a field's name is written as it is: letters,
// digits and underscores (encoding/json checks tags that hold more).
func plainKey(name string) bool {
	for _, c := range name {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return name != ""
}

// emptyJSON is encoding/json's test for omitempty.
func emptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// marshalerPlan writes what a type's MarshalJSON returns, compacted and
// checked as encoding/json does.
func marshalerPlan(t reflect.Type) jsonPlan {
	return func(buf *bytes.Buffer, v reflect.Value) error {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		b, err := addressed(v).(json.Marshaler).MarshalJSON()
		if err != nil {
			return &json.MarshalerError{Type: t, Err: err}
		}
		if err := json.Compact(buf, b); err != nil {
			return &json.MarshalerError{Type: t, Err: err}
		}
		return nil
	}
}

// addressed is v as an interface: a pointer to it when it is addressable,
// as encoding/json calls a marshaler (no copy, and a pointer's methods).
func addressed(v reflect.Value) any {
	if v.CanAddr() {
		return v.Addr().Interface()
	}
	return v.Interface()
}

// fallbackPlan writes v with encoding/json.
func fallbackPlan(buf *bytes.Buffer, v reflect.Value) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(addressed(v)); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	return nil
}

// appendJSONString writes s as a JSON string, as encoding/json does with
// HTML characters left as they are. Most strings of a notice need no
// escaping: valid UTF-8 with no control character, quote, backslash, DEL,
// U+2028 or U+2029; they are copied. Others are left to encoding/json.
func appendJSONString(buf *bytes.Buffer, s string) {
	if !plainJSON(s) {
		fallbackPlan(buf, reflect.ValueOf(s)) // a string cannot fail
		return
	}
	buf.WriteByte('"')
	buf.WriteString(s)
	buf.WriteByte('"')
}

// plainJSON reports whether encoding/json writes s between quotes as it is.
func plainJSON(s string) bool {
	var high byte
	for i := 0; i < len(s); i++ {
		b := s[i]
		high |= b
		if jsonSpecial[b] {
			if b != 0xe2 {
				return false
			}
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9) { // U+2028, U+2029
				return false
			}
		}
	}
	return high < utf8.RuneSelf || utf8.ValidString(s)
}

// jsonSpecial marks the bytes plainJSON looks at twice: the ASCII ones
// encoding/json escapes, and the first byte of U+2028 and U+2029.
var jsonSpecial = func() (t [256]bool) {
	for b := range 0x20 {
		t[b] = true
	}
	t['"'], t['\\'], t[0x7f], t[0xe2] = true, true, true, true
	return t
}()

package render

import (
	"bytes"
	"encoding"
	"encoding/binary"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// A notice's JSON is described once: by the struct tags of noticeData and
// of the notice package's types (and their MarshalJSON methods), which
// writeJSON's tag encoder follows by encoding/json's rules, writing the
// bytes encoding/json would.

// noticeData is one notice in notices.json and notice.json.
type noticeData struct {
	URL  string `json:"url"`
	Path string `json:"path"` // below the base URL
	Year int    `json:"year"`
	Slug string `json:"slug"`
	notice.FrontMatter
	PDF      *pdfData `json:"pdf,omitempty"`     // the notice printed, when the site prints
	Sections sections `json:"sections,omitzero"` // in notice.json only
}

// pdfData is a notice's PDF in notices.json.
type pdfData struct {
	URL  string `json:"url"`
	Size int64  `json:"size"` // in bytes
}

// sectionData is one section of a notice in notice.json.
type sectionData struct {
	Level int        `json:"level"`
	ID    string     `json:"id"`
	URL   sectionURL `json:"url"`
	Title string     `json:"title"`
}

// sectionURL is the URL of a section, written as the JSON string Page#ID:
// made when written, not held (a notice has dozens of sections, and a
// build thousands of notices).
type sectionURL struct{ Page, ID string }

// MarshalJSON writes u as encoding/json writes the string Page#ID with
// HTML escaping off. The tag encoder writes it without the string
// (appendSectionURL).
func (u sectionURL) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := writeStdJSON(&b, u.Page+"#"+u.ID); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// appendSectionURL appends u as MarshalJSON writes it. JSON escapes a
// string character by character, and '#' needs none: the string Page#ID
// is the escaped Page, '#', and the escaped ID.
func appendSectionURL(b []byte, u *sectionURL) []byte {
	b = appendJSONString(b, u.Page)
	b[len(b)-1] = '#' // for the closing quote
	at := len(b)
	b = appendJSONString(b, u.ID)
	return append(b[:at], b[at+1:]...) // without the opening quote
}

// sections is the outline of a notice in notice.json: a list of
// sectionData, each made as it is written, for the page at url.
type sections struct {
	url     string
	outline []markdown.Entry
}

// IsZero says there are none: notices.json leaves the sections out.
func (s sections) IsZero() bool { return len(s.outline) == 0 }

// list is the sections as sectionData.
func (s sections) list() []sectionData {
	list := make([]sectionData, len(s.outline))
	for i, e := range s.outline {
		list[i] = sectionData{Level: e.Level, ID: e.ID, URL: sectionURL{s.url, e.ID}, Title: e.Title}
	}
	return list
}

// MarshalJSON writes the sections as encoding/json writes their list with
// HTML escaping off. The tag encoder writes them without the list
// (sectionsEncoder).
func (s sections) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := writeStdJSON(&b, s.list()); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// sectionsEncoder writes sections as their list of sectionData is
// written by enc, the tag encoder of sectionData, each section made in
// turn in one place rather than all of them at once.
func sectionsEncoder(enc jsonEncoder) jsonEncoder {
	return func(b []byte, p unsafe.Pointer) ([]byte, error) {
		s := (*sections)(p)
		b = append(b, '[')
		d := new(sectionData)
		for i, e := range s.outline {
			if i > 0 {
				b = append(b, ',')
			}
			*d = sectionData{Level: e.Level, ID: e.ID, URL: sectionURL{s.url, e.ID}, Title: e.Title}
			var err error
			if b, err = enc(b, unsafe.Pointer(d)); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	}
}

func newNoticeData(st *site.Settings, n *notice.Notice, outline []markdown.Entry, pdf *PDF) noticeData {
	path := n.URL() // made anew at each call
	d := noticeData{URL: st.AbsURL(path), Path: path, Year: n.Year, Slug: n.Slug, FrontMatter: n.FrontMatter}
	if pdf != nil {
		d.PDF = &pdfData{URL: st.AbsURL(pdf.Path), Size: pdf.Size}
	}
	if d.Statistics == nil {
		d.Statistics = []notice.Statistic{}
	}
	d.Sections = sections{url: d.URL, outline: outline}
	return d
}

// writeJSON appends v's JSON to buf as one line with no newline, HTML
// characters as they are: the files are read by programs, not browsers.
// A notice's data is written by noticeEncoder, which follows the same
// struct tags as encoding/json and writes the same bytes in half the
// instructions; anything else, and any value it cannot write, by
// encoding/json itself.
func writeJSON(buf *bytes.Buffer, v any) error {
	if d, ok := v.(*noticeData); ok && noticeEncoder != nil {
		out, err := noticeEncoder(buf.AvailableBuffer(), unsafe.Pointer(d))
		if err == nil {
			buf.Write(out)
			return nil
		}
	}
	return writeStdJSON(buf, v)
}

// writeStdJSON is writeJSON by encoding/json.
func writeStdJSON(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	return nil
}

// noticeEncoder writes a noticeData. It is made once, from the type's
// struct tags, and never changed; nil if the type ever held a field that
// jsonTagEncoder cannot write (TestNoticeEncoderCoversNoticeData).
var noticeEncoder, _ = jsonTagEncoder(reflect.TypeFor[noticeData]())

// A jsonEncoder appends the JSON of the value at p, of the type it was
// made for, to b, as encoding/json with HTML escaping off would write it.
// It reads the value through its address, not through reflect.Value: the
// field offsets and kinds are looked up once, when it is made.
type jsonEncoder func(b []byte, p unsafe.Pointer) ([]byte, error)

// errJSONUnsupported is jsonTagEncoder's answer for a type whose encoding
// it does not reproduce: the caller uses encoding/json.
var errJSONUnsupported = errors.New("not written by jsonTagEncoder")

var (
	jsonMarshalerType     = reflect.TypeFor[json.Marshaler]()
	jsonTextMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	jsonZeroerType        = reflect.TypeFor[interface{ IsZero() bool }]()
)

// jsonTagEncoder makes the encoder of values of type t, following its
// struct tags by encoding/json's rules. It covers what a notice's data holds:
// structs (embedded ones too), strings, booleans, integers, pointers,
// slices and types with a MarshalJSON method; for anything else
// (floats, maps, interfaces, text marshalers, fields whose names clash,
// the ",string" option) it returns errJSONUnsupported.
func jsonTagEncoder(t reflect.Type) (jsonEncoder, error) {
	switch t {
	case reflect.TypeFor[sectionURL]():
		return func(b []byte, p unsafe.Pointer) ([]byte, error) { return appendSectionURL(b, (*sectionURL)(p)), nil }, nil
	case reflect.TypeFor[sections]():
		enc, err := jsonTagEncoder(reflect.TypeFor[sectionData]())
		if err != nil {
			return nil, err
		}
		return sectionsEncoder(enc), nil
	}
	if t.Implements(jsonMarshalerType) {
		switch t.Kind() {
		case reflect.Interface:
			return nil, errJSONUnsupported
		case reflect.Pointer:
			return func(b []byte, p unsafe.Pointer) ([]byte, error) {
				if *(*unsafe.Pointer)(p) == nil {
					return append(b, "null"...), nil
				}
				return appendMarshaled(b, reflect.NewAt(t, p).Elem().Interface().(json.Marshaler))
			}, nil
		}
		return func(b []byte, p unsafe.Pointer) ([]byte, error) {
			return appendMarshaled(b, reflect.NewAt(t, p).Interface().(json.Marshaler))
		}, nil
	}
	if reflect.PointerTo(t).Implements(jsonMarshalerType) || t.Implements(jsonTextMarshalerType) || reflect.PointerTo(t).Implements(jsonTextMarshalerType) {
		return nil, errJSONUnsupported
	}
	switch t.Kind() {
	case reflect.String:
		return func(b []byte, p unsafe.Pointer) ([]byte, error) { return appendJSONString(b, *(*string)(p)), nil }, nil
	case reflect.Bool:
		return func(b []byte, p unsafe.Pointer) ([]byte, error) { return strconv.AppendBool(b, *(*bool)(p)), nil }, nil
	case reflect.Int:
		return jsonInt[int], nil
	case reflect.Int8:
		return jsonInt[int8], nil
	case reflect.Int16:
		return jsonInt[int16], nil
	case reflect.Int32:
		return jsonInt[int32], nil
	case reflect.Int64:
		return jsonInt[int64], nil
	case reflect.Uint:
		return jsonUint[uint], nil
	case reflect.Uint8:
		return jsonUint[uint8], nil
	case reflect.Uint16:
		return jsonUint[uint16], nil
	case reflect.Uint32:
		return jsonUint[uint32], nil
	case reflect.Uint64:
		return jsonUint[uint64], nil
	case reflect.Uintptr:
		return jsonUint[uintptr], nil
	case reflect.Pointer:
		elem, err := jsonTagEncoder(t.Elem())
		if err != nil {
			return nil, err
		}
		return func(b []byte, p unsafe.Pointer) ([]byte, error) {
			if q := *(*unsafe.Pointer)(p); q != nil {
				return elem(b, q)
			}
			return append(b, "null"...), nil
		}, nil
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil, errJSONUnsupported // base64
		}
		elem, err := jsonTagEncoder(t.Elem())
		if err != nil {
			return nil, err
		}
		size := t.Elem().Size()
		return func(b []byte, p unsafe.Pointer) ([]byte, error) {
			v := reflect.NewAt(t, p).Elem()
			at := v.UnsafePointer() // the first element; nil for a nil slice
			if at == nil {
				return append(b, "null"...), nil
			}
			b = append(b, '[')
			for i := range v.Len() {
				if i > 0 {
					b = append(b, ',')
				}
				var err error
				if b, err = elem(b, unsafe.Add(at, uintptr(i)*size)); err != nil {
					return b, err
				}
			}
			return append(b, ']'), nil
		}, nil
	case reflect.Struct:
		return jsonStructEncoder(t)
	}
	return nil, errJSONUnsupported
}

// jsonInt writes the signed integer of type T at p.
func jsonInt[T int | int8 | int16 | int32 | int64](b []byte, p unsafe.Pointer) ([]byte, error) {
	return strconv.AppendInt(b, int64(*(*T)(p)), 10), nil
}

// jsonUint writes the unsigned integer of type T at p.
func jsonUint[T uint | uint8 | uint16 | uint32 | uint64 | uintptr](b []byte, p unsafe.Pointer) ([]byte, error) {
	return strconv.AppendUint(b, uint64(*(*T)(p)), 10), nil
}

// appendMarshaled writes a value with its own MarshalJSON method, as
// encoding/json does: the method's JSON with its spaces left out (and an
// error where it is not JSON). A string without escapes, a number and
// null, which is what the notice package's dates and numbers write, are
// checked and copied as they are; anything else goes through
// json.Compact. The method is called through the value's address, which
// spares copying the value into an interface.
func appendMarshaled(b []byte, m json.Marshaler) ([]byte, error) {
	out, err := m.MarshalJSON()
	if err != nil {
		return b, err
	}
	if plainJSONToken(out) {
		return append(b, out...), nil
	}
	buf := bytes.NewBuffer(b)
	if err := json.Compact(buf, out); err != nil {
		return b, err
	}
	return buf.Bytes(), nil
}

// plainJSONToken says whether t is one JSON token that json.Compact
// leaves as it is: null, true, false, a number, or a string whose bytes
// need no escape.
func plainJSONToken(t []byte) bool {
	switch s := string(t); {
	case s == "null" || s == "true" || s == "false":
		return true
	case len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"':
		for i := 1; i < len(s)-1; i++ {
			if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
				return false
			}
		}
		return true
	}
	return jsonNumber(string(t))
}

// jsonNumber says whether s is a JSON number:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func jsonNumber(s string) bool {
	digits := func(i int) int { // the end of the digits from i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i
	}
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		i = digits(i)
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		if j := digits(i + 1); j > i+1 {
			i = j
		} else {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(s)
}

// jsonField is one field of a struct as it is written.
type jsonField struct {
	offset uintptr                   // from the start of the struct, through embedded structs
	key    string                    // `"name":`
	omit   func(unsafe.Pointer) bool // omitempty or omitzero, when given
	enc    jsonEncoder
}

// jsonStructEncoder writes a struct's fields in their order, embedded
// structs' fields in the place of the embedded struct.
func jsonStructEncoder(t reflect.Type) (jsonEncoder, error) {
	var fields []jsonField
	if err := jsonFields(t, 0, &fields); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, f := range fields {
		if seen[f.key] {
			return nil, errJSONUnsupported // encoding/json's dominance rules
		}
		seen[f.key] = true
	}
	return func(b []byte, p unsafe.Pointer) ([]byte, error) {
		b = append(b, '{')
		first := true
		for i := range fields {
			f := &fields[i]
			fp := unsafe.Add(p, f.offset)
			if f.omit != nil && f.omit(fp) {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, f.key...)
			var err error
			if b, err = f.enc(b, fp); err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	}, nil
}

// jsonFields appends the fields of the struct type t, found at offset
// in the outermost struct, to fields.
func jsonFields(t reflect.Type, offset uintptr, fields *[]jsonField) error {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		at := offset + sf.Offset
		if sf.Anonymous && name == "" {
			if sf.Type.Kind() != reflect.Struct {
				return errJSONUnsupported // embedded pointers and named non-structs
			}
			if err := jsonFields(sf.Type, at, fields); err != nil {
				return err
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		f := jsonField{offset: at, key: `"` + name + `":`}
		typ := sf.Type
		for o := range strings.SplitSeq(opts, ",") {
			switch o {
			case "omitempty":
				f.omit = func(p unsafe.Pointer) bool { return jsonEmpty(reflect.NewAt(typ, p).Elem()) }
			case "omitzero":
				if !typ.Implements(jsonZeroerType) && reflect.PointerTo(typ).Implements(jsonZeroerType) {
					return errJSONUnsupported
				}
				f.omit = func(p unsafe.Pointer) bool { return jsonZero(reflect.NewAt(typ, p)) }
			case "":
			default:
				return errJSONUnsupported // ",string"
			}
		}
		if !jsonPlainKey(name) {
			return errJSONUnsupported
		}
		var err error
		if f.enc, err = jsonTagEncoder(sf.Type); err != nil {
			return err
		}
		*fields = append(*fields, f)
	}
	return nil
}

// jsonPlainKey says whether name is a key written as it is: letters, digits
// and the punctuation encoding/json accepts in a tag, none that JSON
// escapes.
func jsonPlainKey(name string) bool {
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case unicode.IsLetter(c) || unicode.IsDigit(c):
		default:
			return false
		}
	}
	return name != ""
}

// jsonEmpty is encoding/json's test for omitempty.
func jsonEmpty(v reflect.Value) bool {
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

// jsonZero is encoding/json's test for omitzero of the value ptr points
// to: the value's own IsZero method where it has one (called through ptr,
// or on the pointer the value is), else the zero of its type.
func jsonZero(ptr reflect.Value) bool {
	v := ptr.Elem()
	switch {
	case !v.Type().Implements(jsonZeroerType):
		return v.IsZero()
	case v.Kind() == reflect.Pointer:
		return v.IsNil() || v.Interface().(interface{ IsZero() bool }).IsZero()
	}
	return ptr.Interface().(interface{ IsZero() bool }).IsZero()
}

// jsonPlainByte marks the bytes a JSON string holds as they are, of the ones
// below utf8.RuneSelf: not control characters, quotes or backslashes.
var jsonPlainByte = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const jsonHex = "0123456789abcdef"

// appendJSONString appends s as a JSON string, as encoding/json writes it
// with HTML escaping off: control characters, quotes and backslashes
// escaped, U+2028 and U+2029 too, bytes that are not UTF-8 written as
// U+FFFD. It goes eight ASCII bytes at a time, and checks and copies a
// Chinese character (three bytes, most of a notice) in place where
// encoding/json decodes each rune.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			for i+8 <= len(s) && plainASCII8(binary.LittleEndian.Uint64([]byte(s[i:i+8]))) {
				i += 8
			}
			for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
				if c := s[i]; !jsonPlainByte[c] {
					b = append(b, s[start:i]...)
					b = appendJSONEscape(b, c)
					start = i + 1
				}
			}
			continue
		}
		// Three bytes: a lead 1110xxxx other than e0 and ed (whose second
		// byte has a narrower range), two continuation bytes 10xxxxxx:
		// valid UTF-8, and only e2 80 a8 and e2 80 a9 (U+2028, U+2029)
		// are escaped. Two such characters are passed over at once while
		// eight bytes are left, then one at a time.
		for i+8 <= len(s) && plainChinese2(binary.LittleEndian.Uint64([]byte(s[i:i+8]))) {
			i += 6
		}
		for i+3 <= len(s) {
			w := uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16
			if w&0xc0c0f0 != 0x8080e0 || w&0xf == 0 || w&0xf == 0xd {
				break
			}
			if w&^0x010000 == 0xa880e2 {
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', jsonHex[s[i+2]&1+8])
				start = i + 3
			}
			i += 3
		}
		if i == len(s) || s[i] < utf8.RuneSelf {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			start = i + size
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', jsonHex[r&0xf])
			start = i + size
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plainChinese2 says whether the first six bytes of x (little-endian)
// are two three-byte characters a JSON string holds as they are, as
// appendJSONString tells one: each a lead 1110xxxx other than e0 and ed
// and two continuation bytes, and neither U+2028 nor U+2029.
func plainChinese2(x uint64) bool {
	const form, want = 0xc0c0f0c0c0f0, 0x8080e08080e0
	l1, l2 := x&0xf, x>>24&0xf
	return x&form == want && l1 != 0 && l1 != 0xd && l2 != 0 && l2 != 0xd &&
		x&0xfeffff != 0xa880e2 && x>>24&0xfeffff != 0xa880e2
}

// plainASCII8 says whether the eight bytes of x are all ASCII a JSON
// string holds as it is: none at or above 0x80, below 0x20, '"' or '\\'.
func plainASCII8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// The high bit of a byte of each is set where that byte of x is
	// below 0x20, '"' or '\\' (Hacker's Delight's "has less" and "has
	// zero"): exact as to whether any is, which is all that is asked.
	q, bs := x^(ones*'"'), x^(ones*'\\')
	below := (x - ones*0x20) &^ x
	quote := (q - ones) &^ q
	backslash := (bs - ones) &^ bs
	return (x|below|quote|backslash)&highs == 0
}

// appendJSONEscape appends the escape of the ASCII byte c.
func appendJSONEscape(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', jsonHex[c>>4], jsonHex[c&0xf])
}

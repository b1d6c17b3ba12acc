package render

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
	"unsafe"

	"disclose/internal/corpus"
	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// TestNoticeEncoderCoversNoticeData: the struct tags of a notice's data
// hold nothing the tag encoder leaves to encoding/json, so notice.json
// and notices.json are written by it. A field of a kind it does not
// write (a float, a map) added to noticeData or the notice package's
// types fails here: teach jsonTagEncoder that kind, or accept the slower
// path knowingly.
func TestNoticeEncoderCoversNoticeData(t *testing.T) {
	if noticeEncoder == nil {
		_, err := jsonTagEncoder(reflect.TypeFor[noticeData]())
		t.Fatalf("noticeData is written by encoding/json, not the tag encoder: %v", err)
	}
}

// sameJSON fails t unless writeJSON writes v as encoding/json does,
// byte for byte, or fails as it does.
func sameJSON(t *testing.T, name string, v any) {
	t.Helper()
	var got, want bytes.Buffer
	got.WriteString("prefix ") // writeJSON appends
	want.WriteString("prefix ")
	gotErr, wantErr := writeJSON(&got, v), writeStdJSON(&want, v)
	if (gotErr == nil) != (wantErr == nil) {
		t.Errorf("%s: error %v, encoding/json's %v", name, gotErr, wantErr)
	}
	if wantErr == nil && !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("%s:\n got %s\nwant %s", name, got.Bytes(), want.Bytes())
	}
}

// awkward holds strings every escape of JSON meets.
var awkward = []string{
	"",
	"中共某某党组关于巡视整改进展情况的通报",
	`引号"与反斜杠\与<html>&amp;`,
	"控制\x00\x01\x08\x0c\n\r\t\x1f\x7f字符",
	"行分隔\u2028段分隔\u2029",
	"\u2028\u2029",
	"U+2027\u2027 U+202A\u202a ‐–—…",
	"坏的 UTF-8: \xff\xfe \xe4\xb8 \xe2\x80 \xe2\x80\xa8\xe2",
	"\xe2",
	"\xe2\x80",
	"emoji 😀 and 𠀀 and é",
	strings.Repeat("一、关于“抓巡视整改”问题的整改情况。", 200),
}

// TestNoticeJSONSameAsEncodingJSON: the notice data of corpus notices,
// and of notices with every optional field and every awkward string,
// is written byte for byte as encoding/json writes it.
func TestNoticeJSONSameAsEncodingJSON(t *testing.T) {
	fsys := corpus.MapFS(corpus.Defaults(40))
	s, problems := site.Load(fsys, site.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	tmpl, problems := LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	r := NewRenderer(s.Settings, tmpl)
	for _, n := range s.Notices {
		doc, err := r.Convert(n)
		if err != nil {
			t.Fatal(err)
		}
		d := newNoticeData(s.Settings, n, doc.Outline, nil)
		sameJSON(t, n.Path, &d)
		d = newNoticeData(s.Settings, n, nil, &PDF{Path: n.URL() + "x.pdf", Size: 123456})
		sameJSON(t, n.Path+" in notices.json", &d)
	}
	for i, text := range awkward {
		d := fullNoticeData(text)
		sameJSON(t, "awkward "+text, &d)
		d.FrontMatter = notice.FrontMatter{} // every field unset
		d.Sections = sections{}
		if i%2 == 0 {
			d.Statistics = nil
		}
		sameJSON(t, "unset "+text, &d)
	}
}

// fullNoticeData is a notice's data with every field set, text in each
// string.
func fullNoticeData(text string) noticeData {
	date := notice.Date{Time: time.Date(2025, 6, 17, 0, 0, 0, 0, time.UTC)}
	china := time.FixedZone("CST", 8*3600)
	return noticeData{
		URL: "https://example.org/2025/" + text + "/", Path: "2025/" + text + "/", Year: -2025, Slug: text,
		FrontMatter: notice.FrontMatter{
			Title:       text,
			TitleBreaks: []string{text, text},
			Date:        notice.DateTime{Time: time.Date(2025, 6, 17, 9, 30, 0, 123000000, china)},
			Draft:       true,
			SlugKey:     text,
			Source:      text,
			Punctuation: text,
			Inspection: notice.Inspection{
				Kind: text, Form: []string{text}, Group: text, Organization: text, Round: text, Level: text,
				Groups: 12, Units: 34, Named: []string{text, ""}, Start: date, End: date,
			},
			Statistics:  []notice.Statistic{{Label: text, Value: notice.Number{Value: 1.13, Text: "1.13"}, Unit: text}, {Label: text}},
			Contact:     notice.Contact{Text: text, Invitation: text, Phone: text, Mailbox: text, Email: text},
			Signature:   notice.Signature{Organization: text, Date: date, DateText: text},
			Disclosure:  &notice.Disclosure{IndexNumber: text, DocumentNumber: text, Publisher: text, Topic: text, WrittenDate: date, Method: text, Scope: text, Validity: text, Name: text},
			Corrections: []notice.Correction{{Date: date, What: text, Why: text}},
		},
		PDF:      &pdfData{URL: text, Size: 1 << 40},
		Sections: sections{url: text, outline: []markdown.Entry{{Level: 1, ID: text, Title: text}, {Level: 2}}},
	}
}

// TestNoticeJSONDateOnly: a publication time given as a day, and an
// unset written date (omitzero), as encoding/json writes them.
func TestNoticeJSONDateOnly(t *testing.T) {
	d := fullNoticeData("通报")
	d.Date.DateOnly = true
	d.Disclosure.WrittenDate = notice.Date{}
	d.Signature.Date = notice.Date{}
	sameJSON(t, "date only", &d)
	if strings.Contains(string(mustJSON(t, &d)), "written_date") {
		t.Error("an unset written_date is written")
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := writeJSON(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestJSONTagEncoderRules: the tag encoder follows encoding/json's rules
// for the tags it meets (names, "-", omitempty, omitzero, embedding), and
// refuses, rather than writes differently, what it does not reproduce.
func TestJSONTagEncoderRules(t *testing.T) {
	type inner struct {
		A string `json:"a"`
		B int
	}
	type zeroer struct {
		time.Time
	}
	type plain struct {
		inner
		Named inner `json:"named"`
		//lint:ignore SA5008 the key "-", as encoding/json reads it
		Dash     string        `json:"-,"`
		Skipped  string        `json:"-"`
		hidden   string        // an unexported field is not written
		Empty    string        `json:",omitempty"`
		Zero     zeroer        `json:"zero,omitzero"`
		NonZero  zeroer        `json:"nonzero,omitzero"`
		PZero    *zeroer       `json:"pzero,omitzero"`
		PNilZero *zeroer       `json:"pnilzero,omitzero"`
		Z2       inner         `json:"z2,omitzero"`
		P        *inner        `json:"p,omitempty"`
		PNil     *inner        `json:"pnil"`
		PEmpty   *inner        `json:"pempty,omitempty"`
		U        uint16        `json:"u"`
		U8       uint8         `json:"u8"`
		I8       int8          `json:"i8"`
		I16      int16         `json:"i16"`
		U32      uint32        `json:"u32"`
		U64      uint64        `json:"u64,omitempty"`
		Uint     uint          `json:"uint"`
		I32      int32         `json:"i32"`
		I64      int64         `json:"i64,omitempty"`
		False    bool          `json:"false,omitempty"`
		True     bool          `json:"true,omitempty"`
		Bools    []bool        `json:"bools"`
		NilSlice []int         `json:"nil_slice"`
		NoSlice  []int         `json:"no_slice,omitempty"`
		EmptyS   []int         `json:"empty_slice"`
		Structs  []*inner      `json:"structs"`
		Punct    string        `json:"a-b.c_d$e"`
		Strs     []string      `json:"strs,omitempty"`
		Dates    []notice.Date `json:"dates"`
		PDate    *notice.Date  `json:"pdate"`
		PNilDate *notice.Date  `json:"pnildate"`
	}
	v := plain{inner: inner{A: "x", B: 2}, Named: inner{A: "y"}, Dash: "d", Skipped: "s", hidden: "h",
		NonZero: zeroer{time.Unix(1, 0)}, PZero: &zeroer{},
		P: &inner{A: "p"}, U: 7, U8: 255, I8: -128, I16: -300, U32: 1 << 31, U64: 1 << 63, Uint: 9, I32: -1 << 31, I64: -1 << 62, True: true,
		Bools: []bool{true, false}, EmptyS: []int{}, Structs: []*inner{{A: "s"}, nil}, Punct: "<&>",
		Dates: []notice.Date{{}, {Time: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)}}, PDate: &notice.Date{}}
	enc, err := jsonTagEncoder(reflect.TypeFor[plain]())
	if err != nil {
		t.Fatal(err)
	}
	got, err := enc(nil, unsafe.Pointer(&v))
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := writeStdJSON(&want, v); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("got  %s\nwant %s", got, want.Bytes())
	}
	for name, typ := range map[string]reflect.Type{
		"float":     reflect.TypeFor[struct{ F float64 }](),
		"map":       reflect.TypeFor[struct{ M map[string]int }](),
		"interface": reflect.TypeFor[struct{ I any }](),
		"bytes":     reflect.TypeFor[struct{ B []byte }](),
		"string option": reflect.TypeFor[struct {
			N int `json:",string"`
		}](),
		"clashing names": reflect.TypeFor[struct {
			inner
			A string `json:"a"`
		}](),
		"text marshaler":   reflect.TypeFor[struct{ T jsonText }](),
		"embedded pointer": reflect.TypeFor[struct{ *inner }](),
		"quoted name": reflect.TypeFor[struct {
			//lint:ignore SA5008 a name encoding/json does not take
			Q string `json:"a\"b"`
		}](),
	} {
		if _, err := jsonTagEncoder(typ); !errors.Is(err, errJSONUnsupported) {
			t.Errorf("%s: got %v, want errJSONUnsupported", name, err)
		}
	}
}

// jsonText is written by encoding/json through its MarshalText.
type jsonText struct{}

func (jsonText) MarshalText() ([]byte, error) { return []byte("text"), nil }

// TestWriteJSONFallsBack: a value that is not a notice's data, and a
// notice whose marshaler fails, are written (or refused) by encoding/json.
func TestWriteJSONFallsBack(t *testing.T) {
	sameJSON(t, "head", struct {
		Title string  `json:"title"`
		F     float64 `json:"f"`
	}{"<通报>", 1e21})
	d := fullNoticeData("x")
	d.Statistics[0].Value.Text = "1.2.3" // not JSON: encoding/json's error
	sameJSON(t, "bad number", &d)
	var b bytes.Buffer
	if err := writeJSON(&b, &d); err == nil {
		t.Error("a number that is not JSON was written")
	}
}

// FuzzNoticeJSON: whatever the strings of a notice, writeJSON writes its
// data as encoding/json does.
func FuzzNoticeJSON(f *testing.F) {
	for _, s := range awkward {
		f.Add(s, "s1", "1")
	}
	f.Fuzz(func(t *testing.T, text, id, number string) {
		d := fullNoticeData(text)
		d.Sections.outline = append(d.Sections.outline, markdown.Entry{Level: 3, ID: id, Title: text + id})
		d.Statistics[0].Value.Text = number
		d.Inspection.Named = strings.Split(text, "、")
		sameJSON(t, "fuzz", &d)
	})
}

// BenchmarkNoticeJSON measures writing the notice.json of 100 corpus
// notices, their data made beforehand: by writeJSON (the tag encoder) and,
// for comparison, by encoding/json.
func BenchmarkNoticeJSON(b *testing.B) {
	r, notices := benchNotices(b, 100)
	data := make([]noticeData, len(notices))
	for i, n := range notices {
		doc, err := r.Convert(n)
		if err != nil {
			b.Fatal(err)
		}
		data[i] = newNoticeData(r.st, n, doc.Outline, nil)
	}
	for _, c := range []struct {
		name  string
		write func(*bytes.Buffer, any) error
	}{{"tags", writeJSON}, {"encoding-json", writeStdJSON}} {
		b.Run(c.name, func(b *testing.B) {
			var buf bytes.Buffer
			i := 0
			for b.Loop() {
				buf.Reset()
				if err := c.write(&buf, &data[i%len(data)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.SetBytes(int64(buf.Len()))
		})
	}
}

// TestPlainASCII8: the eight-byte test agrees with a byte-by-byte one,
// for every byte in every place and for random words.
func TestPlainASCII8(t *testing.T) {
	plain := func(x uint64) bool {
		for range 8 {
			c := byte(x)
			if c >= utf8.RuneSelf || !jsonPlainByte[c] {
				return false
			}
			x >>= 8
		}
		return true
	}
	words := []uint64{0x4141414141414141}
	for at := range 8 {
		for c := range 256 {
			words = append(words, 0x4141414141414141&^(0xff<<(8*at))|uint64(c)<<(8*at))
		}
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		x := rnd.Uint64()
		words = append(words, x, x&0x7f7f7f7f7f7f7f7f)
	}
	for _, x := range words {
		if got, want := plainASCII8(x), plain(x); got != want {
			t.Fatalf("plainASCII8(%#016x) = %v, want %v", x, got, want)
		}
	}
}

// TestPlainChinese2: the six-byte test says two characters are plain
// exactly where each is a valid three-byte character that appendJSONString's
// one-character test passes over (and so a JSON string holds as it is);
// for every lead and every kind of second and third byte in both places,
// and for random words.
func TestPlainChinese2(t *testing.T) {
	one := func(b []byte) bool {
		r, size := utf8.DecodeRune(b)
		ok := size == 3 && utf8.Valid(b[:3]) && r != '\u2028' && r != '\u2029' && b[0] != 0xe0 && b[0] != 0xed
		if w := uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16; ok != (w&0xc0c0f0 == 0x8080e0 && w&0xf != 0 && w&0xf != 0xd && w&^0x010000 != 0xa880e2) {
			t.Fatalf("% x: the one-character test disagrees", b)
		}
		return ok
	}
	plain := func(x uint64) bool {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], x)
		return one(b[0:3]) && one(b[3:6])
	}
	var chars [][3]byte
	for lead := 0xc0; lead <= 0xff; lead++ {
		for _, c2 := range []byte{0x00, 0x41, 0x7f, 0x80, 0x9f, 0xa0, 0xa8, 0xa9, 0xbf, 0xc0, 0xff} {
			for _, c3 := range []byte{0x41, 0x80, 0xa8, 0xa9, 0xbf, 0xc0} {
				chars = append(chars, [3]byte{byte(lead), c2, c3})
			}
		}
	}
	chars = append(chars, [3]byte{0xe2, 0x80, 0xa8}, [3]byte{0xe2, 0x80, 0xa9}, [3]byte{0xe4, 0xb8, 0x80})
	var words []uint64
	for _, a := range chars {
		for _, b := range [][3]byte{{0xe4, 0xb8, 0x80}, a} {
			words = append(words, uint64(a[0])|uint64(a[1])<<8|uint64(a[2])<<16|uint64(b[0])<<24|uint64(b[1])<<32|uint64(b[2])<<40|0x4141<<48,
				uint64(b[0])|uint64(b[1])<<8|uint64(b[2])<<16|uint64(a[0])<<24|uint64(a[1])<<32|uint64(a[2])<<40)
		}
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		x := rnd.Uint64()
		words = append(words, x, x|0x80e08080e0&^0x0f00000f, x&^0x404000404000|0x8080e08080e0)
	}
	for _, x := range words {
		if got, want := plainChinese2(x), plain(x); got != want {
			t.Fatalf("plainChinese2(%#016x) = %v, want %v", x, got, want)
		}
	}
}

// TestPlainJSONToken: a token the marshaler encoder copies as it is is
// one json.Compact leaves as it is; numbers, dates and null are such.
func TestPlainJSONToken(t *testing.T) {
	for _, c := range []struct {
		token string
		plain bool
	}{
		{"null", true}, {"true", true}, {"false", true}, {`"2025-06-17"`, true}, {`"2025-06-17T09:00:00+08:00"`, true},
		{"0", true}, {"-0", true}, {"17", true}, {"1.13", true}, {"-12.5e+3", true}, {"1E9", true},
		{`"整改"`, true}, {`""`, true},
		{"", false}, {"-", false}, {"01", false}, {"1.", false}, {".5", false}, {"1e", false}, {"1e+", false},
		{"1.2.3", false}, {"+1", false}, {"NaN", false}, {" 1", false}, {"1 ", false}, {`"a"b"`, false},
		{`"a\"b"`, false}, {"\"a\nb\"", false}, {`"`, false}, {"nul", false}, {"[1, 2]", false},
	} {
		if got := plainJSONToken([]byte(c.token)); got != c.plain {
			t.Errorf("plainJSONToken(%q) = %v, want %v", c.token, got, c.plain)
		}
		if c.plain {
			var b bytes.Buffer
			if err := json.Compact(&b, []byte(c.token)); err != nil || b.String() != c.token {
				t.Errorf("%q: json.Compact gives %q, %v", c.token, b.String(), err)
			}
		}
	}
}

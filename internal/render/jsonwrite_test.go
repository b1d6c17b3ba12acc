package render

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"disclose/internal/corpus"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// encodingJSON is what encoding/json writes of v, as jsonWriter is to.
func encodingJSON(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// TestJSONWriterAsEncodingJSON: notice.json and notices.json are written
// byte for byte as encoding/json writes them (jsonWriter), for the notices of the
// corpus and for notices with every field given and hostile text.
func TestJSONWriterAsEncodingJSON(t *testing.T) {
	fsys := corpus.MapFS(corpus.Defaults(300))
	s, problems := site.Load(fsys, site.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	tmpl, _ := LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL)
	r := NewRenderer(s.Settings, tmpl)

	hostile := "标题\"引号\\反斜杠<b>&amp;\u2028\u2029\x01\x1f\x7f\t\n\r\b\f" + string([]byte{0xff, 0xe2, 0x80}) + "尾"
	full := *s.Notices[0]
	full.Title, full.Source, full.TitleBreaks = hostile, "", []string{hostile, "第二行"}
	full.Draft = true
	full.Inspection.Form, full.Inspection.Named, full.Inspection.Groups, full.Inspection.Units = []string{"提级"}, []string{"甲", hostile}, 3, 12
	full.Statistics = append(full.Statistics, notice.Statistic{Label: hostile, Unit: "万元"})
	full.Contact = notice.Contact{Text: hostile, Phone: "0571-1", Email: "a@b.cn"}
	full.Disclosure = &notice.Disclosure{IndexNumber: "001", Name: hostile, WrittenDate: notice.Date{Time: time.Date(2025, 6, 1, 0, 0, 0, 0, notice.ChinaTime)}}
	full.Corrections = []notice.Correction{{Date: notice.Date{Time: time.Date(2025, 7, 1, 0, 0, 0, 0, notice.ChinaTime)}, What: hostile, Why: "错字"}}
	empty := notice.Notice{Path: "content/2025/e.md", Slug: "e", Year: 2025}

	notices := append([]*notice.Notice{&full, &empty}, s.Notices...)
	for i, n := range notices {
		doc, err := r.Convert(n)
		if err != nil {
			t.Fatal(err)
		}
		var pdf *PDF
		if i%3 == 0 {
			pdf = &PDF{Path: PDFPath(n), Size: int64(1000 * i)}
		}
		for _, d := range []noticeData{newNoticeData(r.st, n, doc.Outline, pdf), newNoticeData(r.st, n, nil, nil)} {
			var got bytes.Buffer
			if err := r.json.write(&got, &d); err != nil {
				t.Fatalf("%s: %v", n.Path, err)
			}
			if want := encodingJSON(t, &d); !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("%s: jsonWriter wrote\n%s\nencoding/json writes\n%s", n.Path, got.Bytes(), want)
			}
		}
	}
	other := struct {
		F float64           `json:"f"`
		M map[string]int    `json:"m"`
		A any               `json:"a,omitempty"`
		B []byte            `json:"b"`
		Z notice.Disclosure `json:"z"`
		S string            `json:",omitempty"`
		N *int              `json:"n"`
		P ptrMarshaler      `json:"p"`
		Q []ptrMarshaler    `json:"q"`
	}{F: 1e21, M: map[string]int{"b": 1, "a": 2}, B: []byte("巡视"), S: "x", Q: make([]ptrMarshaler, 2)}
	var got bytes.Buffer
	if err := (&jsonWriter{}).write(&got, &other); err != nil {
		t.Fatal(err)
	}
	if want := encodingJSON(t, &other); !bytes.Equal(got.Bytes(), want) {
		t.Errorf("jsonWriter wrote\n%s\nencoding/json writes\n%s", got.Bytes(), want)
	}
}

// ptrMarshaler marshals itself only when addressable.
type ptrMarshaler struct{ X int }

func (p *ptrMarshaler) MarshalJSON() ([]byte, error) { return []byte(`"by pointer"`), nil }

// FuzzJSONString: a string is written as encoding/json writes it.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "巡视整改", "“引号”", "a\"b\\c", "\u2028\u2029", "\x7f\x00", string([]byte{0xe2, 0x80}), string([]byte{0xff})} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got bytes.Buffer
		appendJSONString(&got, s)
		if want := encodingJSON(t, s); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%q: wrote %s, encoding/json writes %s", s, got.Bytes(), want)
		}
	})
}

package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// encodingJSON is what encoding/json writes for d, as the JSON files were
// written before appendNoticeJSON.
func encodingJSON(d noticeData) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func sameJSON(t *testing.T, name string, d noticeData) {
	t.Helper()
	want, wantErr := encodingJSON(d)
	got, err := appendNoticeJSON(nil, &d)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%s: got error %v, encoding/json's is %v", name, err, wantErr)
	}
	if err == nil && !bytes.Equal(got, want) {
		t.Fatalf("%s: appendNoticeJSON differs from encoding/json:\n%s", name, firstDifference(want, got))
	}
}

// TestNoticeJSONMatchesEncoding holds appendNoticeJSON to encoding/json on
// every notice of the sample, a generated corpus and the special notices
// of TestNoticePageMatchesTemplate, with and without sections.
func TestNoticeJSONMatchesEncoding(t *testing.T) {
	for _, fsys := range noticePageSites(t) {
		r, notices, docs := siteNotices(t, fsys, site.Options{Drafts: true})
		for i, n := range notices {
			sameJSON(t, n.Path, newNoticeData(r.st, n, docs[i].Outline))
			sameJSON(t, n.Path+" (notices.json)", newNoticeData(r.st, n, nil))
		}
	}
	// What no notice that builds has: no statistics at all, an empty
	// disclosure, numbers written oddly, years out of range.
	var d noticeData
	sameJSON(t, "zero", d)
	d.Disclosure = &notice.Disclosure{}
	d.Statistics = []notice.Statistic{{Value: notice.Number{Text: " 1.50 "}}, {Value: notice.Number{Text: "+Inf"}}}
	sameJSON(t, "odd numbers", d)
	d.Statistics = nil
	d.Date = notice.DateTime{Time: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}
	sameJSON(t, "year 10000", d)
}

// FuzzNoticeJSON puts the same text in every field and wants the JSON
// encoding/json writes.
func FuzzNoticeJSON(f *testing.F) {
	for _, s := range []string{"", "通报\"引号\"\\", "\x00\x01\b\f\n\r\t\x1f\x7f", "\u2028\u2029", "\xff\xfe", "<&>", "1.5", "-0", "1e3", "{}"} {
		f.Add(s, int64(0))
	}
	r, notices, docs := siteNotices(f, fstest.MapFS{"content/site.toml": {Data: []byte(archiveTestSettings)},
		"content/2024/a.md": {Data: []byte(archiveTestNotice(2024, "a", "[disclosure]\ntopic = \"党务公开\"\n[[corrections]]\ndate = 2024-10-01\nwhat = \"x\"\nwhy = \"y\"\n"))}},
		site.Options{})
	f.Fuzz(func(t *testing.T, s string, when int64) {
		n := *notices[0]
		n.Title, n.Source, n.Slug = s, s, s
		n.Date = notice.DateTime{Time: time.Unix(when, when%1e9).In(time.FixedZone("", int(when%50000)))}
		n.Inspection.Kind, n.Inspection.Group, n.Inspection.Organization, n.Inspection.Round = s, s, s, s
		n.Inspection.Form = []string{s, s}
		n.Inspection.Groups, n.Inspection.Units, n.Inspection.Named = int(when%7), int(when%13), []string{s}
		n.Statistics = []notice.Statistic{{Label: s, Unit: s, Value: notice.Number{Text: s}}}
		n.Signature.Organization = s
		n.Corrections = []notice.Correction{{What: s, Why: s}}
		n.Contact = notice.Contact{Text: s, Invitation: s, Phone: s, Mailbox: s, Email: s}
		n.Disclosure = &notice.Disclosure{IndexNumber: s, Method: strings.ToUpper(s)}
		outline := []markdown.Entry{{Level: 1, ID: s, Title: s}}
		sameJSON(t, "fuzz", newNoticeData(r.st, &n, append(outline, docs[0].Outline...)))
	})
}

// BenchmarkAppendJSONString quotes the strings a notice's JSON is made
// of: Chinese text, URLs, dates.
func BenchmarkAppendJSONString(b *testing.B) {
	texts := []string{
		"中共浙江省妇联党组关于巡视整改进展情况的通报",
		"根据省委统一部署，2024年3月至5月，省委第三巡视组对省妇联党组开展了常规巡视。8月12日，巡视组向省妇联党组反馈了巡视意见。",
		"https://example.org/xszg/2025/zhejiang-womens-federation/#section-1",
		"2025-01-10T00:00:00+08:00", "0571-87050365", "问题整改", "个",
	}
	buf := make([]byte, 0, 4096)
	for b.Loop() {
		for _, s := range texts {
			buf = appendJSONString(buf[:0], s)
		}
	}
}

package notice

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"disclose/internal/diag"
)

// TestSnapshotRestores: a notice restored from a gob-encoded snapshot is
// the notice parsed, source dropped: same front matter, same slug position.
func TestSnapshotRestores(t *testing.T) {
	src := strings.Replace(valid, "source =", "slug = \"test-slug\"\nsource =", 1)
	n, problems := Parse("content/2025/test.md", []byte(src))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	n.DropSource()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(n.Snapshot()); err != nil {
		t.Fatal(err)
	}
	var s Snapshot
	if err := gob.NewDecoder(&buf).Decode(&s); err != nil {
		t.Fatal(err)
	}
	r := Restore(s)
	if r.URL() != n.URL() || r.BodyOffset != n.BodyOffset {
		t.Errorf("restored %s (body at %d), want %s (%d)", r.URL(), r.BodyOffset, n.URL(), n.BodyOffset)
	}
	if !r.Date.Equal(n.Date.Time) || !r.Inspection.Start.Equal(n.Inspection.Start.Time) {
		t.Errorf("dates: got %v %v, want %v %v", r.Date, r.Inspection.Start, n.Date, n.Inspection.Start)
	}
	r.Date, n.Date = DateTime{}, DateTime{} // time zones compare by pointer
	r.Inspection, n.Inspection = Inspection{}, Inspection{}
	r.Signature.Date, n.Signature.Date = Date{}, Date{}
	if !reflect.DeepEqual(r.FrontMatter, n.FrontMatter) {
		t.Errorf("front matter:\n got %+v\nwant %+v", r.FrontMatter, n.FrontMatter)
	}
	if got, want := r.KeyPos("slug"), (diag.Pos{Path: "content/2025/test.md", Line: 4, Col: 1}); got != want || n.KeyPos("slug") != want {
		t.Errorf("KeyPos(slug): got %v, want %v", got, want)
	}
	if r.FrontSum() != n.FrontSum() || n.FrontSum() == [16]byte{} {
		t.Errorf("FrontSum: got %x, want %x", r.FrontSum(), n.FrontSum())
	}
}

// TestDropSourceKeeps: DropSource keeps where the slug is written, as
// KeyPos told it before, and nothing of the notice's source.
func TestDropSourceKeeps(t *testing.T) {
	for _, tc := range []struct{ name, src string }{
		{"slug key", strings.Replace(valid, "source =", "slug = \"my-slug\"\nsource =", 1)},
		{"no slug key", valid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, problems := Parse("content/2025/test.md", []byte(tc.src))
			if len(problems) > 0 {
				t.Fatal(problems)
			}
			want, title := n.KeyPos("slug"), n.KeyPos("title")
			n.DropSource()
			if got := n.KeyPos("slug"); got != want {
				t.Errorf("KeyPos(slug) after DropSource: got %v, want %v", got, want)
			}
			if got := n.KeyPos("title"); got.Path != n.Path || got == title {
				t.Errorf("KeyPos(title) after DropSource: got %v, want the file's first line", got)
			}
			if n.File != nil || n.Body != nil || len(n.Keys.at) != 1 {
				t.Errorf("DropSource kept File %v, body %d bytes, %d key positions",
					n.File != nil, len(n.Body), len(n.Keys.at))
			}
		})
	}
}

// TestParseCompactsStrings: the front matter's values are not the
// parser's copy of the whole front matter, and read as written. Each
// notice's own values (its title and title lines) share one string of
// their own; the values a site repeats from notice to notice (the
// inspection's kind and group, the statistics' labels and units, the
// signing organisation) are held once for every notice read with the same
// table, however much the garbage collector ran between them (it did not
// with unique.Make: a value was kept only as long as its Handle), and
// never by a notice read without one.
func TestParseCompactsStrings(t *testing.T) {
	table := NewStrings()
	titled := strings.Replace(valid, "source =", "title_lines = [\"测试\", \"通报\"]\nsource =", 1)
	n, problems := ParseShared("content/2025/test.md", []byte(titled), table)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if n.Title != "测试通报" || n.Source != "测试网站" || n.Inspection.Kind != "巡察" || n.Inspection.Group != "县委第一巡察组" {
		t.Fatalf("values: %q %q %q %q", n.Title, n.Source, n.Inspection.Kind, n.Inspection.Group)
	}
	// The title and its lines follow one another in the text: their
	// values, and nothing between them, one after the other in memory.
	want := n.Title + strings.Join(n.TitleBreaks, "")
	if got := unsafe.String(unsafe.StringData(n.Title), len(want)); got != want {
		t.Errorf("the own values are not one string: %q after the title, want %q", got, want)
	}
	runtime.GC()
	runtime.GC()
	// Another notice of the site, with other text around the same values,
	// and one read on its own.
	otherSrc := []byte(strings.Replace(valid, "测试通报", "另一篇通报", 1))
	other, problems := ParseShared("content/2025/other.md", otherSrc, table)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	alone, problems := Parse("content/2025/other.md", otherSrc)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	shared := []struct{ name, a, b, c string }{
		{"inspection.kind", n.Inspection.Kind, other.Inspection.Kind, alone.Inspection.Kind},
		{"inspection.group", n.Inspection.Group, other.Inspection.Group, alone.Inspection.Group},
		{"statistics.label", n.Statistics[1].Label, other.Statistics[1].Label, alone.Statistics[1].Label},
		{"statistics.unit", n.Statistics[1].Unit, other.Statistics[1].Unit, alone.Statistics[1].Unit},
		{"signature.organization", n.Signature.Organization, other.Signature.Organization, alone.Signature.Organization},
	}
	for _, v := range shared {
		if v.a == "" || v.a != v.b || unsafe.StringData(v.a) != unsafe.StringData(v.b) {
			t.Errorf("%s: two notices hold %q at %p and %q at %p, want one copy", v.name, v.a, unsafe.StringData(v.a), v.b, unsafe.StringData(v.b))
		}
		if v.c != v.a || unsafe.StringData(v.c) == unsafe.StringData(v.a) {
			t.Errorf("%s: a notice read without the table holds %q at %p, the table's copy %q at %p", v.name, v.c, unsafe.StringData(v.c), v.a, unsafe.StringData(v.a))
		}
	}
	if unsafe.StringData(n.Title) == unsafe.StringData(other.Title) {
		t.Error("two titles share memory")
	}
}

// TestStringsRelease: once released (a build has read its notices), the
// table frees what it held: a notice read before keeps the values it was
// given, one read after holds its own, as with no table, and releasing it
// again, or a nil table, is harmless.
func TestStringsRelease(t *testing.T) {
	table := NewStrings()
	before, problems := ParseShared("content/2025/test.md", []byte(valid), table)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	group := before.Inspection.Group
	table.Release()
	if table.one != nil {
		t.Errorf("a released table holds %d values", len(table.one))
	}
	after, problems := ParseShared("content/2025/other.md", []byte(strings.Replace(valid, "测试通报", "另一篇通报", 1)), table)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if before.Inspection.Group != group || after.Inspection.Group != group {
		t.Fatalf("inspection.group: %q before, %q after, want %q", before.Inspection.Group, after.Inspection.Group, group)
	}
	if unsafe.StringData(after.Inspection.Group) == unsafe.StringData(before.Inspection.Group) {
		t.Error("a notice read after the table was released shares its value")
	}
	if table.one != nil {
		t.Errorf("a released table took %d values", len(table.one))
	}
	table.Release()
	(*Strings)(nil).Release()
}

// TestNoticeSize: a build keeps one Notice for each notice of the site
// until its listings are written. title_lines and inspection.level (issues
// 17 and 18) took it from 760 bytes to 800, in the allocator's 896-byte
// class; a value that could not be read (fault) is now a pointer in each
// date and number, not a string, and the Notice takes 760 bytes again, in
// the 768-byte class: 12.8 MB less at 100,000 notices. A field added past
// 768 costs 128 bytes a notice more.
func TestNoticeSize(t *testing.T) {
	if size := unsafe.Sizeof(Notice{}); size > 768 {
		t.Errorf("a Notice takes %d bytes, more than 768", size)
	}
}

// TestOwnSource: a notice parsed from a buffer its caller then reuses
// keeps its body, its file's text and its key positions once it has
// called OwnSource.
func TestOwnSource(t *testing.T) {
	buf := []byte(strings.Replace(valid, "source =", "slug = \"my-slug\"\nsource =", 1))
	n, problems := Parse("content/2025/test.md", buf)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	body, slug, title := string(n.Body), n.KeyPos("slug"), n.KeyPos("title")
	n.OwnSource()
	for i := range buf {
		buf[i] = 'x' // the caller reads the next notice into it
	}
	if got := string(n.Body); got != body {
		t.Errorf("body after OwnSource: got %q, want %q", got, body)
	}
	if got := string(n.File.Source()); got != strings.Replace(valid, "source =", "slug = \"my-slug\"\nsource =", 1) {
		t.Errorf("file after OwnSource: got %q", got)
	}
	if got := n.KeyPos("slug"); got != slug {
		t.Errorf("KeyPos(slug) after OwnSource: got %v, want %v", got, slug)
	}
	if got := n.KeyPos("title"); got != title {
		t.Errorf("KeyPos(title) after OwnSource: got %v, want %v", got, title)
	}
	n.DropSource()
	n.OwnSource() // nothing to own
	if n.File != nil || n.Body != nil {
		t.Errorf("OwnSource after DropSource gave the notice File %v, body %d bytes", n.File != nil, len(n.Body))
	}
}

package render

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"disclose/internal/notice"
	"disclose/internal/site"
)

// TestEntrySize: what the listings keep of a notice (issue 15, item 13:
// 100,000 notices within 300 MiB) stays small: at most 352 bytes, and no
// field that holds the notice, its text or its key positions, nor a map.
// A field added to Entry must fit, or be weighed against this bound.
func TestEntrySize(t *testing.T) {
	if size := unsafe.Sizeof(Entry{}); size > 352 {
		t.Errorf("Entry is %d bytes, more than 352", size)
	}
	var check func(path string, ty reflect.Type)
	check = func(path string, ty reflect.Type) {
		switch ty {
		case reflect.TypeFor[notice.Notice](), reflect.TypeFor[notice.FrontMatter](), reflect.TypeFor[notice.Keys](),
			reflect.TypeFor[notice.Inspection](), reflect.TypeFor[notice.Contact]():
			t.Errorf("%s is a %v: Entry keeps what the listings show, not the notice", path, ty)
			return
		}
		switch ty.Kind() {
		case reflect.Map:
			t.Errorf("%s is a map", path)
		case reflect.Pointer, reflect.Slice:
			check(path+"[]", ty.Elem())
		case reflect.Struct:
			for i := range ty.NumField() {
				f := ty.Field(i)
				if ty.PkgPath() != reflect.TypeFor[Entry]().PkgPath() && !f.IsExported() {
					continue // notice.DateTime's and Number's faults
				}
				check(path+"."+f.Name, f.Type)
			}
		}
	}
	check("Entry", reflect.TypeFor[Entry]())
}

// TestNewestFirst: entries are in the order of the site's notices
// (site.Assemble): newest first, then by URL, "2025/a/" after "2025/a-b/".
func TestNewestFirst(t *testing.T) {
	day := func(d int) notice.DateTime {
		return notice.DateTime{Time: time.Date(2025, 5, d, 9, 0, 0, 0, time.UTC)}
	}
	var notices []*notice.Notice
	for _, n := range []struct {
		year int
		slug string
		day  int
	}{{2025, "a", 1}, {2025, "a-b", 1}, {2025, "ab", 1}, {2024, "z", 1}, {2025, "a0", 1}, {2025, "b", 2}, {2025, "c", 3}} {
		notices = append(notices, &notice.Notice{Path: "content/" + n.slug + ".md", Year: n.year, Slug: n.slug,
			FrontMatter: notice.FrontMatter{Date: day(n.day)}})
	}
	entries := entriesOf(notices)
	s, _ := site.Assemble(&site.Settings{}, slices.Clone(notices))
	slices.SortStableFunc(entries, NewestFirst)
	var got, want []string
	for i := range entries {
		got = append(got, entries[i].URL())
		want = append(want, s.Notices[i].URL())
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), strings.Join(want, " "))
	}
}

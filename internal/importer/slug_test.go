package importer_test

import (
	"strings"
	"testing"

	"disclose/internal/importer"
)

// TestSlug: the default slug is the issuing organisation's pinyin
// initials and the publication date; a slug given is kept as it is.
func TestSlug(t *testing.T) {
	tests := []struct {
		name, text, give, want string
	}{
		{"the seed's organisation", header + "\n" + intro + "\n" + contact + "\n中共浙江省妇女联合会党组\n2025年6月17日", "", "zjsfnlhh-2025-06-17"},
		{"a county committee: 委员会 read as 委", header + "\n" + intro + "\n" + contact + "\n中共仙居县委员会\n2025年6月17日", "", "xjxw-2025-06-17"},
		{"a place name the library reads in its other sound", header + "\n" + intro + "\n" + contact + "\n中共重庆市长寿区委员会\n2025年6月17日", "", "cqscsqw-2025-06-17"},
		{"a long name is cut", header + "\n" + intro + "\n" + contact + "\n中共某某省某某市某某县某某镇某某村委员会\n2025年6月17日", "", "mmsmmsmmxmmz-2025-06-17"},
		{"no signature: the inspected organisation", header + "\n" + strings.Replace(intro, "对某单位", "对某县财政局", 1) + "\n" + contact, "", "mxczj-2025-06-17"},
		{"no organisation at all: the kind", header + "\n根据省委统一部署,省委第六巡视组开展了巡视。", "", "notice-2025-06-17"},
		{"a slug given", header + "\n" + intro + "\n" + contact + "\n" + sign, "mou-danwei", "mou-danwei"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, problems := importer.Text("notice.txt", []byte(tt.text), importer.Options{Slug: tt.give})
			if r == nil {
				t.Fatal(problems)
			}
			if r.Slug != tt.want || r.Year != 2025 {
				t.Errorf("got %s in %d, want %s in 2025", r.Slug, r.Year, tt.want)
			}
		})
	}
}

// TestSlugSuffix: a default slug already in use on that day gets -2, -3;
// it is never refused. A slug given is the caller's to check.
func TestSlugSuffix(t *testing.T) {
	text := []byte(header + "\n" + intro + "\n" + contact + "\n" + sign)
	tests := []struct {
		name, give string
		taken      []string
		want       string
	}{
		{"free", "", nil, "mdw-2025-06-17"},
		{"taken once", "", []string{"mdw-2025-06-17"}, "mdw-2025-06-17-2"},
		{"taken three times", "", []string{"mdw-2025-06-17", "mdw-2025-06-17-2", "mdw-2025-06-17-3"}, "mdw-2025-06-17-4"},
		{"another day's notice does not count", "", []string{"mdw-2025-06-16"}, "mdw-2025-06-17"},
		{"a slug given is not changed", "mou", []string{"mou"}, "mou"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var askedYear int
			taken := func(year int, s string) bool {
				askedYear = year
				for _, x := range tt.taken {
					if x == s {
						return true
					}
				}
				return false
			}
			r, _ := importer.Text("notice.txt", text, importer.Options{Slug: tt.give, Taken: taken})
			if r.Slug != tt.want {
				t.Errorf("got %s, want %s", r.Slug, tt.want)
			}
			if tt.give == "" && askedYear != 2025 {
				t.Errorf("asked about year %d, want 2025", askedYear)
			}
		})
	}
}

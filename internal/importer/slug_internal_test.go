package importer

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"disclose/internal/notice"
)

// TestInitials: the organisation's part of a default slug.
func TestInitials(t *testing.T) {
	for org, want := range map[string]string{
		"中共浙江省妇女联合会党组":  "zjsfnlhh",
		"中国共产党某某县委员会":   "mmxw",
		"长沙市天心区":        "csstxq",
		"中国银行某某分行":      "zgyhmmfh",
		"厦门市某某局":        "xmsmmj",
		"中共某5G产业园ABC党委": "m5gcyyabc",
		"××县委员会":        "xw",
		"党组":            "dz",
		"":              "",
		"--":            "",
	} {
		if got := initials(org); got != want {
			t.Errorf("initials(%q): got %q, want %q", org, got, want)
		}
	}
}

// FuzzSlug: every default slug, and every suffixed one, follows the one
// slug rule, notice.ValidSlug; a suffixed slug is never one in use.
func FuzzSlug(f *testing.F) {
	f.Add("中共浙江省妇女联合会党组", "省妇联党组", "巡视", int64(1750122000), 3)
	f.Add("", "", "", int64(0), 0)
	f.Add("ＡＢＣ", "-", "巡察", int64(-62135596800), 1)
	f.Add(strings.Repeat("某", 200), "我县", "巡察", int64(253402300799), 100)
	f.Fuzz(func(t *testing.T, issuer, org, kind string, when int64, taken int) {
		var fm notice.FrontMatter
		fm.Inspection.Organization, fm.Inspection.Kind = org, kind
		fm.Date = notice.DateTime{Time: time.Unix(when, 0).UTC()}
		base := defaultSlug(fm, issuer)
		if !notice.ValidSlug(base) {
			t.Fatalf("defaultSlug(%q, %q): %q breaks the slug rule", issuer, org, base)
		}
		inUse := map[string]bool{base: true}
		for i := 2; i <= taken%50; i++ {
			inUse[base+"-"+strconv.Itoa(i)] = true
		}
		s := FreeSlug(base, func(s string) bool { return inUse[s] })
		if !notice.ValidSlug(s) || inUse[s] {
			t.Fatalf("FreeSlug(%q): got %q, in use %v, valid %v", base, s, inUse[s], notice.ValidSlug(s))
		}
	})
}

// TestFreeSlugLong: a suffix never makes a slug longer than the rule
// allows.
func TestFreeSlugLong(t *testing.T) {
	long := strings.Repeat("a", notice.MaxSlug-1) + "b"
	got := FreeSlug(long, func(s string) bool { return s == long })
	if want := strings.Repeat("a", notice.MaxSlug-2) + "-2"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !notice.ValidSlug(got) {
		t.Errorf("%q breaks the slug rule", got)
	}
}

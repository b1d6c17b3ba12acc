package notice

import (
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// FuzzQuoteTOML: whatever the string, the TOML library reads back exactly
// what QuoteTOML wrote.
func FuzzQuoteTOML(f *testing.F) {
	for _, s := range []string{"", `中共"某"党组`, "a\\b", "tab\there", "\x00\x1f\x7f", "联系方式：电话"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // never the case: sources are checked to be UTF-8
		}
		var v struct{ S string }
		if _, err := toml.Decode("S = "+QuoteTOML(s), &v); err != nil {
			t.Fatalf("QuoteTOML(%q) = %s: %v", s, QuoteTOML(s), err)
		}
		if v.S != s {
			t.Errorf("QuoteTOML(%q) read back as %q", s, v.S)
		}
	})
}

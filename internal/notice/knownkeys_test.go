package notice

import (
	"regexp"
	"strings"
	"testing"
	"unsafe"

	"github.com/BurntSushi/toml"
)

// TestKnownKeys: every key of the front matter is known once, so that the
// key positions of many notices share their names.
func TestKnownKeys(t *testing.T) {
	for _, k := range []string{"title", "date", "inspection.start", "statistics.label", "contact.phone",
		"signature.date", "disclosure.index_number", "corrections.why",
		"inspection.form", "inspection.groups", "inspection.units", "inspection.named"} {
		if _, ok := knownKeys[k]; !ok {
			t.Errorf("%s is not a known key", k)
		}
	}
	for _, k := range []string{"inspection.start.Time", "date.Time", "statistics.value.Text"} {
		if _, ok := knownKeys[k]; ok {
			t.Errorf("%s is a known key; a date or number is a leaf", k)
		}
	}
	a, _ := Parse("content/2025/a.md", []byte(valid))
	b, _ := Parse("content/2025/b.md", []byte(valid))
	for i := range a.Keys.located() {
		if unsafe.StringData(a.Keys.located()[i].key) != unsafe.StringData(b.Keys.located()[i].key) {
			t.Errorf("key %q: two notices keep two copies of its name", a.Keys.located()[i].key)
		}
	}
}

// FuzzQuotedKeyIn: quotedKeyIn finds a quoted key where keyIn finds the
// key quoted, on any line.
func FuzzQuotedKeyIn(f *testing.F) {
	f.Add(`"title" = "标题"`, "title", 0)
	f.Add(`a = "x" ; 'x' = 1`, "x", 2)
	f.Add(`"x"x" = 1 "x" = 2`, "x", 0)
	f.Add(`[inspection."start"]`, "start", 0)
	f.Add(`"" = 1`, "", 0)
	f.Fuzz(func(t *testing.T, text, name string, from int) {
		if from < 0 || from > len(text) {
			return
		}
		for _, q := range []byte{'"', '\''} {
			got, gotOK := quotedKeyIn(text, from, name, q)
			want, wantOK := keyIn(text, from, string(q)+name+string(q))
			if got != want || gotOK != wantOK {
				t.Fatalf("quotedKeyIn(%q, %d, %q, %c) = %d, %v; keyIn: %d, %v", text, from, name, q, got, gotOK, want, wantOK)
			}
		}
	})
}

// TestDotted: a key is named as k.String() names it, and a known key by
// the one string of knownKeys.
func TestDotted(t *testing.T) {
	for _, k := range []toml.Key{{"title"}, {"inspection", "start"}, {"inspection.start"}, {"contact", "电话"}, {"a b"}, {""}, {"statistics", "label"}} {
		var buf [8]byte
		got := dotted(k, buf[:0])
		if got != k.String() {
			t.Errorf("dotted(%q) = %q, want %q", k, got, k.String())
		}
		if known, ok := knownKeys[got]; ok && unsafe.StringData(known) != unsafe.StringData(got) {
			t.Errorf("dotted(%q) is not knownKeys' string", k)
		}
	}
}

// FuzzPathRules: ValidSlug and yearFolder are the rules they say, written
// as regular expressions here.
func FuzzPathRules(f *testing.F) {
	slugRE := regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,99}$`)
	yearRE := regexp.MustCompile(`^(19|20|21)[0-9][0-9]$`)
	for _, s := range []string{"zjsfl-2025-06-17", "-a", "page", "pages", "A", "a_b", "2025", "1899", "2199", "220a", "", strings.Repeat("a", 101)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ValidSlug(s), slugRE.MatchString(s) && s != PagesSlug; got != want {
			t.Errorf("ValidSlug(%q) = %v, want %v", s, got, want)
		}
		if got, want := yearFolder(s), yearRE.MatchString(s); got != want {
			t.Errorf("yearFolder(%q) = %v, want %v", s, got, want)
		}
	})
}

// FuzzUndecoded: undecoded names the keys md.Undecoded names, for any
// front matter the TOML library decodes.
func FuzzUndecoded(f *testing.F) {
	for _, s := range []string{
		valid[strings.Index(valid, "\n")+1 : strings.Index(valid, "\n+++\n")],
		"title = \"x\"\nTitle = \"y\"\n",
		"[inspection]\nkind = \"巡视\"\nextra = 1\n",
		"[[statistics]]\nlabel = \"a\"\nvalue = 1\nunit = \"人\"\n[[statistics]]\nlabel = \"b\"\nwhat = 2\n",
		"\"title\" = \"x\"\n\"a.b\" = 1\n",
		"[check]\n[[check.accept]]\nrule = \"r\"\ntext = \"t\"\nreason = \"x\"\n",
		"[disclosure]\nname = \"x\"\n[contact]\nphone = \"1\"\nfax = \"2\"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, front string) {
		var fm FrontMatter
		md, err := toml.Decode(front, &fm)
		if err != nil {
			return
		}
		got, want := undecoded(&md), md.Undecoded()
		if len(got) != len(want) {
			t.Fatalf("%q: got %q, want %q", front, got, want)
		}
		for i := range got {
			if got[i].String() != want[i].String() {
				t.Fatalf("%q: got %q, want %q", front, got, want)
			}
		}
	})
}

package notice

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestKeysLocatedLazily: a notice's key positions, located only when one
// is first asked for, after its caller has reused the buffer it was parsed
// from (OwnSource), are those LocateKeys finds at once; a key none of whose
// names is written is told without locating them.
func TestKeysLocatedLazily(t *testing.T) {
	src := strings.Replace(valid, "source =", "slug = \"my-slug\"\nsource =", 1)
	buf := []byte(src)
	n, problems := Parse("content/2025/test.md", buf)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	n.OwnSource()
	for i := range buf {
		buf[i] = 'x' // the caller reads the next notice into it
	}
	front, frontOff, _, _, err := Split([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	md, err := toml.Decode(string(front), new(any))
	if err != nil {
		t.Fatal(err)
	}
	eager := LocateKeys(n.File, n.File.Pos(frontOff).Line, string(front), md.Keys())
	asked := [][]string{{"nothing"}, {"inspection", "round"}, {"signature", "date_text"}, {"contact"}}
	for _, k := range md.Keys() {
		asked = append(asked, k)
	}
	for _, k := range asked {
		if got, want := n.KeyPos(k...), eager.Pos(k...); got != want {
			t.Errorf("KeyPos(%q): got %v, want %v", k, got, want)
		}
	}
	for i := range 3 {
		if got, want := n.Keys.Entry("statistics", i), eager.Entry("statistics", i); got != want {
			t.Errorf("Entry(statistics, %d): got %v, want %v", i, got, want)
		}
	}

	n, _ = Parse("content/2025/test.md", []byte(valid))
	front, frontOff, _, _, _ = Split([]byte(valid))
	if md, err = toml.Decode(string(front), new(any)); err != nil {
		t.Fatal(err)
	}
	eager = LocateKeys(n.File, n.File.Pos(frontOff).Line, string(front), md.Keys())
	if got, want := n.KeyPos("slug"), eager.Pos("slug"); got != want {
		t.Errorf("KeyPos(slug) of a notice with no slug: got %v, want %v", got, want)
	}
	if got := n.Keys.Keep("slug").Pos("slug"); got != n.KeyPos("slug") {
		t.Errorf("Keep(slug).Pos(slug): got %v, want %v", got, n.KeyPos("slug"))
	}
	if n.Keys.lazy.at != nil {
		t.Error("the keys were located to tell where an absent key is")
	}
}

// FuzzKeysLocatedLazily: for any front matter a notice is parsed with,
// where each key written, each of its parents and children, and keys not
// written are said to be (KeyPos, Keep) is where LocateKeys finds them,
// whether they are asked for before the keys are located or after.
func FuzzKeysLocatedLazily(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add(s, "slug")
	}
	f.Add("title = \"a\"\nslug = \"b\"\n[inspection]\n\"kind\" = 'x'", "inspection.kind")
	f.Add("[contact]\nphone = \"1\"\n[[statistics]]\nlabel = \"x\"", "contact.phone")
	f.Fuzz(func(t *testing.T, front, first string) {
		if len(front) > 4096 {
			return
		}
		src := "+++\n" + front + "\n+++\n\n正文。\n"
		n, _ := Parse("content/2025/a.md", []byte(src))
		if n == nil {
			return
		}
		md, err := toml.Decode(front+"\n", new(any))
		if err != nil {
			t.Fatalf("%q: Parse read it, toml.Decode says %v", front, err)
		}
		eager := LocateKeys(n.File, 2, front+"\n", md.Keys())
		asked := [][]string{strings.Split(first, "."), {"slug"}, {"nothing"}, {"contact", "phone"}}
		for _, k := range md.Keys() {
			asked = append(asked, k, append(k[:len(k):len(k)], "child"))
		}
		for _, k := range asked {
			if got, want := n.KeyPos(k...), eager.Pos(k...); got != want {
				t.Fatalf("%q: KeyPos(%q) = %v, LocateKeys says %v", front, k, got, want)
			}
		}
		if got, want := n.Keys.Keep("slug").Pos("slug"), eager.Keep("slug").Pos("slug"); got != want {
			t.Fatalf("%q: Keep(slug) tells %v, LocateKeys's %v", front, got, want)
		}
	})
}

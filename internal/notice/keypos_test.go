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

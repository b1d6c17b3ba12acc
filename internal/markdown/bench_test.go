package markdown

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"disclose/internal/corpus"
)

// corpusBodies returns the Markdown bodies of n corpus notices: what
// follows each one's closing "+++" line.
func corpusBodies(b testing.TB, n int) [][]byte {
	b.Helper()
	fsys := corpus.MapFS(corpus.Defaults(n))
	var bodies [][]byte
	for _, p := range slices.Sorted(maps.Keys(fsys)) {
		if !strings.HasSuffix(p, ".md") {
			continue
		}
		_, body, ok := bytes.Cut(fsys[p].Data[3:], []byte("\n+++\n"))
		if !ok {
			b.Fatalf("%s: no front matter", p)
		}
		bodies = append(bodies, body)
	}
	return bodies
}

// BenchmarkConvert measures converting one corpus notice's body, as a
// build does for every notice: the Markdown parsed with our extensions,
// the outline and the prose collected, the HTML written. plain is the
// floor's goldmark on the same bodies, for comparison.
func BenchmarkConvert(b *testing.B) {
	bodies := corpusBodies(b, 100)
	b.Run("disclose", func(b *testing.B) { benchConvert(b, New(Options{}), bodies) })
	// every paragraph left to goldmark's inline pass
	b.Run("goldmark-inline", func(b *testing.B) { benchConvert(b, newConverter(Options{}, false), bodies) })
	b.Run("parse", func(b *testing.B) {
		c := New(Options{})
		i := 0
		for b.Loop() {
			c.Parse(bodies[i%len(bodies)])
			i++
		}
	})
	b.Run("plain", func(b *testing.B) {
		md := goldmark.New()
		var buf bytes.Buffer
		i := 0
		for b.Loop() {
			buf.Reset()
			if err := md.Convert(bodies[i%len(bodies)], &buf); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

// benchConvert converts the bodies in turn with c.
func benchConvert(b *testing.B, c *Converter, bodies [][]byte) {
	var buf bytes.Buffer
	i := 0
	for b.Loop() {
		buf.Reset()
		if _, err := c.ConvertTo(&buf, bodies[i%len(bodies)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

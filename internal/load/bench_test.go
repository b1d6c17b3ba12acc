package load

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"disclose/internal/corpus"
	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// BenchmarkProofread measures reading one corpus notice as a build does
// (Reader.Proofread): its front matter parsed and checked, its body
// converted once, for the proofreader and the page, and proofread.
func BenchmarkProofread(b *testing.B) {
	fsys := corpus.MapFS(corpus.Defaults(100))
	settings, problems := site.LoadSettings(fsys)
	if settings == nil {
		b.Fatal(problems)
	}
	var paths []string
	for _, p := range slices.Sorted(maps.Keys(fsys)) {
		if strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
	}
	r := NewReader(fsys, settings, site.Options{})
	conv := markdown.New(markdown.Options{})
	var html bytes.Buffer // reused, as the build's renderer reuses its buffers
	convert := func(n *notice.Notice) (markdown.Doc, error) {
		html.Reset()
		return conv.ConvertTo(&html, n.Body)
	}
	i := 0
	for b.Loop() {
		p := paths[i%len(paths)]
		if n, err := r.Proofread(p, fsys[p].Data, convert); err != nil || !n.Render() {
			b.Fatal(err, n.Problems)
		}
		i++
	}
}

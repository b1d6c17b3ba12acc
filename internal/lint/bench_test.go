package lint

import (
	"os"
	"testing"

	"disclose/internal/corpus"
	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// BenchmarkSample proofreads the sample notice.
func BenchmarkSample(b *testing.B) {
	s, problems := site.Load(os.DirFS("../.."), site.Options{})
	if s == nil {
		b.Fatal(problems)
	}
	conv := markdown.New(markdown.Options{})
	for b.Loop() {
		for _, n := range s.Notices {
			Notice(n, conv)
		}
	}
}

// BenchmarkCorpus proofreads generated notices, one per op, as a build of
// a large site does.
func BenchmarkCorpus(b *testing.B) {
	notices := corpusNotices(b, 24)
	conv := markdown.New(markdown.Options{})
	i := 0
	for b.Loop() {
		Notice(notices[i%len(notices)], conv)
		i++
	}
}

// BenchmarkCorpusWithDoc proofreads generated notices already converted,
// one per op: what the build adds to rendering a notice.
func BenchmarkCorpusWithDoc(b *testing.B) { benchmarkWithDoc(b, 24) }

// BenchmarkCorpus200WithDoc is BenchmarkCorpusWithDoc over 200 notices,
// more than a processor's caches keep.
func BenchmarkCorpus200WithDoc(b *testing.B) { benchmarkWithDoc(b, 200) }

func benchmarkWithDoc(b *testing.B, n int) {
	notices, docs := corpusDocs(b, n)
	i := 0
	for b.Loop() {
		NoticeWithDoc(notices[i%len(notices)], docs[i%len(notices)])
		i++
	}
}

// corpusNotices loads n notices of the benchmark corpus.
func corpusNotices(tb testing.TB, n int) []*notice.Notice {
	tb.Helper()
	s, problems := site.Load(corpus.MapFS(corpus.Defaults(n)), site.Options{})
	if s == nil || len(s.Notices) != n {
		tb.Fatalf("the corpus does not load:\n%v", problems)
	}
	return s.Notices
}

// BenchmarkBodyRead reads generated notices' bodies as the proofreader
// does before any rule: blanking what is not prose, then one scan of each
// paragraph for its marks, digits and the figures it states.
func BenchmarkBodyRead(b *testing.B) {
	notices, docs := corpusDocs(b, 24)
	i := 0
	for b.Loop() {
		newBody(notices[i%len(notices)].Body, docs[i%len(notices)].Prose)
		i++
	}
}

// corpusDocs loads n notices of the benchmark corpus and converts them.
func corpusDocs(b testing.TB, n int) ([]*notice.Notice, []markdown.Doc) {
	b.Helper()
	notices := corpusNotices(b, n)
	conv := markdown.New(markdown.Options{})
	docs := make([]markdown.Doc, len(notices))
	for i, n := range notices {
		var err error
		if docs[i], err = conv.Convert(n.Body); err != nil {
			b.Fatal(err)
		}
	}
	return notices, docs
}

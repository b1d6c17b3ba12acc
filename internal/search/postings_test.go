package search

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"disclose/internal/corpus"
)

func TestPostingsRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		p    plain
	}{
		{"one doc, one slot", plain{term: "整改", docs: []int32{0}, counts: []int32{1}, slots: []int32{0}}},
		{"far slots", plain{term: "整改", docs: []int32{3, 900}, counts: []int32{3, 2}, slots: []int32{7, 8, 100000, 5, 1 << 30}}},
		{"char term", plain{term: "~整", docs: []int32{0, 1, 2, 500, 501}}},
		{"word", plain{term: "2024", docs: []int32{2}, counts: []int32{4}, slots: []int32{1, 2, 3, 4000}}},
		{"groups", plain{term: "整改", docs: []int32{0, 63, 64, 65, 200, 1000}, counts: []int32{1, 2, 1, 1, 3, 1}, slots: []int32{5, 1, 9, 0, 4, 2, 3, 800, 7}}},
		// A doc far beyond the others: a Rice code longer than 32 bits.
		{"far doc", func() plain {
			p := plain{term: "~整"}
			for d := range int32(60) {
				p.docs = append(p.docs, d)
			}
			p.docs = append(p.docs, 100000)
			return p
		}()},
		// Slots far beyond the others of their run, the run going on after
		// each and another run after that: a Rice code longer than 32 bits
		// in the middle of a group's slots.
		{"far slot mid-run", func() plain {
			p := plain{term: "整改", docs: []int32{0, 1}, counts: []int32{205, 100}}
			for s := range int32(100) {
				p.slots = append(p.slots, s)
			}
			p.slots = append(p.slots, 1<<30, 1<<30+1, 1<<30+5)
			for s := range int32(100) {
				p.slots = append(p.slots, 1<<30+6+s)
			}
			p.slots = append(p.slots, 1<<30+1<<29, 1<<30+1<<29+1)
			for s := range int32(100) {
				p.slots = append(p.slots, s*3)
			}
			return p
		}()},
		// A count above 65,535: a gamma code longer than 32 bits.
		{"many in one doc", func() plain {
			p := plain{term: "整改", docs: []int32{3, 70}, counts: []int32{70000, 2}}
			for s := range int32(70000) {
				p.slots = append(p.slots, s*2)
			}
			p.slots = append(p.slots, 1, 2)
			return p
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []Occurrence
			at := 0
			for i, d := range tt.p.docs {
				if !positional(tt.p.term) {
					want = append(want, Occurrence{int(d), -1})
					continue
				}
				for range tt.p.counts[i] {
					want = append(want, Occurrence{int(d), int(tt.p.slots[at])})
					at++
				}
			}
			p := tt.p.coded()
			got, err := Decode(p.term, p.docs, p.slots, p.groups)
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("got %v, %v, want %v", got, err, want)
			}
		})
	}
}

// plain is a term's postings as lists: the docs, each one's count, the
// slots doc after doc.
type plain struct {
	term                string
	docs, counts, slots []int32
}

// coded returns p as yearIndex codes it, group by group, and writes it.
func (p plain) coded() codedTerm {
	y := newYearIndex(0, "")
	id := y.newTerm(p.term)
	var runs []run
	at := 0
	for i, d := range p.docs {
		c := int32(1)
		if positional(p.term) {
			c = p.counts[i]
		}
		r := run{id: id, doc: d & (GroupSize - 1), at: int32(len(y.slots)), n: c}
		for j := range c {
			slot := int32(0)
			if positional(p.term) {
				slot = p.slots[at+int(j)]
			}
			y.slots = append(y.slots, uint32(slot))
		}
		runs = append(runs, r)
		at += int(c)
		if i+1 == len(p.docs) || p.docs[i+1]/GroupSize != d/GroupSize {
			y.code(id, runs, d/GroupSize)
			runs, y.slots = runs[:0], y.slots[:0]
		}
	}
	return postingsOf(y)[0]
}

// codedTerm is one term's postings as a chunk file holds them.
type codedTerm struct {
	term        string
	docs, slots []byte
	groups      []int
}

// postingsOf returns the postings of every term of y, which has read its
// notices, as its chunk files hold them: all in one chunk.
func postingsOf(y *yearIndex) []codedTerm {
	if err := y.finish(); err != nil {
		panic(err)
	}
	var out []codedTerm
	var c []byte
	err := y.chunks(&assembler{}, 1, func(_ int, docs []byte) error {
		c = docs
		return nil
	}, func(_ int, p []byte) error {
		for len(c) > 0 {
			var t codedTerm
			n, _ := varint(&c)
			t.term, c = string(c[:n]), c[n:]
			n, _ = varint(&c)
			t.docs, c = c[:n], c[n:]
			if positional(t.term) {
				off, _ := varint(&c)
				groups, _ := varint(&c)
				size := 0
				for range groups {
					g, _ := varint(&c)
					t.groups = append(t.groups, int(g))
					size += int(g)
				}
				t.slots = p[off : int(off)+size]
			}
			out = append(out, t)
		}
		return nil
	})
	if err != nil {
		panic(err)
	}
	return out
}

// corpusDoc returns the i-th notice of a generated site as a Doc, with
// the fields a build gives it, and its body's size.
func corpusDoc(i int, f corpus.File) (Doc, int, bool) {
	parts := strings.SplitN(string(f.Data), "+++\n", 3)
	if len(parts) < 3 {
		return Doc{}, 0, false // site.toml
	}
	return Doc{Title: fmt.Sprintf("中共省某厅党组关于巡察整改进展情况的通报%d", i),
		Fields: []string{"省某厅党组", "市委第三巡察组", "", "教育提醒17人；", parts[2]}}, len(parts[2]), true
}

// BenchmarkBuildYear measures indexing a year of 1,000 notices of the
// project's corpus (internal/corpus, as bench/corpus writes them):
// tokenizing and coding, no disk; index-bytes is the size of its files.
func BenchmarkBuildYear(b *testing.B) {
	docs := benchYear(b)
	benchmarkYears(b, docs, func() *Builder { return Scratch("").NewBuilder(false) })
}

// BenchmarkBuilderYears is BenchmarkBuildYear as a build to disk indexes
// its years: one Builder for them all, in the memory of the year before,
// its files made in the bytes of the last.
func BenchmarkBuilderYears(b *testing.B) {
	docs := benchYear(b)
	builder := Scratch(b.TempDir()).NewBuilder(true)
	benchmarkYears(b, docs, func() *Builder { return builder })
}

// benchYear returns the 1,000 notices of a year of the corpus.
func benchYear(b *testing.B) []Doc {
	var docs []Doc
	size := 0
	err := corpus.Files(corpus.Defaults(1000), func(f corpus.File) error {
		if d, n, ok := corpusDoc(len(docs), f); ok {
			docs = append(docs, d)
			size += n
		}
		return nil
	})
	if err != nil || len(docs) != 1000 {
		b.Fatalf("%d docs: %v", len(docs), err)
	}
	b.SetBytes(int64(size))
	return docs
}

func benchmarkYears(b *testing.B, docs []Doc, builder func() *Builder) {
	written := 0
	for b.Loop() {
		written = 0
		if _, err := builder().BuildYear(2025, len(docs), Docs(docs), "", func(_ string, data []byte) error {
			written += len(data)
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(written), "index-bytes")
}

// BenchmarkBuildYearLarge measures the memory of indexing one year as
// large as those of a site of 100,000 notices (8,333 notices of 16 KB),
// its notices generated one at a time as BuildYear asks for them, its
// entries spilled to a file in a temporary folder as a build to disk
// does: peak-heap-MiB is the most the heap held (runtime HeapInuse, read
// every group of notices), which issue 15's budget of 300 MiB for the
// whole build bounds. Run with -benchtime 1x: a run takes seconds.
func BenchmarkBuildYearLarge(b *testing.B) {
	const n = 8333
	dir := Scratch(b.TempDir())
	for b.Loop() {
		docs := make(chan Doc, 1)
		go corpus.Files(corpus.Defaults(n), func(f corpus.File) error {
			if d, _, ok := corpusDoc(0, f); ok {
				docs <- d
			}
			return nil
		})
		var peak uint64
		var m runtime.MemStats
		doc := func(i int) (Doc, error) {
			if i%GroupSize == 0 {
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
			return <-docs, nil
		}
		written := 0
		if _, err := dir.BuildYear(2025, n, doc, "", func(_ string, data []byte) error {
			written += len(data)
			if written%(1<<20) < len(data) {
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(written)/(1<<20), "index-MiB")
	}
}

// A phrase is found in the docs that hold it, and only those, across
// groups of docs: its terms' slots are read group by group.
func TestMatchAcrossGroups(t *testing.T) {
	var docs []Doc
	var want []Hit
	for i := range 3*GroupSize + 5 {
		body := "巡察整改，落实责任。落实整改。"
		switch {
		case i%7 == 0:
			body = "整改落实到位。" + body
			want = append(want, Hit{2025, i})
		case i%11 == 0:
			body = strings.Repeat("整改落", 40) + "，实落实"
		}
		docs = append(docs, Doc{Title: fmt.Sprintf("通报%d", i), Fields: []string{body}})
	}
	files := map[string][]byte{}
	y, err := BuildYear(2025, len(docs), Docs(docs), "", func(p string, d []byte) error { files[p] = d; return nil })
	if err != nil {
		t.Fatal(err)
	}
	files[Dir+"index.json"] = MetaFile([]Year{y})
	got, err := Match(readMap(files), "整改落实")
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("got %v, %v, want %v", got, err, want)
	}
}

// A year's results are the same whatever its number of chunks (Format 5
// made them half as many): each query of words, phrases, single
// characters and several phrases, over a year of the project's corpus
// cut into 1 to 1,024 chunks, finds the same docs, and finds some.
func TestResultsWhateverTheChunks(t *testing.T) {
	var docs []Doc
	var bodies []string
	err := corpus.Files(corpus.Defaults(300), func(f corpus.File) error {
		if d, _, ok := corpusDoc(len(docs), f); ok {
			docs = append(docs, d)
			bodies = append(bodies, d.Fields[4])
		}
		return nil
	})
	if err != nil || len(docs) < 200 {
		t.Fatalf("%d docs: %v", len(docs), err)
	}
	// Queries cut from the notices, of 1 to 6 runes, and pairs of them;
	// then some that occur nowhere.
	var queries []string
	for i, b := range bodies {
		r := []rune(b)
		at := (i * 7919) % max(1, len(r)-8)
		q := string(r[at : at+1+i%6])
		if i%5 == 0 && len(queries) > 0 {
			q += " " + queries[len(queries)-1]
		}
		queries = append(queries, q)
	}
	queries = append(queries, "整改落实", "2024年", "教育提醒", "和睦e家", "巡察组", "落实整改不到位", "𠀀整改", "zz9")
	var want [][]Hit
	found := 0
	for _, n := range []int{1, 2, 64, 256, 1024} {
		files := map[string][]byte{}
		y, err := Scratch("").NewBuilder(false).buildYear(2025, len(docs), Docs(docs), "", func(p string, d []byte) error {
			files[p] = d
			return nil
		}, func(*yearIndex) int { return n })
		if err != nil || y.Chunks != n {
			t.Fatalf("%d chunks: %v, %v", n, y.Chunks, err)
		}
		files[Dir+"index.json"] = MetaFile([]Year{y})
		for i, q := range queries {
			got, err := Match(readMap(files), q)
			if err != nil {
				t.Fatalf("%d chunks, %q: %v", n, q, err)
			}
			if want == nil || i >= len(want) {
				want = append(want, got)
				if len(got) > 0 {
					found++
				}
				continue
			}
			if !slices.Equal(got, want[i]) {
				t.Errorf("%d chunks, %q: %d hits, with one chunk %d", n, q, len(got), len(want[i]))
			}
		}
	}
	if found < len(queries)*3/4 {
		t.Errorf("only %d of %d queries found something", found, len(queries))
	}
}

// The chunks of a year of the size of those of the 10,000-notice corpus
// (833 notices) are 256, so that the chunk files a query downloads stay
// some 2 KB: at most 8 KB each.
func TestChunkSize(t *testing.T) {
	var docs []Doc
	err := corpus.Files(corpus.Defaults(10000), func(f corpus.File) error {
		if d, _, ok := corpusDoc(len(docs), f); ok && len(docs) < 833 {
			docs = append(docs, d)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	largest := 0
	y, err := BuildYear(2025, len(docs), Docs(docs), "", func(p string, d []byte) error {
		if strings.Contains(p, "/c") {
			largest = max(largest, len(d))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if y.Chunks != 256 || largest > 8<<10 {
		t.Errorf("%d chunks, the largest %d bytes; want 256, at most 8 KB", y.Chunks, largest)
	}
}

// TestSameResultsAsBuilt runs the same queries over the indexes of two
// built sites, DISCLOSE_SEARCH_COMPARE="A B" (output folders of the same
// notices, say by two versions of disclose): every query finds the same
// notices, in the same order. The queries are cut from the notices of
// bench/corpus -n 1000, as TestResultsWhateverTheChunks cuts them.
func TestSameResultsAsBuilt(t *testing.T) {
	dirs := strings.Fields(os.Getenv("DISCLOSE_SEARCH_COMPARE"))
	if len(dirs) != 2 {
		t.Skip(`DISCLOSE_SEARCH_COMPARE is not set: give two output folders, "A B"`)
	}
	var queries []string
	i := 0
	err := corpus.Files(corpus.Defaults(1000), func(f corpus.File) error {
		d, _, ok := corpusDoc(i, f)
		if !ok {
			return nil
		}
		r := []rune(d.Fields[4])
		for j := range 3 {
			at := (i*7919 + j*104729) % max(1, len(r)-8)
			q := string(r[at : at+1+(i+j)%7])
			if j == 2 && len(queries) > 0 {
				q += " " + queries[len(queries)-1]
			}
			queries = append(queries, q)
		}
		i++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	read := func(dir string) func(string) ([]byte, error) {
		return func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, Dir, p)) }
	}
	hits, found := 0, 0
	for _, q := range queries {
		a, err := Match(read(dirs[0]), q)
		if err != nil {
			t.Fatalf("%s, %q: %v", dirs[0], q, err)
		}
		b, err := Match(read(dirs[1]), q)
		if err != nil {
			t.Fatalf("%s, %q: %v", dirs[1], q, err)
		}
		if !slices.Equal(a, b) {
			t.Errorf("%q: %d hits in %s, %d in %s", q, len(a), dirs[0], len(b), dirs[1])
		}
		hits += len(a)
		if len(a) > 0 {
			found++
		}
	}
	t.Logf("%d queries, %d found something, %d hits in all, the same in both", len(queries), found, hits)
	if found < len(queries)/2 {
		t.Errorf("only %d of %d queries found something", found, len(queries))
	}
}

package search

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkRead measures the per-notice path of the index alone: a year
// of 1,000 notices of the corpus read into their groups' slots and runs
// (yearIndex.read: text, resolve, sortDoc), each group let go instead of
// coded (flush), so that the figure leaves out the coding of the postings
// that BenchmarkBuildYear includes. Where the system tells the processor
// time of the process (Linux), cpu-ns/op is that time an op, user and
// system, which other processes on a busy machine move far less than
// ns/op.
func BenchmarkRead(b *testing.B) {
	docs := benchYear(b)
	cpu, ok := cpuTime()
	for b.Loop() {
		y := newYearIndex(len(docs), "")
		for i := range docs {
			y.read(&docs[i])
			if y.doc++; y.doc%GroupSize == 0 {
				y.dropGroup()
			}
		}
	}
	if end, ok2 := cpuTime(); ok && ok2 {
		b.ReportMetric(float64(end-cpu)/float64(b.N), "cpu-ns/op")
	}
}

// cpuTime is the processor time the process has used, user and system,
// as /proc/self/stat counts it (in ticks of 10 ms), and whether the
// system tells it.
func cpuTime() (time.Duration, bool) {
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, false
	}
	// The fields after the command, which is in parentheses (and may
	// hold one): the state (field 3), ..., utime (14), stime (15).
	i := strings.LastIndexByte(string(stat), ')')
	f := strings.Fields(string(stat[i+1:]))
	if i < 0 || len(f) < 13 {
		return 0, false
	}
	user, err1 := strconv.ParseInt(f[11], 10, 64)
	system, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(user+system) * 10 * time.Millisecond, true
}

// dropGroup lets go of the current group's runs as flush does, coding
// nothing.
func (y *yearIndex) dropGroup() {
	for _, id := range y.gtouched {
		y.groups[id] = 0
	}
	y.gtouched, y.runs, y.slots = y.gtouched[:0], y.runs[:0], y.slots[:0]
}

// indexedDocs returns the terms of each of docs as a year's index keeps
// them, "term@slot", decoded from the postings it codes.
func indexedDocs(docs []Doc) [][]string {
	y := newYearIndex(len(docs), "")
	for i := range docs {
		y.add(&docs[i])
	}
	out := make([][]string, len(docs))
	for _, p := range postingsOf(y) {
		occ, err := Decode(p.term, p.docs, p.slots, p.groups)
		if err != nil {
			panic(fmt.Sprintf("%q: %v", p.term, err))
		}
		for _, o := range occ {
			if positional(p.term) {
				out[o.Doc] = append(out[o.Doc], fmt.Sprintf("%s@%d", p.term, o.Slot))
			} else {
				out[o.Doc] = append(out[o.Doc], p.term)
			}
		}
	}
	for _, terms := range out {
		slices.Sort(terms)
	}
	return out
}

// read notes the terms that segments reads (reference) in a doc whose
// terms the year has seen before, and in one whose terms it has not: the
// bigrams textCommon finds in the table, those it leaves to resolve, and
// the run edges text notes, at every edge of a text and a field.
func FuzzRead(f *testing.F) {
	for _, s := range [][2]string{
		{"整改落实。整改", "落实整改"},
		{"a整b", "整a，a整，整。"},
		{"2024年4月17日", "年"},
		{"。整。整", "整"},
		{"人々〇㐀豈𠀀", "々整改𠀀x豈"},
		{"ＡＢＣ系統　word", "和睦e家"},
		{"整改\xff落实", "\xe4\xb8"},
		{"一二三四五六七八九十", ""},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		docs := []Doc{
			{Title: a, Fields: []string{b}},
			{Title: b, Fields: []string{a, "", a}},
			{Title: a, Fields: []string{b}}, // its terms all known
		}
		for i, got := range indexedDocs(docs) {
			if want := reference(&docs[i]); !slices.Equal(got, want) {
				t.Fatalf("doc %d: got %v, want %v", i, got, want)
			}
		}
	})
}

// wordID gives a word, short (wordKey) or long, the same id each time,
// and another word another, as a map of the words would.
func FuzzWordID(f *testing.F) {
	for _, s := range [][2]string{{"2024", "2025"}, {"a", "aa"}, {"abcdefg", "abcdefgh"}, {"ä", "a"}, {"e", "e"}, {"", "0"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		y := newYearIndex(0, "")
		id := func(w string) int32 {
			y.word = append(y.word[:0], w...)
			return y.wordID()
		}
		ia, ib := id(a), id(b)
		if again := id(a); again != ia {
			t.Fatalf("%q: id %d, then %d", a, ia, again)
		}
		if (ia == ib) != (a == b) {
			t.Fatalf("%q and %q: ids %d and %d", a, b, ia, ib)
		}
		if y.terms[ia].text != a || y.terms[ib].text != b {
			t.Fatalf("terms %q and %q, want %q and %q", y.terms[ia].text, y.terms[ib].text, a, b)
		}
	})
}

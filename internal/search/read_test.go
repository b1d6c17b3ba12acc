package search

import (
	"syscall"
	"testing"
	"time"
)

// BenchmarkRead measures the per-notice path of the index alone: a year
// of 1,000 notices of the corpus read into their groups' slots and runs
// (yearIndex.read: encode, occurrences, sortDoc), each group let go
// instead of coded (flush), so that the figure leaves out the coding of
// the postings that BenchmarkBuildYear includes.
func BenchmarkRead(b *testing.B) {
	docs := benchYear(b)
	cpu := cpuTime(b)
	for b.Loop() {
		y := newYearIndex(len(docs), "")
		for i := range docs {
			y.read(&docs[i])
			if y.doc++; y.doc%GroupSize == 0 {
				y.dropGroup()
			}
		}
	}
	b.ReportMetric(float64(cpuTime(b)-cpu)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the processor time the process has used, user and system:
// a benchmark's cpu-ns/op, which other processes on a busy machine move
// far less than its ns/op.
func cpuTime(b *testing.B) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// dropGroup lets go of the current group's runs as flush does, coding
// nothing.
func (y *yearIndex) dropGroup() {
	for _, id := range y.gtouched {
		y.groups[id] = 0
	}
	y.gtouched, y.runs, y.slots = y.gtouched[:0], y.runs[:0], y.slots[:0]
}

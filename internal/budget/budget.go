// Package budget gives the program a memory budget in place of the Go
// runtime's default pacing of its garbage collector.
//
// By default the collector runs each time the heap doubles. A build's
// lasting heap is small (the front matter of each notice) while it makes a
// great deal of short-lived garbage (each notice's text, tree and page), so
// it would run the collector hundreds of times, each time the garbage
// reached the size of that small heap: a quarter of a build's CPU time.
// With a budget, the collector runs only when the heap nears the budget,
// which is what a user is promised the build stays under anyway, or when
// it has grown to five times what the last collection left (GOGC=400):
// a small site's build then reuses its memory instead of asking the system
// for the whole budget in new pages, which costs more than the few
// collections (1,000 notices: 0.23 s and 165 MiB with the budget alone,
// 0.19 s and 60 MiB with both; docs/performance.md).
//
// When the lasting heap itself grows past half the budget (a very large
// site, or the preview, which keeps every page in memory), a fixed budget
// would make the collector run ever more often, each time the garbage
// filled what the lasting heap leaves of the budget: a pacing by the live
// heap comes back then, and memory grows with the site. It lets the heap
// grow by half what is live (GOGC=50), not double as the default does:
// 100,000 tiny notices (bench/corpus -tiny) peak at 267 MiB, not 362
// (docs/performance.md, mem5), at some more collections; under a limit
// of Large while the live heap leaves room for it (beyondLimit). (At three quarters,
// 100,000 notices spent a quarter of the build in the collector before it
// gave way; a build of 10,000 keeps about 22 MB, docs/performance.md.)
package budget

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Default is the budget of the disclose command: peak memory stays under
// 200 MiB for sites of up to 10,000 notices.
const Default = 160 << 20

// beyond is the GOGC past half the budget: the heap may grow by half of
// what was live.
const beyond = 50

// growth is the GOGC under the budget: the heap may grow to five times
// what was live before the collector runs, unless the budget comes first.
const growth = 400

// Large is the memory limit past half the budget, while the lasting heap
// is under five eighths of it: issue 15 asks a build of 100,000 notices
// to stay under 300 MiB. Past the budget the collector paces by the live
// heap (GOGC=50), which alone let such a build peak at 308 MiB (a live
// heap of 158 MB, freed pages not yet returned, docs/performance.md); the
// limit makes the runtime return pages and collect a little sooner near
// it: 281 MiB.
const Large = 280 << 20

// beyondLimit is the memory limit when live bytes are in use past half
// the budget: Large, or, for a heap larger still, room for it to grow by
// three fifths, so that the collector never runs back to back.
func beyondLimit(live uint64) int64 {
	return max(Large, int64(min(live, math.MaxInt64/8))*8/5)
}

// Set gives the program a budget of limit bytes, unless its user chose a
// pacing of their own with GOGC or GOMEMLIMIT.
func Set(limit int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(growth)
	debug.SetMemoryLimit(limit)
	set := int64(0) // the limit past half the budget, once set
	watch(limit, func(live uint64) {
		l := beyondLimit(live)
		if set == 0 {
			debug.SetGCPercent(beyond)
		}
		if l != set {
			debug.SetMemoryLimit(l)
			set = l
		}
	})
}

// watch calls beyond after each collection that leaves more than half of
// limit in use, with the bytes in use: from the first such collection on,
// after every one.
func watch(limit int64, beyond func(live uint64)) {
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	past := false
	var check func(int)
	check = func(int) {
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 {
			if n := live[0].Value.Uint64(); past || n > uint64(limit/2) {
				past = true
				beyond(n)
			}
		}
		afterNextGC(check)
	}
	afterNextGC(check)
}

// sentinel is an object only a collection frees; it holds a pointer so
// that it is not packed with other small objects, which would keep it.
type sentinel struct{ _ *int }

// afterNextGC calls f soon after the next garbage collection.
func afterNextGC(f func(int)) {
	runtime.AddCleanup(&sentinel{}, f, 0)
}

package budget

import (
	"math"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"
)

// settings returns the collector's GOGC and memory limit, leaving them as
// they are.
func settings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func restore(t *testing.T) {
	percent, limit := settings()
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}

func TestSetPacesByTheBudget(t *testing.T) {
	restore(t)
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	Set(1 << 40) // far above what the test keeps: the budget stays
	runtime.GC()
	if percent, limit := settings(); percent != growth || limit != 1<<40 {
		t.Errorf("got GOGC %d and a limit of %d, want %d and %d", percent, limit, growth, int64(1<<40))
	}
}

func TestSetLeavesTheUsersChoice(t *testing.T) {
	restore(t)
	t.Setenv("GOGC", "200")
	debug.SetGCPercent(200)
	Set(1 << 30)
	if percent, limit := settings(); percent != 200 || limit != math.MaxInt64 {
		t.Errorf("got GOGC %d and a limit of %d, want 200 and none", percent, limit)
	}
}

// A heap that outgrows half the budget brings back the default pacing:
// above it, the collector would run each time garbage filled the little
// the heap leaves of the budget.
func TestWatchGivesUpWhenTheHeapOutgrowsTheBudget(t *testing.T) {
	for _, mib := range []int{16, 5} {
		gaveUp := make(chan struct{})
		var once sync.Once // called again after each collection, this test's or the next one's
		watch(8<<20, func(uint64) { once.Do(func() { close(gaveUp) }) })
		kept := make([][]byte, 0, mib)
		for range mib {
			kept = append(kept, make([]byte, 1<<20))
		}
		deadline := time.After(10 * time.Second)
	wait:
		for {
			runtime.GC()
			select {
			case <-gaveUp:
				runtime.KeepAlive(kept)
				break wait
			case <-deadline:
				t.Fatalf("%d MiB stayed live with a budget of 8 MiB, and the budget stayed", mib)
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
}

// A heap well under the budget keeps it.
func TestWatchKeepsTheBudgetForASmallHeap(t *testing.T) {
	gaveUp := make(chan struct{}, 1)
	watch(1<<40, func(uint64) {
		select {
		case gaveUp <- struct{}{}:
		default:
		}
	})
	for range 5 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case <-gaveUp:
		t.Error("gave the budget up with a heap far under it")
	default:
	}
}

// Past half the budget, Set paces the collector by the live heap, letting
// it grow by half (beyond), not double: a very large site's build peaks
// at one and a half times what it keeps, not twice.
func TestSetPacesBeyondTheBudget(t *testing.T) {
	restore(t)
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	kept := make([]byte, 4<<20)
	Set(2 << 20)
	deadline := time.After(10 * time.Second)
	for {
		runtime.GC()
		if percent, limit := settings(); percent == beyond && limit == Large {
			break
		}
		select {
		case <-deadline:
			percent, limit := settings()
			t.Fatalf("4 MiB live with a budget of 2 MiB: GOGC %d and a limit of %d, want %d and %d", percent, limit, beyond, int64(Large))
		case <-time.After(10 * time.Millisecond):
		}
	}
	runtime.KeepAlive(kept)
}

// Past half the budget the limit is Large, or, for a heap larger still,
// three fifths above it: never one the live heap fills at once.
func TestBeyondLimit(t *testing.T) {
	for _, tt := range []struct {
		live uint64
		want int64
	}{
		{0, Large},
		{158 << 20, Large}, // 100,000 corpus notices
		{175 << 20, Large},
		{400 << 20, 640 << 20},
		{math.MaxUint64, math.MaxInt64 / 8 * 8 / 5},
	} {
		if got := beyondLimit(tt.live); got != tt.want {
			t.Errorf("beyondLimit(%d) = %d, want %d", tt.live, got, tt.want)
		}
		if got := beyondLimit(tt.live); uint64(got) < tt.live && tt.live < math.MaxInt64/8 {
			t.Errorf("beyondLimit(%d) = %d: under the live heap", tt.live, got)
		}
	}
}

package pool

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunDoesAllWork(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			done := make([]atomic.Int32, n)
			if err := Run(n, func(i int) error { done[i].Add(1); return nil }); err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			for i := range done {
				if got := done[i].Load(); got != 1 {
					t.Errorf("job %d: got %d calls, want 1", i, got)
				}
			}
		})
	}
}

func TestRunReturnsError(t *testing.T) {
	errBad := errors.New("job 3 failed")
	var calls atomic.Int32
	err := run(100, 1, func(i int) error {
		calls.Add(1)
		if i == 3 {
			return errBad
		}
		return nil
	})
	if err != errBad {
		t.Errorf("got error %v, want %v", err, errBad)
	}
	// One worker takes the jobs in order: none after the failed one.
	if got := calls.Load(); got != 4 {
		t.Errorf("got %d jobs run, want 4: no job starts after an error", got)
	}
}

// gauge counts the jobs running at once. Each job waits, up to a few
// seconds, until full jobs run together, so that a pool that allows full
// reaches it however busy the machine is, then a moment more, so that a
// pool that allows more shows it.
type gauge struct {
	mu            sync.Mutex
	running, most int
	full          int
	reached       chan struct{}
	closed        bool
}

func newGauge(full int) *gauge { return &gauge{full: full, reached: make(chan struct{})} }

func (g *gauge) job(int) error {
	g.mu.Lock()
	g.running++
	g.most = max(g.most, g.running)
	if g.running == g.full && !g.closed {
		g.closed = true
		close(g.reached)
	}
	g.mu.Unlock()
	select {
	case <-g.reached:
	case <-time.After(3 * time.Second):
	}
	time.Sleep(time.Millisecond) // room for one job too many to start
	g.mu.Lock()
	g.running--
	g.mu.Unlock()
	return nil
}

func TestRunLimitsConcurrency(t *testing.T) {
	for _, workers := range []int{1, 2, 3} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			g := newGauge(workers)
			if err := run(30, workers, g.job); err != nil {
				t.Fatal(err)
			}
			if g.most != workers {
				t.Errorf("got at most %d jobs at once, want %d", g.most, workers)
			}
		})
	}
}

func TestRunUsesGOMAXPROCS(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	g := newGauge(2)
	_ = Run(20, g.job)
	if g.most != 2 {
		t.Errorf("got %d jobs at once with GOMAXPROCS 2, want 2", g.most)
	}
}

// TestRunN runs every job on at most the workers asked for, more than
// GOMAXPROCS if so asked, and at least one.
func TestRunN(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 8} {
		var mu sync.Mutex
		running, most, done := 0, 0, 0
		err := RunN(40, workers, func(int) error {
			mu.Lock()
			running++
			most = max(most, running)
			mu.Unlock()
			time.Sleep(2 * time.Millisecond)
			mu.Lock()
			running--
			done++
			mu.Unlock()
			return nil
		})
		if err != nil || done != 40 || most > max(1, workers) || (workers == 8 && most < 4) {
			t.Errorf("RunN(40, %d): %v, %d done, at most %d at once", workers, err, done, most)
		}
	}
}

package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// A site's templates are its owner's, and trusted: but a template with a
// loop that does not end (range over a huge number, a template that calls
// itself) would hold a build, or the preview, for ever and fill the
// memory. So each page's template runs within bounds, and it stops when
// its build is cancelled (the preview cancels a build when a newer save
// arrives). The bounds stop a loop that does not end, not a page that is
// big or a machine that is busy:
//   - a template that writes for ever is stopped at MaxPageBytes;
//   - a template that writes nothing for MaxPageIdle is stopped: a page
//     that keeps writing is making progress, however long it takes (a
//     unit's page of a thousand notices, on a machine loaded 30 to 50,
//     took longer than 10 s in all);
//   - a template that writes now and then, slower than any page, is
//     stopped at MaxPageTime in all.
//
// Go's templates cannot be interrupted: the page is then given up, and
// its template is stopped at its next write. A loop that writes nothing
// goes on in the background until it ends, but the build does not wait
// for it.
const (
	// MaxPageBytes is the most one page may be. The largest page of a
	// site, a year of 1,000 notices, is under 1 MiB.
	MaxPageBytes = 64 << 20
	// MaxPageIdle is the longest one page's template may run without
	// writing. A page writes every few microseconds.
	MaxPageIdle = 10 * time.Second
	// MaxPageTime is the longest one page's template may run in all,
	// writing or not. A page takes milliseconds.
	MaxPageTime = 3 * time.Minute
)

// ErrPageTooLarge, ErrPageIdle and ErrPageTooSlow are the errors of a
// template that went past its bounds.
var (
	ErrPageTooLarge = errors.New("页面模板写出的内容超过上限, 可能是模板中的循环不会结束 (the template wrote more than the limit: a loop that does not end?)")
	ErrPageIdle     = errors.New("页面模板长时间没有写出任何内容, 可能是模板中的循环不会结束 (the template wrote nothing for longer than the limit: a loop that does not end?)")
	ErrPageTooSlow  = errors.New("页面模板运行时间超过上限, 可能是模板中的循环不会结束 (the template ran longer than the limit: a loop that does not end?)")
)

// errGivenUp is what a template's next write gets once its page was given
// up.
var errGivenUp = errors.New("the page was given up")

// boundedWriter is the buffer a template writes a page into, within the
// bounds above. Once the page is given up, the template's goroutine may
// still be running: it never touches the buffer again, and the caller
// never reads it.
type boundedWriter struct {
	buf     *bytes.Buffer
	max     int
	givenUp atomic.Bool
	// wrote is set by a write and cleared by the caller waiting for the
	// page once each idle period: stored only when it was clear, it costs
	// a write a load.
	wrote atomic.Bool
}

func (w *boundedWriter) Write(p []byte) (int, error) {
	if w.givenUp.Load() {
		return 0, errGivenUp
	}
	if !w.wrote.Load() {
		w.wrote.Store(true)
	}
	if w.buf.Len()+len(p) > w.max {
		return 0, fmt.Errorf("%w: %d MiB", ErrPageTooLarge, w.max>>20)
	}
	return w.buf.Write(p)
}

// The templates run on goroutines of their own, so that a page given up
// does not hold its caller; but not on a new goroutine for each page: a
// goroutine starts with a small stack, and a template's walk grows it
// several times over, which cost a twentieth of the templates' time. So
// each template runs on a runner, a goroutine kept from one page to the
// next with its grown stack and its one timer. A runner nobody asks for a
// page within runnerIdle ends (a preview that waits for the next save
// keeps none); a runner whose page was given up ends when its template
// does.
const runnerIdle = 100 * time.Millisecond

// runners are the runners of one Templates not running a page.
type runners struct {
	mu      sync.Mutex
	idle    []*runner
	started atomic.Int64 // runners started, for the tests
	// bounds are MaxPageIdle and MaxPageTime, unless a test set its own.
	bounds pageBounds
}

// pageBounds are the bounds in time of one page: a zero field is the
// constant's.
type pageBounds struct {
	idle, total time.Duration
	// checked, when not nil, is called each time a page was found to
	// have written within an idle period (for the tests).
	checked func()
}

func (b pageBounds) limits() (idle, total time.Duration) {
	idle, total = b.idle, b.total
	if idle <= 0 {
		idle = MaxPageIdle
	}
	if total <= 0 {
		total = MaxPageTime
	}
	return idle, total
}

// runner runs one page's template at a time, handed it on jobs.
type runner struct {
	set  *runners
	jobs chan func() error
	done chan error // the job's error; one place, so that a job given up never blocks
	// limit is the idle period of the page running, for the caller
	// waiting for it: one timer, reset for each period of each page.
	limit *time.Timer
}

// get returns an idle runner, or a new one.
func (s *runners) get() *runner {
	s.mu.Lock()
	if n := len(s.idle); n > 0 {
		r := s.idle[n-1]
		s.idle = s.idle[:n-1]
		s.mu.Unlock()
		return r
	}
	s.mu.Unlock()
	r := &runner{set: s, jobs: make(chan func() error), done: make(chan error, 1), limit: time.NewTimer(MaxPageIdle)}
	r.limit.Stop()
	s.started.Add(1)
	go r.loop()
	return r
}

// put makes r idle.
func (s *runners) put(r *runner) {
	s.mu.Lock()
	s.idle = append(s.idle, r)
	s.mu.Unlock()
}

// retire takes r out of the idle runners, and reports whether it was
// there: a runner that is not has been taken by a caller, who is about
// to hand it a job.
func (s *runners) retire(r *runner) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, x := range s.idle {
		if x == r {
			s.idle = append(s.idle[:i], s.idle[i+1:]...)
			return true
		}
	}
	return false
}

// loop runs the jobs handed to r until r is given up (its jobs closed) or
// idle for runnerIdle.
func (r *runner) loop() {
	idle := time.NewTimer(runnerIdle)
	defer idle.Stop()
	for {
		select {
		case job, ok := <-r.jobs:
			if !ok {
				return
			}
			r.done <- job()
			idle.Reset(runnerIdle)
		case <-idle.C:
			if r.set.retire(r) {
				return
			}
			idle.Reset(runnerIdle)
		}
	}
}

// bounded runs job, which writes into w, within the bounds: it returns
// when job returns, or gives the page up when ctx is done, when job wrote
// nothing for a whole idle period, or when it has run for the total time.
// The time between two writes is checked once an idle period, not at each
// write: a template is given up between one and two idle periods after
// its last write.
func (s *runners) bounded(ctx context.Context, w *boundedWriter, job func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	idle, total := s.bounds.limits()
	r := s.get()
	r.jobs <- job
	r.limit.Reset(min(idle, total))
	ran := time.Duration(0) // the idle periods that have passed, in all
	for {
		select {
		case err := <-r.done:
			r.limit.Stop()
			s.put(r)
			return err
		case <-ctx.Done():
			r.giveUp(w)
			return ctx.Err()
		case <-r.limit.C:
			ran += min(idle, total-ran)
			if !w.wrote.Swap(false) {
				r.giveUp(w)
				return fmt.Errorf("%w: %v", ErrPageIdle, idle)
			}
			if ran >= total {
				r.giveUp(w)
				return fmt.Errorf("%w: %v", ErrPageTooSlow, total)
			}
			if s.bounds.checked != nil {
				s.bounds.checked()
			}
			r.limit.Reset(min(idle, total-ran))
		}
	}
}

// giveUp stops r's page at its next write, and ends r once its template
// ends.
func (r *runner) giveUp(w *boundedWriter) {
	w.givenUp.Store(true)
	r.limit.Stop()
	close(r.jobs)
}

// Bind makes the pages t renders from now on stop when ctx is done: the
// template's next write fails with ctx's error. A build binds its context
// before it renders, and context.Background after.
func (t *Templates) Bind(ctx context.Context) {
	t.ctx.Store(&ctx)
}

// context returns what Bind bound.
func (t *Templates) context() context.Context {
	if p := t.ctx.Load(); p != nil {
		return *p
	}
	return context.Background()
}

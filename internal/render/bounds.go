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
// memory. So each page's template runs within bounds: it may write at most
// MaxPageBytes and run for at most MaxPageTime, and it stops when its
// build is cancelled (the preview cancels a build when a newer save
// arrives). Go's templates cannot be interrupted: the page is then given
// up, and its template is stopped at its next write. A loop that writes
// nothing goes on in the background until it ends, but the build does not
// wait for it.
const (
	// MaxPageBytes is the most one page may be. The largest page of a
	// site, a year of 1,000 notices, is under 1 MiB.
	MaxPageBytes = 64 << 20
	// MaxPageTime is the longest one page's template may run. A page
	// takes milliseconds.
	MaxPageTime = 10 * time.Second
)

// ErrPageTooLarge and ErrPageTooSlow are the errors of a template that
// went past its bounds.
var (
	ErrPageTooLarge = errors.New("页面模板写出的内容超过上限, 可能是模板中的循环不会结束 (the template wrote more than the limit: a loop that does not end?)")
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
}

func (w *boundedWriter) Write(p []byte) (int, error) {
	if w.givenUp.Load() {
		return 0, errGivenUp
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
}

// runner runs one page's template at a time, handed it on jobs.
type runner struct {
	set  *runners
	jobs chan func() error
	done chan error // the job's error; one place, so that a job given up never blocks
	// limit is MaxPageTime for the page running, for the caller waiting
	// for it: one timer, reset for each page.
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
	r := &runner{set: s, jobs: make(chan func() error), done: make(chan error, 1), limit: time.NewTimer(MaxPageTime)}
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
// when job returns, or when ctx is done or MaxPageTime has passed, giving
// the page up.
func (s *runners) bounded(ctx context.Context, w *boundedWriter, job func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r := s.get()
	r.jobs <- job
	r.limit.Reset(MaxPageTime)
	select {
	case err := <-r.done:
		r.limit.Stop()
		s.put(r)
		return err
	case <-ctx.Done():
		r.giveUp(w)
		return ctx.Err()
	case <-r.limit.C:
		r.giveUp(w)
		return fmt.Errorf("%w: %v", ErrPageTooSlow, MaxPageTime)
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

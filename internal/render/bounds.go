package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
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

// run executes tmpl's template name with data into w, within the bounds:
// it returns when the template ends, or when ctx is done or MaxPageTime
// has passed, giving the page up.
func (w *boundedWriter) run(ctx context.Context, tmpl *template.Template, name string, data any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- tmpl.ExecuteTemplate(w, name, data) }()
	timer := time.NewTimer(MaxPageTime)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		w.givenUp.Store(true)
		return ctx.Err()
	case <-timer.C:
		w.givenUp.Store(true)
		return fmt.Errorf("%w: %v", ErrPageTooSlow, MaxPageTime)
	}
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

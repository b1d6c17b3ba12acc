package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"
)

// A site's templates are its owner's, and trusted: but a template with a
// loop that does not end (range over a huge number, a template that calls
// itself) would hold a build, or the preview, for ever and fill the
// memory. So each page's template runs within bounds: it may write at most
// MaxPageBytes, for at most MaxPageTime, and stops when its build is
// cancelled (the preview cancels a build when a newer save arrives). The
// bounds are checked as the template writes: a loop that writes nothing
// at all is not stopped, only abandoned by a cancelled preview build when
// it next writes.
const (
	// MaxPageBytes is the most one page may be. The largest page of a
	// site, a year of 1,000 notices, is under 1 MiB.
	MaxPageBytes = 64 << 20
	// MaxPageTime is the longest one page's template may run. A page
	// takes milliseconds.
	MaxPageTime = 10 * time.Second
)

// checkEvery is how many writes a template makes between two looks at the
// clock and the build's context.
const checkEvery = 256

// ErrPageTooLarge and ErrPageTooSlow are the errors of a template that
// went past its bounds.
var (
	ErrPageTooLarge = errors.New("页面模板写出的内容超过上限, 可能是模板中的循环不会结束 (the template wrote more than the limit: a loop that does not end?)")
	ErrPageTooSlow  = errors.New("页面模板运行时间超过上限, 可能是模板中的循环不会结束 (the template ran longer than the limit: a loop that does not end?)")
)

// boundedWriter is the buffer a template writes a page into, within the
// bounds above.
type boundedWriter struct {
	buf      *bytes.Buffer
	max      int
	deadline time.Time
	ctx      context.Context
	writes   int
}

func (w *boundedWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.max {
		return 0, fmt.Errorf("%w: %d MiB", ErrPageTooLarge, w.max>>20)
	}
	if w.writes++; w.writes%checkEvery == 0 {
		if err := w.ctx.Err(); err != nil {
			return 0, err
		}
		if time.Now().After(w.deadline) {
			return 0, fmt.Errorf("%w: %v", ErrPageTooSlow, MaxPageTime)
		}
	}
	return w.buf.Write(p)
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

package watch

import (
	"context"
	"time"
)

// change is one event's path, and whether the event left nothing there
// (a removal, or a rename away).
type change struct {
	path string
	gone bool
}

// batcher gathers the paths of a burst of events into one batch: an
// editor's save is several events (create, write, rename, chmod), and a
// checkout or a copy of many files is thousands. A batch is ready once no
// event came for a while, or max after its first event if events never
// stop; while the reader is busy with the previous batch, the next keeps
// growing.
//
// How long a while depends on what the batch holds so far. One file that
// is there, as after a plain save or once a save's temporary file was
// renamed over it, is complete after quiet. Anything else waits settle: a
// file gone may come back (an editor renames the old file away before it
// writes or renames the new one in its place), and many files are a tool
// at work, whose next event may come a little later.
type batcher struct {
	quiet, settle, max time.Duration
}

// saves is the batcher of a Watcher: 15ms of quiet after a save, 50ms
// after anything else, a batch at least every second.
var saves = batcher{quiet: 15 * time.Millisecond, settle: 50 * time.Millisecond, max: time.Second}

// run reads changes from in and sends batches of their paths (path: gone)
// on out until ctx is done or in is closed; then it closes out. A batch is
// sorted by its reader, once: while the reader is busy, a ready batch
// keeps growing, event by event.
func (b batcher) run(ctx context.Context, in <-chan change, out chan<- map[string]bool) {
	defer close(out)
	pending := map[string]bool{}    // path: gone
	var quiet, max <-chan time.Time // nil: not running
	var ready bool
	for {
		var send chan<- map[string]bool
		if ready {
			send = out
		}
		select {
		case <-ctx.Done():
			return
		case c, ok := <-in:
			if !ok {
				return
			}
			pending[c.path] = c.gone
			if !ready {
				quiet = time.After(b.wait(pending))
				if max == nil {
					max = time.After(b.max)
				}
			}
		case <-quiet:
			ready, quiet, max = true, nil, nil
		case <-max:
			ready, quiet, max = true, nil, nil
		case send <- pending:
			pending, ready = map[string]bool{}, false
		}
	}
}

// wait is how long the batch pending must stay quiet to be ready.
func (b batcher) wait(pending map[string]bool) time.Duration {
	if len(pending) == 1 {
		for p, gone := range pending {
			if !gone && p != "." { // ".": events were lost, anything may come
				return b.quiet
			}
		}
	}
	return b.settle
}

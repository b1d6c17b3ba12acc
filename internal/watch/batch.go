package watch

import (
	"context"
	"slices"
	"time"
)

// batcher gathers the paths of a burst of events into one batch: an
// editor's save is several events (create, write, rename, chmod), and a
// checkout or a copy of many files is thousands. A batch is ready once no
// event came for quiet, or max after its first event if events never stop;
// while the reader is busy with the previous batch, the next keeps growing.
type batcher struct {
	quiet, max time.Duration
}

// run reads paths from in and sends batches, sorted and without repeats,
// on out until ctx is done or in is closed; then it closes out.
func (b batcher) run(ctx context.Context, in <-chan string, out chan<- []string) {
	defer close(out)
	pending := map[string]bool{}
	var quiet, max <-chan time.Time // nil: not running
	var ready bool
	for {
		var send chan<- []string
		var batch []string
		if ready {
			send, batch = out, sortedKeys(pending)
		}
		select {
		case <-ctx.Done():
			return
		case p, ok := <-in:
			if !ok {
				return
			}
			pending[p] = true
			if !ready {
				quiet = time.After(b.quiet)
				if max == nil {
					max = time.After(b.max)
				}
			}
		case <-quiet:
			ready, quiet, max = true, nil, nil
		case <-max:
			ready, quiet, max = true, nil, nil
		case send <- batch:
			pending, ready = map[string]bool{}, false
		}
	}
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Package watch tells a preview when a site's sources change, as editors
// really save them. It watches folders below a root (content/ and
// templates/), subfolders included and added as they appear; ignores the
// temporary, swap and backup files of editors (see Ignored), and events
// that change only permissions; follows saves that write a temporary file
// and rename it over the real one; and gathers each burst of events into
// one batch of paths, sent once the files have been quiet for a moment.
// Where fsnotify sees nothing (network shares, WSL), Options.Poll makes
// it poll instead (disclose serve --poll).
//
// It knows nothing of notices: a batch is the list of root-relative,
// slash-separated paths that changed (files or folders, created, written,
// renamed or removed). "." means that events were lost and anything may
// have changed.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Options configures a Watcher.
type Options struct {
	// Dirs are the folders to watch, relative to the root and recursively.
	// A folder that does not exist yet is watched from when it appears.
	Dirs []string
	// Poll, when not zero, makes the Watcher look at every file this often
	// instead of asking the operating system for events.
	Poll time.Duration
	// Log, when not nil, receives the problems that do not stop watching,
	// such as a folder that could not be watched.
	Log func(error)
}

// Watcher watches a root folder. Read its batches from C.
type Watcher struct {
	// C receives each batch of changed paths, sorted. It is closed by Close.
	C <-chan []string

	root   string
	opts   Options
	stop   context.CancelFunc
	wg     sync.WaitGroup
	closer func() error // the event source's

	mu    sync.Mutex
	known map[string]bool // the paths seen to exist
}

// New starts watching the folder root.
func New(root string, opts Options) (*Watcher, error) {
	if opts.Log == nil {
		opts.Log = func(error) {}
	}
	out := make(chan []string)
	w := &Watcher{C: out, root: root, opts: opts, known: map[string]bool{}}
	ctx, stop := context.WithCancel(context.Background())
	w.stop = stop
	events := make(chan change)
	var err error
	if opts.Poll > 0 {
		err = w.startPoll(ctx, events)
	} else {
		err = w.startNotify(ctx, events)
	}
	if err != nil {
		stop()
		return nil, err
	}
	batches := make(chan map[string]bool)
	w.wg.Add(2)
	go func() {
		defer w.wg.Done()
		saves.run(ctx, events, batches)
	}()
	go func() {
		defer w.wg.Done()
		w.deliver(ctx, batches, out)
	}()
	return w, nil
}

// Close stops watching, waits until every goroutine of w ended, and closes
// C.
func (w *Watcher) Close() error {
	w.stop()
	err := w.closer()
	w.wg.Wait()
	return err
}

// deliver drops the ghosts from each batch and sends the rest on out.
func (w *Watcher) deliver(ctx context.Context, batches <-chan map[string]bool, out chan<- []string) {
	defer close(out)
	for batch := range batches {
		real := w.settle(slices.Sorted(maps.Keys(batch)))
		if len(real) == 0 {
			continue
		}
		select {
		case out <- real:
		case <-ctx.Done():
			return
		}
	}
}

// settle keeps the paths that really changed: those that exist now, and
// those that are gone but existed before. A path that is gone and was never
// seen is a ghost, such as a temporary file created and removed within the
// batch.
func (w *Watcher) settle(batch []string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var real []string
	for _, p := range batch {
		if p == "." {
			real = append(real, p)
			continue
		}
		_, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(p)))
		switch {
		case err == nil:
			w.known[p] = true
		case !w.known[p]:
			continue
		default:
			w.forget(p)
		}
		real = append(real, p)
	}
	return real
}

// see records that rel exists.
func (w *Watcher) see(rel string) {
	w.mu.Lock()
	w.known[rel] = true
	w.mu.Unlock()
}

// forget drops p, and everything below it, from the paths known to exist.
func (w *Watcher) forget(p string) {
	for k := range w.known {
		if k == p || strings.HasPrefix(k, p+"/") {
			delete(w.known, k)
		}
	}
}

// watched reports whether rel, a root-relative slash path, is one of the
// watched folders or lies below one, and is not an editor's temporary file
// or hidden.
func (w *Watcher) watched(rel string) bool {
	inside := false
	for _, d := range w.opts.Dirs {
		if rel == d || strings.HasPrefix(rel, d+"/") {
			inside = true
		}
	}
	if !inside {
		return false
	}
	for _, part := range strings.Split(rel, "/") {
		if Ignored(part) {
			return false
		}
	}
	return true
}

// rel returns the root-relative slash path of the OS path name.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || !filepath.IsLocal(r) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// walk calls fn for every watched folder and file below the OS path dir,
// dir included, skipping what is ignored.
func (w *Watcher) walk(dir string, fn func(rel string, d fs.DirEntry)) error {
	return filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed while we looked
		}
		if err != nil {
			w.opts.Log(err)
			return nil
		}
		rel, ok := w.rel(name)
		if !ok || !w.watched(rel) {
			if d.IsDir() && name != dir {
				return fs.SkipDir
			}
			return nil
		}
		fn(rel, d)
		return nil
	})
}

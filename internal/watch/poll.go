package watch

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// stamp is what polling compares: a file changed when one of these did.
type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

// startPoll looks at every watched file every opts.Poll, for the file
// systems whose changes fsnotify does not see.
func (w *Watcher) startPoll(ctx context.Context, events chan<- change) error {
	if _, err := os.Stat(w.root); err != nil {
		return err
	}
	w.closer = func() error { return nil }
	last := w.snapshot()
	for rel := range last {
		w.see(rel)
	}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		defer close(events)
		tick := time.NewTicker(w.opts.Poll)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			now := w.snapshot()
			for _, p := range diff(last, now) {
				_, there := now[p]
				select {
				case events <- change{path: p, gone: !there}:
				case <-ctx.Done():
					return
				}
			}
			last = now
		}
	}()
	return nil
}

// snapshot stamps every watched folder and file.
func (w *Watcher) snapshot() map[string]stamp {
	s := map[string]stamp{}
	for _, d := range w.opts.Dirs {
		w.walk(filepath.Join(w.root, filepath.FromSlash(d)), func(rel string, d fs.DirEntry) {
			switch info, err := d.Info(); {
			case err != nil:
			case d.IsDir(): // its time changes with every file saved in it
				s[rel] = stamp{mode: fs.ModeDir}
			default:
				s[rel] = stamp{size: info.Size(), mod: info.ModTime(), mode: info.Mode().Type()}
			}
		})
	}
	return s
}

// diff returns the paths whose stamps differ, or that are in only one of
// a and b. Permissions are not compared: a change of them alone is no
// change of the site.
func diff(a, b map[string]stamp) []string {
	var changed []string
	for p, sa := range a {
		if sb, ok := b[p]; !ok || sa != sb {
			changed = append(changed, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			changed = append(changed, p)
		}
	}
	return changed
}

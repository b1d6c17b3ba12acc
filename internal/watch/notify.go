package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// startNotify watches with fsnotify: one watch per folder, since fsnotify
// watches no subfolders; the root itself is watched too, to see a watched
// folder appear.
func (w *Watcher) startNotify(ctx context.Context, events chan<- change) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("无法监视文件改动, 可改用 --poll; cannot watch for changes: %w", err)
	}
	w.closer = fw.Close
	if err := fw.Add(w.root); err != nil {
		fw.Close()
		return fmt.Errorf("无法监视 %s, 可改用 --poll; cannot watch: %w", w.root, err)
	}
	for _, d := range w.opts.Dirs {
		w.addTree(fw, filepath.Join(w.root, filepath.FromSlash(d)), nil)
	}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		defer close(events)
		w.readNotify(ctx, fw, events)
	}()
	return nil
}

// addTree watches the folder dir and every folder below it, and records
// the files there as known. With found not nil, it also reports every path
// found: files created in a new folder before its watch was added.
func (w *Watcher) addTree(fw *fsnotify.Watcher, dir string, found func(string)) {
	err := w.walk(dir, func(rel string, d fs.DirEntry) {
		w.see(rel)
		if found != nil {
			found(rel)
		}
		if d.IsDir() {
			if err := fw.Add(filepath.Join(w.root, filepath.FromSlash(rel))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				w.opts.Log(fmt.Errorf("无法监视 %s: %w", rel, err))
			}
		}
	})
	if err != nil {
		w.opts.Log(err)
	}
}

// readNotify turns fsnotify's events into paths until ctx is done.
func (w *Watcher) readNotify(ctx context.Context, fw *fsnotify.Watcher, events chan<- change) {
	send := func(c change) bool {
		select {
		case events <- c:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				err = errors.New("同时改动太多, 全部重新构建; too many changes at once; rebuilding everything")
				if !send(change{path: "."}) {
					return
				}
			}
			w.opts.Log(err)
		case ev, ok := <-fw.Events:
			if !ok {
				return
			}
			if !w.handle(fw, ev, send) {
				return
			}
		}
	}
}

// handle passes on one event's path, unless it only changed permissions or
// concerns a file that is not watched. A new folder is watched, and what
// it already holds reported.
func (w *Watcher) handle(fw *fsnotify.Watcher, ev fsnotify.Event, send func(change) bool) bool {
	if ev.Op == fsnotify.Chmod {
		return true
	}
	rel, ok := w.rel(ev.Name)
	if !ok || !w.watched(rel) {
		return true
	}
	if ev.Has(fsnotify.Rename) {
		w.unwatch(fw, ev.Name)
	}
	if ev.Has(fsnotify.Create) && isDir(ev.Name) {
		var found []string
		w.addTree(fw, ev.Name, func(p string) { found = append(found, p) })
		for _, p := range found {
			if !send(change{path: p}) {
				return false
			}
		}
		return true
	}
	return send(change{path: rel, gone: ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)})
}

// unwatch drops the watches of a folder that was renamed, and of the
// folders below it: inotify watches a folder, not a name, so they would go
// on reporting its files under the old name, and the folder's new name
// could not be watched afresh.
func (w *Watcher) unwatch(fw *fsnotify.Watcher, name string) {
	for _, p := range fw.WatchList() {
		if p == name || strings.HasPrefix(p, name+string(filepath.Separator)) {
			if err := fw.Remove(p); err != nil && !errors.Is(err, fsnotify.ErrNonExistentWatch) {
				w.opts.Log(fmt.Errorf("无法停止监视 %s: %w", p, err))
			}
		}
	}
}

func isDir(name string) bool {
	info, err := os.Lstat(name)
	return err == nil && info.IsDir()
}

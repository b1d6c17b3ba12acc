package output

// The spare. After the swap, the old output is not removed but kept beside
// the new one, hidden, as the spare (.public.previous beside public): the
// next build reuses it as its staging folder. The build's record knows
// what the spare holds (the output of the build before last), so that
// build writes only the files that differ from it, links from the live
// output the unchanged pages the spare lacks, keeps the others as they
// are, and removes what must go: a build after a small change touches a
// few files instead of making tens of thousands of links and folders and
// removing as many. Its files are mostly hard links to the live output's,
// so it takes little room; a file is never written through: one the spare
// holds is unlinked before it is made again.
//
// What makes a spare trusted: it is a folder holding the marker, taken by
// renaming it to a staging name (so a build that fails or crashes midway
// never leaves a spare the next build would trust, and two builds never
// share one), and its marker's identity (inode and modification time) is
// the one the record noted. Anything added to it after its build
// (a PDF printed into the output, a file a user dropped there) changed the
// modification time of a folder: such folders are read, what the record
// does not know is removed, and their files are linked again rather than
// kept. A spare that is not disclose's is left alone; one that does not
// match the record is removed and the build starts from a new folder.
//
// An edit in place leaves the folder's time alone, and through a hard link
// it is the live output's file too. So a file is kept (or linked from the
// live output) only when it is older than the marker of the build that
// wrote its folder, and older than the live output's marker by its change
// time, which no user can set back (see intact); otherwise the caller
// renders it anew. A folder made read-only is made writable again (check).

import (
	"crypto/rand"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"disclose/internal/pool"
)

// Spare is what the record of the last build says of the spare it left.
type Spare struct {
	Marker string   // the Identity of its marker
	Files  []string // every file it holds, slash-separated
}

// sparePath is where the spare of the output folder dir is kept.
func sparePath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".previous")
}

// Identity identifies the output folder dir as one build wrote it: the
// inode and modification time of its marker, written anew as the last
// file of every build. It is "" when dir has no marker.
func Identity(dir string) string {
	info, err := os.Lstat(filepath.Join(dir, Marker))
	if err != nil || !info.Mode().IsRegular() {
		return ""
	}
	return strconv.FormatUint(inode(info), 10) + "." + strconv.FormatInt(info.ModTime().UnixNano(), 10)
}

// Reused says whether the staging folder is the spare the record described.
func (w *Writer) Reused() bool { return w.held != nil }

// claim takes the spare beside the output folder as the staging folder
// when it is the one spare describes, and returns its new name; "" when
// there is none to reuse.
func (w *Writer) claim(spare *Spare) string {
	path := sparePath(w.dir)
	if info, err := os.Lstat(path); err != nil || !info.IsDir() {
		return ""
	}
	if _, err := os.Lstat(filepath.Join(path, Marker)); err != nil {
		return "" // not ours: left alone
	}
	// Locked before it bears a staging name: see leftover.go.
	if w.lock = lockDir(path); w.lock == nil && lockable {
		return "" // another build is taking it
	}
	staging := filepath.Join(filepath.Dir(w.dir), stagingPrefix(w.dir)+rand.Text()[:10])
	if os.Rename(path, staging) != nil {
		w.unlock()
		return "" // another build took it
	}
	if spare == nil || spare.Marker == "" || Identity(staging) != spare.Marker {
		w.discard(staging) // a leftover we cannot describe
		w.unlock()
		return ""
	}
	w.held = make(map[string]bool, len(spare.Files))
	for _, f := range spare.Files {
		w.held[f] = true
	}
	w.suspect = map[string]bool{}
	w.staging = staging
	if err := w.inspect(spare); err != nil {
		w.held, w.suspect, w.staging = nil, nil, ""
		w.discard(staging)
		w.unlock()
		return "" // the build starts from a new folder
	}
	return staging
}

// discard removes the claimed spare, now at staging, that cannot be
// used. One that cannot be removed (its folders another user's, or
// immutable) goes back to the spare's name rather than stay under a
// staging name, which every build would try to remove again; in its way,
// the next old output is removed instead of kept.
func (w *Writer) discard(staging string) {
	if removeAll(staging) != nil {
		os.Rename(staging, sparePath(w.dir))
	}
}

// inspect finds the folders of the spare changed since its build, removes
// from them what the record does not know, and marks them suspect.
func (w *Writer) inspect(spare *Spare) error {
	if !filepath.IsAbs(w.staging) {
		return errors.New("the staging folder is not an absolute path") // never remove from elsewhere
	}
	dirs := map[string]bool{".": true}
	for f := range w.held {
		for d := filepath.Dir(filepath.FromSlash(f)); d != "." && !dirs[d]; d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	// The marker was the last file its build wrote: a folder changed at
	// the same time or later (file systems stamp times with a coarse
	// clock, to two seconds on FAT) may hold what the record does not know.
	marker, err := os.Lstat(filepath.Join(w.staging, Marker))
	if err != nil {
		return err
	}
	since := marker.ModTime()
	w.since = since
	// Ten thousand folders: asked on GOMAXPROCS goroutines.
	list := slices.Collect(maps.Keys(dirs))
	return pool.Run(len(list), func(i int) error { return w.check(list[i], dirs, since) })
}

// check marks the spare's folder d suspect when it is missing, not a
// folder, or changed since the time since, and cleans it. A folder its
// owner may not write in is made writable.
func (w *Writer) check(d string, dirs map[string]bool, since time.Time) error {
	full := filepath.Join(w.staging, d)
	info, err := os.Lstat(full)
	if err == nil && info.IsDir() && info.Mode().Perm()&0o700 != 0o700 {
		// Made read-only, as a deployment may make its web root: the
		// build could not write in it, and would publish its mode. When
		// it cannot be made writable, the build starts from a new folder.
		if err := os.Chmod(full, info.Mode().Perm()|0o700); err != nil {
			return err
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case !info.IsDir():
		err = os.Remove(full)
	case !info.ModTime().Before(since):
		err = w.clean(d, dirs)
	default:
		return nil
	}
	w.mu.Lock()
	w.suspect[d] = true
	w.mu.Unlock()
	return err
}

// clean removes from the spare's folder d what the record does not know.
func (w *Writer) clean(d string, dirs map[string]bool) error {
	entries, err := os.ReadDir(filepath.Join(w.staging, d))
	if err != nil {
		return err
	}
	for _, e := range entries {
		rel := filepath.Join(d, e.Name())
		if w.held[filepath.ToSlash(rel)] && !e.IsDir() || dirs[rel] && e.IsDir() {
			continue
		}
		if err := os.RemoveAll(filepath.Join(w.staging, rel)); err != nil {
			return err
		}
	}
	return nil
}

// prune removes from a reused spare the files this build did not put in
// it, and the folders that leaves empty: the new output then holds exactly
// what a new folder would.
func (w *Writer) prune() error {
	if w.held == nil {
		return nil
	}
	emptied := map[string]bool{}
	for f := range w.held {
		if _, put := w.put[f]; put {
			continue
		}
		full := filepath.Join(w.staging, filepath.FromSlash(f))
		if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		emptied[filepath.Dir(full)] = true
	}
	for d := range emptied {
		for ; d != w.staging && os.Remove(d) == nil; d = filepath.Dir(d) {
		}
	}
	return nil
}

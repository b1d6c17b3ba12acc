package pdf

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"disclose/internal/output"
)

// The cache folder holds every PDF printed on this machine, one file for
// each page and stylesheet ever printed: an edited notice leaves the PDF
// of its old page behind. It is pruned so that it does not grow for ever.
//
// A PDF's modification time says when a build last used it: a build that
// takes a PDF from the cache sets it to now, when it is older than
// touchAfter. When a printer is closed, at most once in pruneEvery, the
// PDFs that no build used for MaxAge are removed, and then, while the rest
// is larger than MaxSize, the least recently used ones; never one that the
// build closing the printer used.
//
// Every build holds a shared lock on the file lockName in the folder while
// it reads and writes there; the pruner takes the lock exclusively,
// without waiting, and prunes nothing when it cannot: no PDF is removed
// while another build may read it (output.LockFile: flock, or LockFileEx
// on Windows; where there is neither, the cache is never pruned). Each
// removal takes one file away whole.
const (
	// MaxAge is how long a PDF no build used is kept.
	MaxAge = 90 * 24 * time.Hour
	// MaxSize is how large the cache may grow before the PDFs used longest
	// ago are removed, unless the build pruning it used them all.
	MaxSize = 1 << 30
	// touchAfter is how old the mark of a PDF's last use may get before a
	// build that uses it marks it again: a build of thousands of notices
	// then writes few marks.
	touchAfter = time.Hour
	// pruneEvery is how often the cache is looked over.
	pruneEvery = 24 * time.Hour
	// tempAge is how old a temporary file of a write that never finished
	// (a build killed while storing a PDF) must be to be removed.
	tempAge = 24 * time.Hour

	lockName   = "lock"
	prunedName = "pruned" // its modification time: when the cache was last pruned
)

// Policy says what Prune removes.
type Policy struct {
	// MaxAge: a PDF no build used for longer is removed.
	MaxAge time.Duration
	// MaxSize: while the PDFs kept are larger in all, the least recently
	// used are removed; 0 means no limit.
	MaxSize int64
	// Keep: a PDF used since is never removed (the build pruning used it).
	Keep time.Time
}

// Pruned tells what Prune did.
type Pruned struct {
	Removed int   // PDFs removed
	Freed   int64 // bytes of the PDFs removed
	Kept    int   // PDFs kept
	Size    int64 // bytes of the PDFs kept
	Temps   int   // temporary files of unfinished writes removed
	// Busy says that another build held the cache: nothing was removed.
	Busy bool
}

// Prune removes from the cache folder dir what pol says, at the time now,
// unless another build holds the folder (Busy). A folder that does not
// exist has nothing to prune.
func Prune(dir string, pol Policy, now time.Time) (Pruned, error) {
	var r Pruned
	f, err := output.LockFile(filepath.Join(dir, lockName), true)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return r, nil
	case errors.Is(err, output.ErrLocked) || errors.Is(err, errors.ErrUnsupported):
		r.Busy = true
		return r, nil
	case err != nil:
		return r, err
	}
	defer f.Close()

	type entry struct {
		path string
		size int64
		used time.Time
	}
	var entries []entry
	subs, err := os.ReadDir(dir)
	if err != nil {
		return r, err
	}
	for _, sub := range subs {
		if !sub.IsDir() || !isHex(sub.Name(), 2) {
			continue
		}
		files, err := os.ReadDir(filepath.Join(dir, sub.Name()))
		if err != nil {
			return r, err
		}
		for _, file := range files {
			name := file.Name()
			info, err := file.Info()
			if err != nil || !info.Mode().IsRegular() {
				continue // removed meanwhile, or not ours
			}
			path := filepath.Join(dir, sub.Name(), name)
			switch k, ok := strings.CutSuffix(name, ".pdf"); {
			case ok && isHex(k, 64) && k[:2] == sub.Name():
				entries = append(entries, entry{path, info.Size(), info.ModTime()})
			case strings.HasPrefix(name, ".") && strings.Contains(name, ".pdf.tmp-") && now.Sub(info.ModTime()) > tempAge:
				if os.Remove(path) == nil {
					r.Temps++
				}
			}
		}
	}

	// The least recently used first.
	slices.SortFunc(entries, func(a, b entry) int { return a.used.Compare(b.used) })
	var size int64
	for _, e := range entries {
		size += e.size
	}
	for _, e := range entries {
		if !e.used.Before(pol.Keep) {
			break // this one and all after were used by the build pruning
		}
		stale := now.Sub(e.used) > pol.MaxAge
		large := pol.MaxSize > 0 && size > pol.MaxSize
		if !stale && !large {
			break
		}
		if err := os.Remove(e.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return r, err
		}
		r.Removed++
		r.Freed += e.size
		size -= e.size
	}
	r.Kept = len(entries) - r.Removed
	r.Size = size
	return r, nil
}

// prune prunes dir with the default policy, keeping what was used since
// keep, unless it was pruned less than pruneEvery ago.
func prune(dir string, keep, now time.Time) (Pruned, error) {
	stamp := filepath.Join(dir, prunedName)
	if info, err := os.Stat(stamp); err == nil && now.Sub(info.ModTime()) < pruneEvery {
		return Pruned{}, nil
	}
	r, err := Prune(dir, Policy{MaxAge: MaxAge, MaxSize: MaxSize, Keep: keep}, now)
	if err != nil || r.Busy {
		return r, err
	}
	if err := os.WriteFile(stamp, nil, 0o644); err != nil {
		return r, err
	}
	return r, os.Chtimes(stamp, time.Time{}, now)
}

// share takes the shared lock of the cache folder dir for a build that
// reads and writes there; it returns the lock's file, which closing lets
// go, or nil when dir does not exist or has no lock to take.
func share(dir string) *os.File {
	if dir == "" {
		return nil
	}
	f, err := output.LockFile(filepath.Join(dir, lockName), false)
	if err != nil {
		return nil
	}
	return f
}

// lockable says whether the cache can be locked, and so pruned, here.
const lockable = output.FileLocks

// isHex reports whether s is n lower-case hexadecimal digits.
func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

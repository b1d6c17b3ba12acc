package output

// Leftovers. A build writes into a staging folder beside the output
// (.public.new-… beside public) and renames it into place at the end. A
// build that is killed, or whose machine stops, leaves that folder behind,
// hidden, as large as the site. The next build removes such leftovers.
//
// A build holds the lock of its staging folder (lockDir) from before the
// folder bears a staging name until the swap; after the swap it holds the
// lock of the old output, which then bears a staging name, until it has
// renamed it to the spare or removed it. The lock goes with the process
// however it ends, so a staging folder nobody holds is a leftover, except
// for the instant between a new folder's making and its locking: a folder
// changed in the last minute is left for a later build.

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// leftoverAge is how long a staging folder nobody holds must have stayed
// unchanged to be taken for a leftover.
const leftoverAge = time.Minute

// stagingPrefix is the name of the staging folders of the output folder
// dir, without their random ending.
func stagingPrefix(dir string) string { return "." + filepath.Base(dir) + ".new-" }

// isStaging says whether name is the name of a staging folder of the
// output folder dir: the prefix, then the random ending os.MkdirTemp (digits)
// or claim (base32) gives it, then ".old" when a swap by renames moved the
// old output there. Another output's folders, such as the spare of an
// output named "public.new-x", do not have that form.
func isStaging(dir, name string) bool {
	rest, ok := strings.CutPrefix(name, stagingPrefix(dir))
	rest = strings.TrimSuffix(rest, ".old")
	if !ok || rest == "" {
		return false
	}
	for _, c := range rest {
		if (c < '0' || c > '9') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

// clearLeftovers removes the staging folders of the output folder dir
// that builds which did not finish left behind. It removes nothing it
// cannot lock, nothing changed in the last minute, and nothing that is not
// a folder (a link is never followed). A leftover it cannot remove stays,
// hidden, for the next build to try again.
func clearLeftovers(dir string) {
	parent := filepath.Dir(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !isStaging(dir, e.Name()) || !e.IsDir() {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.IsDir() || time.Since(info.ModTime()) < leftoverAge {
			continue
		}
		path := filepath.Join(parent, e.Name())
		lock := lockDir(path)
		if lock == nil {
			continue
		}
		// What was locked is what was looked at, not a folder or a link
		// put in its place meanwhile.
		if locked, err := lock.Stat(); err == nil && os.SameFile(locked, info) {
			removeAll(path)
		}
		lock.Close()
	}
}

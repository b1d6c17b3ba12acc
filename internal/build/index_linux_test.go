package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclose/internal/output"
	"disclose/internal/search"
)

// changeTimes records the change time of each index file of out: a file
// linked again (removed from the staging folder and linked anew) has its
// inode's change time moved, one kept where the spare held it does not.
func changeTimes(t *testing.T, out string) map[string]time.Time {
	t.Helper()
	m := map[string]time.Time{}
	for p, info := range infos(t, out) {
		m[p] = output.ChangeTime(info)
	}
	return m
}

// A build to disk that reuses the spare keeps the index parts the spare
// holds as the output does where they are, without linking them again,
// and links or rebuilds those where the spare holds an older part: after
// a year's notice changed, the spare holds that year's part as it was
// before, and the next build must not keep it.
func TestIndexKeptFromSpare(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := indexSite(t)
	out := filepath.Join(t.TempDir(), "public")
	changed := yearOf(t, src, 1)
	other := "2024"
	if changed == "2024" {
		other = "2025"
	}
	mustBuild(t, src, out)
	// A folder of the spare changed as late as its marker, by the coarse
	// clock of the file system, is suspect and its files are linked
	// again (index.json too, which tells the spare's parts): in a build
	// this small, they may be. Put the folders' times back.
	hour := time.Now().Add(-time.Hour)
	must(t, os.Chtimes(filepath.Join(out, search.Dir, other), hour, hour))
	must(t, os.Chtimes(filepath.Join(out, search.Dir), hour, hour))
	mustBuild(t, src, out) // leaves that output as the first spare
	// The spare, before the build that reuses it: the output's files
	// (linked), its parts the same as the output's.
	spare := changeTimes(t, sparePath(out))
	edit(t, noticeFile(t, src, 1), "研究部署整改工作", "研究部署整改工作，并已完成")
	age(t, src)
	mustBuild(t, src, out)
	checkClean(t, src, out)
	kept := 0
	for p, ctime := range changeTimes(t, out) {
		if strings.HasPrefix(p, search.Dir+other+"/") {
			if !ctime.Equal(spare[p]) {
				t.Errorf("%s was linked or written again; want it kept where the spare held it", p)
			}
			kept++
		}
	}
	if kept == 0 {
		t.Fatal("no index files of the unchanged year")
	}
	// Now the spare holds the changed year's part as it was before the
	// edit, and the output the part after it: nothing changed, the
	// output's part is carried over, but the spare's must not be kept.
	mustBuild(t, src, out)
	checkClean(t, src, out)
}

package build

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"disclose/internal/notice"
	"disclose/internal/render"
)

// testRecord is a record of 40 notices, whose snapshots (their titles "n"
// and their number) are kept in sp, as a build keeps them, but those of
// every third, in the record as read from a last build.
func testRecord(t *testing.T, sp *spool) *buildCache {
	c := &buildCache{Key: []byte("key"), Marker: "42.1", Listings: []string{"index.html"},
		Notices: map[string]cachedNotice{},
		Spare:   spareRecord{Marker: "41.1", Differs: map[string]pages{"content/2025/a.md": {Unsure: true}}}}
	snaps := newSnapshotter()
	for i := range 40 {
		n := cachedNotice{
			Pages:   pages{Size: int64(i), ModTime: 2, Files: []string{fmt.Sprintf("2025/n%d/index.html", i)}},
			Summary: &render.Summary{Text: "摘要"}}
		snap := notice.Snapshot{Path: fmt.Sprintf("content/2025/n%d.md", i), Year: 2025, FrontMatter: notice.FrontMatter{Title: fmt.Sprint("n", i)}}
		if i%3 == 0 {
			n.Notice = &snap
		} else {
			var err error
			n.at, err = snaps.put(sp, snap)
			must(t, err)
			n.inSpool = true
		}
		c.Notices[snap.Path] = n
	}
	return c
}

// TestRecord: the record reads back as written; a build that changed one
// notice writes one shard again; a damaged record is refused (the build is
// then a full one), never trusted in part.
func TestRecord(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "record")
	sp := newSpool(t.TempDir(), chunkSize) // some in the file, some in memory
	defer sp.close()
	c := testRecord(t, sp)
	must(t, writeRecord(dir, c, [shards]shardRef{}, [shards]bool{}, sp))
	got, err := readRecord(dir, "42.1")
	must(t, err)
	if string(got.Key) != "key" || got.Marker != "42.1" || len(got.Notices) != 40 ||
		!slices.Equal(got.Listings, []string{"index.html"}) ||
		!got.Spare.Differs["content/2025/a.md"].Unsure ||
		!slices.Equal(got.Notices["content/2025/n7.md"].Pages.Files, []string{"2025/n7/index.html"}) ||
		got.Notices["content/2025/n9.md"].Pages.Size != 9 ||
		got.Notices["content/2025/n3.md"].summary().Text != "摘要" {
		t.Errorf("read back %+v", got)
	}
	for i := range 40 {
		path := fmt.Sprintf("content/2025/n%d.md", i)
		if n := got.Notices[path].Notice; n == nil || n.Path != path || n.FrontMatter.Title != fmt.Sprint("n", i) {
			t.Errorf("%s: read back the snapshot %+v", path, n)
		}
	}

	t.Run("one shard written again", func(t *testing.T) {
		before := files(t, dir)
		changed := "content/2025/n5.md"
		n := got.Notices[changed]
		n.Pages.Size = 500
		got.Notices[changed] = n
		var dirty [shards]bool
		dirty[shardOf(changed)] = true
		must(t, writeRecord(dir, got, got.shards, dirty, nil))
		after := files(t, dir)
		if same := len(intersect(before, after)); same != len(before)-1 { // all but one shard
			t.Errorf("%d of %d file names kept, want %d: before %v, after %v", same, len(before), len(before)-1, before, after)
		}
		if len(after) != len(before) {
			t.Errorf("got %d files, want %d: the replaced shard left behind", len(after), len(before))
		}
		again, err := readRecord(dir, "42.1")
		must(t, err)
		if again.Notices[changed].Pages.Size != 500 || len(again.Notices) != 40 {
			t.Errorf("read back size %d of %d notices, want 500 of 40", again.Notices[changed].Pages.Size, len(again.Notices))
		}
	})

	t.Run("output folder gone", func(t *testing.T) {
		other, err := readRecord(dir, "")
		must(t, err)
		if len(other.Notices) != 0 || other.Spare.Marker != "" {
			t.Errorf("read %d entries and spare %q of a record whose output folder is gone, want none",
				len(other.Notices), other.Spare.Marker)
		}
	})

	for _, name := range files(t, dir) {
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		must(t, err)
		for _, cut := range []int{0, 1, len(data) / 2, len(data) - 1} {
			t.Run(fmt.Sprintf("%s cut to %d", name, cut), func(t *testing.T) {
				must(t, os.WriteFile(path, data[:cut], 0o644))
				if _, err := readRecord(dir, "42.1"); err == nil {
					t.Errorf("a record with %s cut to %d of %d bytes was read without error", name, cut, len(data))
				}
			})
		}
		must(t, os.Remove(path))
		if _, err := readRecord(dir, "42.1"); err == nil {
			t.Errorf("a record without %s was read without error", name)
		}
		must(t, os.WriteFile(path, data, 0o644))
	}
}

func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	must(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func intersect(a, b []string) []string {
	return slices.DeleteFunc(slices.Clone(a), func(s string) bool { return !slices.Contains(b, s) })
}

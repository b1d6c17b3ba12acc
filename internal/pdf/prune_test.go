package pdf

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// put keeps a PDF of size bytes in the cache dir under the key of page,
// last used at used; it returns the key.
func put(t *testing.T, dir, page string, size int, used time.Time) string {
	t.Helper()
	k := key([]byte(page), []byte(css))
	data := append([]byte("%PDF-"), strings.Repeat("x", size-5)...)
	if err := store(dir, k, data); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(dir, k[:2], k+".pdf"), time.Time{}, used); err != nil {
		t.Fatal(err)
	}
	return k
}

// cached lists the keys of the PDFs in dir.
func cached(t *testing.T, dir string) []string {
	t.Helper()
	var keys []string
	matches, err := filepath.Glob(filepath.Join(dir, "??", "*.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range matches {
		keys = append(keys, strings.TrimSuffix(filepath.Base(m), ".pdf"))
	}
	slices.Sort(keys)
	return keys
}

func sorted(keys ...string) []string { slices.Sort(keys); return keys }

func TestPrune(t *testing.T) {
	if !lockable {
		t.Skip("no file locks here: the cache is never pruned")
	}
	now := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	for _, tc := range []struct {
		name string
		pol  Policy
		want func(old, week, hour, now string) []string
		r    Pruned
	}{
		{"unused for long", Policy{MaxAge: 90 * day, Keep: now.Add(-time.Hour)},
			func(old, week, hour, now string) []string { return sorted(week, hour, now) },
			Pruned{Removed: 1, Freed: 1000, Kept: 3, Size: 3000}},
		{"beyond the size, the least recently used first", Policy{MaxAge: 90 * day, MaxSize: 2500, Keep: now.Add(-time.Hour)},
			func(old, week, hour, now string) []string { return sorted(hour, now) },
			Pruned{Removed: 2, Freed: 2000, Kept: 2, Size: 2000}},
		{"never what the build used, whatever the size", Policy{MaxAge: 90 * day, MaxSize: 10, Keep: now.Add(-2 * time.Hour)},
			func(old, week, hour, now string) []string { return sorted(hour, now) },
			Pruned{Removed: 2, Freed: 2000, Kept: 2, Size: 2000}},
		{"nothing due", Policy{MaxAge: 365 * day, MaxSize: 1 << 20, Keep: now.Add(-time.Hour)},
			func(old, week, hour, now string) []string { return sorted(old, week, hour, now) },
			Pruned{Kept: 4, Size: 4000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			old := put(t, dir, "old", 1000, now.Add(-100*day))
			week := put(t, dir, "week", 1000, now.Add(-7*day))
			hour := put(t, dir, "hour", 1000, now.Add(-90*time.Minute))
			fresh := put(t, dir, "now", 1000, now)
			other := filepath.Join(dir, "README")
			if err := os.WriteFile(other, []byte("not a PDF of ours"), 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := Prune(dir, tc.pol, now)
			if err != nil {
				t.Fatal(err)
			}
			if r != tc.r {
				t.Errorf("got %+v, want %+v", r, tc.r)
			}
			if got, want := cached(t, dir), tc.want(old, week, hour, fresh); !slices.Equal(got, want) {
				t.Errorf("kept %v, want %v", got, want)
			}
			if _, err := os.Stat(other); err != nil {
				t.Errorf("a file that is not a PDF of the cache: %v", err)
			}
		})
	}
}

// TestPruneWhileBuilding: while another build holds the cache, nothing is
// removed, not even what is due; once it has let go, the pruner does its
// work.
func TestPruneWhileBuilding(t *testing.T) {
	if !lockable {
		t.Skip("no file locks here: the cache is never pruned")
	}
	dir := t.TempDir()
	now := time.Now()
	old := put(t, dir, "old", 100, now.Add(-200*24*time.Hour))
	building := share(dir)
	if building == nil {
		t.Fatal("no shared lock on the cache")
	}
	r, err := Prune(dir, Policy{MaxAge: MaxAge, Keep: now}, now)
	if err != nil || !r.Busy || r.Removed != 0 {
		t.Errorf("while another build reads: got %+v, %v; want Busy and nothing removed", r, err)
	}
	if got := cached(t, dir); !slices.Equal(got, []string{old}) {
		t.Errorf("while another build reads: the cache holds %v, want %v", got, []string{old})
	}
	building.Close()
	r, err = Prune(dir, Policy{MaxAge: MaxAge, Keep: now}, now)
	if err != nil || r.Busy || r.Removed != 1 || len(cached(t, dir)) != 0 {
		t.Errorf("after the build: got %+v, %v, %v left; want the old PDF removed", r, err, cached(t, dir))
	}
}

// TestPruneTemps: a temporary file of a write that never finished goes
// once it is a day old; a younger one may be a write under way.
func TestPruneTemps(t *testing.T) {
	if !lockable {
		t.Skip("no file locks here: the cache is never pruned")
	}
	dir := t.TempDir()
	now := time.Now()
	k := put(t, dir, "page", 100, now)
	sub := filepath.Join(dir, k[:2])
	stale := filepath.Join(sub, "."+k+".pdf.tmp-0123456789ab")
	young := filepath.Join(sub, "."+k+".pdf.tmp-ba9876543210")
	for _, f := range []string{stale, young} {
		if err := os.WriteFile(f, []byte("%PDF-"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(stale, time.Time{}, now.Add(-25*time.Hour)); err != nil {
		t.Fatal(err)
	}
	r, err := Prune(dir, Policy{MaxAge: MaxAge, Keep: now}, now)
	if err != nil || r.Temps != 1 || r.Kept != 1 {
		t.Errorf("got %+v, %v; want one temporary file removed and the PDF kept", r, err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the day-old temporary file: %v, want it removed", err)
	}
	if _, err := os.Stat(young); err != nil {
		t.Errorf("the young temporary file: %v, want it kept", err)
	}
}

// TestLookupMarksUse: a PDF taken from the cache is marked used, so that
// the pruner keeps what builds use, however old its printing.
func TestLookupMarksUse(t *testing.T) {
	dir := t.TempDir()
	printed := time.Now().Add(-200 * 24 * time.Hour)
	k := put(t, dir, "page", 100, printed)
	if _, ok := Lookup(dir, []byte("page"), []byte(css)); !ok {
		t.Fatal("the PDF is not found")
	}
	info, err := os.Stat(filepath.Join(dir, k[:2], k+".pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(info.ModTime()) > time.Minute {
		t.Errorf("last used %v, want now", info.ModTime())
	}
	if lockable {
		r, err := Prune(dir, Policy{MaxAge: MaxAge, Keep: time.Now().Add(-time.Hour)}, time.Now())
		if err != nil || r.Removed != 0 || r.Kept != 1 {
			t.Errorf("pruning after the use: got %+v, %v; want the PDF kept", r, err)
		}
	}
}

// TestPrinterPrunes: closing a printer prunes the cache of what no build
// used for long, keeps what it used, and does so at most once a day.
func TestPrinterPrunes(t *testing.T) {
	if !lockable {
		t.Skip("no file locks here: the cache is never pruned")
	}
	dir := t.TempDir()
	long := time.Now().Add(-2 * MaxAge)
	stale := put(t, dir, string(page("/xszg/", "旧版")), 100, long)
	used := put(t, dir, string(page("/xszg/", "现行")), 100, long)

	p := NewPrinter(Config{Base: "/xszg/", Assets: map[string][]byte{"style.css": []byte(css)}, Stylesheet: "style.css",
		Cache: dir, Offline: true})
	if data, err := p.Print(context.Background(), "2025/a/index.html", page("/xszg/", "现行")); err != nil || data == nil {
		t.Fatalf("the cached PDF: %d bytes, %v", len(data), err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if s := p.Stats(); s.Pruned != 1 || s.Reused != 1 {
		t.Errorf("stats %+v, want 1 reused and 1 pruned", s)
	}
	if got := cached(t, dir); !slices.Equal(got, []string{used}) {
		t.Errorf("the cache holds %v, want only the PDF used (%s), not %s", got, used, stale)
	}

	// Pruned less than a day ago: the next printer leaves it.
	again := put(t, dir, "again", 100, long)
	q := NewPrinter(Config{Base: "/xszg/", Cache: dir, Offline: true})
	if _, err := q.Print(context.Background(), "2025/b/index.html", []byte("another page")); err != nil {
		t.Fatal(err)
	}
	q.Close()
	if got := cached(t, dir); !slices.Contains(got, again) || q.Stats().Pruned != 0 {
		t.Errorf("pruned twice in a day: the cache holds %v, pruned %d", got, q.Stats().Pruned)
	}
}

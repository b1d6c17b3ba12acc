package render

import (
	"bytes"
	"maps"
	"sync"
	"testing"

	"disclose/internal/corpus"
	"disclose/internal/notice"
	"disclose/internal/pool"
	"disclose/internal/site"
)

// runLists runs the list jobs of s as listings does, GOMAXPROCS at once,
// and returns the files they emit.
func runLists(t *testing.T, r *Renderer, s *Listing, items *itemCache, plan bool) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	var mu sync.Mutex
	emit := func(path string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[path] = bytes.Clone(data)
		return nil
	}
	nav := newNavigation(s.Notices)
	var jobs []listJob
	if plan {
		jobs = r.listJobs(s, nav, nil, items, emit)
	} else { // as before: every item kept, the lists in the order made
		for _, y := range s.Years() {
			jobs = append(jobs, r.yearJobs(s, y, nil, items, emit)...)
		}
		jobs = append(jobs, r.navJobs(s, nav, nil, items, emit)...)
	}
	if err := pool.Run(len(jobs), func(i int) error { return jobs[i].run() }); err != nil {
		t.Fatal(err)
	}
	return files
}

// TestListItemsDropped: the lists of a large site do not hold every
// notice's line at once (some 300 bytes a notice, 30 MB at 100,000
// notices, while the search index is built; issue 15, item 13): each is
// dropped after the last list that has it, and the lists run in the order
// of their notices, so that few are held at a time. Each line is still
// written once, and the pages are the same.
func TestListItemsDropped(t *testing.T) {
	fsys := corpus.MapFS(corpus.Defaults(3000))
	s, problems := site.Load(fsys, site.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	for name, opts := range map[string][]Option{"absolute": nil, "relative": {RelativeLinks()}} {
		t.Run(name, func(t *testing.T) {
			tm, problems := LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL, opts...)
			if problems.HasErrors() {
				t.Fatal(problems)
			}
			r := NewRenderer(s.Settings, tm)
			l, _ := listingOf(t, s, nil)
			items := r.newItems()
			got := runLists(t, r, l, items, true)
			all := r.newItems()
			want := runLists(t, r, l, all, false)
			if !maps.EqualFunc(got, want, bytes.Equal) {
				t.Errorf("the lists differ when their lines are dropped (%d files, %d before)", len(got), len(want))
			}
			if items.held != 0 {
				t.Errorf("%d lines held after the last list", items.held)
			}
			if limit := len(s.Notices) / 10; items.most > limit {
				t.Errorf("%d lines held at once, more than %d (the site has %d notices)", items.most, limit, len(s.Notices))
			}
			if items.written != all.written {
				t.Errorf("%d lines written, %d when every line is kept", items.written, all.written)
			}
			t.Logf("%d notices: %d lines written, at most %d held (%d without dropping)", len(s.Notices), items.written, items.most, all.most)
			if name == "absolute" {
				listed := map[*notice.Notice]bool{}
				for _, n := range s.Notices {
					listed[n] = true
				}
				if items.written != len(listed) {
					t.Errorf("%d lines written for %d notices", items.written, len(listed))
				}
			}
		})
	}
}

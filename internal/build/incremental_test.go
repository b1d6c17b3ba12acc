package build_test

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"disclose/internal/build"
	"disclose/internal/corpus"
	"disclose/internal/diag"
	"disclose/internal/site"
)

// collect builds into a map, as the preview does.
func collect(run func(emit func(string, []byte) error) error) (map[string][]byte, error) {
	files := map[string][]byte{}
	var mu sync.Mutex
	err := run(func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[p] = data
		return nil
	})
	return files, err
}

// yearFile matches the files of a year: its page and its notices'.
var yearFile = regexp.MustCompile(`^[0-9]{4}/`)

// navFile matches the navigation pages a ListingCache gives back while the
// notices they list are the same (render's TestNavPagesCached): which of
// them a change renders anew is not checked here, only that every file is
// what a fresh build writes.
var navFile = regexp.MustCompile(`^((xunshi|xuncha|page)/|(round|unit)/.+/)`)

// listings returns the files of a site that are rendered after every
// change: those of no year, but the navigation pages.
func listings(files map[string][]byte) []string {
	var l []string
	for p := range files {
		if !yearFile.MatchString(p) && !navFile.MatchString(p) {
			l = append(l, p)
		}
	}
	return l
}

// TestIncremental edits a site step by step and checks after each step
// that an Incremental renders only what the step touched, and that what it
// emits and the problems it reports are byte for byte what a fresh Run
// builds and reports: once looking at every file's size and time, once
// trusting the paths a watcher would name (TrustChanges), and once more
// so, keeping the files of the last good run and taking only the changes
// to them (RunChanges), as the preview does.
func TestIncremental(t *testing.T) {
	for _, mode := range []string{"stat", "trusted", "changes"} {
		t.Run(mode, func(t *testing.T) { testIncremental(t, mode) })
	}
}

// step is one change to a site, and what an Incremental renders after it.
type step struct {
	name    string
	change  func(t *testing.T)
	changed []string // told to Changed: the paths a watcher names
	want    []string // files of years rendered anew besides the listings; nil: everything
	same    bool     // the notices' list is the same: sitemap.xml and notices.json are not rendered anew
	delta   bool     // with the paths trusted, RunChanges emits only changes
	fails   bool     // the sources have errors
	loose   bool     // after a failed run: which files are rendered anew is not checked
}

func testIncremental(t *testing.T, mode string) {
	dir := t.TempDir()
	if _, err := corpus.WriteSample(dir, "../..", 6, 2); err != nil {
		t.Fatal(err)
	}
	sample, err := os.ReadFile(filepath.Join("../..", corpus.SamplePath))
	if err != nil {
		t.Fatal(err)
	}
	opts := site.Options{Drafts: true}
	b := build.NewIncremental(os.DirFS(dir), opts)
	if mode != "stat" {
		b.TrustChanges()
	}
	r := &runner{b: b, changes: mode == "changes"}
	notice := func(url string) []string { return []string{url + "index.html", url + "notice.json"} }
	const n2, n4, n5 = "content/2024/notice-00002.md", "content/2023/notice-00004.md", "content/2023/notice-00005.md"
	// A quote left out of site.toml, and put back.
	breakSettings := func(t *testing.T) { replace(t, dir, "content/site.toml", `title = "`, `title = `, false) }
	fixSettings := func(t *testing.T) { replace(t, dir, "content/site.toml", `title = `, `title = "`, false) }
	steps := []step{
		{name: "first build", change: func(*testing.T) {}},
		{name: "nothing changed", change: func(*testing.T) {}, want: []string{}, same: true},
		{name: "saved unchanged", change: func(t *testing.T) { touch(t, dir, n2) }, changed: []string{n2},
			// Read again; its front matter is the same: not its year page.
			want: notice("2024/notice-00002/"), same: true},
		{
			name: "body edited",
			change: func(t *testing.T) {
				replace(t, dir, n2, "根据省委统一部署", "根据省委统一部署(改)", false)
			},
			changed: []string{n2},
			want:    notice("2024/notice-00002/"),
			same:    true,
			delta:   true,
		},
		{
			name:    "one notice edited",
			change:  func(t *testing.T) { replace(t, dir, n2, "(2)", "(二)", false) },
			changed: []string{n2},
			want:    slices.Concat(notice("2024/notice-00002/"), []string{"2024/index.html"}),
			delta:   true,
		},
		{
			// The navigation pages follow: a unit page and a round page
			// appear, and go again when the edit is undone.
			name: "unit and round named",
			change: func(t *testing.T) {
				replace(t, dir, n2, "organization = \"省妇女联合会党组\"", "organization = \"省妇联机关党委\"\nround = \"十五届省委第五轮巡视\"", false)
			},
			changed: []string{n2},
			want:    slices.Concat(notice("2024/notice-00002/"), []string{"2024/index.html"}),
			delta:   true,
		},
		{
			name: "unit and round named no more",
			change: func(t *testing.T) {
				replace(t, dir, n2, "organization = \"省妇联机关党委\"\nround = \"十五届省委第五轮巡视\"", "organization = \"省妇女联合会党组\"", false)
			},
			changed: []string{n2},
			want:    slices.Concat(notice("2024/notice-00002/"), []string{"2024/index.html"}),
			delta:   true,
		},
		{
			name:    "edited keeping size and time, its folder named",
			change:  func(t *testing.T) { replace(t, dir, n4, "(4)", "(5)", true) },
			changed: []string{"content/2023"}, // a folder: every notice in it
			want:    slices.Concat(notice("2023/notice-00004/"), notice("2023/notice-00005/"), []string{"2023/index.html"}),
		},
		{
			name:    "edited keeping size and time, its path named",
			change:  func(t *testing.T) { replace(t, dir, n5, "(5)", "(6)", true) },
			changed: []string{n5},
			want:    slices.Concat(notice("2023/notice-00005/"), []string{"2023/index.html"}),
			delta:   true,
		},
		{
			name: "new year folder",
			change: func(t *testing.T) {
				write(t, dir, "content/2019/new.md", corpus.SampleNotice(sample, 2019, 99))
			},
			changed: []string{"content/2019", "content/2019/new.md"},
			want:    slices.Concat(notice("2019/new/"), []string{"2019/index.html"}),
		},
		{
			name: "new notice in a year",
			change: func(t *testing.T) {
				write(t, dir, "content/2019/newer.md", corpus.SampleNotice(sample, 2019, 98))
			},
			changed: []string{"content/2019/newer.md"},
			want:    slices.Concat(notice("2019/newer/"), []string{"2019/index.html"}),
			delta:   true,
		},
		{
			name:    "notice renamed",
			change:  func(t *testing.T) { rename(t, dir, "content/2019/newer.md", "content/2019/renamed.md") },
			changed: []string{"content/2019/newer.md", "content/2019/renamed.md"},
			want:    slices.Concat(notice("2019/renamed/"), []string{"2019/index.html"}),
			delta:   true,
		},
		{
			name:    "notice deleted",
			change:  func(t *testing.T) { remove(t, dir, "content/2025/notice-00001.md") },
			changed: []string{"content/2025/notice-00001.md"},
			want:    []string{"2025/index.html"},
			delta:   true,
		},
		{
			name:    "draft",
			change:  func(t *testing.T) { replace(t, dir, "content/2019/new.md", "draft = false", "draft = true", false) },
			changed: []string{"content/2019/new.md"},
			want:    slices.Concat(notice("2019/new/"), []string{"2019/index.html"}),
			delta:   true,
		},
		{
			name:    "a file that is not a notice",
			change:  func(t *testing.T) { write(t, dir, "content/2019/notes.txt", []byte("to do")) },
			changed: []string{"content/2019/notes.txt"},
			want:    []string{},
			same:    true,
		},
		{
			name: "two notices at one URL",
			change: func(t *testing.T) {
				src := mustRead(t, dir, "content/2019/renamed.md")
				write(t, dir, "content/2019/twin.md", bytes.Replace(src, []byte("\ndate ="), []byte("\nslug = \"new\"\ndate ="), 1))
			},
			changed: []string{"content/2019/twin.md"},
			fails:   true,
		},
		{
			name:    "the twin removed",
			change:  func(t *testing.T) { remove(t, dir, "content/2019/twin.md") },
			changed: []string{"content/2019/twin.md"},
			want:    []string{},
			same:    true,
		},
		{
			name:   "year folder renamed: its dates are not of that year",
			change: func(t *testing.T) { rename(t, dir, "content/2019", "content/2018") },
			changed: []string{"content/2018", "content/2018/new.md", "content/2018/notes.txt", "content/2018/renamed.md",
				"content/2019"},
			fails: true,
		},
		{
			name:   "year folder renamed back",
			change: func(t *testing.T) { rename(t, dir, "content/2018", "content/2019") },
			changed: []string{"content/2018", "content/2019", "content/2019/new.md", "content/2019/notes.txt",
				"content/2019/renamed.md"},
			want: slices.Concat(notice("2019/new/"), notice("2019/renamed/"), []string{"2019/index.html"}),
		},
		{
			name:    "year folder removed",
			change:  func(t *testing.T) { removeAll(t, dir, "content/2019") },
			changed: []string{"content/2019"},
			want:    []string{},
		},
		{
			name:    "events lost: everything named",
			change:  func(t *testing.T) { replace(t, dir, n4, "(5)", "(4)", true) },
			changed: []string{"."},
			// Every notice read again; the title of one changed.
			want: slices.Concat(notice("2025/notice-00000/"), notice("2024/notice-00002/"), notice("2024/notice-00003/"),
				notice("2023/notice-00004/"), notice("2023/notice-00005/"), []string{"2023/index.html"}),
		},
		{
			name: "a year sealed",
			change: func(t *testing.T) {
				write(t, dir, site.SealPath(2024), sealRecord(t, dir, 2024, "content/2024/notice-00002.md", "content/2024/notice-00003.md"))
			},
			changed: []string{site.SealPath(2024)},
			want:    []string{"2024/index.html"},
			same:    true,
		},
		{
			name: "a sealed notice edited",
			change: func(t *testing.T) {
				replace(t, dir, n2, "根据省委统一部署(改)", "根据省委统一部署(再改)", false)
			},
			changed: []string{n2},
			fails:   true,
		},
		{
			name: "the sealed notice as it was sealed",
			change: func(t *testing.T) {
				replace(t, dir, n2, "根据省委统一部署(再改)", "根据省委统一部署(改)", false)
			},
			changed: []string{n2},
			loose:   true, // looking at every file's time, the year page is rendered anew too
		},
		{
			name:    "the seal removed",
			change:  func(t *testing.T) { removeAll(t, dir, site.ArchiveDir) },
			changed: []string{site.ArchiveDir},
			want:    []string{"2024/index.html"},
			same:    true,
		},
		{
			name:    "settings broken",
			change:  breakSettings,
			changed: []string{"content/site.toml"},
			fails:   true,
		},
		{
			name:    "settings restored as they were",
			change:  fixSettings,
			changed: []string{"content/site.toml"},
			want:    []string{}, // no notice: the listings alone
			same:    true,
		},
		{
			name:    "a template broken",
			change:  func(t *testing.T) { write(t, dir, "templates/404.html", []byte(`{{define "main"}}`)) },
			changed: []string{"templates", "templates/404.html"},
			fails:   true,
		},
		{
			name:    "the broken template removed",
			change:  func(t *testing.T) { removeAll(t, dir, "templates") },
			changed: []string{"templates"},
			want:    []string{},
			same:    true,
		},
		{
			name: "edited keeping size and time while the settings are broken",
			change: func(t *testing.T) {
				breakSettings(t)
				replace(t, dir, n5, "(6)", "(7)", true)
			},
			changed: []string{"content/site.toml", n5},
			fails:   true,
		},
		{
			name:    "settings restored: the notice named meanwhile is read",
			change:  fixSettings,
			changed: []string{"content/site.toml"},
			want:    slices.Concat(notice("2023/notice-00005/"), []string{"2023/index.html"}),
		},
		{
			name:    "settings broken again",
			change:  breakSettings,
			changed: []string{"content/site.toml"},
			fails:   true,
		},
		{
			name: "settings fixed otherwise",
			change: func(t *testing.T) {
				fixSettings(t)
				replace(t, dir, "content/site.toml", "home_notices = 10", "home_notices = 9", false)
			},
			changed: []string{"content/site.toml"},
		},
		{
			name: "template changed",
			change: func(t *testing.T) {
				write(t, dir, "templates/404.html", []byte(`{{define "main"}}<h1>没有这一页</h1>{{end}}`))
			},
			changed: []string{"templates", "templates/404.html"},
		},
		{
			name: "settings changed",
			change: func(t *testing.T) {
				replace(t, dir, "content/site.toml", "巡视整改情况公开", "巡察整改情况公开", false)
			},
			changed: []string{"content/site.toml"},
		},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) { checkStep(t, r, dir, opts, st) })
	}
	if !strings.Contains(string(mustRead(t, dir, "content/site.toml")), "巡察") {
		t.Fatal("the last step did not run")
	}
}

// runner runs an Incremental as a preview does: with Run, or with
// RunChanges applied to the files of the last good run.
type runner struct {
	b       *build.Incremental
	changes bool
	held    map[string][]byte // the files of the last good run
	whole   bool              // the last RunChanges emitted every file
}

func (r *runner) run(t *testing.T) (map[string][]byte, diag.List, error) {
	if !r.changes {
		var problems diag.List
		files, err := collect(func(emit func(string, []byte) error) (err error) {
			problems, err = r.b.Run(emit)
			return err
		})
		return files, problems, err
	}
	var problems diag.List
	var ch build.Changes
	files, err := collect(func(emit func(string, []byte) error) (err error) {
		problems, ch, err = r.b.RunChanges(emit)
		return err
	})
	if r.whole = ch.Whole; err != nil {
		return nil, problems, err
	}
	if !ch.Whole {
		held := maps.Clone(r.held)
		for _, p := range ch.Gone {
			if _, ok := held[p]; !ok {
				t.Errorf("gone: %s, a file the last good run did not have", p)
			}
			delete(held, p)
		}
		maps.Copy(held, files)
		files = held
	}
	r.held = files
	return files, problems, nil
}

// checkStep makes one change, and checks that r builds what Run builds.
func checkStep(t *testing.T, r *runner, dir string, opts site.Options, st step) {
	b := r.b
	st.change(t)
	b.Changed(st.changed...)
	var wantProblems diag.List
	got, gotProblems, gotErr := r.run(t)
	want, wantErr := collect(func(emit func(string, []byte) error) (err error) {
		wantProblems, err = build.Run(os.DirFS(dir), opts, emit)
		return err
	})
	if gotErr != wantErr || (wantErr != nil) != st.fails {
		t.Fatalf("got error %v, want %v (a full build's)", gotErr, wantErr)
	}
	if !reflect.DeepEqual(gotProblems, wantProblems) {
		t.Errorf("problems:\n got %v\nwant %v (a full build's)", gotProblems, wantProblems)
	}
	if st.fails {
		return
	}
	if r.changes && st.delta && r.whole {
		t.Errorf("RunChanges emitted every file, want only the changes")
	}
	sameFiles(t, got, want)
	if st.loose {
		return
	}
	rendered := slices.DeleteFunc(b.Rendered(), navFile.MatchString)
	expect := slices.Concat(st.want, listings(want))
	if st.same {
		expect = slices.DeleteFunc(expect, func(p string) bool { return p == "sitemap.xml" || p == "notices.json" })
	}
	if st.want == nil {
		expect = slices.DeleteFunc(slices.Collect(maps.Keys(want)), navFile.MatchString)
	}
	slices.Sort(rendered)
	slices.Sort(expect)
	if !slices.Equal(rendered, expect) {
		t.Errorf("rendered anew:\n got %v\nwant %v", rendered, expect)
	}
}

// TestIncrementalProblems checks that a broken notice fails the run with
// its problem, and that the run after the fix builds the whole site.
func TestIncrementalProblems(t *testing.T) {
	for _, trusted := range []bool{false, true} {
		t.Run(fmt.Sprint("trusted=", trusted), func(t *testing.T) { testIncrementalProblems(t, trusted) })
	}
}

func testIncrementalProblems(t *testing.T, trusted bool) {
	dir := t.TempDir()
	if _, err := corpus.WriteSample(dir, "../..", 3, 2); err != nil {
		t.Fatal(err)
	}
	b := build.NewIncremental(os.DirFS(dir), site.Options{})
	if trusted {
		b.TrustChanges()
	}
	if _, err := b.Run(func(string, []byte) error { return nil }); err != nil {
		t.Fatal(err)
	}
	replace(t, dir, "content/2025/notice-00001.md", `source = "`, `source = `, false)
	b.Changed("content/2025/notice-00001.md")
	problems, err := b.Run(func(string, []byte) error { return nil })
	if err != build.ErrProblems {
		t.Fatalf("got error %v, want ErrProblems", err)
	}
	if got := problems.Error(); !strings.HasPrefix(got, "content/2025/notice-00001.md:6:") {
		t.Errorf("got problems %q, want one at content/2025/notice-00001.md:6", got)
	}
	replace(t, dir, "content/2025/notice-00001.md", `source = `, `source = "`, false)
	b.Changed("content/2025/notice-00001.md")
	got, err := collect(func(emit func(string, []byte) error) error { _, err := b.Run(emit); return err })
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got["2025/notice-00001/index.html"]; !ok {
		t.Errorf("the fixed notice's page is missing")
	}
}

func sameFiles(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			t.Errorf("%s: missing from the incremental build", p)
		case !bytes.Equal(g, w):
			t.Errorf("%s: incremental build differs from a full build", p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: in the incremental build, not in a full build", p)
		}
	}
}

func mustRead(t *testing.T, dir, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func write(t *testing.T, dir, path string, data []byte) {
	t.Helper()
	name := filepath.Join(dir, path)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// replace replaces old by new in the file at path; with keepTime, it gives
// the file back its modification time, as a coarse clock would.
func replace(t *testing.T, dir, path, old, new string, keepTime bool) {
	t.Helper()
	info, err := os.Stat(filepath.Join(dir, path))
	if err != nil {
		t.Fatal(err)
	}
	src := string(mustRead(t, dir, path))
	if !strings.Contains(src, old) {
		t.Fatalf("%s has no %q", path, old)
	}
	write(t, dir, path, []byte(strings.Replace(src, old, new, 1)))
	if keepTime {
		if err := os.Chtimes(filepath.Join(dir, path), time.Time{}, info.ModTime()); err != nil {
			t.Fatal(err)
		}
	}
}

func touch(t *testing.T, dir, path string) {
	t.Helper()
	write(t, dir, path, mustRead(t, dir, path))
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, path), later, later); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, dir, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)); err != nil {
		t.Fatal(err)
	}
}

func removeAll(t *testing.T, dir, path string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(dir, path)); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, dir, path string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, path)); err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalTrustsChanges checks that after TrustChanges a run reads
// only the files Changed names: a change nobody named is not seen.
func TestIncrementalTrustsChanges(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.WriteSample(dir, "../..", 3, 2); err != nil {
		t.Fatal(err)
	}
	b := build.NewIncremental(os.DirFS(dir), site.Options{})
	b.TrustChanges()
	const src, page = "content/2025/notice-00000.md", "2025/notice-00000/index.html"
	build := func() map[string][]byte {
		t.Helper()
		got, err := collect(func(emit func(string, []byte) error) error { _, err := b.Run(emit); return err })
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	before := build()[page]
	replace(t, dir, src, "根据省委统一部署", "根据省委统一部署(改)", false)
	if got := build()[page]; !bytes.Equal(got, before) {
		t.Errorf("a change that was not named was read")
	}
	b.Changed(src)
	if got := build()[page]; !bytes.Contains(got, []byte("(改)")) {
		t.Errorf("the named change is not on the page")
	}
}

// sealRecord returns a seal record of year holding the notices at paths of
// the site dir as they are now.
func sealRecord(t *testing.T, dir string, year int, paths ...string) []byte {
	rec := fmt.Sprintf("[[version]]\nversion = 1\nsealed = %d-12-31\nfile = \"x-%d-v1.zip\"\nsha256 = %q\nmanifest_sha256 = %q\n[version.notices]\n",
		year, year, strings.Repeat("1", 64), strings.Repeat("2", 64))
	for _, p := range paths {
		rec += fmt.Sprintf("%q = %q\n", p, site.SourceSum(mustRead(t, dir, p)))
	}
	return []byte(rec)
}

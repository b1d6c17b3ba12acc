package build

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"disclose/internal/corpus"
	"disclose/internal/output"
	"disclose/internal/render"
	"disclose/internal/site"
)

// TestBuildKeepsFeedSummariesOnly: a build keeps no notice's summary (the
// first paragraph's text, about 270 bytes) past its rendering, except
// those of the notices its feed may show (issue 15, item 13: 26 MB at
// 100,000 notices); the feed is the same bytes as when every summary was
// kept (render.Render keeps them all).
func TestBuildKeepsFeedSummariesOnly(t *testing.T) {
	fsys := corpus.MapFS(corpus.Defaults(render.FeedSize + 15))
	k := &summaryKeeper{}
	start := func(*site.Settings, *render.Templates, *render.Renderer) memory { return k }
	got := map[string][]byte{}
	problems, err := run(fsys, site.Options{}, func(path string, data []byte) error {
		if path == "feed.xml" {
			got[path] = bytes.Clone(data)
		}
		return nil
	}, nil, start)
	if err != nil {
		t.Fatalf("build: %v\n%v", err, problems)
	}
	if k.built != render.FeedSize+15 {
		t.Fatalf("%d notices built, want %d", k.built, render.FeedSize+15)
	}
	if k.texts > 0 {
		t.Errorf("%d notices keep their summary past their rendering, want none", k.texts)
	}
	if len(k.told) != render.FeedSize {
		t.Errorf("the memory was told %d summaries, want the feed's %d", len(k.told), render.FeedSize)
	}
	want := map[string][]byte{}
	s, problems := site.Load(fsys, site.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	tmpl, problems := render.LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	err = render.Render(s, tmpl, func(path string, data []byte) error {
		if path == "feed.xml" {
			want[path] = bytes.Clone(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got["feed.xml"], want["feed.xml"]) {
		t.Errorf("feed.xml differs from one rendered with every summary kept:\n%s\nwant\n%s", got["feed.xml"], want["feed.xml"])
	}
	if n := bytes.Count(want["feed.xml"], []byte("<summary>")); n != render.FeedSize {
		t.Errorf("the feed has %d summaries, want %d", n, render.FeedSize)
	}
}

// summaryKeeper is a memory that counts the notices built that still hold
// their summary's text, and notes what summarized is told.
type summaryKeeper struct {
	none
	mu           sync.Mutex
	built, texts int
	told         map[string]string // by summarized
}

func (k *summaryKeeper) record(_ string, _ os.FileInfo, b built, _ []file) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.built++
	if b.summary.Text != "" {
		k.texts++
	}
}

func (k *summaryKeeper) summarized(path, text string) {
	if k.told == nil {
		k.told = map[string]string{}
	}
	k.told[path] = text
}

// TestFeedOfCarriedNotices: the build record keeps the summaries of the
// feed's notices alone; when notices carried over from it come into the
// feed (the newest were deleted), their summaries are made again from
// their sources, and the site is what a clean build writes.
func TestFeedOfCarriedNotices(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := t.TempDir()
	if err := corpus.Write(src, corpus.Options{Notices: render.FeedSize + 12, Seed: 3, FirstYear: 2024, LastYear: 2025}); err != nil {
		t.Fatal(err)
	}
	age(t, src)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	c := openCache(out, output.Identity(out))
	texts := 0
	for _, n := range c.Notices {
		if n.summary().Text != "" {
			texts++
		}
	}
	if len(c.Notices) != render.FeedSize+12 || texts != render.FeedSize {
		t.Errorf("the record keeps %d notices, %d with their summary; want %d, the feed's %d", len(c.Notices), texts, render.FeedSize+12, render.FeedSize)
	}
	// Delete the ten newest notices: ten notices carried over, whose
	// summaries the record does not keep, come into the feed.
	for _, link := range feedLinks(t, filepath.Join(out, "feed.xml"))[:10] {
		year, slug, _ := strings.Cut(strings.Trim(link, "/"), "/")
		must(t, os.Remove(filepath.Join(src, "content", year, slug+".md")))
	}
	age(t, src)
	before := snapshot(t, out)
	mustBuild(t, src, out)
	if carried(t, before, out) == 0 {
		t.Error("no page was carried over from the last build")
	}
	clean := filepath.Join(t.TempDir(), "clean")
	mustBuild(t, src, clean)
	sameTree(t, out, clean)
}

// feedLinks returns the paths of the notices a feed.xml lists, below the
// site's base URL, newest first.
func feedLinks(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	var f struct {
		Entries []struct {
			Link struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
		Links []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"link"`
	}
	must(t, xml.Unmarshal(data, &f))
	base := ""
	for _, l := range f.Links {
		if l.Rel == "alternate" {
			base = l.Href
		}
	}
	var links []string
	for _, e := range f.Entries {
		links = append(links, strings.TrimPrefix(e.Link.Href, base))
	}
	if len(links) < 10 || base == "" {
		t.Fatalf("feed.xml lists %d notices below %q", len(links), base)
	}
	return links
}

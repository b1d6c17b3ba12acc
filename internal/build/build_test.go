package build

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"disclose/internal/corpus"
	"disclose/internal/output"
	"disclose/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// repoSite is the repository's sample site.
var repoSite = os.DirFS("../..")

// renderToMemory builds the site in fsys and returns every output file.
func renderToMemory(t *testing.T, fsys fs.FS, opts site.Options) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	var mu sync.Mutex
	problems, err := Run(fsys, opts, func(path string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := files[path]; dup {
			t.Errorf("%s written twice", path)
		}
		files[path] = bytes.Clone(data)
		return nil
	})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, problems)
	}
	if len(problems) > 0 {
		t.Errorf("the sample site has problems:\n%v", problems)
	}
	return files
}

// TestSampleGolden compares the whole sample site with testdata/sample/.
// go test ./internal/build -update rewrites it; review the diff like code.
func TestSampleGolden(t *testing.T) {
	files := renderToMemory(t, repoSite, site.Options{})
	golden := filepath.Join("testdata", "sample")
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for path, data := range files {
			full := filepath.Join(golden, filepath.FromSlash(path))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var want []string
	err := filepath.WalkDir(golden, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(golden, p)
		want = append(want, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for path := range files {
		got = append(got, path)
	}
	slices.Sort(got)
	slices.Sort(want) // a walk lists "search/x" before "search.js"
	if !slices.Equal(got, want) {
		t.Fatalf("files: got %v, want %v (run with -update if the change is intended)", got, want)
	}
	for _, path := range got {
		wantData, _ := os.ReadFile(filepath.Join(golden, filepath.FromSlash(path)))
		if !bytes.Equal(files[path], wantData) {
			t.Errorf("%s differs from the golden file (run go test ./internal/build -update and review the diff)", path)
		}
	}
}

// TestDeterministic builds twice: the bytes must not change.
func TestDeterministic(t *testing.T) {
	a := renderToMemory(t, repoSite, site.Options{})
	b := renderToMemory(t, repoSite, site.Options{})
	for path := range a {
		if !bytes.Equal(a[path], b[path]) {
			t.Errorf("%s differs between two builds of the same sources", path)
		}
	}
}

// TestToDiskMatchesRun: a build to disk, which reuses the memory of each
// page once written (render.Recycle), writes the bytes a build into memory
// does, for a corpus large enough that the two workers' pages interleave.
func TestToDiskMatchesRun(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	must(t, corpus.Write(dir, corpus.Defaults(300)))
	fsys := os.DirFS(dir)
	want := renderToMemory(t, fsys, site.Options{})
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, dir, out)
	got := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == output.Marker {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		data, err := os.ReadFile(p)
		if err == nil && !bytes.Equal(data, want[filepath.ToSlash(rel)]) {
			t.Errorf("%s differs between a build to disk and a build into memory", rel)
		}
		got++
		return err
	})
	must(t, err)
	if got != len(want) {
		t.Errorf("got %d files on disk, want %d", got, len(want))
	}
}

// TestFidelity reads the sample notice's page as a reader does and checks
// that the article's text is the published notice, line by line: the
// header line, every paragraph, the contact block, signature and date.
func TestFidelity(t *testing.T) {
	seed, err := os.ReadFile("../../../shared/seed/zhejiang-womens-federation-2025.txt")
	if err != nil {
		t.Skipf("the seed notice is not beside the repository: %v", err)
	}
	files := renderToMemory(t, repoSite, site.Options{})
	page := files["2025/zhejiang-womens-federation/index.html"]
	got := articleLines(t, page)
	want := strings.Split(strings.TrimSpace(string(seed)), "\n")
	// The header line is the page's, not the notice's text: the website's
	// "2025-06-17 09:00 浙江省纪委省监委网站", with the date written once,
	// as GB/T 9704 writes dates (issue 17).
	if len(want) > 0 && strings.HasPrefix(want[0], "2025-06-17 09:00 ") {
		want[0] = "2025年6月17日" + strings.TrimPrefix(want[0], "2025-06-17 09:00 ")
	}
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = stripSpace(want[i])
		}
		if g != w {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, g, w)
		}
	}
}

// articleLines returns the text of the page's <article>, one line per block
// element, whitespace removed.
func articleLines(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	article := find(doc, "article")
	if article == nil {
		t.Fatal("the page has no <article>")
	}
	var lines []string
	for c := article.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if line := stripSpace(textOf(c)); line != "" {
				lines = append(lines, line)
			}
		}
	}
	return lines
}

func find(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, tag); f != nil {
			return f
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

func stripSpace(s string) string {
	return strings.Join(strings.Fields(s), "")
}

package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"disclose/internal/site"
)

// TestOverrideDefineByDefine: a site's template file overrides the
// built-in file of its name define by define. A define the site's file
// lacks is the built-in one, so that a site's copy made before a define
// was added (testdata/older/pager.html, the built-in pager.html before
// "totals") still makes every page, byte for byte what the built-in
// templates make; and a site may override one define alone ("totals"),
// which every page that places it follows.
func TestOverrideDefineByDefine(t *testing.T) {
	// The generated corpus, a third of its notices of 巡视 in a round.
	fsys := maps.Clone(noticePageSites(t)["corpus"])
	k := 0
	for _, name := range slices.Sorted(maps.Keys(fsys)) {
		if f := fsys[name]; strings.HasSuffix(name, ".md") && bytes.Contains(f.Data, []byte("kind = \"巡视\"")) && bytes.Contains(f.Data, []byte("\nstart = ")) {
			if k++; k%3 == 0 {
				round := fmt.Sprintf("\nround = \"十五届省委第%d轮巡视\"\nstart = ", k%4+1)
				fsys[name] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte("\nstart = "), []byte(round), 1)}
			}
		}
	}
	want, _, err := renderAll(t, fsys, site.Options{}, false)
	if err != nil {
		t.Fatal(err)
	}
	// The corpus has the pages that place the totals: a year's and a
	// round's.
	var years, rounds []string
	for path, page := range want {
		if bytes.Contains(page, []byte(`<table class="totals">`)) {
			switch {
			case strings.HasPrefix(path, "round/"):
				rounds = append(rounds, path)
			case strings.Count(path, "/") == 1:
				years = append(years, path)
			}
		}
	}
	if len(years) == 0 || len(rounds) == 0 {
		t.Fatalf("the corpus has %d year pages and %d round pages with totals, want some of each", len(years), len(rounds))
	}

	older, err := os.ReadFile(filepath.Join("testdata", "older", "pager.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(older, []byte(`define "totals"`)) {
		t.Fatal("testdata/older/pager.html defines totals: it is to be a copy made before")
	}
	t.Run("older pager.html", func(t *testing.T) {
		own := maps.Clone(fsys)
		own["templates/pager.html"] = &fstest.MapFile{Data: older}
		got, _, err := renderAll(t, own, site.Options{}, false)
		if err != nil {
			t.Fatal(err)
		}
		samePages(t, got, want)
	})

	t.Run("totals alone", func(t *testing.T) {
		own := maps.Clone(fsys)
		own["templates/pager.html"] = &fstest.MapFile{Data: []byte(`{{define "totals"}}<tbody class="mine">{{range .}}<tr><td>{{.Label}}</td><td>{{.Value}}</td></tr>{{end}}</tbody>{{end}}`)}
		got, _, err := renderAll(t, own, site.Options{}, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range append(years, rounds...) {
			page := got[path]
			if !bytes.Contains(page, []byte(`</caption><tbody class="mine"><tr><td>`)) || bytes.Contains(page, []byte(`<th scope="col">项目</th>`)) {
				t.Errorf("%s does not follow the site's totals:\n%s", path, firstDifference(want[path], page))
			}
			// The rest of pager.html is the built-in one: the list
			// of notices is as it was.
			if i := bytes.Index(want[path], []byte(`<ul class="notices">`)); i < 0 || !bytes.Contains(page, want[path][i:i+bytes.Index(want[path][i:], []byte("</ul>"))]) {
				t.Errorf("%s does not list its notices as the built-in pager.html does", path)
			}
		}
	})

	t.Run("pager alone", func(t *testing.T) {
		// A site's pager.html that defines only "pager": the lists
		// still write their notices with the built-in "item" and
		// "items", and the year's page has no links between pages.
		own := maps.Clone(fsys)
		own["templates/pager.html"] = &fstest.MapFile{Data: []byte(`{{define "pager"}}<p class="mine">第{{with .}}{{.Number}}{{end}}页</p>{{end}}`)}
		got, _, err := renderAll(t, own, site.Options{}, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range years {
			if page := got[path]; !bytes.Contains(page, []byte(`<p class="mine">`)) || !bytes.Contains(page, []byte(`<ul class="notices">`)) || bytes.Contains(page, []byte(`<nav class="pager"`)) {
				t.Errorf("%s does not follow the site's pager with the built-in list:\n%.2000s", path, page)
			}
		}
	})
}

// TestOverrideTopLevel: a site's file replaces the built-in file's body
// outside its defines, and the built-in file's body is never the one of
// the file's name.
func TestOverrideTopLevel(t *testing.T) {
	fsys := maps.Clone(noticePageSites(t)["sample"])
	fsys["templates/pager.html"] = &fstest.MapFile{Data: []byte(`本站的分页 {{define "pager"}}{{end}}`)}
	tm, problems := LoadTemplates(fsys, "/", func(p string) string { return p })
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	for kind, tmpl := range tm.pages {
		var buf bytes.Buffer
		if err := tmpl.ExecuteTemplate(&buf, "pager.html", nil); err != nil || buf.String() != "本站的分页 " {
			t.Errorf("%s: pager.html wrote %q, %v; want the site's body", kind, buf.String(), err)
		}
		if tmpl.Lookup("item") == nil {
			t.Errorf("%s: the built-in item is not defined", kind)
		}
	}
}

// TestOverrideDigest: the templates' digest follows the built-in file a
// site's file overrides, since the defines the site's file lacks are the
// built-in ones: a change of either makes the pages anew.
func TestOverrideDigest(t *testing.T) {
	upper := fstest.MapFS{"templates/pager.html": {Data: []byte(`{{define "pager"}}{{end}}`)}}
	digest := func(builtin string) string {
		o := overlay{upper: upper, lower: fstest.MapFS{"pager.html": {Data: []byte(builtin)}}, digest: sha256.New()}
		tmpl := template.New("x")
		if err := o.parse(tmpl, "pager.html"); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%x", o.digest.Sum(nil))
	}
	if a, b := digest(`{{define "item"}}a{{end}}`), digest(`{{define "item"}}b{{end}}`); a == b {
		t.Error("the digest does not change with the built-in file the site's file overrides")
	}
	upper["templates/pager.html"] = &fstest.MapFile{Data: []byte(`{{define "pager"}}x{{end}}`)}
	if a, b := digest(`{{define "item"}}a{{end}}`), digest(`{{define "item"}}a{{end}}`); a != b {
		t.Error("the digest differs for the same files")
	}
}

// samePages fails t unless got holds the pages of want, byte for byte.
func samePages(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d pages, want %d", len(got), len(want))
	}
	for path, w := range want {
		if !bytes.Equal(got[path], w) {
			t.Errorf("%s differs:\n%s", path, firstDifference(w, got[path]))
		}
	}
}

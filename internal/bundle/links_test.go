package bundle

import (
	"bytes"
	"net/url"
	"path"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// Every link and every loaded file of the offline site resolves to a file
// inside the bundle, as a browser opening the folder with file:// resolves
// it: relative, index.html named, and each #fragment an id of its page.
// The only address of another site allowed is the canonical link, which
// says where the page was published and loads nothing.
func TestOfflineLinksResolveInsideTheBundle(t *testing.T) {
	dir := copySite(t, false, time.Now())
	files := unzipAll(t, mustMake(t, dir, Options{Year: 2024}).Data)
	ids := map[string]map[string]bool{}
	links := map[string][]link{}
	for name, data := range files {
		if strings.HasSuffix(name, ".html") {
			ids[name], links[name] = scan(t, name, data)
		}
	}
	if len(links) < 4 {
		t.Fatalf("found %d pages, want the home, year, two notices and 404", len(links))
	}
	checked := 0
	for page, ls := range links {
		for _, l := range ls {
			if err := resolve(page, l, files, ids); err != "" {
				t.Errorf("%s: <%s %s=%q>: %s", page, l.tag, l.attr, l.value, err)
			}
			checked++
		}
	}
	t.Logf("%d links checked in %d pages", checked, len(links))
}

type link struct {
	tag, attr, value string
	canonical        bool
}

// scan returns the ids of a page and its links: every href and src.
func scan(t *testing.T, name string, data []byte) (map[string]bool, []link) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	ids := map[string]bool{}
	var links []link
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		rel := ""
		for _, a := range n.Attr {
			if a.Key == "rel" {
				rel = a.Val
			}
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "id":
				ids[a.Val] = true
			case "href", "src":
				links = append(links, link{tag: n.Data, attr: a.Key, value: a.Val, canonical: n.Data == "link" && rel == "canonical"})
			}
		}
	}
	return ids, links
}

// resolve says what is wrong with a link of page, or "".
func resolve(page string, l link, files map[string][]byte, ids map[string]map[string]bool) string {
	u, err := url.Parse(l.value)
	switch {
	case err != nil || l.value == "":
		return "not a link"
	case u.Scheme == "mailto" || u.Scheme == "tel":
		return ""
	case u.Scheme == "https" || u.Scheme == "http":
		if l.canonical {
			return ""
		}
		return "an address of another site: the offline copy must not depend on one"
	case u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/"):
		return "not relative: it would not resolve from file://"
	}
	target := page
	if u.Path != "" {
		if strings.HasSuffix(u.Path, "/") {
			return "names a folder: a browser showing files does not open its index.html"
		}
		target = path.Join(path.Dir(page), u.Path)
	}
	if !strings.HasPrefix(target, SiteDir+"/") {
		return "leads out of the offline site, to " + target
	}
	if _, ok := files[target]; !ok {
		return "no such file in the bundle: " + target
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
		return "no id " + u.Fragment + " in " + target
	}
	return ""
}

package preview

import (
	"bytes"
	"path"
	"strings"

	"disclose/internal/diag"
)

// state is one version of what is served: the files of the last good build
// and the problems of the last build. A new state replaces the old in one
// step, so a reader never sees half a build; then the old state's replaced
// channel is closed, which wakes the event streams.
type state struct {
	version  string
	base     string            // the site's base path: "/xszg/"
	files    map[string][]byte // the last good build, by path below base
	problems diag.List         // of the last build
	failure  string            // an error of the last build that is not a problem of the sources
	overlay  []byte            // the problems as HTML, when the last build failed
	replaced chan struct{}     // closed when a newer state is published
}

// broken reports whether the last build failed: then the overlay shows.
func (st *state) broken() bool { return st.failure != "" || st.problems.Stops() }

// publish makes next the served state and wakes whoever waits on the old.
func (s *Server) publish(next *state) {
	next.replaced = make(chan struct{})
	old := s.state.Swap(next)
	close(old.replaced)
}

// lookup finds the file for the URL path p: a page's index.html for a path
// ending in "/". It returns the file's path below base, or "" if there is
// none.
func (st *state) lookup(p string) string {
	rel, ok := strings.CutPrefix(p, st.base)
	if !ok {
		return ""
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if _, ok := st.files[rel]; !ok {
		return ""
	}
	return rel
}

// samePage reports whether the page at URL path p reads the same in st and
// next, overlay included.
func (st *state) samePage(next *state, p string) bool {
	a, b := st.lookup(p), next.lookup(p)
	return a == b && bytes.Equal(st.files[a], next.files[b]) &&
		bytes.Equal(st.overlay, next.overlay)
}

// nearest returns the URL path to go to from a page that is gone: its year
// page, or else the home page.
func (st *state) nearest(p string) string {
	rel, _ := strings.CutPrefix(p, st.base)
	if year, _, ok := strings.Cut(rel, "/"); ok {
		if y := path.Join(st.base, year) + "/"; st.lookup(y) != "" {
			return y
		}
	}
	return st.base
}

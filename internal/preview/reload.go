package preview

import (
	"fmt"
	"net/http"
)

// events streams, to one open page, the event that makes it reload: one
// Server-Sent Event after the build that changed the page (or its
// problems) is in place, never before. The page names itself (path) and
// the version it was served from (v); a version that is not the current
// one means the page missed a build, and reloads at once.
//
//	event: reload          the page changed: load it again
//	event: goto            the page is gone: data is where to go instead
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	page, seen := r.URL.Query().Get("path"), r.URL.Query().Get("v")
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil || rc.Flush() != nil {
		return
	}
	st := s.state.Load()
	if seen != st.version {
		send(w, rc, decide(nil, st, page))
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-st.replaced:
		}
		next := s.state.Load()
		if ev := decide(st, next, page); ev != "" {
			send(w, rc, ev)
			return
		}
		st = next
	}
}

// decide returns the event that the page at URL path p, served from old
// (nil: unknown), needs now that next is served; "" if none.
func decide(old, next *state, p string) string {
	gone := next.files != nil && next.lookup(p) == "" && (old == nil || old.lookup(p) != "")
	switch {
	case gone:
		return "event: goto\ndata: " + next.nearest(p) + "\n\n"
	case old == nil || !old.samePage(next, p):
		return "event: reload\ndata: \n\n"
	}
	return ""
}

func send(w http.ResponseWriter, rc *http.ResponseController, ev string) {
	if _, err := fmt.Fprint(w, ev); err == nil {
		rc.Flush()
	}
}

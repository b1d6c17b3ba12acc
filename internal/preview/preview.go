// Package preview is `disclose serve`: it builds a site into memory, serves
// it over HTTP, and builds it again whenever a source changes, so that an
// editor sees each save in the browser by itself. It never writes the
// published site: a preview cannot clobber what is published.
//
// It sits at the top of the import graph, beside check, bundle and import:
// watch says what changed, build.Incremental re-renders what that touches,
// and the result replaces the served site in one step (state.go). Then the
// open pages are told to reload over Server-Sent Events (reload.go), never
// before. While the sources have errors the last good build is served, with
// the problems over every page (overlay.go). Files:
//
//	preview.go   the Server: start, serve, shut down
//	rebuild.go   one rebuild after a batch of changes, and its log line
//	state.go     the served site: files, problems, version
//	host.go      which Host headers are answered (none but this computer's names)
//	http.go      the site's URLs below its base path, /_disclose/reload.js, and what the preview adds to pages
//	reload.go    /_disclose/events (SSE), which tells open pages to reload
//	overlay.go   the problems, as a box over the page
//
// Everything the preview adds lives below /_disclose/ or is added to a page
// as it is served: the built site itself never holds it.
package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"disclose/internal/build"
	"disclose/internal/render"
	"disclose/internal/site"
	"disclose/internal/watch"
)

// Options configures a Server.
type Options struct {
	Site   string        // the site folder
	Drafts bool          // show drafts (the CLI does unless --no-drafts)
	Poll   time.Duration // if not zero, look for changes this often instead of using fsnotify
	Log    io.Writer     // where each build's time and problems are printed
	// Hosts are the names, besides the loopback ones and the address
	// served, that a request's Host header may give: the host of --addr
	// when --expose allows other computers. Any other is refused.
	Hosts []string
}

// Server is a running preview of one site.
type Server struct {
	opts    Options
	root    *os.Root
	builder *build.Incremental
	watcher *watch.Watcher
	state   atomic.Pointer[state]
	epoch   string // tells this process's versions from an earlier one's
	builds  int
	done    sync.WaitGroup

	kick    chan struct{}           // wakes rebuilds when changes wait
	mu      sync.Mutex              // guards what follows
	pending []string                // changed since the last build began
	cancel  context.CancelCauseFunc // cancels the build under way
}

// New starts watching the site folder and builds the site once. Close
// stops it.
func New(opts Options) (*Server, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	root, err := os.OpenRoot(opts.Site)
	if err != nil {
		return nil, fmt.Errorf("无法打开网站文件夹; cannot open the site folder: %w", err)
	}
	s := &Server{opts: opts, root: root, epoch: fmt.Sprintf("%x", time.Now().UnixNano()), cancel: func(error) {},
		builder: build.NewIncremental(root.FS(), site.Options{Drafts: opts.Drafts})}
	if opts.Poll == 0 {
		// fsnotify names every path that changes: a rebuild reads those
		// alone. Polling may miss a save within one tick of a file
		// system's clock: each rebuild looks at every file.
		s.builder.TrustChanges()
	}
	// Watch before the first build: a save during it is not lost.
	s.watcher, err = watch.New(opts.Site, watch.Options{
		Dirs: []string{site.ContentDir, render.TemplateDir},
		Poll: opts.Poll,
		Log:  func(err error) { fmt.Fprintf(opts.Log, "监视文件改动 (watch): %v\n", err) },
	})
	if err != nil {
		root.Close()
		return nil, err
	}
	s.state.Store(&state{replaced: make(chan struct{})})
	s.rebuild(context.Background(), nil)
	s.kick = make(chan struct{}, 1)
	s.done.Add(2)
	go s.collect()
	go s.rebuilds()
	return s, nil
}

// collect takes each batch of changes from the watcher, adds it to those
// waiting, cancels the build under way (it builds what a newer save
// replaced) and wakes rebuilds.
func (s *Server) collect() {
	defer s.done.Done()
	defer close(s.kick)
	for batch := range s.watcher.C {
		s.mu.Lock()
		s.pending = append(s.pending, batch...)
		s.cancel(errNewerSave)
		s.mu.Unlock()
		select {
		case s.kick <- struct{}{}:
		default: // already woken
		}
	}
}

// errNewerSave is why a build is cancelled when a newer save arrives.
var errNewerSave = errors.New("a newer save arrived")

// rebuilds builds the site again after each batch, one build at a time;
// a build cancelled by a newer batch is built again with it.
func (s *Server) rebuilds() {
	defer s.done.Done()
	for range s.kick {
		s.mu.Lock()
		changed := s.pending
		s.pending = nil
		ctx, cancel := context.WithCancelCause(context.Background())
		s.cancel = cancel
		s.mu.Unlock()
		if len(changed) == 0 {
			continue
		}
		if !s.rebuild(ctx, changed) {
			s.mu.Lock()
			s.pending = append(changed, s.pending...)
			s.mu.Unlock()
		}
		cancel(nil)
	}
}

// Close stops watching, cancels a rebuild under way and waits for it to
// end.
func (s *Server) Close() error {
	err := s.watcher.Close()
	s.mu.Lock()
	s.cancel(errors.New("the preview is stopping"))
	s.mu.Unlock()
	s.done.Wait()
	return errors.Join(err, s.root.Close())
}

// URL returns the address of the site's home page when s serves on addr.
func (s *Server) URL(addr net.Addr) string {
	return "http://" + addr.String() + s.state.Load().base
}

// Serve serves the preview on ln until ctx is done, then closes the open
// event streams, lets the requests under way finish and returns.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	base, stopStreams := context.WithCancel(context.Background())
	defer stopStreams()
	srv := &http.Server{
		Handler:           newHosts(ln.Addr(), s.opts.Hosts).guard(s),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	stopStreams() // event streams never end by themselves
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdown)
	<-served
	return err
}

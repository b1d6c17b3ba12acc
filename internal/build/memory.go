package build

import (
	"io/fs"

	"disclose/internal/diag"
	"disclose/internal/notice"
	"disclose/internal/render"
	"disclose/internal/site"
)

// memory is the one thing the pipeline asks about building a notice again:
// whether an earlier build's pages of it can be carried over, and what to
// remember of the notice it has just built. It has three implementations:
//
//	none          Run: every notice is read and rendered
//	*diskMemory   ToDisk: the record of the last build in the user's cache
//	              folder, and the spare folder (cache.go, record.go)
//	*Incremental  the preview: the last run's pages, kept in memory
//	              (incremental.go)
//
// The pipeline calls it from several goroutines at once, for different
// paths. What decides that nothing may be carried over (the program, the
// settings, the templates or the options changed) is each memory's own
// business, settled before the pipeline reads a notice.
type memory interface {
	// carry returns the notice at path as an earlier build left it, its
	// files already emitted or kept, when its source has not changed;
	// ok is false otherwise. info is the source's size and time, taken
	// before it is read so that a change made meanwhile is seen by the
	// next build, or nil when the memory does not need them: the
	// pipeline then uses those of the read, and hands them to record.
	carry(fsys fs.FS, path string) (b built, info fs.FileInfo, ok bool)
	// record remembers the notice at path that the pipeline read (as
	// info describes its source, when not nil) and built: b, with its
	// body dropped, and the files rendered from it.
	record(path string, info fs.FileInfo, b built, files []file)
	// index returns the search index of the earlier build, whose years'
	// parts may be carried over (index.go), or nil.
	index() prior
	// summarized tells the memory the summary text of the notice at
	// path, which the feed shows: the pipeline keeps no other notice's
	// (feed.go).
	summarized(path, text string)
}

// none is the memory of a build that remembers nothing.
type none struct{}

func (none) carry(fs.FS, string) (built, fs.FileInfo, bool) { return built{}, nil, false }
func (none) record(string, fs.FileInfo, built, []file)      {}
func (none) index() prior                                   { return nil }
func (none) summarized(string, string)                      {}

// built is what the pipeline keeps of one notice.
type built struct {
	n *notice.Notice // nil when not part of the site (load.Notice.Shown), or dropped (pipeline.notice)
	// e is what the listings take of n, once rendered; slug is where n's
	// slug key is written, if it is (notice.Snapshot).
	e        *render.Entry
	slug     []notice.KeySnapshot
	problems diag.List
	summary  render.Summary
	sum      string // of the source (load.Notice.Sum)
}

// source returns what load.Assemble needs to know of the notice at path.
func (b built) source(path string) site.Source {
	return site.Source{Path: path, Sum: b.sum, N: b.n}
}

// file is one file rendered from a notice. Its data is the memory's to
// keep only when the renderer does not recycle its buffers (see
// render.Renderer.Recycle), as in the preview; the record on disk keeps
// the path alone.
type file struct {
	path string
	data []byte
}

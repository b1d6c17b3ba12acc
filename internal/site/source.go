package site

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"sync"
)

// ReadSource reads the file p of fsys (a regular file: see ReadFile) and
// tells its size and modification time as they were before it was read: a change made while it is read is
// then seen by the next build. A Folder reads it with the fewest calls to
// the operating system (see Folder).
func ReadSource(fsys fs.FS, p string) ([]byte, fs.FileInfo, error) {
	return ReadSourceInto(fsys, p, nil)
}

// ReadSourceInto is ReadSource reading into buf's memory when it has room
// for the file (a Folder's files only), so that a build reading thousands
// of notices one after the other on each goroutine reuses one buffer: the
// bytes returned are then buf's, and the caller must not keep them, nor
// anything cut from them, once it reads into buf again.
func ReadSourceInto(fsys fs.FS, p string, buf []byte) ([]byte, fs.FileInfo, error) {
	if f, ok := fsys.(*Folder); ok {
		return f.readSource(p, buf)
	}
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, nil, err
	}
	if err := regular(p, info); err != nil {
		return nil, nil, err
	}
	src, err := fs.ReadFile(fsys, p)
	return src, info, err
}

// ReadBodyInto reads the file p of fsys from byte off to its end (the body
// of a notice whose front matter ends at off), into buf's memory when it
// has room, as ReadSourceInto does: what the search index reads again of
// each notice. A Folder reads it with three calls to the operating system
// (open, read from off, close) where it can: a read that stops short of
// buf's room has met the end of the file. It fails when the file is now
// shorter than off.
func ReadBodyInto(fsys fs.FS, p string, off int, buf []byte) ([]byte, error) {
	if f, ok := fsys.(*Folder); ok && fs.ValidPath(p) && off >= 0 {
		if dir, err := f.dir(path.Dir(p)); err == nil {
			if body, ok := readTailAt(dir, path.Base(p), off, buf); ok {
				return body, nil
			}
		}
	}
	src, _, err := ReadSourceInto(fsys, p, buf)
	if err != nil {
		return nil, err
	}
	if off < 0 || off > len(src) {
		return nil, ErrShorter
	}
	return src[off:], nil
}

// minTail is the least memory a Folder reads a body into (readTailAt):
// that of most notices (tens of KB).
const minTail = 64 << 10

// ErrShorter is ReadBodyInto's error for a file shorter than the offset
// of its body: it changed since it was read.
var ErrShorter = errors.New("shorter than the offset of its body")

// StatSource tells the size and modification time of the file p of fsys,
// without reading it: what a build compares with its record to know that
// a notice has not changed.
func StatSource(fsys fs.FS, p string) (fs.FileInfo, error) {
	if f, ok := fsys.(*Folder); ok && fs.ValidPath(p) {
		if dir, err := f.dir(path.Dir(p)); err == nil {
			if info, ok := statAt(dir, path.Base(p)); ok {
				return info, nil
			}
		}
	}
	return fs.Stat(fsys, p)
}

// Folder is a site folder on disk, read through an os.Root, so that no
// path and no link leads out of it. A build reads thousands of notices
// from a few folders: Folder keeps each folder open and opens each notice
// in it by name alone, with no symbolic link followed, then takes its
// size, reads and closes it; an os.File would also make the file
// non-blocking and try to register it with the network poller, and os.Root
// would walk the path from the top for every file. A notice that is a
// symbolic link is read through the os.Root, which follows it only if it
// stays inside the site folder.
type Folder struct {
	root *os.Root
	fsys fs.FS

	mu   sync.Mutex
	dirs map[string]*os.File // folders opened, by path
}

// OpenFolder opens the site folder dir.
func OpenFolder(dir string) (*Folder, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Folder{root: root, fsys: root.FS(), dirs: map[string]*os.File{}}, nil
}

// Close closes the folder and the folders it keeps open.
func (f *Folder) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, d := range f.dirs {
		d.Close()
	}
	f.dirs = nil
	return f.root.Close()
}

// Open implements fs.FS.
func (f *Folder) Open(name string) (fs.File, error) { return f.fsys.Open(name) }

// ReadFile implements fs.ReadFileFS.
func (f *Folder) ReadFile(name string) ([]byte, error) { return fs.ReadFile(f.fsys, name) }

// ReadDir implements fs.ReadDirFS.
func (f *Folder) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }

// Stat implements fs.StatFS.
func (f *Folder) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.fsys, name) }

// ReadLink implements fs.ReadLinkFS.
func (f *Folder) ReadLink(name string) (string, error) { return fs.ReadLink(f.fsys, name) }

// Lstat implements fs.ReadLinkFS.
func (f *Folder) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(f.fsys, name) }

func (f *Folder) readSource(p string, buf []byte) ([]byte, fs.FileInfo, error) {
	if !fs.ValidPath(p) {
		return nil, nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrInvalid}
	}
	dir, err := f.dir(path.Dir(p))
	if err == nil {
		if src, info, ok := readAt(dir, path.Base(p), buf); ok {
			return src, info, nil
		}
	}
	// A link, an error or another system: the os.Root says what it is. Its
	// fs.FS is no Folder, so ReadSource reads it the ordinary way.
	return ReadSource(f.fsys, p)
}

// dir returns the folder p, opened once through the os.Root.
func (f *Folder) dir(p string) (*os.File, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if d, ok := f.dirs[p]; ok {
		return d, nil
	}
	if f.dirs == nil {
		return nil, fs.ErrClosed
	}
	d, err := f.root.Open(p)
	if err != nil {
		return nil, err
	}
	f.dirs[p] = d
	return d, nil
}

package output

import (
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The staging folder is written by descriptor. A build makes tens of
// thousands of files in as many folders: by whole paths, the kernel walks
// the folders from / down to each file again, and each name is copied
// into a new C string. Here the staging folder and each folder that holds
// folders (a year, search/, unit/) are opened once, and a file is made
// relative to the folder above its own (openat on 2024/ of
// "notice-000123/index.html"), its name put together on the stack.

// stage makes the folders and files of the staging folder.
type stage struct {
	path string // the staging folder
	root int    // it, open (O_PATH); -1 when it could not be opened: whole paths then

	mu     sync.Mutex
	dirs   map[string]int // folders that hold folders, open, by slash path below path
	closed bool
}

// stageOpenAtMost is how many folders a stage holds open besides the
// staging folder: a site has a few dozen that hold folders (the years,
// search/, unit/, page/); past that, files are made relative to the
// staging folder.
const stageOpenAtMost = 256

// atCWD is the *at system calls' "relative to the working folder".
const atCWD = unix.AT_FDCWD

// folderFlags opens a folder to make things in it, not to read it.
const folderFlags = unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC

// openStage opens the staging folder at dir for writing into.
func openStage(dir string) *stage {
	s := &stage{path: dir, root: -1, dirs: map[string]int{}}
	var b [512]byte
	if fd, err := openat(atCWD, append(b[:0], dir...), folderFlags, 0); err == nil {
		s.root = fd
	}
	return s
}

// close lets go of the folders the stage holds open. It may be called
// more than once; the stage then writes by whole paths.
func (s *stage) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, fd := range s.dirs {
		syscall.Close(fd)
	}
	clear(s.dirs)
	if s.root >= 0 {
		syscall.Close(s.root)
	}
	s.root, s.closed = -1, true
}

// full is the whole path of the entry name of the folder dir (slash,
// below the staging folder; name may be ""), for messages.
func (s *stage) full(dir, name string) string {
	return filepath.Join(s.path, filepath.FromSlash(dir), name)
}

// folder returns the folder dir (slash, below the staging folder, not
// "."), open, opening it the first time; false when it is not held open
// (missing, or too many open).
func (s *stage) folder(dir string) (int, bool) {
	s.mu.Lock()
	fd, ok := s.dirs[dir]
	root, full := s.root, len(s.dirs) >= stageOpenAtMost
	s.mu.Unlock()
	if ok || full || root < 0 {
		return fd, ok
	}
	var b [512]byte
	fd, err := openat(root, append(b[:0], dir...), folderFlags, 0)
	if err != nil {
		return 0, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if held, ok := s.dirs[dir]; ok || s.closed {
		syscall.Close(fd) // opened meanwhile by another goroutine, or the stage closed
		return held, ok
	}
	s.dirs[strings.Clone(dir)] = fd // dir may be part of a long string
	return fd, true
}

// rootFD is the staging folder's descriptor; -1 when it is not open.
func (s *stage) rootFD() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.root
}

// in appends to b the path of the entry name of the folder dir ("" or a
// slash path below the staging folder ending in "/"), from the folder it
// returns: dir itself when it is held open (it holds folders), else the
// staging folder or, when that could not be opened, the working folder,
// the path then whole.
func (s *stage) in(b []byte, dir, name string) (int, []byte) {
	root := s.rootFD()
	switch {
	case root < 0:
		return atCWD, append(b, s.full(dir, name)...)
	case dir == "":
		return root, append(b, name...)
	}
	if fd, ok := s.folder(dir[:len(dir)-1]); ok {
		return fd, append(b, name...)
	}
	return root, append(append(b, dir...), name...)
}

// at appends to b the path of the file name of the folder dir (slash,
// below the staging folder), from the folder it returns: the folder above
// dir when it is held open. A notice's folder holds two or three files:
// opening it would cost more system calls than it saves.
func (s *stage) at(b []byte, dir, name string) (int, []byte) {
	if dir == "." {
		return s.in(b, "", name)
	}
	parent, base := path.Split(dir)
	fd, b := s.in(b, parent, base)
	if fd == atCWD {
		return fd, append(b[:0], s.full(dir, name)...)
	}
	return fd, append(append(b, '/'), name...)
}

// mkdir makes the folder dir (slash, below the staging folder, not "."),
// and those above it that are missing. One that is there already is left
// as it is: should it not be a folder, writing into it fails.
func (s *stage) mkdir(dir string) error {
	parent, base := path.Split(dir)
	err := s.mkdirIn(parent, base)
	if err == syscall.ENOENT && parent != "" {
		if err = s.mkdir(parent[:len(parent)-1]); err != nil {
			return err
		}
		err = s.mkdirIn(parent, base)
	}
	if err != nil {
		return &fs.PathError{Op: "mkdir", Path: s.full(dir, ""), Err: err}
	}
	return nil
}

// mkdirIn makes the folder name in the folder parent ("" or a slash path
// ending in "/"); one that is there already is left as it is.
func (s *stage) mkdirIn(parent, name string) error {
	var b [512]byte
	fd, p := s.in(b[:0], parent, name)
	if err := mkdirat(fd, p); err != syscall.EEXIST {
		return err
	}
	return nil
}

// writeNew writes the file name, which must not exist yet, in the folder
// dir (slash, below the staging folder): open, write, close. An os.File
// would also make it non-blocking and offer it to the network poller,
// five more system calls for each of a build's tens of thousands of
// files.
func (s *stage) writeNew(dir, name string, data []byte) error {
	f, err := s.openNew(dir, name)
	if err != nil {
		return err
	}
	if err := writeAll(f, data); err != nil {
		return &fs.PathError{Op: "write", Path: s.full(dir, name), Err: err}
	}
	return nil
}

// create makes the file name, which must not exist yet, in the folder dir
// (slash, below the staging folder), for writing.
func (s *stage) create(dir, name string) (*os.File, error) {
	f, err := s.openNew(dir, name)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(f), s.full(dir, name)), nil
}

// openNew makes the file name, which must not exist yet, in the folder
// dir (slash, below the staging folder), and returns it open for writing.
func (s *stage) openNew(dir, name string) (int, error) {
	var b [512]byte
	fd, p := s.at(b[:0], dir, name)
	f, err := openat(fd, p, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
	if err != nil {
		return -1, &fs.PathError{Op: "open", Path: s.full(dir, name), Err: err}
	}
	return f, nil
}

// remove removes the file name of the folder dir (slash, below the
// staging folder), or the empty folder, as os.Remove does.
func (s *stage) remove(dir, name string) error {
	var b [512]byte
	fd, p := s.at(b[:0], dir, name)
	p = append(p, 0)
	flags := 0
	for {
		_, _, e := syscall.Syscall(syscall.SYS_UNLINKAT, uintptr(fd), uintptr(unsafe.Pointer(&p[0])), uintptr(flags))
		switch {
		case e == syscall.EINTR:
			continue
		case e == syscall.EISDIR && flags == 0:
			flags = unix.AT_REMOVEDIR
			continue
		case e == 0:
			return nil
		}
		return &fs.PathError{Op: "remove", Path: s.full(dir, name), Err: e}
	}
}

// writeAll writes data to the open file fd, in one call unless the
// system takes less, and closes it.
func writeAll(fd int, data []byte) error {
	var err error
	for len(data) > 0 && err == nil {
		var n int
		n, err = syscall.Write(fd, data)
		switch {
		case err == syscall.EINTR:
			err = nil
		case err == nil && n == 0:
			err = io.ErrShortWrite
		}
		data = data[max(n, 0):]
	}
	if cerr := syscall.Close(fd); err == nil && cerr != nil {
		err = cerr
	}
	return err
}

// openat opens the path p relative to the folder fd.
func openat(fd int, p []byte, flags int, mode uint32) (int, error) {
	p = append(p, 0) // a C string
	for {
		r, _, e := syscall.Syscall6(syscall.SYS_OPENAT, uintptr(fd), uintptr(unsafe.Pointer(&p[0])), uintptr(flags), uintptr(mode), 0, 0)
		switch e {
		case syscall.EINTR:
			continue
		case 0:
			return int(r), nil
		}
		return -1, e
	}
}

// mkdirat makes the folder p relative to the folder fd.
func mkdirat(fd int, p []byte) error {
	p = append(p, 0) // a C string
	for {
		_, _, e := syscall.Syscall(syscall.SYS_MKDIRAT, uintptr(fd), uintptr(unsafe.Pointer(&p[0])), 0o755)
		switch e {
		case syscall.EINTR:
			continue
		case 0:
			return nil
		}
		return e
	}
}

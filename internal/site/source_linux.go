//go:build linux

package site

import (
	"io/fs"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// readAt reads the regular file name of the folder dir: open (openAt),
// fstat, read, close. It reports false on any error, for
// the caller to read the file the slow way and say what is wrong. The file
// is read into buf's memory when it has room for it.
func readAt(dir *os.File, name string, buf []byte) ([]byte, fs.FileInfo, bool) {
	fd, ok := openAt(dir, name)
	if !ok {
		return nil, nil, false
	}
	defer syscall.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, nil, false
	}
	src := buf[:0]
	if int64(cap(buf)) < st.Size {
		src = make([]byte, 0, st.Size)
	}
	src = src[:st.Size]
	for n := 0; n < len(src); {
		m, err := syscall.Read(fd, src[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil || m == 0 { // shorter than its size said: read it again the slow way
			return nil, nil, false
		}
		n += m
	}
	return src, newFileInfo(name, &st), true
}

// openAt opens the file name of the folder dir to read it, refusing a
// symbolic link, and without waiting, as opening a named pipe would for a
// writer; false on any error.
func openAt(dir *os.File, name string) (int, bool) {
	sc, err := dir.SyscallConn()
	if err != nil {
		return -1, false
	}
	fd := -1
	sc.Control(func(dirfd uintptr) {
		fd, err = syscall.Openat(int(dirfd), name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	})
	return fd, err == nil && fd >= 0
}

// readTailAt reads the regular file name of the folder dir from byte off
// to its end, into buf's memory when it has room: open (as readAt), read
// from off (pread, which only a file that can seek allows), close. A read
// that fills the room left is followed by fstat, to learn the size, and
// reads of the rest; a read that stops short has met the end of the file
// (a regular file's reads stop short of what is asked only there). It
// reports false on any error, and when the file ends before off, for the
// caller to read the file the slow way and say what is wrong.
func readTailAt(dir *os.File, name string, off int, buf []byte) ([]byte, bool) {
	fd, ok := openAt(dir, name)
	if !ok {
		return nil, false
	}
	defer syscall.Close(fd)
	if cap(buf) < minTail {
		buf = make([]byte, 0, minTail)
	}
	body := buf[:cap(buf)]
	n, err := pread(fd, body, int64(off))
	if err != nil {
		return nil, false
	}
	if n < len(body) {
		if n > 0 {
			return body[:n], true
		}
		// Nothing from off: an empty body, or a file now shorter than
		// off, which fstat tells apart.
	}
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size < int64(off) {
		return nil, false
	}
	size := int(st.Size) - off
	if n == 0 && size == 0 {
		return body[:0], true
	}
	if size < n {
		return nil, false // changed while read: the slow way
	}
	if size > len(body) {
		body = append(body, make([]byte, size-len(body))...)
	}
	body = body[:size]
	for n < size {
		m, err := pread(fd, body[n:], int64(off+n))
		if err != nil || m == 0 { // shorter than its size said: read it again the slow way
			return nil, false
		}
		n += m
	}
	return body, true
}

// pread reads from the file fd at off into b, again when interrupted.
func pread(fd int, b []byte, off int64) (int, error) {
	for {
		n, err := syscall.Pread(fd, b, off)
		if err != syscall.EINTR {
			return n, err
		}
	}
}

// statAt tells the size and modification time of the regular file name
// of the folder dir; false on any error, or if it is not a regular file
// (a link among them).
func statAt(dir *os.File, name string) (fs.FileInfo, bool) {
	sc, err := dir.SyscallConn()
	if err != nil {
		return nil, false
	}
	var st unix.Stat_t
	sc.Control(func(dirfd uintptr) {
		err = fstatat(int(dirfd), name, &st)
	})
	if err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, false
	}
	return newFileInfo(name, &st), true
}

func fstatat(dirfd int, name string, st *unix.Stat_t) error {
	for {
		err := unix.Fstatat(dirfd, name, st, unix.AT_SYMLINK_NOFOLLOW)
		if err != unix.EINTR {
			return err
		}
	}
}

func newFileInfo(name string, st *unix.Stat_t) fileInfo {
	return fileInfo{name: name, size: st.Size, mode: fs.FileMode(st.Mode & 0o777),
		mod: time.Unix(int64(st.Mtim.Sec), int64(st.Mtim.Nsec))}
}

// fileInfo is what readAt and statAt learnt of a file.
type fileInfo struct {
	name string
	size int64
	mode fs.FileMode
	mod  time.Time
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return i.mode }
func (i fileInfo) ModTime() time.Time { return i.mod }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }

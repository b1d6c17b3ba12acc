package site

import (
	"io/fs"
)

// ReadFile reads the file p of fsys, refusing one that is not a regular
// file: a named pipe (FIFO) would make the read wait for a writer for
// ever, a device would be read without end. It looks at the file's type
// first, following a symbolic link, as opening it would. Every reader of a
// site's sources reads through it (or ReadSource, which does the same).
func ReadFile(fsys fs.FS, p string) ([]byte, error) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, err
	}
	if err := regular(p, info); err != nil {
		return nil, err
	}
	return fs.ReadFile(fsys, p)
}

// regular refuses the file p that info describes when it is not a regular
// file.
func regular(p string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	return &fs.PathError{Op: "read", Path: p, Err: notRegularError{info.Mode().Type()}}
}

// notRegularError says what a file that is not a regular file is.
type notRegularError struct{ mode fs.FileMode }

func (e notRegularError) Error() string {
	zh, kind := "不是普通文件", "not a regular file"
	switch {
	case e.mode&fs.ModeNamedPipe != 0:
		zh, kind = "这是命名管道 (FIFO), 不是普通文件", "a named pipe (FIFO), not a regular file"
	case e.mode&fs.ModeSocket != 0:
		zh, kind = "这是套接字, 不是普通文件", "a socket, not a regular file"
	case e.mode&fs.ModeDevice != 0:
		zh, kind = "这是设备, 不是普通文件", "a device, not a regular file"
	case e.mode.IsDir():
		zh, kind = "这是文件夹, 不是文件", "a folder, not a file"
	}
	return zh + ", 未读取, 请换成普通文本文件; it is " + kind + ", and was not opened: replace it with an ordinary text file"
}

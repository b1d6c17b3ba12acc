package output

import (
	"io"
	"io/fs"
	"syscall"
)

// writeNew writes a file that must not exist yet: open, write, close. An
// os.File would also make it non-blocking and offer it to the network
// poller, five more system calls for each of a build's tens of thousands
// of files.
func writeNew(full string, data []byte) error {
	fd, err := open(full)
	if err != nil {
		return &fs.PathError{Op: "open", Path: full, Err: err}
	}
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
	if err != nil {
		return &fs.PathError{Op: "write", Path: full, Err: err}
	}
	return nil
}

func open(full string) (int, error) {
	for {
		fd, err := syscall.Open(full, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

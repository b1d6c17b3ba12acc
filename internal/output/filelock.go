package output

import (
	"errors"
	"os"
)

// ErrLocked is LockFile's error when it was to take a lock exclusively
// and another holder has it.
var ErrLocked = errors.New("另一进程正持有此锁; another process holds the lock")

// LockFile opens the file name, creating it if need be, and takes its
// lock: shared, waiting while another holds it exclusively; or exclusive,
// without waiting, failing with ErrLocked while anyone else holds it. It is
// an advisory lock between processes (flock; LockFileEx on Windows), which
// the system lets go when the returned file is closed or the process ends,
// however it ends. Where the system has no such lock it fails with
// errors.ErrUnsupported (see FileLocks).
func LockFile(name string, exclusive bool) (*os.File, error) {
	if !FileLocks {
		return nil, errors.ErrUnsupported
	}
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f, exclusive); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

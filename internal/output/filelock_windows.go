//go:build windows

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// FileLocks says whether LockFile can take locks here.
const FileLocks = true

// lockFile locks f's first byte with LockFileEx, shared and waiting, or
// exclusive and not.
func lockFile(f *os.File, exclusive bool) error {
	var flags uint32
	if exclusive {
		flags = windows.LOCKFILE_EXCLUSIVE_LOCK | windows.LOCKFILE_FAIL_IMMEDIATELY
	}
	err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, new(windows.Overlapped))
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return ErrLocked
	}
	return err
}

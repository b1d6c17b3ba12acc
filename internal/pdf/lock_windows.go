//go:build windows

package pdf

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockFile takes the lock of the open file f: shared, waiting for an
// exclusive holder to let go; or exclusive, without waiting, failing when
// anyone holds it. The system lets it go when f is closed or the process
// ends.
func lockFile(f *os.File, exclusive bool) error {
	var flags uint32
	if exclusive {
		flags = windows.LOCKFILE_EXCLUSIVE_LOCK | windows.LOCKFILE_FAIL_IMMEDIATELY
	}
	return windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, new(windows.Overlapped))
}

// lockable says whether lockFile can take locks here.
const lockable = true

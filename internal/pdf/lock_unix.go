//go:build unix

package pdf

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockFile takes the lock of the open file f: shared, waiting for an
// exclusive holder to let go; or exclusive, without waiting, failing when
// anyone holds it. It is an advisory lock (flock) that the system lets go
// when f is closed or the process ends, however it ends.
func lockFile(f *os.File, exclusive bool) error {
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX | unix.LOCK_NB
	}
	return unix.Flock(int(f.Fd()), how)
}

// lockable says whether lockFile can take locks here.
const lockable = true

//go:build unix

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// FileLocks says whether LockFile can take locks here.
const FileLocks = true

// lockFile takes the flock of f, shared and waiting, or exclusive and not.
func lockFile(f *os.File, exclusive bool) error {
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX | unix.LOCK_NB
	}
	err := unix.Flock(int(f.Fd()), how)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return ErrLocked
	}
	return err
}

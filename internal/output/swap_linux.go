package output

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the folder staging in place of dir in one atomic step
// (renameat2 with RENAME_EXCHANGE), so dir never disappears, not even for
// an instant. It returns the path now holding the old output, or "" when
// there was none.
func swap(staging, dir string) (string, error) {
	err := unix.Renameat2(unix.AT_FDCWD, staging, unix.AT_FDCWD, dir, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return staging, nil
	case errors.Is(err, fs.ErrNotExist):
		return "", os.Rename(staging, dir)
	case errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS):
		return swapByRename(staging, dir) // a file system without exchange
	}
	return "", err
}

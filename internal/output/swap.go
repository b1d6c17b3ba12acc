package output

import (
	"errors"
	"io/fs"
	"os"
)

// swapByRename replaces dir with staging in two renames: dir moves aside,
// then staging takes its name. If the second rename fails, the first is
// undone.
func swapByRename(staging, dir string) (string, error) {
	old := staging + ".old"
	if err := os.Rename(dir, old); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", os.Rename(staging, dir)
		}
		return "", err
	}
	if err := os.Rename(staging, dir); err != nil {
		return "", errors.Join(err, os.Rename(old, dir))
	}
	return old, nil
}

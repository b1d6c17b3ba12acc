//go:build unix

package output

import (
	"errors"
	"os"
)

// syncDir syncs the folder dir inside root to disk, so that a rename in it
// survives a crash.
func syncDir(root *os.Root, dir string) error {
	d, err := root.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}

//go:build !unix && !windows

package output

import (
	"errors"
	"os"
)

// FileLocks says whether LockFile can take locks here: not without flock
// or LockFileEx.
const FileLocks = false

func lockFile(*os.File, bool) error { return errors.ErrUnsupported }

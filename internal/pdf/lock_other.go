//go:build !unix && !windows

package pdf

import (
	"errors"
	"os"
)

// lockFile takes no lock where the system has none: the cache is then
// never pruned, since nothing tells whether another build reads it.
func lockFile(*os.File, bool) error { return errors.ErrUnsupported }

// lockable says whether lockFile can take locks here.
const lockable = false

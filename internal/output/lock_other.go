//go:build !unix

package output

import "os"

// lockDir never takes a lock where there is no flock: the folders of
// builds that did not finish are then never taken for leftovers.
func lockDir(string) *os.File { return nil }

// lockable says whether lockDir can take locks here.
const lockable = false

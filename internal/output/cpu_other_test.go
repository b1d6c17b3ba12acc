//go:build !unix

package output

import "time"

// cpuTime is 0 where the process's processor time is not read.
func cpuTime() time.Duration { return 0 }

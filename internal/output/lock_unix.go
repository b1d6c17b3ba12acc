//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockDir takes the lock of the folder dir, without waiting: an advisory
// lock (flock) that the system lets go when the process ends, however it
// ends. It returns the open folder holding the lock, which closing lets go;
// nil when another process holds it or it cannot be taken.
func lockDir(dir string) *os.File {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	if unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) != nil {
		f.Close()
		return nil
	}
	return f
}

// lockable says whether lockDir can take locks here.
const lockable = true

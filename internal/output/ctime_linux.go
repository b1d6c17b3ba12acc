package output

import (
	"io/fs"
	"syscall"
	"time"
)

// changeTime is the time the file info describes last changed in any way:
// its contents, its mode, its links. Unlike its modification time, no
// user can set it back.
func changeTime(info fs.FileInfo) time.Time {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return time.Unix(int64(st.Ctim.Sec), int64(st.Ctim.Nsec))
	}
	return info.ModTime()
}

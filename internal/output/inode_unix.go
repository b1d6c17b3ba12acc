//go:build unix

package output

import (
	"io/fs"
	"syscall"
)

// inode is the inode number of the file info describes.
func inode(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}

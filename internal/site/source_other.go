//go:build !linux

package site

import (
	"io/fs"
	"os"
)

// readTailAt leaves every file to the os.Root where there is no openat.
func readTailAt(*os.File, string, int, []byte) ([]byte, bool) { return nil, false }

// readAt leaves every file to the os.Root where there is no openat.
func readAt(*os.File, string, []byte) ([]byte, fs.FileInfo, bool) { return nil, nil, false }

// statAt leaves every file to the os.Root where there is no fstatat.
func statAt(*os.File, string) (fs.FileInfo, bool) { return nil, false }

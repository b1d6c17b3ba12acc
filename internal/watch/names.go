package watch

import (
	"path"
	"strconv"
	"strings"
)

// Ignored reports whether the file named name (a base name) is one that
// editors write beside the file being saved and remove again: backups,
// swap and lock files, the temporary files of atomic saves. A change to one
// of them is not a change to the site. Hidden files are ignored too: the
// build does not read them.
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."): // .x.md.swp, .#x.md (Emacs), .goutputstream-* (GNOME), .DS_Store
		return true
	case strings.HasSuffix(name, "~"): // x.md~ (Vim, Emacs, gedit backups)
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // #x.md# (Emacs auto-save)
		return true
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"): // JetBrains
		return true
	case vimTestFile(name):
		return true
	}
	switch path.Ext(name) {
	case ".swp", ".swo", ".swn", ".swx", ".swpx", ".kate-swp", ".crswap":
		return true
	}
	return false
}

// vimTestFile reports whether name is the file Vim writes to check that it
// may create files in a folder: 4913, or 4913 plus a multiple of 123 when
// that name is taken.
func vimTestFile(name string) bool {
	n, err := strconv.Atoi(name)
	return err == nil && n >= 4913 && (n-4913)%123 == 0 && strconv.Itoa(n) == name
}

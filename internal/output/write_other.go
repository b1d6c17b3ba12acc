//go:build !linux

package output

import (
	"errors"
	"os"
	"path/filepath"
)

// stage makes the folders and files of the staging folder, by whole paths
// (on Linux, by descriptor: write_linux.go).
type stage struct {
	path string // the staging folder
}

// openStage opens the staging folder at dir for writing into.
func openStage(dir string) *stage { return &stage{path: dir} }

// close does nothing: no folder is held open.
func (s *stage) close() {}

// full is the whole path of the entry name of the folder dir (slash,
// below the staging folder; name may be "").
func (s *stage) full(dir, name string) string {
	return filepath.Join(s.path, filepath.FromSlash(dir), name)
}

// mkdir makes the folder dir (slash, below the staging folder, not "."),
// and those above it that are missing.
func (s *stage) mkdir(dir string) error {
	full := s.full(dir, "")
	// Most often its parent is there and it is not: one call.
	if os.Mkdir(full, 0o755) == nil {
		return nil
	}
	return os.MkdirAll(full, 0o755)
}

// writeNew writes the file name, which must not exist yet, in the folder
// dir (slash, below the staging folder).
func (s *stage) writeNew(dir, name string, data []byte) error {
	return writeNew(s.full(dir, name), data)
}

// create makes the file name, which must not exist yet, in the folder dir
// (slash, below the staging folder), for writing.
func (s *stage) create(dir, name string) (*os.File, error) {
	return os.OpenFile(s.full(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// remove removes the file name of the folder dir (slash, below the
// staging folder).
func (s *stage) remove(dir, name string) error { return os.Remove(s.full(dir, name)) }

// writeNew writes a file that must not exist yet.
func writeNew(full string, data []byte) error {
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

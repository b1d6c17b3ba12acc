package output

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// NewFileMode is the mode of a file that WriteFile or CreateFile makes
// where none was: readable by all, as a web server or an archivist needs.
// A file replaced keeps its own mode.
const NewFileMode fs.FileMode = 0o644

// WriteFile writes data to the file name, making its folder when missing,
// so that name holds either its old bytes or all of data, even across a
// crash: data goes to a temporary file beside name, which is synced to
// disk, renamed over name, and the folder synced. A file that was there
// keeps its mode; a new one gets NewFileMode. On failure name is left as
// it was and the temporary file is removed. Every command that writes a
// single file (new, import, check --fix, the seal record, the bundle, PDF,
// the build record) writes it through WriteFile, CreateFile or their In
// forms.
//
// When name is a symbolic link, the file it leads to is replaced, and the
// link kept.
func WriteFile(name string, data []byte) error {
	target := name
	if real, err := filepath.EvalSymlinks(name); err == nil {
		target = real
	}
	err := inParent(target, func(root *os.Root, base string) error { return WriteFileIn(root, base, data) })
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = name // the name the caller knows
	}
	return err
}

// WriteCache is WriteFile without syncing, for a file whose loss in a
// crash costs only time, such as the build record: a reader still sees
// its old bytes or all of data, never part of it, but the two syncs, tens
// of milliseconds on a real disk, are spared to every build.
func WriteCache(name string, data []byte) error {
	return inParent(name, func(root *os.Root, base string) error {
		return writeIn(root, base, data, how{}, createTemp)
	})
}

// CreateFile is WriteFile for a file that must not exist yet: when name
// exists it fails with an error matching fs.ErrExist and leaves the file
// as it is, even when another process makes it meanwhile.
func CreateFile(name string, data []byte) error {
	return inParent(name, func(root *os.Root, base string) error { return CreateFileIn(root, base, data) })
}

// WriteFileIn is WriteFile for the file name (slash-separated) inside
// root: a name that leads out of root is refused. When name is a symbolic
// link, the file it leads to inside root is replaced and the link kept; a
// link that leads out of root, or is absolute, is refused.
func WriteFileIn(root *os.Root, name string, data []byte) error {
	real, err := resolveIn(root, name)
	if err != nil {
		return wrap(name, err)
	}
	return writeIn(root, real, data, how{durable: true}, createTemp)
}

// maxLinks is how many symbolic links resolveIn follows for one name, as
// the kernel's limit.
const maxLinks = 40

// resolveIn returns the path inside root of the file name leads to, with
// every symbolic link on the way followed as the system would follow it
// (a ".." after a linked folder goes up from the folder it leads to), so
// that the file is replaced where it is rather than the link. Components
// that do not exist yet are kept as they are.
func resolveIn(root *os.Root, name string) (string, error) {
	todo := strings.Split(name, "/")
	real := "." // free of links
	via := ""   // the last link followed, for the message
	for hops := 0; len(todo) > 0; {
		part := todo[0]
		todo = todo[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if real == "." && via != "" {
				return "", fmt.Errorf("%s leads out of the site folder: not written; copy the file it leads to into the site (链接指向网站文件夹之外, 未写入)", via)
			}
			if real == "." {
				return "", errors.New("the path leads out of the folder")
			}
			real = path.Dir(real)
			continue
		}
		next := path.Join(real, part)
		info, err := root.Lstat(next)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			real = next
			continue
		}
		target, err := root.Readlink(next)
		if err != nil {
			return "", err
		}
		if hops++; hops > maxLinks {
			return "", errors.New("too many levels of symbolic links")
		}
		if filepath.IsAbs(target) || strings.HasPrefix(target, `\`) {
			return "", fmt.Errorf("%s is a link to %s, an absolute path: not written; make it a relative link inside the site folder (链接使用了绝对路径, 未写入)", next, target)
		}
		via = next + " (a link to " + target + ")"
		todo = append(strings.Split(filepath.ToSlash(target), "/"), todo...)
	}
	return real, nil
}

// CreateFileIn is CreateFile for the file name inside root.
func CreateFileIn(root *os.Root, name string, data []byte) error {
	return writeIn(root, name, data, how{exclusive: true, durable: true}, createTemp)
}

// inParent makes the folder of name and calls write with it opened as a
// root and the base name of name.
func inParent(name string, write func(*os.Root, string) error) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	err = write(root, filepath.Base(name))
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = name // the whole name, not the one inside root
	}
	return err
}

// tempFile is what writeIn needs of the temporary file: an *os.File, or
// in a test one that fails on demand.
type tempFile interface {
	io.Writer
	Chmod(fs.FileMode) error
	Sync() error
	Close() error
}

// how says how writeIn writes a file.
type how struct {
	exclusive bool // only where no file of that name exists
	durable   bool // synced to disk, the file and its folder
}

// writeIn writes data to name inside root through a temporary file made by
// create.
func writeIn(root *os.Root, name string, data []byte, h how, create func(*os.Root, string) (tempFile, string, error)) error {
	mode, err := modeFor(root, name, h.exclusive)
	if err != nil {
		return wrap(name, err)
	}
	dir := path.Dir(name)
	if err := root.MkdirAll(dir, 0o755); err != nil {
		return wrap(name, err)
	}
	f, tmp, err := create(root, name)
	if err != nil {
		return wrap(name, err)
	}
	_, err = f.Write(data)
	// Chmod on the open file sets the mode exactly, whatever the umask.
	err = errors.Join(err, f.Chmod(mode))
	if err == nil && h.durable {
		err = f.Sync()
	}
	err = errors.Join(err, f.Close())
	if err == nil {
		err = place(root, tmp, name, h.exclusive)
	}
	if err != nil {
		_ = root.Remove(tmp)
		return wrap(name, err)
	}
	if !h.durable {
		return nil
	}
	return wrap(name, syncDir(root, dir))
}

// modeFor is the mode name is to have: its own when it exists (an error
// when exclusive), NewFileMode when it does not.
func modeFor(root *os.Root, name string, exclusive bool) (fs.FileMode, error) {
	info, err := root.Stat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return NewFileMode, nil
	case err != nil:
		return 0, err
	case exclusive:
		return 0, fs.ErrExist
	case !info.Mode().IsRegular():
		return 0, errors.New("不是普通文件; not a regular file")
	}
	return info.Mode().Perm(), nil
}

// place puts the written temporary file tmp at name: renamed over it, or
// with exclusive linked there, which fails where name exists.
func place(root *os.Root, tmp, name string, exclusive bool) error {
	if !exclusive {
		return root.Rename(tmp, name)
	}
	err := root.Link(tmp, name)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return errors.Join(err, root.Remove(tmp))
	}
	// A file system without hard links: a rename, checked just before.
	if _, err := root.Lstat(name); !errors.Is(err, fs.ErrNotExist) {
		return errors.Join(fs.ErrExist, err)
	}
	return root.Rename(tmp, name)
}

// createTemp makes a new file beside name, hidden, named after it, open
// for writing by its owner only until writeIn sets its mode.
func createTemp(root *os.Root, name string) (tempFile, string, error) {
	for range 10 {
		var suffix [6]byte
		_, _ = rand.Read(suffix[:])
		tmp := path.Join(path.Dir(name), "."+path.Base(name)+".tmp-"+hex.EncodeToString(suffix[:]))
		f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			return f, tmp, err
		}
	}
	return nil, "", fmt.Errorf("无法在 %[1]s 旁创建临时文件; cannot make a temporary file beside %[1]s", name)
}

// wrap says that writing name failed, and why: the cause of err without
// the names of the temporary file or of the root that it may carry.
func wrap(name string, err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe) && pe == err:
		err = pe.Err
	case errors.As(err, &le) && le == err:
		err = le.Err
	}
	return &fs.PathError{Op: "write", Path: name, Err: err}
}

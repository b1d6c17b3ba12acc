// Package output is the last step of the build pipeline (load → render →
// write) and the only one that touches the disk. It writes a new site into
// a temporary folder beside the output folder and, only when every file is
// written, swaps it in for the old one, so a failed build leaves what was
// published untouched and a reader never sees half a site.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Marker is the file that marks a folder as disclose's output. The build
// replaces only a folder that is empty or holds this file, so a mistyped
// --out can never wipe a folder of the user's.
const Marker = ".disclose-output"

const markerText = "This folder is written by disclose build and replaced whole at every build. Do not edit it.\n"

// Writer writes the files of one build into a staging folder.
type Writer struct {
	dir     string // the output folder
	staging string
	made    sync.Map // folders of the staging folder already made
}

// Begin checks that dir may be replaced and creates the staging folder
// beside it.
func Begin(dir string) (*Writer, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := replaceable(dir); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return nil, errors.Join(err, os.RemoveAll(staging))
	}
	w := &Writer{dir: dir, staging: staging}
	return w, w.Write(Marker, []byte(markerText))
}

// replaceable refuses an output folder that holds anything but a previous
// build.
func replaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
		return fmt.Errorf("%s is not empty and was not written by disclose build; refusing to replace it: choose another --out, or empty the folder first (输出文件夹非空且不是 disclose 生成的, 为防止误删, 拒绝覆盖)", dir)
	}
	return nil
}

// Write writes one file, path being slash-separated below the output
// folder. It refuses a path that would leave the folder.
func (w *Writer) Write(path string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(path)) || strings.Contains(path, `\`) {
		return fmt.Errorf("output path %q would leave the output folder", path)
	}
	full := filepath.Join(w.staging, filepath.FromSlash(path))
	if err := w.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

// mkdir makes a folder of the staging folder, once: a site has a folder
// per notice, and asking the file system again for each file costs time.
func (w *Writer) mkdir(dir string) error {
	if _, done := w.made.Load(dir); done {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	w.made.Store(dir, true)
	return nil
}

// Dir is the output folder the writer will replace.
func (w *Writer) Dir() string { return w.dir }

// Link puts the file path of the current output folder into the new one
// as a hard link: an unchanged page is carried over without being written
// again. It falls back to a copy where the file system has no hard links.
func (w *Writer) Link(path string) error {
	if !filepath.IsLocal(filepath.FromSlash(path)) {
		return fmt.Errorf("output path %q would leave the output folder", path)
	}
	old := filepath.Join(w.dir, filepath.FromSlash(path))
	full := filepath.Join(w.staging, filepath.FromSlash(path))
	if err := w.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	if err := os.Link(old, full); err == nil {
		return nil
	}
	data, err := os.ReadFile(old)
	if err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

// Remove removes a file written or linked into the new output.
func (w *Writer) Remove(path string) error {
	return os.Remove(filepath.Join(w.staging, filepath.FromSlash(path)))
}

// Commit swaps the staging folder in for the output folder, and removes the
// old output.
func (w *Writer) Commit() error {
	old, err := swap(w.staging, w.dir)
	if err != nil {
		return errors.Join(err, w.Abort())
	}
	if old != "" {
		return removeAll(old)
	}
	return nil
}

// removeAll removes the folder dir, its top-level entries on GOMAXPROCS
// goroutines: the old output of a large site has tens of thousands of files.
func removeAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	next := make(chan string)
	errs := make([]error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range errs {
		wg.Go(func() {
			for name := range next {
				errs[i] = errors.Join(errs[i], os.RemoveAll(filepath.Join(dir, name)))
			}
		})
	}
	for _, e := range entries {
		next <- e.Name()
	}
	close(next)
	wg.Wait()
	return errors.Join(append(errs, os.RemoveAll(dir))...)
}

// Abort removes the staging folder, leaving the output folder as it was.
func (w *Writer) Abort() error { return os.RemoveAll(w.staging) }

// Package output is the last step of the build pipeline (load → render →
// write) and the only one that touches the disk. It writes a new site into
// a temporary folder beside the output folder and, only when every file is
// written, swaps it in for the old one, so a failed build leaves what was
// published untouched and a reader never sees half a site. The old output
// is then kept beside the new one, hidden, as the spare that the next build
// writes into instead of a new folder (spare.go).
package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	slashpath "path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"disclose/internal/pool"
)

// Marker is the file that marks a folder as disclose's output. The build
// replaces only a folder that is empty or holds this file, so a mistyped
// --out can never wipe a folder of the user's.
const Marker = ".disclose-output"

const markerText = "This folder is written by disclose build and replaced whole at every build. Do not edit it.\n" +
	"disclose keeps the build before this one beside it, in a hidden folder named after it (.public.previous for public),\n" +
	"to make the next build faster: its files are mostly hard links to these. Deleting it is safe.\n" +
	"本文件夹由 disclose build 生成, 每次构建整体替换, 请勿手动修改。上一次构建的结果保存在旁边的隐藏文件夹中\n" +
	"(如 public 旁的 .public.previous), 用于加快下次构建, 可随时删除。\n"

// Writer writes the files of one build into a staging folder: a new one,
// or the spare (spare.go) when the last build left one that may be reused.
type Writer struct {
	dir     string // the output folder
	staging string
	st      *stage // makes the staging folder's folders and files
	// made holds folders of the staging folder made lately, slash paths
	// below it, at most madeAtMost (see mkdir), guarded by madeMu.
	made   map[string]struct{}
	madeMu sync.Mutex

	// When the staging folder is a reused spare: the files it held, the
	// folders whose files may not be kept as they are, and what this build
	// put in it (written, linked or kept), guarded by mu. Files it held
	// and this build did not put in it are removed at Commit.
	held    map[string]bool
	suspect map[string]bool
	mu      sync.Mutex
	put     map[string]struct{}

	lock *os.File // holds the staging folder's lock (leftover.go) until Commit or Abort

	// The times of the markers of the output folder and of the reused
	// spare: what Link and Keep carry over must be older (see intact).
	live, since time.Time
}

// Begin checks that dir may be replaced and creates the staging folder
// beside it. When spare describes the spare folder the last build left
// beside dir, and the folder there is that one, it becomes the staging
// folder (see Reused); otherwise a new one is made.
func Begin(dir string, spare *Spare) (*Writer, error) {
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
	clearLeftovers(dir)
	w := &Writer{dir: dir, put: map[string]struct{}{}, made: map[string]struct{}{}}
	if info, err := os.Lstat(filepath.Join(dir, Marker)); err == nil {
		w.live = info.ModTime()
	}
	if w.claim(spare) == "" {
		staging, err := os.MkdirTemp(parent, stagingPrefix(dir))
		if err != nil {
			return nil, fmt.Errorf("%w: the build writes the new site beside %s and swaps it in, so %s must be writable (构建需要在输出文件夹旁写入新网站, 该文件夹必须可写)", err, dir, parent)
		}
		w.staging, w.lock = staging, lockDir(staging)
		if err := os.Chmod(staging, 0o755); err != nil {
			return nil, errors.Join(err, w.Abort())
		}
	}
	w.st = openStage(w.staging)
	return w, nil
}

// Check says whether dir may be replaced, as Begin does first.
func Check(dir string) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	return replaceable(dir)
}

// Resolve returns the folder a build into dir replaces. When dir is a
// symbolic link (public -> /srv/www, as deployments often have it), that is
// the folder the link leads to: the build is made beside it and swapped in
// for it, its spare kept beside it, and the link is left as it is. A link
// that leads nowhere is refused: the folder it names may be a mount that
// is missing, and a folder made in its place would not be published.
func Resolve(dir string) (string, error) {
	info, err := os.Lstat(dir)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return dir, nil
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		target, _ := os.Readlink(dir)
		return "", fmt.Errorf("输出文件夹 %[1]s 是指向 %[2]s 的链接, 但无法访问 (%[3]v): 请先创建链接指向的文件夹, 或另给 --out; the output folder %[1]s is a link to %[2]s, which cannot be followed: make the folder it leads to, or give another --out", dir, target, errors.Unwrap(err))
	}
	return real, nil
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
		return fmt.Errorf("输出文件夹 %[1]s 非空且不是 disclose 生成的, 为防止误删, 拒绝覆盖: 请用 --out 另选, 或先清空它; %[1]s is not empty and was not written by disclose build; refusing to replace it: choose another --out, or empty the folder first", dir)
	}
	return nil
}

// Write writes one file, path being slash-separated below the output
// folder. It refuses a path that would leave the folder. A file already
// there is unlinked first, never written through: in a reused spare it may
// be a hard link to a page of the live output.
func (w *Writer) Write(path string, data []byte) error {
	dir, name, err := w.place(path)
	if err != nil {
		return err
	}
	return w.create(path, dir, name, func() error { return w.st.writeNew(dir, name, data) })
}

// WriteFrom writes one file as Write does, its bytes written by write to
// the writer it is handed, piece by piece: for a file too large to hold
// whole in memory.
func (w *Writer) WriteFrom(path string, write func(io.Writer) error) error {
	dir, name, err := w.place(path)
	if err != nil {
		return err
	}
	return w.create(path, dir, name, func() error {
		f, err := w.st.create(dir, name)
		if err != nil {
			return err
		}
		return errors.Join(write(f), f.Close())
	})
}

// place checks path and makes its folder in the staging folder. It
// returns the folder, slash-separated below the staging folder ("." for
// the staging folder itself), and the file's name in it.
func (w *Writer) place(path string) (dir, name string, err error) {
	if !filepath.IsLocal(filepath.FromSlash(path)) || strings.Contains(path, `\`) {
		return "", "", fmt.Errorf("输出路径 %[1]q 会超出输出文件夹; output path %[1]q would leave the output folder", path)
	}
	dir, name = splitPath(path)
	return dir, name, w.mkdir(dir)
}

// splitPath splits the local slash-separated path p into its folder ("."
// when it has none) and its last element.
func splitPath(p string) (dir, name string) {
	p = slashpath.Clean(p)
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ".", p
	}
	return p[:i], p[i+1:]
}

// create makes the file path (name in the folder dir) with mk, which
// fails if the file exists: one the staging folder held is unlinked
// first, and one it was not known to hold is unlinked when make finds it.
func (w *Writer) create(path, dir, name string, mk func() error) error {
	if w.held[path] {
		w.st.remove(dir, name)
	}
	err := mk()
	if errors.Is(err, fs.ErrExist) {
		if err = w.st.remove(dir, name); err == nil {
			err = mk()
		}
	}
	if err == nil {
		w.mu.Lock()
		w.put[path] = struct{}{}
		w.mu.Unlock()
	}
	return err
}

// mkdir makes a folder of the staging folder (slash-separated below it),
// once: a site has a folder per notice, and asking the file system again
// for each file costs time. Only the folders made lately are remembered
// (madeAtMost): a notice's files are written one after the other, and a
// set of every folder would hold a path a notice (some 50 bytes; 5 MB at
// 100,000 notices) to the end of the build. A folder made earlier is
// found there by the file system: a call more.
func (w *Writer) mkdir(dir string) error {
	if dir == "." {
		return nil
	}
	w.madeMu.Lock()
	_, done := w.made[dir]
	w.madeMu.Unlock()
	if done {
		return nil
	}
	if err := w.st.mkdir(dir); err != nil {
		return err
	}
	w.madeMu.Lock()
	if len(w.made) >= madeAtMost {
		clear(w.made)
	}
	w.made[dir] = struct{}{}
	w.madeMu.Unlock()
	return nil
}

// madeAtMost is how many folders mkdir remembers.
const madeAtMost = 1024

// ErrChanged is the error of Link and Keep when the file to carry over
// was changed after the build that wrote it: the caller writes it anew.
var ErrChanged = errors.New("changed since the build that wrote it")

// Link puts the file path of the current output folder into the new one
// as a hard link: an unchanged page is carried over without being written
// again. It falls back to a copy where the file system has no hard links.
// It fails with ErrChanged when the file is not as its build left it.
func (w *Writer) Link(path string) error {
	dir, name, err := w.place(path)
	if err != nil {
		return err
	}
	old := filepath.Join(w.dir, filepath.FromSlash(path))
	if !intact(old, w.live, w.live) {
		return &fs.PathError{Op: "link", Path: old, Err: ErrChanged}
	}
	full := w.st.full(dir, name)
	err = w.create(path, dir, name, func() error { return os.Link(old, full) })
	if err == nil {
		return nil
	}
	data, err := os.ReadFile(old)
	if err != nil {
		return err
	}
	return w.Write(path, data)
}

// Keep keeps the file path the reused spare holds as it is: the caller
// knows it is the same as in the current output folder. It costs one
// look at the file, but where the spare's folder was changed since, or the
// staging folder is not a spare: the file is then linked from the current
// output. It fails with ErrChanged when the file is not as its build left
// it.
func (w *Writer) Keep(path string) error {
	full, ok := w.spareFile(path)
	if !ok {
		return w.Link(path)
	}
	if !intact(full, w.since, w.live) {
		return &fs.PathError{Op: "keep", Path: full, Err: ErrChanged}
	}
	w.kept(path)
	return nil
}

// spareFile returns where the file path lies in the staging folder, when
// that folder is the reused spare and holds it, and the file's folder was
// not changed since the spare's build.
func (w *Writer) spareFile(path string) (string, bool) {
	if !w.held[path] || w.suspect[filepath.Dir(filepath.FromSlash(path))] {
		return "", false
	}
	return filepath.Join(w.staging, filepath.FromSlash(path)), true
}

// kept counts the file path, left where the spare holds it, as put into
// the new output.
func (w *Writer) kept(path string) {
	w.mu.Lock()
	w.put[path] = struct{}{}
	w.mu.Unlock()
}

// KeepLinked keeps the file path the reused spare holds, as Keep does,
// when it is the current output's file itself, a hard link to it: the
// current output's build looked at that file and found it as its build
// left it, so it is not only the same bytes but the same mode. Otherwise
// it links the current output's file, as Link does. It costs two looks
// at files instead of the three calls of a link, which also move the
// file's change time.
func (w *Writer) KeepLinked(path string) error {
	full, ok := w.spareFile(path)
	if !ok {
		return w.Link(path)
	}
	held, err := os.Lstat(full)
	if err != nil || !unchanged(held, w.since, w.live) {
		return w.Link(path)
	}
	live, err := os.Lstat(filepath.Join(w.dir, filepath.FromSlash(path)))
	if err != nil || !os.SameFile(held, live) {
		return w.Link(path)
	}
	w.kept(path)
	return nil
}

// Held returns the bytes of the file path the reused spare holds, when
// it holds it as its build left it: what the build before last wrote
// there. It says false when the staging folder is not a spare, or the
// file is not one the spare is known to hold unchanged. Read it before
// this build writes the file anew.
func (w *Writer) Held(path string) ([]byte, bool) {
	full, ok := w.spareFile(path)
	if !ok || !intact(full, w.since, w.live) {
		return nil, false
	}
	data, err := os.ReadFile(full)
	return data, err == nil
}

// intact says whether the file at full, carried over from the build whose
// marker bears the time built, is as that build left it: a regular file
// neither modified after that build (an edit in place, through one of its
// hard links, in the output or in the spare) nor changed in any other way
// after the build of the live output, whose marker bears the time live (an
// edit whose modification time was set back, a change of mode). A build
// writes its marker last, so every file it writes or carries over is
// older. Both times can be as late as the marker's alone on a coarse
// clock, within the moment the marker is written.
func intact(full string, built, live time.Time) bool {
	info, err := os.Lstat(full)
	return err == nil && unchanged(info, built, live)
}

// unchanged is intact for the file info describes.
func unchanged(info fs.FileInfo, built, live time.Time) bool {
	return info.Mode().IsRegular() && !info.ModTime().After(built) && !changeTime(info).After(live)
}

// Remove removes a file written or linked into the new output.
func (w *Writer) Remove(path string) error {
	w.mu.Lock()
	delete(w.put, path)
	w.mu.Unlock()
	return os.Remove(filepath.Join(w.staging, filepath.FromSlash(path)))
}

// Files returns the files of the new output, slash-separated, in no
// particular order.
func (w *Writer) Files() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Collect(maps.Keys(w.put))
}

// Commit swaps the staging folder in for the output folder. The old output
// becomes the spare the next build reuses when keep is true and it can be
// moved beside the output; otherwise it is removed. Commit says whether it
// was kept.
func (w *Writer) Commit(keep bool) (bool, error) {
	// The marker last: its time tells the next build's inspect which
	// folders changed after this build. A folder changed in the same tick
	// of a coarse clock is taken for changed; where the file system keeps
	// fine-grained times for what was looked at (Linux 6.13 on), looking
	// at the staging folder first makes the marker's making, and so the
	// marker, take a time later than every file and folder written before.
	err := w.prune()
	if err == nil {
		_, err = os.Lstat(w.staging)
	}
	if err := errors.Join(err, w.Write(Marker, []byte(markerText))); err != nil {
		return false, errors.Join(err, w.Abort())
	}
	w.st.close()
	// The old output takes a staging name in the swap: its lock is taken
	// first, so that no other build takes it for a leftover.
	lockOld := lockDir(w.dir)
	defer func() {
		if lockOld != nil {
			lockOld.Close()
		}
	}()
	old, err := swap(w.staging, w.dir)
	if err != nil {
		return false, errors.Join(err, w.Abort())
	}
	w.unlock()
	if old == "" {
		return false, nil
	}
	if keep && os.Rename(old, sparePath(w.dir)) == nil {
		return true, nil
	}
	return false, removeAll(old)
}

// unlock lets go of the staging folder's lock.
func (w *Writer) unlock() {
	if w.lock != nil {
		w.lock.Close()
		w.lock = nil
	}
}

// removeAll removes the folder dir, its top-level entries on GOMAXPROCS
// goroutines: the old output of a large site has tens of thousands of files.
func removeAll(dir string) error {
	if info, err := os.Lstat(dir); err == nil && !info.IsDir() {
		return os.Remove(dir) // a link is removed, never followed
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	err = pool.Run(len(entries), func(i int) error { return os.RemoveAll(filepath.Join(dir, entries[i].Name())) })
	if err = errors.Join(err, os.RemoveAll(dir)); err != nil && writable(dir) {
		err = os.RemoveAll(dir) // it held read-only folders
	}
	return err
}

// writable gives the owner of the folders under dir the right to write in
// them, so that they can be removed, and says whether it changed any.
func writable(dir string) bool {
	changed := false
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil && info.Mode().Perm()&0o700 != 0o700 && os.Chmod(p, info.Mode().Perm()|0o700) == nil {
			changed = true
		}
		return nil
	})
	return changed
}

// Abort removes the staging folder, leaving the output folder as it was.
func (w *Writer) Abort() error {
	defer w.unlock()
	if w.st != nil {
		w.st.close()
	}
	return removeAll(w.staging)
}

// ChangeTime is the time the file info describes last changed in any way
// (its inode's change time where the system keeps one, else its
// modification time): a file linked again has it moved, for the tests of
// the packages that keep files in place.
func ChangeTime(info fs.FileInfo) time.Time { return changeTime(info) }

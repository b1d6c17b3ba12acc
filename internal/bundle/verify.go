package bundle

import (
	"archive/zip"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// maxManifest is the largest manifest.json Verify reads: far more than a
// year of notices needs, and a bound on what a hostile file can make it
// hold in memory.
const maxManifest = 16 << 20

// Kind is what is wrong with a file of a bundle.
type Kind string

// Kinds of problem.
const (
	Missing   Kind = "missing"  // listed in the manifest, absent from the ZIP
	Altered   Kind = "altered"  // its size or SHA-256 differs from the manifest's
	Added     Kind = "added"    // in the ZIP, not in the manifest
	Damaged   Kind = "damaged"  // cannot be read: the ZIP or the entry is broken
	Malformed Kind = "manifest" // the manifest is absent or not well formed
)

// Problem is one thing wrong with a bundle, about one file.
type Problem struct {
	Path    string // the file's path in the bundle; empty for the ZIP itself
	Kind    Kind
	Message string // in Chinese, then English after "; "
}

func (p Problem) String() string {
	name := p.Path
	if name == "" {
		name = "(归档包本身)"
	}
	return fmt.Sprintf("%s: %s [%s]", name, p.Message, p.Kind)
}

// Report is what Verify found.
type Report struct {
	Manifest       *Manifest // nil when it could not be read
	ManifestSHA256 string    // of manifest.json as stored; empty when absent
	Checked        int       // files found as the manifest says
	Problems       []Problem // sorted by path
}

// OK reports whether the bundle is intact: every file present and as the
// manifest says, no other file, and the manifest well formed.
func (r Report) OK() bool { return r.Manifest != nil && len(r.Problems) == 0 }

// Verify checks the bundle in r, of size bytes. It never fails: whatever is
// wrong, down to a file that is not a ZIP at all, is a Problem of the report.
func Verify(r io.ReaderAt, size int64) Report {
	var rep Report
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		rep.add("", Damaged, fmt.Sprintf("文件已损坏或不是 ZIP 文件; not a readable ZIP file: %v", err))
		return rep
	}
	rep.checkLocalNames(r, size, zr.File)
	entries := rep.index(zr.File)
	rep.Manifest = rep.readManifest(entries[ManifestPath])
	if rep.Manifest == nil {
		return rep.sorted()
	}
	listed := map[string]bool{ManifestPath: true}
	for _, f := range rep.Manifest.Files {
		listed[f.Path] = true
		rep.check(f, entries[f.Path])
	}
	for name := range entries {
		if !listed[name] {
			rep.add(name, Added, "清单中没有此文件, 是后来加入的; the file is not in the manifest")
		}
	}
	return rep.sorted()
}

func (r *Report) add(path string, k Kind, msg string) {
	r.Problems = append(r.Problems, Problem{Path: path, Kind: k, Message: msg})
}

func (r Report) sorted() Report {
	slices.SortFunc(r.Problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Message, b.Message))
	})
	return r
}

// index maps each file's name to its entry, and reports names that could
// not be files of a bundle and names that appear twice. Folder entries,
// which some ZIP tools add, hold nothing and are passed over.
func (r *Report) index(files []*zip.File) map[string]*zip.File {
	entries := map[string]*zip.File{}
	for _, f := range files {
		name := f.Name
		if dir, ok := strings.CutSuffix(name, "/"); ok && fs.ValidPath(dir) && f.UncompressedSize64 == 0 {
			continue
		}
		switch {
		case !fs.ValidPath(name) || strings.Contains(name, `\`):
			r.add(name, Added, "文件名不合规, 解压时可能跑出所在文件夹; a name no file of a bundle has: it may leave the folder it is unpacked in")
		case entries[name] != nil:
			r.add(name, Added, "同名文件出现两次; the ZIP holds two files of this name")
		default:
			entries[name] = f
		}
	}
	return entries
}

// readManifest reads and checks manifest.json.
func (r *Report) readManifest(f *zip.File) *Manifest {
	if f == nil {
		r.add(ManifestPath, Malformed, "缺少校验清单: 归档包不是 disclose archive 生成的, 或清单被删除了; the bundle has no manifest: it was not made by disclose archive, or the manifest was removed")
		return nil
	}
	data, err := readEntry(f, maxManifest)
	if err != nil {
		r.add(ManifestPath, Damaged, fmt.Sprintf("清单已损坏, 无法读取; cannot be read: %v", err))
		return nil
	}
	r.ManifestSHA256 = sum(data)
	m, err := parseManifest(data)
	if err != nil {
		r.add(ManifestPath, Malformed, fmt.Sprintf("清单格式有误; not well formed: %v", err))
		return nil
	}
	return m
}

// parseManifest decodes a manifest strictly, and checks what Verify relies
// on: the format, and a file list of valid, distinct paths with sizes and
// SHA-256 sums.
func parseManifest(data []byte) (*Manifest, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("清单的右花括号之后还有文字; text after the manifest's closing brace")
	}
	if m.Format != Format {
		return nil, fmt.Errorf("格式为 %[1]q, 应为 %[2]q; format is %[1]q, want %[2]q", m.Format, Format)
	}
	if len(m.Files) == 0 {
		return nil, errors.New("清单未列出任何文件; it lists no file")
	}
	seen := map[string]bool{}
	for i, f := range m.Files {
		switch {
		case !fs.ValidPath(f.Path) || f.Path == ManifestPath || strings.Contains(f.Path, `\`):
			return nil, fmt.Errorf("第 %[1]d 个文件的路径 %[2]q 不是归档包中的文件; files[%[1]d]: path %[2]q is not a file of a bundle", i, f.Path)
		case seen[f.Path]:
			return nil, fmt.Errorf("第 %[1]d 个文件 %[2]s 列出了两次; files[%[1]d]: %[2]s is listed twice", i, f.Path)
		case f.Size < 0:
			return nil, fmt.Errorf("第 %[1]d 个文件的大小 %[2]d 为负数; files[%[1]d]: size %[2]d is negative", i, f.Size)
		case !isSHA256(f.SHA256):
			return nil, fmt.Errorf("第 %[1]d 个文件的 sha256 %[2]q 不是 64 位小写十六进制数; files[%[1]d]: sha256 %[2]q is not 64 lower-case hexadecimal digits", i, f.SHA256)
		}
		seen[f.Path] = true
	}
	return &m, nil
}

func isSHA256(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == sha256.Size && s == strings.ToLower(s)
}

// check compares one listed file with its entry.
func (r *Report) check(want File, f *zip.File) {
	if f == nil {
		r.add(want.Path, Missing, "文件缺失: 清单中有, 归档包中没有; listed in the manifest, absent from the bundle")
		return
	}
	rc, err := f.Open()
	if err != nil {
		r.add(want.Path, Damaged, fmt.Sprintf("文件已损坏, 无法读取; cannot be read: %v", err))
		return
	}
	defer rc.Close()
	// Read one byte more than the manifest says, and no more: enough to
	// tell a longer file, and a bound against a ZIP that expands without end.
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(rc, want.Size+1))
	got := hex.EncodeToString(h.Sum(nil))
	switch {
	case err != nil:
		r.add(want.Path, Damaged, fmt.Sprintf("文件已损坏, 无法读取; cannot be read: %v", err))
	case n != want.Size:
		r.add(want.Path, Altered, fmt.Sprintf("文件大小与清单不符, 已被改动: %[1]s 字节, 应为 %[2]d; size differs from the manifest: got %[1]s bytes, want %[2]d", sizeOf(n, want.Size), want.Size))
	case got != want.SHA256:
		r.add(want.Path, Altered, fmt.Sprintf("文件内容与清单不符, 已被改动: SHA-256 为 %[1]s, 应为 %[2]s; SHA-256 differs from the manifest: got %[1]s, want %[2]s", got, want.SHA256))
	default:
		r.Checked++
	}
}

func sizeOf(n, want int64) string {
	if n > want {
		return fmt.Sprintf("more than %d", want)
	}
	return fmt.Sprint(n)
}

// readEntry reads a whole entry of at most limit bytes.
func readEntry(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err == nil && int64(len(data)) > limit {
		err = fmt.Errorf("超过 %[1]d 字节; larger than %[1]d bytes", limit)
	}
	return data, err
}

package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
)

// Format names the layout of a bundle and of its manifest; Verify accepts
// only this one.
const Format = "disclose-archive/1"

// ManifestPath is where the manifest sits in a bundle; it lists every other
// file.
const ManifestPath = "manifest.json"

// Manifest is manifest.json: what the bundle holds and how to check it.
type Manifest struct {
	Format        string    `json:"format"`
	Title         string    `json:"title"` // the site's
	Site          string    `json:"site"`  // its base URL
	Year          int       `json:"year"`
	Version       int       `json:"version"`   // 1, then 2, 3… for re-issues
	Generator     string    `json:"generator"` // disclose's version, and Go's
	SourcesSHA256 string    `json:"sources_sha256"`
	Previous      *Previous `json:"previous"` // the version this one re-issues; null for version 1
	Notices       []Notice  `json:"notices"`
	Files         []File    `json:"files"` // sorted by path; manifest.json itself is not listed
}

// Previous names the version a re-issue replaces, so that versions form a
// chain: each manifest holds the hash of the one before.
type Previous struct {
	Version        int    `json:"version"`
	Sealed         string `json:"sealed"` // 2025-01-10
	File           string `json:"file"`
	SHA256         string `json:"sha256"`          // of its ZIP file
	ManifestSHA256 string `json:"manifest_sha256"` // of its manifest.json
}

// Notice is one notice in the bundle.
type Notice struct {
	Title       string `json:"title"`
	Date        string `json:"date"`   // publication time, RFC 3339, or the day (2024-07-26) of a notice that gives no time
	Page        string `json:"page"`   // site/2024/slug/index.html
	Source      string `json:"source"` // sources/content/2024/slug.md
	Corrections int    `json:"corrections"`
}

// File is one file of the bundle: its path (slash-separated), size in
// bytes and SHA-256.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// fileOf describes data stored at path.
func fileOf(path string, data []byte) File {
	return File{Path: path, Size: int64(len(data)), SHA256: sum(data)}
}

func sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// sourcesSum is the SHA-256 of the text that lists each source file as
// "<sha256>  <path>\n", sorted by path: the form sha256sum prints, so that
// it can be recomputed by hand. It depends on the files' bytes and
// site-relative paths only, never on where or when they were copied.
func sourcesSum(files map[string][]byte) string {
	var b strings.Builder
	for _, p := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(&b, "%s  %s\n", sum(files[p]), p)
	}
	return sum([]byte(b.String()))
}

// Generator names the program that makes bundles, and the Go release,
// whose compressor writes the ZIP. The program is named by the first of
// these that its build carries: its module version (a tag, or the
// pseudo-version Go derives from the commit), the VCS revision it was
// built from, or else the SHA-256 of its own executable, which names that
// very build when it was made outside a repository (go run, a copy of the
// sources, a git worktree, -buildvcs=false). Never "devel": a reader of
// the manifest can tell which program made the bundle.
func Generator() string {
	var info *debug.BuildInfo
	if bi, ok := debug.ReadBuildInfo(); ok {
		info = bi
	}
	return "disclose " + buildVersion(info, executableSum) + " (" + runtime.Version() + ")"
}

// buildVersion names the build that info describes; exe returns the
// SHA-256 of the running executable, for a build that carries no version.
func buildVersion(info *debug.BuildInfo, exe func() string) string {
	if info != nil {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			return v
		}
		if rev := revision(info); rev != "" {
			return rev
		}
	}
	if s := exe(); s != "" {
		return "executable sha256:" + s
	}
	return "unknown build"
}

// revision is the VCS revision info was built from, marked +dirty when the
// work tree had changes; "" when the build carries none.
func revision(info *debug.BuildInfo) string {
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" && dirty {
		return rev + "+dirty"
	}
	return rev
}

// executableSum is the SHA-256 of the running program's file, or "" when
// it cannot be read.
func executableSum() string {
	name, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

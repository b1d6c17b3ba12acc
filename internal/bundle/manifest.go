package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
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

package bundle

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"disclose/internal/notice"
	"disclose/internal/output"
	"disclose/internal/site"
)

// WriteFile writes the bundle data to the file name: to a temporary file
// beside it first, renamed into place once whole, so that no half-written
// bundle ever bears the name. A file already there with the same bytes is
// left as it is; one with other bytes is never replaced, for a sealed bundle
// is permanent.
func WriteFile(name string, data []byte) error {
	old, err := os.ReadFile(name)
	switch {
	case err == nil && bytes.Equal(old, data):
		return nil
	case err == nil:
		return fmt.Errorf("%[1]s 已存在且是另一个归档包: 归档包不会被覆盖, 请用 --out 另选文件名; %[1]s already exists and holds another bundle; a sealed bundle is never replaced: give another --out", name)
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	err = output.CreateFile(name, data)
	if errors.Is(err, fs.ErrExist) { // made meanwhile
		return fmt.Errorf("%[1]s 已存在: 归档包不会被覆盖, 请用 --out 另选文件名; %[1]s already exists; a sealed bundle is never replaced: give another --out", name)
	}
	return err
}

// Record appends s as a new [[version]] to the seal record of its year in
// the site folder siteDir, content/archive/<year>.toml, creating the file
// and its folder when needed. The record is replaced whole, atomically.
func Record(siteDir string, s site.Seal) error {
	name := filepath.Join(siteDir, filepath.FromSlash(site.SealPath(s.Year)))
	old, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		old, err = []byte(recordHeader(s.Year)), nil
	}
	if err != nil {
		return err
	}
	if len(old) > 0 && !bytes.HasSuffix(old, []byte("\n")) {
		old = append(old, '\n')
	}
	return output.WriteFile(name, append(old, recordEntry(s)...))
}

func recordHeader(year int) string {
	return fmt.Sprintf("# Seal record of %d (%d年通报的封存记录), written by disclose archive.\n"+
		"# Each [[version]] is one sealed bundle; a re-issue adds one. Edit nothing by hand but location,\n"+
		"# where the bundle is kept (除存放位置 location 外, 请勿手工修改).\n", year, year)
}

func recordEntry(s site.Seal) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n[[version]]\nversion = %d\nsealed = %s\nfile = %s\n", s.Version, s.Sealed.ISO(), notice.QuoteTOML(s.File))
	if s.Location != "" {
		fmt.Fprintf(&b, "location = %s\n", notice.QuoteTOML(s.Location))
	}
	fmt.Fprintf(&b, "sha256 = %q\nmanifest_sha256 = %q\n", s.SHA256, s.ManifestSHA256)
	if s.Notices != nil {
		b.WriteString("\n[version.notices] # the SHA-256 of each notice sealed\n")
		for _, p := range slices.Sorted(maps.Keys(*s.Notices)) {
			fmt.Fprintf(&b, "%s = %q\n", notice.QuoteTOML(p), (*s.Notices)[p])
		}
	}
	return b.String()
}

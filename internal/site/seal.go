package site

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"disclose/internal/diag"
	"disclose/internal/notice"
)

// ArchiveDir holds the seal records, one file per sealed year:
// content/archive/<year>.toml. disclose archive appends a [[version]] to a
// year's file each time it seals a bundle of that year; an editor never
// writes one by hand. A year with a record is marked archived on its page.
const ArchiveDir = ContentDir + "/archive"

// Seal is one sealed archive bundle of a year, as its record says:
//
//	[[version]]
//	version = 1                  # 1, 2, 3… in order: a re-issue adds one
//	sealed = 2025-01-10          # the day it was sealed
//	file = "example.org-xszg-2024-v1.zip"
//	location = "省纪委监委档案室"  # where the bundle is kept (optional)
//	sha256 = "…"                 # of the ZIP file
//	manifest_sha256 = "…"        # of its manifest.json
//	[version.notices]            # the notices sealed: the SHA-256 of each source
//	"content/2024/a.md" = "…"
//
// The notices' hashes close the year (see Closed): a sealed notice changed,
// added or removed without a new version is an error.
type Seal struct {
	Year           int         `toml:"-"`
	Version        int         `toml:"version"`
	Sealed         notice.Date `toml:"sealed"`
	File           string      `toml:"file"`
	Location       string      `toml:"location,omitempty"`
	SHA256         string      `toml:"sha256"`
	ManifestSHA256 string      `toml:"manifest_sha256"`
	// Notices maps the site-relative path of each notice sealed to the
	// SHA-256 of its source; nil in a record written before it was kept.
	// A pointer, so that a Seal stays comparable: a year's page is
	// rendered again only when its seals differ.
	Notices *map[string]string `toml:"notices"`
}

// LocationURL returns the location when it is a web address, for a link.
func (s Seal) LocationURL() string {
	if strings.HasPrefix(s.Location, "https://") || strings.HasPrefix(s.Location, "http://") {
		return s.Location
	}
	return ""
}

// sealed returns the notices of s (nil when its record lists none).
func (s Seal) sealed() map[string]string {
	if s.Notices == nil {
		return nil
	}
	return *s.Notices
}

// SealPath is the site-relative path of year's seal record.
func SealPath(year int) string { return ArchiveDir + "/" + strconv.Itoa(year) + ".toml" }

var (
	sealNameRE = regexp.MustCompile(`^(19|20|21)[0-9][0-9]\.toml$`)
	sha256RE   = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// ReadSeals reads every seal record in content/archive/: the seals of each
// year, oldest first, and the problems found. A record with an error gives
// no seal.
func ReadSeals(fsys fs.FS) (map[int][]Seal, diag.List) {
	var problems diag.List
	seals := readSeals(fsys, &problems)
	return seals, problems
}

func readSeals(fsys fs.FS, problems *diag.List) map[int][]Seal {
	entries, err := fs.ReadDir(fsys, ArchiveDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		problems.Errorf(diag.Pos{Path: ArchiveDir}, "无法读取封存记录 (cannot read the seal records): %v", unwrapPath(err))
		return nil
	}
	seals := map[int][]Seal{}
	for _, e := range entries {
		p := path.Join(ArchiveDir, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), "."):
		case e.IsDir() || !sealNameRE.MatchString(e.Name()):
			problems.Add(diag.Diagnostic{Path: p, Severity: diag.Warning,
				Message: "不是封存记录, 已忽略 (" + ArchiveDir + " 中只应有 disclose archive 写的 <年份>.toml); not a seal record (only <year>.toml files, written by disclose archive, belong in " + ArchiveDir + "); ignored"})
		default:
			year, _ := strconv.Atoi(strings.TrimSuffix(e.Name(), ".toml"))
			if s := readSeal(fsys, p, year, problems); len(s) > 0 {
				seals[year] = s
			}
		}
	}
	return seals
}

// readSeal parses and checks one year's seal record.
func readSeal(fsys fs.FS, p string, year int, problems *diag.List) []Seal {
	src, err := ReadFile(fsys, p)
	if err != nil {
		problems.Errorf(diag.Pos{Path: p}, "无法读取 (cannot read): %v", readError(fsys, p, err))
		return nil
	}
	f := diag.NewFile(p, src)
	var rec struct {
		Versions []Seal `toml:"version"`
	}
	md, err := toml.Decode(string(src), &rec)
	if err != nil {
		problems.Add(notice.TOMLError(f, 0, string(src), err))
		return nil
	}
	before := len(*problems)
	keys := notice.LocateKeys(f, 1, string(src), md.Keys())
	for _, k := range md.Undecoded() {
		problems.Errorf(keys.Pos(k...), "封存记录中有无法识别的字段 %[1]q; unknown key %[1]q in a seal record", k.String())
	}
	for i := range rec.Versions {
		rec.Versions[i].Year = year
		at := keys.Entry("version", i)
		if at.Line == 0 {
			at = diag.Pos{Path: p}
		}
		checkSeal(rec.Versions, i, at, problems)
	}
	if len(*problems) > before {
		return nil
	}
	return rec.Versions
}

// checkSeal checks the i-th version of a record: numbered in order, sealed
// on a well-formed day no earlier than the version before, with a file
// name and two SHA-256 sums.
func checkSeal(seals []Seal, i int, at diag.Pos, problems *diag.List) {
	s := seals[i]
	name := fmt.Sprintf("version[%d]", i+1)
	if s.Version != i+1 {
		problems.Errorf(at, "封存记录的版本号应依次为 1、2、3…: 此处为 %[2]d, 应为 %[3]d; %[1]s: version = %[2]d, want %[3]d: versions are numbered 1, 2, 3… in order", name, s.Version, i+1)
	}
	switch {
	case s.Sealed.Problem() != "":
		problems.Errorf(at, "第 %[3]d 个封存版本的封存日期: %[2]s (%[1]s)", name, s.Sealed.Problem(), i+1)
	case !s.Sealed.Set():
		problems.Errorf(at, "第 %[2]d 个封存版本缺少封存日期, 如 sealed = 2025-01-10; %[1]s: sealed is missing: the day the bundle was sealed", name, i+1)
	case i > 0 && s.Sealed.Before(seals[i-1].Sealed.Time):
		problems.Errorf(at, "第 %[4]d 个封存版本的封存日期 %[2]s 早于第 %[3]d 个; %[1]s: sealed %[2]s is before version %[3]d was sealed", name, s.Sealed.ISO(), i, i+1)
	}
	if strings.TrimSpace(s.File) == "" {
		problems.Errorf(at, "第 %[2]d 个封存版本缺少归档包文件名 file; %[1]s: file is missing: the name of the bundle's ZIP file", name, i+1)
	}
	for _, h := range []struct{ key, val string }{{"sha256", s.SHA256}, {"manifest_sha256", s.ManifestSHA256}} {
		if !sha256RE.MatchString(h.val) {
			problems.Errorf(at, "校验值 %[2]s = %[3]q 不是 SHA-256 (64 位小写十六进制数); %[1]s: %[2]s = %[3]q is not a SHA-256 sum (64 hexadecimal digits, lower case)", name, h.key, h.val)
		}
	}
	dir := fmt.Sprintf("%s/%d/", ContentDir, s.Year)
	for _, p := range slices.Sorted(maps.Keys(s.sealed())) {
		if !strings.HasPrefix(p, dir) || path.Ext(p) != ".md" {
			problems.Errorf(at, "封存记录所列 %[2]q 不是 %[3]d 年的通报 (%[4]s<网址名>.md); %[1]s: notices: %[2]q is not a notice of %[3]d (%[4]s<slug>.md)", name, p, s.Year, dir)
		}
		if !sha256RE.MatchString(s.sealed()[p]) {
			problems.Errorf(at, "封存记录中 %[2]q 的校验值 %[3]q 不是 SHA-256 (64 位小写十六进制数); %[1]s: notices: %[2]q = %[3]q is not a SHA-256 sum (64 hexadecimal digits, lower case)", name, p, s.sealed()[p])
		}
	}
}

// Package bundle is `disclose archive` and `disclose verify`: it seals one
// year of a site into a bundle that can be kept for decades and checked at
// any time, and checks such bundles. It sits at
// the top of the import graph, beside check, preview and import: it runs the
// load and render steps of the build pipeline itself, with links made
// relative, and touches the disk only to write the bundle and its record.
//
// A bundle is one ZIP file, example.org-xszg-2024-v1.zip, holding:
//
//	README.txt     what the bundle is and how to check it, in Chinese
//	manifest.json  the size and SHA-256 of every other file, the generator,
//	               a hash of the sources, and the version it re-issues
//	site/          the year's pages as a site that browses offline from the
//	               folder (index.html, <year>/index.html, each notice, CSS),
//	               and each notice's PDF that a build printed (pdf.go)
//	sources/       the files the pages were made from: content/site.toml,
//	               each published notice of the year, the site's templates/
//
// The same sources give the same bytes on any machine, in any folder, at
// any time: entries are sorted, every entry has mode 0644 and the time of
// the year's newest publication or correction, and nothing inside names a
// machine path, a user or the time of sealing.
//
// Sealing a year appends a version to its seal record,
// content/archive/<year>.toml (see site.Seal), which marks the year's page
// as archived. Sealing again with unchanged sources makes the same bundle
// again; when the sources changed (a [[corrections]] entry, say), a new
// version is sealed only on request, and its manifest names the previous
// version's hashes: a chain, not an overwrite.
package bundle

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"disclose/internal/diag"
	"disclose/internal/load"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// ErrProblems is returned when the sources have errors; the problems
// themselves are in the returned list.
var ErrProblems = errors.New("源文件有错误, 未封存; the sources have errors; nothing was sealed")

// Options says what to seal.
type Options struct {
	Year int
	// Reissue seals a new version of a year already sealed whose bundle
	// would now differ. Without it, such a year is an error.
	Reissue bool
	// PDFCache is the folder of printed PDFs (pdf.DefaultCache when
	// empty): the bundle holds each notice's PDF that a build printed,
	// as the site publishes it.
	PDFCache string
}

// Bundle is a sealed bundle, made in memory.
type Bundle struct {
	Name           string // the file name it should be kept under
	Data           []byte // the ZIP file
	SHA256         string // of Data
	ManifestSHA256 string
	Manifest       Manifest
	// Unchanged is true when the year was already sealed as this very
	// version: Data is byte for byte the bundle that was sealed then, and
	// nothing is to be recorded.
	Unchanged bool
	// Newest is the time of the year's newest publication or correction,
	// which every entry of the ZIP carries.
	Newest time.Time
	// NewestWhat names what is dated Newest: the notice's file and the
	// key ("content/2025/x.md: corrections[2]").
	NewestWhat string
	// Notices maps each notice sealed to the SHA-256 of its source, for
	// the seal record: they close the year (site.Closed).
	Notices map[string]string
}

// Seal returns the record of b, sealed on the day sealed (2025-01-10) and
// kept at location.
func (b *Bundle) Seal(sealed, location string) (site.Seal, error) {
	s := site.Seal{Year: b.Manifest.Year, Version: b.Manifest.Version, File: b.Name, Location: location,
		SHA256: b.SHA256, ManifestSHA256: b.ManifestSHA256, Notices: &b.Notices}
	if err := s.Sealed.UnmarshalTOML(sealed); err != nil {
		return s, err
	}
	if p := s.Sealed.Problem(); p != "" {
		return s, errors.New(p)
	}
	if !s.Sealed.Set() {
		return s, errors.New("封存日期为空; the day of sealing is empty")
	}
	newest := time.Date(b.Newest.Year(), b.Newest.Month(), b.Newest.Day(), 0, 0, 0, 0, time.UTC)
	if s.Sealed.Before(newest) {
		return s, &EarlyError{Sealed: s.Sealed.ISO(), Newest: newest.Format(time.DateOnly), What: b.NewestWhat}
	}
	return s, nil
}

// EarlyError is Seal's error for a day of sealing before the newest
// publication or correction the bundle holds.
type EarlyError struct {
	Sealed string // the day of sealing, 2025-01-10
	Newest string // the day of the newest publication or correction
	What   string // what is dated Newest: "content/2025/x.md: corrections[2]"
}

func (e *EarlyError) Error() string {
	return fmt.Sprintf("封存日期 %[1]s 早于所封存的最新通报或更正的日期 %[2]s (%[3]s); %[1]s is before the newest notice or correction it seals (%[2]s, %[3]s)", e.Sealed, e.Newest, e.What)
}

// Make loads the site whose folder is fsys and makes the bundle of
// opts.Year: the version after the last one sealed, or that same version
// again when the sources have not changed since.
//
// It reads the site as a build does (load.Site) and refuses it, as a build
// does, when a problem stops the build; with opts.Reissue, but for the
// differences from its last seal that the new version resolves.
func Make(fsys fs.FS, opts Options) (*Bundle, diag.List, error) {
	_, s, problems := load.Site(fsys, site.Options{})
	if opts.Reissue {
		problems = slices.DeleteFunc(problems, func(d diag.Diagnostic) bool { return reissued(d, opts.Year) })
	}
	if s == nil || problems.Stops() {
		return nil, problems, ErrProblems
	}
	if len(s.InYear(opts.Year)) == 0 {
		return nil, problems, fmt.Errorf("%[1]d年没有已发布的通报, 无可封存; no published notice in %[1]d: nothing to seal", opts.Year)
	}
	sealed := s.Sealed[opts.Year]
	if len(sealed) == 0 {
		b, p, err := makeBundle(fsys, s, opts, 1, nil)
		return b, append(problems, p...), err
	}
	// The year is sealed: make its last version again, from the record as
	// it stood then, and see whether anything changed.
	last := sealed[len(sealed)-1]
	var before *site.Seal
	if len(sealed) > 1 {
		before = &sealed[len(sealed)-2]
	}
	b, p, err := makeBundle(fsys, s, opts, last.Version, before)
	problems = append(problems, p...)
	if err != nil {
		return nil, problems, err
	}
	if b.ManifestSHA256 == last.ManifestSHA256 && b.SHA256 == last.SHA256 {
		b.Unchanged = true
		return b, problems, nil
	}
	if !opts.Reissue {
		return nil, problems, fmt.Errorf("%[1]d 年度已于 %[3]s 封存为第 %[2]d 版 (%[4]s), 此后内容有变化; 如需重新封存为第 %[5]d 版, 请加 --reissue; "+
			"%[1]d was sealed as version %[2]d on %[3]s (%[4]s), and its bundle made now differs: "+
			"the sources or the generator changed since. To seal version %[5]d, which names version %[6]d in its manifest, run again with --reissue",
			opts.Year, last.Version, last.Sealed.ISO(), last.File, last.Version+1, last.Version)
	}
	if !slices.ContainsFunc(s.InYear(opts.Year), func(n *notice.Notice) bool { return site.CorrectedSince(n, last.Sealed.Time) }) {
		problems.Add(diag.Diagnostic{Path: site.SealPath(opts.Year), Severity: diag.Warning,
			Message: fmt.Sprintf("重新封存 %[1]d 年度, 但没有通报在 %[3]s (第 %[4]d 版封存日) 之后写 [[corrections]] 更正说明: 读者看不到改了什么、为什么改, 请在改动的通报中说明; "+
				"re-issuing %[1]d, but no notice of %[2]d has a [[corrections]] entry dated on or after %[3]s, when version %[4]d was sealed: "+
				"readers will not see what changed and why",
				opts.Year, opts.Year, last.Sealed.ISO(), last.Version)})
	}
	b, p, err = makeBundle(fsys, s, opts, last.Version+1, &last)
	return b, append(problems, p...), err
}

// reissued reports whether d is a difference of year's sources from its
// last seal that sealing a new version resolves (site.RuleSealReissue).
func reissued(d diag.Diagnostic, year int) bool {
	return d.Rule == site.RuleSealReissue &&
		(d.Path == site.SealPath(year) || strings.HasPrefix(d.Path, fmt.Sprintf("%s/%d/", site.ContentDir, year)))
}

// Name is the file name of a bundle: the site's host and path, the year and
// the version, as example.org-xszg-2024-v1.zip.
func Name(baseURL string, year, version int) string {
	rest, _ := strings.CutPrefix(baseURL, "https://")
	rest, _ = strings.CutPrefix(rest, "http://")
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-':
			return r
		case r >= 'A' && r <= 'Z':
			return r - 'A' + 'a'
		}
		return '-'
	}, rest)
	name = strings.Trim(name, "-.")
	for strings.Contains(name, "--") {
		name = strings.ReplaceAll(name, "--", "-")
	}
	return fmt.Sprintf("%s-%d-v%d.zip", name, year, version)
}

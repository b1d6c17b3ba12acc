// Package site loads a site folder: content/site.toml and every notice under
// content/<year>/, read through an fs.FS so that a folder on disk, an
// in-memory tree in tests and a preview all load alike. It is the first step
// of the build pipeline (load → render → write) and judges what concerns
// more than one notice: duplicate URLs, the contact block's fallback, drafts.
//
// It also reads the seal records in content/archive/<year>.toml (see
// ArchiveDir and Seal): disclose archive writes one when it seals a year's
// bundle, and the year's page then says the year is archived, when, and
// where the bundle is.
package site

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"disclose/internal/contact"
	"disclose/internal/diag"
	"disclose/internal/notice"
)

// ContentDir is the folder of the sources, relative to the site folder.
const ContentDir = "content"

// Site is a loaded site: its settings and the notices to publish.
type Site struct {
	Settings *Settings
	Notices  []*notice.Notice // newest first; drafts only when asked for
	Sealed   map[int][]Seal   // each sealed year's archive bundles, oldest first
}

// Options says what to load.
type Options struct {
	Drafts bool // publish drafts too (the preview does)
}

// Load reads the site in fsys, whose root is the site folder, without
// proofreading it: it returns the site and the problems of its sources; the
// site is nil when one of them stops the build (Admit says which do). The
// commands read a site with package load instead, which proofreads each
// notice too; Load serves the tests of the packages below it.
func Load(fsys fs.FS, opts Options) (*Site, diag.List) {
	settings, problems := LoadSettings(fsys)
	paths, p := NoticePaths(fsys)
	problems = append(problems, p...)
	var notices []*notice.Notice
	for _, path := range paths {
		n, p := ReadNotice(fsys, settings, path, opts)
		problems = append(problems, p...)
		if n != nil {
			notices = append(notices, n)
		}
	}
	sealed, p := ReadSeals(fsys)
	problems = append(problems, p...)
	s, p := Assemble(settings, notices)
	problems = append(problems, p...).Sort()
	if s == nil || problems.Stops() {
		return nil, problems
	}
	s.Sealed = sealed
	return s, problems
}

// Assemble makes a site of notices read one by one: it reports what
// concerns more than one notice (two at one URL) and orders them newest
// first. The site is nil when settings is nil or there is an error.
func Assemble(settings *Settings, notices []*notice.Notice) (*Site, diag.List) {
	var problems diag.List
	checkURLs(notices, &problems)
	if settings == nil || problems.HasErrors() {
		return nil, problems
	}
	slices.SortStableFunc(notices, newestFirst)
	return &Site{Settings: settings, Notices: notices}, problems
}

// LoadSettings reads content/site.toml. The settings are nil when the file
// cannot be read or has an error.
func LoadSettings(fsys fs.FS) (*Settings, diag.List) {
	var problems diag.List
	src, err := ReadFile(fsys, SettingsPath)
	if errors.Is(err, fs.ErrNotExist) {
		problems.Errorf(diag.Pos{Path: SettingsPath}, "找不到网站设置文件: 请在网站文件夹 (含 content/site.toml 的文件夹) 中运行 disclose, 或用 --site 指定; not found: run disclose in the site folder (the one holding content/site.toml), or give --site DIR")
		return nil, problems
	}
	if err != nil {
		problems.Errorf(diag.Pos{Path: SettingsPath}, "无法读取网站设置 (cannot read the site settings): %v", readError(fsys, SettingsPath, err))
		return nil, problems
	}
	s, problems := parseSettings(src)
	if problems.HasErrors() {
		return nil, problems
	}
	return s, problems
}

// NoticePaths lists the notices under content/, in lexical order, and warns
// of files there that are not notices.
func NoticePaths(fsys fs.FS) ([]string, diag.List) {
	var paths []string
	var problems diag.List
	err := fs.WalkDir(fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != ContentDir || !errors.Is(err, fs.ErrNotExist) { // a missing content/ is told by LoadSettings
				problems.Errorf(diag.Pos{Path: p}, "无法读取 (cannot read): %v", unwrapPath(err))
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != ContentDir {
			return skipHidden(d)
		}
		if p == ArchiveDir && d.IsDir() {
			return fs.SkipDir // the seal records: see ReadSeals
		}
		if d.IsDir() || p == SettingsPath {
			return nil
		}
		if path.Ext(p) != ".md" {
			problems.Add(diag.Diagnostic{Path: p, Severity: diag.Warning, Message: "不是通报, 已忽略 (只读取 content/ 下的 .md 文件); not a notice (only .md files under content/ are read); ignored"})
			return nil
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		problems.Errorf(diag.Pos{Path: ContentDir}, "无法读取 content 文件夹 (cannot read the content folder): %v", unwrapPath(err))
	}
	return paths, problems
}

func skipHidden(d fs.DirEntry) error {
	if d.IsDir() {
		return fs.SkipDir
	}
	return nil
}

// ReadNotice reads and parses the notice at p and gives it the site's
// defaults (settings may be nil when they could not be read). The notice is
// nil when it cannot be read or is a draft left out (see Admit).
func ReadNotice(fsys fs.FS, settings *Settings, p string, opts Options) (*notice.Notice, diag.List) {
	src, err := ReadFile(fsys, p)
	if err != nil {
		return nil, Unreadable(fsys, p, err)
	}
	return ParseNotice(settings, p, src, opts)
}

// Unreadable reports that the file p of fsys could not be read, and why.
func Unreadable(fsys fs.FS, p string, err error) diag.List {
	var problems diag.List
	problems.Errorf(diag.Pos{Path: p}, "无法读取 (cannot read): %v", readError(fsys, p, err))
	return problems
}

// ParseNotice is ReadNotice for a source already read.
func ParseNotice(settings *Settings, p string, src []byte, opts Options) (*notice.Notice, diag.List) {
	n, problems := notice.ParseShared(p, src, settings.Shared())
	if n != nil && settings != nil {
		applyDefaults(settings, n, &problems)
	}
	return Admit(n, problems, opts), problems
}

// Admit is the draft rule, applied to a notice n (nil when it did not
// parse) and the problems found in it: it marks a draft's problems Draft,
// those in its file, keeping their severity, and returns the notice when
// it is part of the site, nil for a draft left out (opts.Drafts is false).
// A draft is unfinished: its problems are reported and counted as they
// would be in a published notice, but never stop the build
// (diag.Diagnostic.Stops), so that the rest of the site is built and the
// draft previewed as far as it goes.
//
// Except a slug that cannot be part of a URL ("../2025/other", "."): that
// problem stops the build in a draft too, and the draft is never part of
// the site, so its slug is never used as a path.
func Admit(n *notice.Notice, problems diag.List, opts Options) *notice.Notice {
	if n == nil || !n.Draft {
		return n
	}
	for i := range problems {
		// A problem of the site's settings, found through the draft,
		// is every notice's: it stays unmarked.
		problems[i].Draft = problems[i].Path == n.Path && problems[i].Rule != notice.RuleURL
	}
	if !opts.Drafts || !notice.ValidSlug(n.Slug) {
		return nil
	}
	return n
}

// applyDefaults gives the notice the site's contact block and punctuation
// where it has none of its own. A notice whose text keeps its own contact
// line (an imported one whose line was not in the template's shape) gets
// no block: the page would show a second one the notice never published.
func applyDefaults(s *Settings, n *notice.Notice, problems *diag.List) {
	if n.Punctuation == "" {
		n.Punctuation = s.Punctuation
	}
	if n.Contact.Empty() && contact.InBody(n.Body) {
		return
	}
	if n.Contact.Empty() {
		n.Contact = s.Contact
		n.Contact.Invitation = ownKind(s.Contact.Invitation, n.Inspection.Kind)
	}
	if n.Contact.Invitation == "" && n.Contact.Text == "" {
		n.Contact.Invitation = ownKind(s.Contact.Invitation, n.Inspection.Kind)
	}
	if n.Contact.Empty() {
		problems.Errorf(n.KeyPos("contact"), "缺少联系方式: 在此处或 %[1]s 的 [contact] 下写明电话、邮政信箱或电子邮箱; no contact block: give phone, mailbox or email under [contact] here or in %[1]s", SettingsPath)
		(*problems)[len(*problems)-1].Rule = "contact"
	}
}

// ownKind makes the site's invitation name the notice's own kind of
// inspection: one site publishes notices after 巡视 and after 巡察, and
// its sentence (对巡视整改落实情况进行监督) must not say 巡视 on a notice
// after a 巡察. A sentence naming both (巡视巡察) or neither is kept.
func ownKind(invitation, kind string) string {
	other := map[string]string{notice.KindXunshi: notice.KindXuncha, notice.KindXuncha: notice.KindXunshi}[kind]
	if other == "" || strings.Contains(invitation, kind) || strings.Contains(invitation, notice.KindXunshi+notice.KindXuncha) {
		return invitation
	}
	return strings.ReplaceAll(invitation, other, kind)
}

// checkURLs reports two notices that would be published at one URL.
func checkURLs(notices []*notice.Notice, problems *diag.List) {
	seen := map[string]*notice.Notice{}
	for _, n := range notices {
		if n.Year == 0 {
			continue
		}
		if first, dup := seen[n.URL()]; dup {
			problems.Errorf(n.KeyPos("slug"), "与 %[2]s 的网址 /%[1]s 相同: 请给其中一篇另取网址名 slug; same URL /%[1]s as %[2]s: give one of them another slug", n.URL(), first.Path)
			(*problems)[len(*problems)-1].Rule = notice.RuleURL
			continue
		}
		seen[n.URL()] = n
	}
}

// newestFirst orders notices by publication time, newest first, then by URL
// so that the order never depends on the file system.
func newestFirst(a, b *notice.Notice) int {
	return cmp.Or(b.Date.Compare(a.Date.Time), cmp.Compare(a.URL(), b.URL()))
}

// InYear returns the notices of one year, newest first.
func (s *Site) InYear(year int) []*notice.Notice {
	var in []*notice.Notice
	for _, n := range s.Notices {
		if n.Year == year {
			in = append(in, n)
		}
	}
	return in
}

// readError explains why p could not be read. A link that leads out of
// the site folder is refused by the file system the site is read through.
func readError(fsys fs.FS, p string, err error) error {
	var special notRegularError
	if errors.As(err, &special) {
		return special
	}
	if target, lerr := fs.ReadLink(fsys, p); lerr == nil {
		return fmt.Errorf("这是指向 %[1]s 的链接, 它在网站文件夹之外或无法读取: 请把文件复制到网站中; it is a link to %[1]s, which escapes the site folder or cannot be read: copy the file into the site instead", target)
	}
	return unwrapPath(err)
}

// unwrapPath drops the path from an fs.PathError: messages name the file
// themselves.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// Package load is how every command reads a site: the settings, each
// notice read, parsed and proofread (lint), the draft rule applied
// (site.Admit), then what concerns the whole site (two notices at one
// URL, a sealed year changed). build, check, archive and the preview all
// read through it, so they report the same findings and count them alike.
//
// It sits above site and lint and below the build and the commands. A
// site is read one notice at a time (Reader.Proofread), so that a build of
// many notices keeps only their front matter, converts each body once for
// the proofreader and the page, and can carry unchanged notices over from
// its last run; Assemble then judges the site as a whole. Site does both
// for a caller that wants every notice at once.
package load

import (
	"io/fs"

	"disclose/internal/diag"
	"disclose/internal/lint"
	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// Notice is one notice file, read and proofread.
type Notice struct {
	Path string
	Sum  string         // the SHA-256 of the file (site.SourceSum); "" when it could not be read
	N    *notice.Notice // nil when its front matter did not parse
	// Shown is true when the notice is part of the site: it parsed, and is
	// not a draft left out (site.Admit).
	Shown    bool
	Doc      markdown.Doc // the body, converted by the Convert given, when Shown
	Problems diag.List    // of the file: parse, defaults, proofreader
	Fixes    []lint.Fix   // the proofreader's safe fixes
}

// Render reports whether the notice's pages are to be made: it is part of
// the site and none of its problems stops the build.
func (n Notice) Render() bool { return n.Shown && !n.Problems.Stops() }

// Convert converts a notice's body for its page (render.Renderer.Convert).
type Convert func(*notice.Notice) (markdown.Doc, error)

// Reader reads and proofreads the notices of one site, one at a time, from
// several goroutines at once.
type Reader struct {
	fsys     fs.FS
	settings *site.Settings
	opts     site.Options
	conv     *markdown.Converter
}

// NewReader returns a Reader of the site in fsys with these settings (nil
// when they could not be read).
func NewReader(fsys fs.FS, settings *site.Settings, opts site.Options) *Reader {
	return &Reader{fsys: fsys, settings: settings, opts: opts, conv: markdown.New(markdown.Options{})}
}

// Read reads and proofreads the notice at path.
func (r *Reader) Read(path string) Notice {
	src, err := site.ReadFile(r.fsys, path)
	if err != nil {
		return r.Unreadable(path, err)
	}
	n, _ := r.Proofread(path, src, nil) // without convert, no error
	return n
}

// Unreadable is the Notice of a file that could not be read: err says why.
func (r *Reader) Unreadable(path string, err error) Notice {
	return Notice{Path: path, Problems: site.Unreadable(r.fsys, path, err)}
}

// Proofread parses and proofreads the notice at path, whose source is src.
// The body of a notice shown is converted with convert when it is not nil,
// once, for the proofreader and for its page; otherwise the proofreader
// reads its outline alone. The error is convert's.
func (r *Reader) Proofread(path string, src []byte, convert Convert) (Notice, error) {
	res := Notice{Path: path, Sum: site.SourceSum(src)}
	n, problems := site.ParseNotice(r.settings, path, src, site.Options{Drafts: true})
	res.N, res.Problems = n, problems
	if n == nil {
		return res, nil
	}
	res.Shown = site.Admit(n, nil, r.opts) != nil
	if tooDeep(n, &res.Problems) {
		return res, nil // neither converted nor proofread: goldmark would take minutes
	}
	var found lint.Result
	if convert != nil && res.Shown {
		doc, err := convert(n)
		if err != nil {
			return res, err
		}
		res.Doc, found = doc, lint.NoticeWithDoc(n, doc)
	} else {
		found = lint.Notice(n, r.conv)
	}
	site.Admit(n, found.Problems, r.opts)
	res.Problems, res.Fixes = append(res.Problems, found.Problems...), found.Fixes
	return res, nil
}

// tooDeep reports, as an error at its line, a body nested deeper than
// markdown.MaxNesting, which is then neither converted nor proofread. The
// problem stops the build even in a draft: a draft is converted too.
func tooDeep(n *notice.Notice, problems *diag.List) bool {
	err := markdown.Nesting(n.Body)
	if err == nil {
		return false
	}
	at := n.File.Pos(n.BodyOffset)
	at.Line, at.Col = n.BodyLine()+err.Line-1, 1
	problems.Errorf(at, "%s", err.Message())
	(*problems)[len(*problems)-1].Rule = markdown.RuleNesting
	return true
}

// Source returns what Assemble needs to know of n.
func (n Notice) Source() site.Source {
	s := site.Source{Path: n.Path, Sum: n.Sum}
	if n.Shown {
		s.N = n.N
	}
	return s
}

// Assemble judges what concerns the whole site, once each of its notices
// is read: two notices at one URL, a sealed year whose notices changed,
// were added or removed since (site.Closed). sources are every notice
// file read (Notice.Source). It returns the site of the notices shown
// (nil when settings is nil or two notices share a URL) and the site's
// problems; whether they stop the build is the caller's to judge, with
// the problems of each notice.
func Assemble(settings *site.Settings, seals map[int][]site.Seal, sources []site.Source) (*site.Site, diag.List) {
	var shown []*notice.Notice
	for _, s := range sources {
		if s.N != nil {
			shown = append(shown, s.N)
		}
	}
	s, problems := site.Assemble(settings, shown)
	problems = append(problems, site.Closed(seals, sources)...)
	if s != nil {
		s.Sealed = seals
	}
	return s, problems
}

// Finish sorts the problems of a site, from every step, as every command
// reports them: each has a rule ("source" when its step gave none).
func Finish(problems diag.List) diag.List {
	for i := range problems {
		if problems[i].Rule == "" {
			problems[i].Rule = "source"
		}
	}
	return problems.Sort()
}

// Site reads the whole site in fsys, as a build with opts would: the
// settings, every notice read and proofread, the seal records, then
// Assemble. It returns every notice file read (with its source, for
// check's fixes), the site (nil when it cannot be assembled) and every
// problem, finished: the site is to be published only when none of them
// Stops.
func Site(fsys fs.FS, opts site.Options) ([]Notice, *site.Site, diag.List) {
	settings, problems := site.LoadSettings(fsys)
	paths, found := site.NoticePaths(fsys)
	problems = append(problems, found...)
	seals, found := site.ReadSeals(fsys)
	problems = append(problems, found...)
	r := NewReader(fsys, settings, opts)
	notices := make([]Notice, len(paths))
	sources := make([]site.Source, len(paths))
	for i, p := range paths {
		notices[i] = r.Read(p)
		sources[i] = notices[i].Source()
		problems = append(problems, notices[i].Problems...)
	}
	s, found := Assemble(settings, seals, sources)
	return notices, s, Finish(append(problems, found...))
}

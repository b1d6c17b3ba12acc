// Package diag holds the problems found in a site's sources: where each one
// is (site-relative path, 1-based line and column in characters), how serious
// it is, and what to do about it. It sits at the bottom of the import graph:
// every other package reports through it, none of them prints.
package diag

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Severity says whether a problem stops a build.
type Severity int

const (
	// Error stops the build: nothing is published.
	Error Severity = iota
	// Warning is printed but does not stop the build.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem at one place.
type Diagnostic struct {
	Path     string // site-relative, slash-separated
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Col      int    // 1-based, in characters
	Severity Severity
	Message  string
	Hint     string // what to do, in Chinese where the editor writes Chinese
	Rule     string // a stable id, e.g. "front-matter"
	// Accepted is the reason the notice gives, in its [[check.accept]], for
	// letting this finding stand; empty when nobody accepted it. An
	// accepted error neither fails a check nor stops a build.
	Accepted string
	// Draft is true for a problem of a draft notice. Its severity is what
	// it would be in a published notice, and check counts it so; but the
	// draft is unfinished, so the problem never stops a build (see Stops).
	Draft bool
}

// Blocks reports whether d fails a check: an error nobody accepted.
func (d Diagnostic) Blocks() bool { return d.Severity == Error && d.Accepted == "" }

// Stops reports whether d stops the build: an error nobody accepted,
// outside a draft.
func (d Diagnostic) Stops() bool { return d.Blocks() && !d.Draft }

// String formats d as "path:line:col: message (hint)", the form editors and
// terminals turn into links. Warnings say so after the position.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Where())
	b.WriteString(": ")
	if d.Accepted != "" {
		b.WriteString("accepted " + d.Severity.String() + ": ")
	} else if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	d.text(&b)
	d.reason(&b)
	return b.String()
}

// Report formats d as the reports of check and build print it, one per
// line: "path:line:col: severity: message (hint) [rule]", with "draft"
// before the message of a draft's problem.
func (d Diagnostic) Report() string {
	var b strings.Builder
	b.WriteString(d.Where())
	b.WriteString(": ")
	if d.Accepted != "" {
		b.WriteString("accepted ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	d.text(&b)
	if d.Rule != "" {
		b.WriteString(" [")
		b.WriteString(d.Rule)
		b.WriteString("]")
	}
	d.reason(&b)
	return b.String()
}

// reason writes why the notice accepted d, when it did.
func (d Diagnostic) reason(b *strings.Builder) {
	if d.Accepted != "" {
		b.WriteString(" (理由: " + d.Accepted + ")")
	}
}

// text writes what String and Report say after the severity.
func (d Diagnostic) text(b *strings.Builder) {
	if d.Draft {
		b.WriteString("草稿 (draft): ")
	}
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString(" (")
		b.WriteString(d.Hint)
		b.WriteString(")")
	}
}

// Where formats d's position as String begins: "path:line:col", or the
// path alone when the problem concerns the whole file.
func (d Diagnostic) Where() string {
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d:%d", d.Path, d.Line, max(d.Col, 1))
	}
	return d.Path
}

// List is a collection of diagnostics. The zero value is ready to use.
type List []Diagnostic

// Add appends one diagnostic.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf appends an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Path: pos.Path, Line: pos.Line, Col: pos.Col, Message: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any diagnostic in l is an Error that nobody
// accepted (see Blocks).
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, Diagnostic.Blocks)
}

// Stops reports whether any diagnostic in l stops the build (see
// Diagnostic.Stops).
func (l List) Stops() bool { return slices.ContainsFunc(l, Diagnostic.Stops) }

// Summary counts the findings of l for the last line of a report, in
// Chinese, then in English: "3 个错误(草稿中 2 个), 9 个警告; 3 errors (2
// in drafts), 9 warnings". check and build end with it, so that they count
// alike.
func (l List) Summary() string {
	if len(l) == 0 {
		return "未发现问题; no problems"
	}
	c := l.Count()
	zh, en := fmt.Sprintf("%d 个错误", c.Errors), plural(c.Errors, "error")
	if c.InDrafts > 0 {
		zh += fmt.Sprintf("(草稿中 %d 个)", c.InDrafts)
		en += fmt.Sprintf(" (%d in drafts)", c.InDrafts)
	}
	zh += fmt.Sprintf(", %d 个警告", c.Warnings)
	en += ", " + plural(c.Warnings, "warning")
	if c.Accepted > 0 {
		zh += fmt.Sprintf(", 已接受 %d 个", c.Accepted)
		en += fmt.Sprintf(", %d accepted", c.Accepted)
	}
	return zh + "; " + en
}

// Counts is how many findings of a list are of each kind.
type Counts struct {
	Errors   int // errors nobody accepted (Blocks), drafts' included
	InDrafts int // of those, the ones in drafts
	Warnings int // warnings nobody accepted
	Accepted int // findings a notice accepted, of either severity
}

// Count counts the findings of l, as Summary and check's JSON report them.
func (l List) Count() Counts {
	var c Counts
	for _, d := range l {
		switch {
		case d.Accepted != "":
			c.Accepted++
		case d.Severity == Error:
			c.Errors++
			if d.Draft {
				c.InDrafts++
			}
		default:
			c.Warnings++
		}
	}
	return c
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Sort orders l by path, line and column, and drops exact repeats.
func (l List) Sort() List {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col), cmp.Compare(a.Message, b.Message))
	})
	return slices.Compact(l)
}

// Error makes a List usable as an error: one diagnostic per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Pos is a place in a file: what a Diagnostic needs besides its message.
type Pos struct {
	Path      string
	Line, Col int
}

// File maps byte offsets of one source file to lines and columns.
type File struct {
	Path  string
	src   []byte
	lines []int // byte offset at which each line starts
}

// NewFile indexes src, whose site-relative path is path.
func NewFile(path string, src []byte) *File {
	lines := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		lines = append(lines, i)
	}
	return &File{Path: path, src: src, lines: lines}
}

// Prefix returns a File of the first n bytes of f's source, copied, so
// that the rest of the source can be freed while positions in the prefix
// are still told.
func (f *File) Prefix(n int) *File {
	n = min(max(n, 0), len(f.src))
	return NewFile(f.Path, bytes.Clone(f.src[:n]))
}

// Source returns the bytes f indexes. They must not be changed.
func (f *File) Source() []byte { return f.src }

// Pos returns the position of byte offset off: 1-based line, and 1-based
// column counted in characters (a Chinese character is one column).
func (f *File) Pos(off int) Pos {
	off = min(max(off, 0), len(f.src))
	i, found := slices.BinarySearch(f.lines, off)
	if !found {
		i--
	}
	return Pos{Path: f.Path, Line: i + 1, Col: utf8.RuneCount(f.src[f.lines[i]:off]) + 1}
}

// LinePos returns the position of byte column col (0-based) on 1-based line.
func (f *File) LinePos(line, byteCol int) Pos {
	if line < 1 || line > len(f.lines) {
		return Pos{Path: f.Path, Line: line, Col: 1}
	}
	return f.Pos(f.lines[line-1] + byteCol)
}

// LeadsWithChinese reports whether the first letter of s (digits, marks
// and punctuation skipped) is a Chinese character: the shape every message
// and hint a user reads must have, Chinese first and English after it for
// maintainers (docs/checks.md, "How messages are written").
func LeadsWithChinese(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.Is(unicode.Han, r)
		}
	}
	return false
}

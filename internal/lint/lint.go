// Package lint is the proofreader of notices: it judges what a notice says
// (its dates, numbering, counts, statistics, contact block and punctuation)
// against its own front matter and against GB/T 9704-2012 and GB/T
// 15834-2011, and reports every finding with the position of the first
// parse. It sits above the domain (notice, and the markdown outline)
// and below the build, which refuses to publish a notice with errors; the
// check command prints its findings and applies its safe fixes.
//
// Files: rules.go lists every rule; text.go takes a body's paragraphs and
// what is not prose from goldmark's parse (markdown.Prose) and reads, in
// one pass over each paragraph, the marks and digits the rules start
// from; number.go and dates.go read figures and dates written in the text; then
// one file per family of rules: metadata.go, outline.go, counts.go,
// stats.go, contact.go, typography.go. fix.go applies fixes to a source.
package lint

import (
	"cmp"
	"fmt"
	"slices"

	"disclose/internal/diag"
	"disclose/internal/markdown"
	"disclose/internal/notice"
)

// Fix is one safe, mechanical change to a source file: bytes Off to End of
// the file become New. Only typography rules make fixes, and a fix never
// touches a letter, a digit or a Han character.
type Fix struct {
	Off, End int
	Old, New string
	Rule     string
}

// Result is what the proofreader found in one notice.
type Result struct {
	Problems diag.List
	Fixes    []Fix // sorted by offset, never overlapping
}

// Notice proofreads one notice whose front matter parsed; conv parses the
// body into its outline and prose, which the rules read. Defaults from the
// site settings (punctuation, contact) must already be applied.
func Notice(n *notice.Notice, conv *markdown.Converter) Result {
	return proofread(n, conv.Parse(n.Body))
}

// NoticeWithDoc is Notice for a body already converted, as the build
// converts it to render it: doc is the conversion of n.Body. The rules
// then read the very parse the page is rendered from.
func NoticeWithDoc(n *notice.Notice, doc markdown.Doc) Result {
	return proofread(n, doc)
}

func proofread(n *notice.Notice, doc markdown.Doc) Result {
	return proofreadAll(n, doc, false)
}

// proofreadAll is proofread; with every, the rules read every paragraph,
// as they did before they passed over those that could not hold what they
// look for (FuzzPassOver holds the two to one result).
func proofreadAll(n *notice.Notice, doc markdown.Doc, every bool) Result {
	c := &checker{n: n, body: newBody(n.Body, doc.Prose), entries: doc.Outline, every: every,
		sents: make([]span, 0, 32), dates: make([]writtenDate, 0, 8)} // room for what a paragraph holds, mostly
	c.introAt = c.introIndex()
	c.readAcceptances()
	c.metadata()
	c.outline()
	c.counts()
	c.statistics()
	c.contact()
	c.typography()
	c.unusedAcceptances()
	c.problems = group(c.problems)
	slices.SortFunc(c.fixes, func(a, b Fix) int { return cmp.Compare(a.Off, b.Off) })
	return Result{Problems: c.problems.Sort(), Fixes: dropOverlaps(c.fixes)}
}

// checker holds one notice under proof and what has been found.
type checker struct {
	n        *notice.Notice
	body     *body
	entries  []markdown.Entry
	introAt  int // the introduction's index among the paragraphs, -1 when none (intro)
	problems diag.List
	fixes    []Fix
	// paraFixes is the index in fixes of the first fix of the paragraph
	// the typography rules are judging.
	paraFixes int
	dates     []writtenDate // a buffer for the dates of one paragraph, reused
	pairs     pairBuffers   // buffers for the brackets of one paragraph, reused
	sents     []span        // a buffer for the sentences of one paragraph, reused
	// Buffers for the figures in Chinese numerals of one paragraph, and
	// for them with its other figures (withChinese), reused.
	chinese []Figure
	mixed   []stated
	accepts []*acceptance // the notice's well-formed [[check.accept]] entries
	// figures holds what ReadStatistics read in each paragraph, once
	// read (figuresOf).
	figures []paraFigures
	// every: the rules read every paragraph, even one a cheap test says
	// holds nothing they look for (proofreadAll).
	every bool
}

// paraFigures is what ReadStatistics read in a paragraph, once read.
type paraFigures struct {
	figures []Figure
	read    bool
}

// at reports a finding of rule r at body offset off.
func (c *checker) at(off int, r *Rule, hint, format string, args ...any) {
	off += c.n.BodyOffset
	c.reportAt(c.n.File.Pos(off), off, r, hint, format, args...)
}

// atKey reports a finding of rule r at a front-matter key.
func (c *checker) atKey(key []string, r *Rule, hint, format string, args ...any) {
	c.report(c.n.KeyPos(key...), r, hint, format, args...)
}

// report records a finding of rule r at p, a front-matter key or a file.
func (c *checker) report(p diag.Pos, r *Rule, hint, format string, args ...any) {
	c.reportAt(p, -1, r, hint, format, args...)
}

// reportAt records a finding of rule r at p, which is file offset off (-1
// for a front-matter key), accepted when an acceptance of the notice
// matches it.
func (c *checker) reportAt(p diag.Pos, off int, r *Rule, hint, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	c.problems.Add(diag.Diagnostic{Path: p.Path, Line: p.Line, Col: p.Col, Severity: r.Severity,
		Message: msg, Hint: hint, Rule: r.ID, Accepted: c.acceptedBy(r, msg, p, off)})
}

// fix records a fix of body bytes off to end.
func (c *checker) fix(r *Rule, off, end int, repl string) {
	c.fixes = append(c.fixes, Fix{Off: c.n.BodyOffset + off, End: c.n.BodyOffset + end,
		Old: string(c.n.Body[off:end]), New: repl, Rule: r.ID})
}

// dropOverlaps keeps the first of fixes that overlap.
func dropOverlaps(fixes []Fix) []Fix {
	var out []Fix
	for _, f := range fixes {
		if len(out) > 0 && f.Off < out[len(out)-1].End {
			continue
		}
		out = append(out, f)
	}
	return out
}

// groupAfter is how many findings of one kind a notice reports one by one;
// the rest are folded into the last of them, so that a slip repeated a
// hundred times stays readable.
const groupAfter = 3

// group folds findings of one rule with one message in one file beyond
// the first groupAfter into a count and a list of lines.
func group(l diag.List) diag.List {
	l = l.Sort()
	type key struct{ path, rule, msg, accepted string }
	seen := map[key][]int{} // indexes into out
	var out diag.List
	extra := map[int][]int{} // index in out → lines folded into it
	for _, d := range l {
		k := key{d.Path, d.Rule, d.Message, d.Accepted}
		if d.Severity == diag.Warning && len(seen[k]) == groupAfter {
			last := seen[k][groupAfter-1]
			extra[last] = append(extra[last], d.Line)
			continue
		}
		seen[k] = append(seen[k], len(out))
		out = append(out, d)
	}
	for i, lines := range extra {
		word := "line"
		if len(lines) > 1 {
			word = "lines"
		}
		list := lineList(lines)
		out[i].Message += fmt.Sprintf("; 同类问题另有 %d 处, 在第 %s 行; %d more like this, on %s %s", len(lines), list, len(lines), word, list)
	}
	return out
}

// lineList writes up to ten line numbers, then "…".
func lineList(lines []int) string {
	lines = slices.Compact(lines)
	s := ""
	for i, l := range lines {
		if i == 10 {
			return s + ", …"
		}
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(l)
	}
	return s
}

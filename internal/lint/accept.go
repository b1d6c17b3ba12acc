package lint

import (
	"bytes"
	"fmt"
	"strings"

	"disclose/internal/diag"
)

// acceptance is one [[check.accept]] entry of the notice under proof.
type acceptance struct {
	rule, text, reason string
	at                 diag.Pos // where the entry is written
	used               bool     // it matched a finding
}

// readAcceptances judges the notice's [[check.accept]] entries before the
// rules run: an entry without a rule, a known rule id, the text or a
// reason is an error at its line and accepts nothing.
func (c *checker) readAcceptances() {
	if len(c.n.Check.Accept) == 0 {
		return // most notices accept nothing: no table of the rules
	}
	known := map[string]bool{}
	for _, r := range Rules() {
		known[r.ID] = true
	}
	for i, a := range c.n.Check.Accept {
		at := c.n.KeyPos("check", "accept")
		if e := c.n.Keys.Entry("check.accept", i); e.Line > 0 {
			at = e
		}
		name := fmt.Sprintf("check.accept[%d]", i+1)
		rule, text, reason := strings.TrimSpace(a.Rule), a.Text, strings.TrimSpace(a.Reason)
		var zh, bad string
		switch {
		case rule == "":
			zh, bad = "缺少规则 rule", "rule is missing: name the rule id of the finding, e.g. rule = \"date-format\""
		case !known[rule] || rule == ruleAccept.ID || rule == ruleAcceptUnused.ID:
			zh, bad = fmt.Sprintf("没有名为 %q 的检查规则 (见 docs/checks.md)", rule), fmt.Sprintf("rule %q is not a rule of disclose check (docs/checks.md lists them)", rule)
		case strings.TrimSpace(text) == "":
			zh, bad = "缺少所指文字 text", "text is missing: quote the text the finding is about"
		case reason == "":
			zh, bad = "缺少理由 reason", "reason is missing: say why the finding may stand"
		}
		if bad != "" {
			c.report(at, ruleAccept, "接受的检查结果须写明规则 rule、所指文字 text 和理由 reason",
				"第 %[1]d 条接受%[2]s; %[3]s: %[4]s", i+1, zh, name, bad)
			continue
		}
		c.accepts = append(c.accepts, &acceptance{rule: rule, text: text, reason: reason, at: at})
	}
}

// acceptedBy returns the reason of the first acceptance that matches a
// finding of rule r with message msg, at position p and file offset off
// (-1 for a finding at a front-matter key); empty when none does. An
// acceptance matches when its text is quoted in the message, or is written
// on the finding's line over the finding's column (anywhere on the line of
// a front-matter key).
func (c *checker) acceptedBy(r *Rule, msg string, p diag.Pos, off int) string {
	if p.Path != c.n.Path {
		return "" // the site's settings, judged once for every notice
	}
	for _, a := range c.accepts {
		if a.rule == r.ID && (strings.Contains(msg, a.text) || c.quotedAt(a.text, p, off)) {
			a.used = true
			return a.reason
		}
	}
	return ""
}

// quotedAt reports whether text is written on line p.Line of the notice's
// file over file offset off, or anywhere on that line when off is -1.
func (c *checker) quotedAt(text string, p diag.Pos, off int) bool {
	src := c.n.File.Source()
	start, end := lineBounds(src, p.Line)
	if start < 0 {
		return false
	}
	line := src[start:end]
	if off < 0 {
		return bytes.Contains(line, []byte(text))
	}
	for i := 0; ; {
		j := bytes.Index(line[i:], []byte(text))
		if j < 0 {
			return false
		}
		s := start + i + j
		if s <= off && off < s+len(text) {
			return true
		}
		i += j + 1
	}
}

// lineBounds returns the byte offsets at which 1-based line of src starts
// and ends (before its newline); -1, -1 when src has no such line.
func lineBounds(src []byte, line int) (int, int) {
	start := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[start:], '\n')
		if i < 0 {
			return -1, -1
		}
		start += i + 1
	}
	end := bytes.IndexByte(src[start:], '\n')
	if end < 0 {
		return start, len(src)
	}
	return start, start + end
}

// unusedAcceptances warns of every acceptance that matched no finding: the
// text was changed, or the finding is gone, and the entry should go too.
func (c *checker) unusedAcceptances() {
	for _, a := range c.accepts {
		if !a.used {
			c.report(a.at, ruleAcceptUnused, "此条接受已无对应的检查结果, 可以删除",
				"规则 %[1]s 对 %[2]q 的接受已没有对应的检查结果; [[check.accept]] of rule %[1]s for %[2]q matches no finding", a.rule, a.text)
		}
	}
}

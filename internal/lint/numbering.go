package lint

import (
	"strings"

	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/numbering"
)

// outline runs the numbering rules on the outline the Markdown layer found,
// and the rule on 巡视 and 巡察.
func (c *checker) outline() {
	c.outlineNumbers()
	c.outlineWidth()
	c.inspectionKind()
}

// marker writes the marker of level with number n as the notice writes it.
func marker(level, n int, like string) string {
	full := strings.HasPrefix(like, "（") || strings.HasSuffix(like, "．")
	switch level {
	case 1:
		return numbering.Chinese(n) + "、"
	case 2:
		if full {
			return "（" + numbering.Chinese(n) + "）"
		}
		return "(" + numbering.Chinese(n) + ")"
	case 3:
		if full {
			return itoa(n) + "．"
		}
		return itoa(n) + "."
	}
	if full {
		return "（" + itoa(n) + "）"
	}
	return "(" + itoa(n) + ")"
}

// outlineNumbers: each sequence starts at one and counts up by one,
// restarting under its parent; no level is skipped on the way down. A
// notice whose top level is (一) has no 一、 level to skip.
func (c *checker) outlineNumbers() {
	if len(c.entries) == 0 {
		return
	}
	top := 4
	for i := range c.entries {
		top = min(top, c.entries[i].Level)
	}
	var last [5]int               // the last number at each level, under the current parents
	var parent [5]*markdown.Entry // nil at a level with none yet
	depth := top - 1
	for i := range c.entries {
		e := &c.entries[i] // an entry is eleven words: read in place
		if e.Level > depth+1 {
			c.at(e.Offset, ruleOutlineLevel, "层次序数依次为 一、 (一) 1. (1), 不可越级",
				"%[1]s 越级: %[2]s 之后应先用 %[3]s; %[1]s skips a level: after %[2]s comes %[3]s first", e.Marker, above(parent, depth, top), marker(depth+1, 1, e.Marker))
		}
		want := last[e.Level] + 1
		if e.Number != want {
			c.at(e.Offset, ruleOutlineSequence, "序号应从一开始, 连续不重复",
				"%[1]s: 此处序号应为 %[2]s; %[1]s: expected %[2]s%[3]s", e.Marker, marker(e.Level, want, e.Marker), after(last[e.Level], e, parent))
		}
		last[e.Level], parent[e.Level] = e.Number, e
		for l := e.Level + 1; l < len(last); l++ {
			last[l] = 0
		}
		depth = e.Level
	}
}

// above names where a skipped level was skipped from.
func above(parent [5]*markdown.Entry, depth, top int) string {
	if depth < top || parent[depth] == nil || parent[depth].Marker == "" {
		return "the start of the text"
	}
	return parent[depth].Marker
}

// after explains the expected number: what came before, or the parent
// under which the sequence restarts.
func after(last int, e *markdown.Entry, parent [5]*markdown.Entry) string {
	switch {
	case last > 0 && e.Number == last:
		return " (the number is repeated)"
	case last > 0:
		return " after " + marker(e.Level, last, e.Marker)
	case e.Level > 1 && parent[e.Level-1] != nil && parent[e.Level-1].Marker != "":
		return " (the numbering restarts under " + parent[e.Level-1].Marker + ")"
	}
	return " (the numbering starts at one)"
}

// outlineWidth: numbering written in one width throughout. Brackets (一)
// (1) and the stop of 1. are judged apart, as GB/T 9704 itself writes
// （一） with 1.: of each, the fewer form is flagged, or, on a tie, the one
// that differs from the notice's punctuation.
func (c *checker) outlineWidth() {
	var counts [2][2]int // [brackets, stops][half-width, full-width]
	for i := range c.entries {
		if kind, w, ok := numberingWidth(&c.entries[i]); ok {
			counts[kind][w]++
		}
	}
	c.mixedWidths(counts[0], 0, "brackets")
	c.mixedWidths(counts[1], 1, "stops")
}

// numberingWidth says of an entry's marker whether it has brackets (0) or
// a stop (1), and whether they are half-width (0) or full-width (1), as
// numbering.Parse, which read the marker, tells them: （一） and （1） are
// full-width when both brackets are; false for 一、, which has neither.
func numberingWidth(e *markdown.Entry) (kind, w int, ok bool) {
	switch e.Level {
	case 2, 4: // （一） and （1）
	case 3: // 1．
		kind = 1
	default:
		return 0, 0, false
	}
	if e.FullWidth {
		w = 1
	}
	return kind, w, true
}

// mixedWidths reports the entries of one kind of numbering, whose forms
// count how many are written in each width, that are of the fewer width.
func (c *checker) mixedWidths(forms [2]int, kind int, what string) {
	half, full := forms[0], forms[1]
	if half == 0 || full == 0 {
		return
	}
	odd, want := 1, "half-width"
	if full > half || (full == half && c.n.Punctuation != notice.HalfWidth) {
		odd, want = 0, "full-width"
	}
	for i := range c.entries {
		e := &c.entries[i]
		if k, w, ok := numberingWidth(e); ok && k == kind && w == odd {
			c.at(e.Offset, ruleOutlineWidth, "同一篇通报的序号不应混用全角、半角",
				"%[1]s: 与本通报其他序号的全角、半角不一致; %[1]s: this notice writes the %[2]s of its numbering %[3]s", e.Marker, what, want)
		}
	}
}

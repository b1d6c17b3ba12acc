package markdown

import (
	"bytes"
	"fmt"
)

// MaxNesting is the deepest nesting of containers (block quotes and list
// items, one inside another) that a body may have. goldmark's time grows
// with the square of the depth: a 2,000-deep list takes seconds, 200,000
// ">" minutes. A notice needs little: its outline (一、 (一) 1. (1)) is
// written as headings or paragraphs, not as nested lists. Of the 108
// notices and imported texts in this repository (the seed, the real
// notices of cmd/disclose/testdata/real, the test sites), none nests a
// list or a quote at all, and one hostile test nests one. Sixteen leaves
// room for a bullet list in a quoted list many times over, and a body that
// deep converts in microseconds.
const MaxNesting = 16

// RuleNesting is the rule of the problem a body nested too deep is.
const RuleNesting = "nesting"

// NestingError is a body nested deeper than MaxNesting. Convert returns it
// before goldmark reads the body.
type NestingError struct {
	Line  int // 1-based, in the body
	Depth int // at least this deep on that line
}

func (e *NestingError) Error() string {
	return fmt.Sprintf("正文第 %d 行 (body line %d): %s", e.Line, e.Line, e.Message())
}

// Message says what is wrong, without the line, for a message that gives
// the line in its position.
func (e *NestingError) Message() string {
	return fmt.Sprintf("嵌套了 %d 层引用或列表, 通报最多 %d 层; 请去掉多余的 > 或 - (%d block quotes or list items nested, more than the %d a notice may have)",
		e.Depth, MaxNesting, e.Depth, MaxNesting)
}

// Nesting reports the first line of src nested deeper than MaxNesting, or
// nil. It reads each line's prefix once, in time linear in src, and never
// calls goldmark: it is what keeps goldmark from a body too deep.
//
// The depth it counts is an upper bound of goldmark's: a container opens
// only on a line whose prefix has a marker (">" or a bullet "-", "+", "*"
// and a space), so only those lines are measured; each ">" is one level,
// and a list item takes at least two columns of the prefix (its marker and
// a space, or two spaces of indentation under its parent), so the other
// columns of the prefix count one level for two. A lazy line, which
// continues a paragraph without its markers, opens nothing.
func Nesting(src []byte) *NestingError {
	line := 1
	for start := 0; start < len(src); line++ {
		end := bytes.IndexByte(src[start:], '\n') // most of a line is text: skipped in one search
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		if d := prefixDepth(src[start:end]); d > MaxNesting {
			return &NestingError{Line: line, Depth: d}
		}
		start = end + 1
	}
	return nil
}

// prefixDepth is the bound above for one line: 0 when its prefix has no
// marker.
func prefixDepth(line []byte) int {
	quotes, columns, markers := 0, 0, 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == ' ':
			columns++
		case c == '\t':
			columns += 4
		case c == '>':
			quotes++
			if i+1 < len(line) && line[i+1] == ' ' {
				i++ // the space is part of the marker
			}
		case (c == '-' || c == '+' || c == '*') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			columns++
			markers++
		default:
			return depthOf(quotes, columns, markers)
		}
	}
	return depthOf(quotes, columns, markers)
}

func depthOf(quotes, columns, markers int) int {
	if quotes+markers == 0 {
		return 0
	}
	return quotes + (columns+1)/2
}

package lint

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
)

// Apply returns src with fixes applied. It refuses, changing nothing, when
// a fix does not find the text it expects (the file changed since it was
// read), when fixes overlap, or when a fix would touch anything but
// punctuation and spaces: a fix never changes a word or a figure.
func Apply(src []byte, fixes []Fix) ([]byte, error) {
	var out bytes.Buffer
	last := 0
	for _, f := range fixes {
		switch {
		case f.Off < last || f.End < f.Off || f.End > len(src):
			return nil, fmt.Errorf("fix at byte %d overlaps another or lies outside the file", f.Off)
		case string(src[f.Off:f.End]) != f.Old:
			return nil, fmt.Errorf("the file changed since it was read (byte %d): check again", f.Off)
		case !mechanical(f.Old) || !mechanical(f.New):
			return nil, fmt.Errorf("fix %q → %q at byte %d is not punctuation", f.Old, f.New, f.Off)
		}
		out.Write(src[last:f.Off])
		out.WriteString(f.New)
		last = f.End
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// mechanical reports whether s holds only what a fix may change:
// punctuation, brackets and spaces other than line breaks.
func mechanical(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool {
		return r == '\n' || r == '\r' || !(unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r))
	})
}

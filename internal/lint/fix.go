package lint

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"disclose/internal/diag"
	"disclose/internal/markdown"
	"disclose/internal/notice"
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
			return nil, fmt.Errorf("第 %[1]d 字节处的修改与另一处重叠或超出文件; fix at byte %[1]d overlaps another or lies outside the file", f.Off)
		case string(src[f.Off:f.End]) != f.Old:
			return nil, fmt.Errorf("文件在读取后被改动 (第 %[1]d 字节), 请重新检查; the file changed since it was read (byte %[1]d): check again", f.Off)
		case !mechanical(f.Old) || !mechanical(f.New):
			return nil, fmt.Errorf("第 %[3]d 字节处的修改 %[1]q → %[2]q 不是标点; fix %[1]q → %[2]q at byte %[3]d is not punctuation", f.Old, f.New, f.Off)
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

// Round is one round of FixAll: Fixes, at offsets of Src, the source as
// the rounds before left it.
type Round struct {
	Src   []byte
	Fixes []Fix
}

// maxRounds bounds FixAll: each round's fixes are judged on the text the
// rounds before left, and one round almost always leaves nothing; a rule
// whose fix another undoes would otherwise never end.
const maxRounds = 8

// FixAll applies fixes, the fixes Notice found in n, to src, the source n
// was parsed from; then proofreads the result and applies what is left to
// fix, until nothing is (or maxRounds have run). One run of check --fix
// thus reaches the fixed point: a rule judges a mark by the marks around
// it, and a fix of those can call for another fix ("个（ (" loses its
// space, then the bracket after 》 is Chinese text). It returns the fixed
// source and each round. n must be as Notice read it (defaults applied).
func FixAll(n *notice.Notice, src []byte, fixes []Fix) ([]byte, []Round, error) {
	var rounds []Round
	conv := markdown.New(markdown.Options{}) // the outline and prose alone: options do not matter
	for range maxRounds {
		if len(fixes) == 0 {
			break
		}
		out, err := Apply(src, fixes)
		if err != nil {
			return nil, rounds, err
		}
		rounds = append(rounds, Round{Src: src, Fixes: fixes})
		src = out
		// The front matter is untouched (fixes are in the body), so n's
		// keys and defaults hold; only its body and file change.
		next := *n
		next.File = diag.NewFile(n.Path, src)
		next.Body = src[n.BodyOffset:]
		n = &next
		fixes = Notice(n, conv).Fixes
	}
	return src, rounds, nil
}

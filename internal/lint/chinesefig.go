package lint

import (
	"iter"
	"strings"
	"unicode/utf8"
)

// clauseEndByte marks the bytes that begin a mark sentencesOf or clauses
// reads: ，,；;、 and 。！？ cut clauses and sentences, and a clause with a
// breakdown ends where its bracket, ( or （, opens. The Chinese marks all
// begin with 0xe3 or 0xef.
var clauseEndByte = [256]bool{',': true, ';': true, '(': true, ')': true, 0xe3: true, 0xef: true}

// sentenceClauses yields the clauses of each sentence of text, those
// clauses yields for each sentence sentencesOf yields, in one pass that
// decodes only the bytes that may begin a mark: no byte that begins one
// is inside another rune, so none is passed over (TestSentenceClauses).
func sentenceClauses(text string) iter.Seq[clause] {
	return func(yield func(clause) bool) {
		depth, start, open := 0, 0, -1
		for i := 0; i < len(text); {
			if !clauseEndByte[text[i]] {
				i++
				continue
			}
			r, w := utf8.DecodeRuneInString(text[i:])
			switch {
			case r == '。' || r == '！' || r == '？':
				if start < i && !yield(newClause(text, start, i, open)) {
					return
				}
				depth, start, open = 0, i+w, -1
			case r == '(' || r == '（':
				if depth == 0 {
					open = i
				}
				depth++
			case (r == ')' || r == '）') && depth > 0:
				depth--
			case depth == 0 && (r == '，' || r == ',' || r == '；' || r == ';' || r == '、'):
				if !yield(newClause(text, start, i, open)) {
					return
				}
				start, open = i+w, -1
			}
			i += w
		}
		if start < len(text) {
			yield(newClause(text, start, len(text), open))
		}
	}
}

// mayHoldChineseFigure reports whether text may hold a figure that
// ChineseFigures reads: a Chinese numeral, 余 or 多, and a unit before a
// place where a clause ends. Four paragraphs in five hold a Chinese
// numeral (一是, 进一步) but one in seven a figure written with one; cutting
// every paragraph into sentences and clauses, rune by rune, to find it
// took a third of the proofreader. It looks at the bytes before each
// mark only, and never rules out a text that holds such a figure
// (TestScannersAgainstExpressions).
func mayHoldChineseFigure(text string) bool {
	for e := 0; e <= len(text); e++ {
		if e < len(text) && !(clauseEndByte[text[e]] && isClauseEnd(text[e:])) {
			continue
		}
		s := text[:e]
		if t := strings.TrimRight(s, " ."); numeralUnitEnds(s) || len(t) < len(s) && numeralUnitEnds(t) {
			return true
		}
	}
	return false
}

// isClauseEnd reports whether s opens with a mark where a clause may end.
func isClauseEnd(s string) bool {
	switch r, _ := utf8.DecodeRuneInString(s); r {
	case ',', ';', '(', '，', '；', '、', '。', '！', '？', '（':
		return true
	}
	return false
}

// numeralUnitEnds reports whether s ends with a Chinese numeral, perhaps
// 余 or 多, and a unit: one of figureUnits or any one rune.
func numeralUnitEnds(s string) bool {
	if s == "" {
		return false
	}
	last := s[len(s)-1]
	for _, u := range figureUnits {
		if u[len(u)-1] == last && strings.HasSuffix(s, u) && numeralEnds(s[:len(s)-len(u)]) {
			return true
		}
	}
	_, w := utf8.DecodeLastRuneInString(s)
	return numeralEnds(s[:len(s)-w])
}

// numeralEnds reports whether s ends with a Chinese numeral, perhaps
// followed by 余 or 多.
func numeralEnds(s string) bool {
	r, w := utf8.DecodeLastRuneInString(s)
	if r == '余' || r == '多' {
		r, _ = utf8.DecodeLastRuneInString(s[:len(s)-w])
	}
	switch r {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万':
		return true
	}
	return false
}

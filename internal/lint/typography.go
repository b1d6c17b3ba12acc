package lint

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"disclose/internal/notice"
)

// typography runs the punctuation rules of GB/T 15834-2011 over every
// paragraph. Their findings are warnings and, where the change is
// mechanical, fixes.
func (c *checker) typography() {
	full := c.n.Punctuation != notice.HalfWidth
	wrong := fullMarks // the marks of the other width
	if full {
		wrong = halfMarks
	}
	for i, p := range c.body.paras {
		// Each rule looks at a paragraph only when it holds the marks the
		// rule looks for.
		text, at, has := c.body.of(p), c.body.marksOf(i), c.body.holds[i]
		// 1. Marks in the wrong form: each becomes one other mark. Quotes
		// first, then brackets, then , ; : ? !: a rule that judges a mark
		// by what comes before it reads the marks there as the rules
		// before it leave them (see contentBefore).
		first := len(c.fixes)
		c.paraFixes = first
		docs := docNumbers(text, c.body.digitsOf(i))
		c.docNumbers(p, docs)
		if has&straightQuote != 0 {
			c.quotes(p, text, at)
		}
		if has&pairMarks != 0 {
			c.brackets(p, text, c.body.pairsOf(i), full, docs)
		}
		if has&wrong != 0 {
			c.widths(p, text, at, full)
		}
		// 2. Doubled marks and stray spaces, judged on the text as step 1
		// leaves it, so that one run of --fix leaves nothing to fix.
		v := rewrite(text, p.off, at, c.fixes[first:], c.n.BodyOffset)
		if v.orig != nil {
			has = ^holds(0) // rewritten: what it holds is not known
		}
		second := len(c.fixes)
		if has&adjacentMarks != 0 {
			c.doubles(v)
		}
		if has&spaceMarks != 0 {
			c.spaces(v)
		}
		c.fixes = supersede(c.fixes, first, second)
	}
}

// view is a paragraph as the fixes of step 1 leave it, with the body
// offset of each of its bytes in the source.
type view struct {
	text  string
	marks []int // where text has a mark (marks)
	off   int   // the paragraph's body offset, when nothing was fixed
	orig  []int // len(text)+1 entries; nil when nothing was fixed
}

// at returns the body offset of byte i of the view.
func (v view) at(i int) int {
	if v.orig == nil {
		return v.off + i
	}
	return v.orig[i]
}

// rewrite applies fixes (file offsets, each replacing one mark, sorted)
// to the paragraph text starting at body offset off, whose marks are at.
func rewrite(text string, off int, at []int, fixes []Fix, bodyOffset int) view {
	if len(fixes) == 0 { // most paragraphs: no copy, no table of offsets
		return view{text: text, marks: at, off: off}
	}
	var b strings.Builder
	var orig []int
	last := 0
	for _, f := range sortedFixes(fixes) {
		at := f.Off - bodyOffset - off
		if at < last || at > len(text) {
			continue
		}
		for i := last; i < at; i++ {
			orig = append(orig, off+i)
		}
		b.WriteString(text[last:at])
		for range len(f.New) {
			orig = append(orig, off+at)
		}
		b.WriteString(f.New)
		last = at + len(f.Old)
	}
	for i := last; i <= len(text); i++ {
		orig = append(orig, off+i)
	}
	b.WriteString(text[last:])
	return view{text: b.String(), marks: marks(b.String()), orig: orig}
}

func sortedFixes(fixes []Fix) []Fix {
	sorted := slices.Clone(fixes)
	slices.SortFunc(sorted, func(a, b Fix) int { return cmp.Compare(a.Off, b.Off) })
	return sorted
}

// supersede drops the fixes of step 1 (fixes[first:second]) that a fix of
// step 2 (fixes[second:]) overlaps: a mark that step 2 removes need not be
// made full-width first.
func supersede(fixes []Fix, first, second int) []Fix {
	if second == len(fixes) { // no fix of step 2: none superseded
		return fixes
	}
	later := fixes[second:]
	out := fixes[:first:first]
	for _, f := range fixes[first:second] {
		if !slices.ContainsFunc(later, func(g Fix) bool { return f.Off < g.End && g.Off < f.End }) {
			out = append(out, f)
		}
	}
	return append(out, later...)
}

// width pairs: half-width and full-width forms of the same mark.
var halfToFull = map[rune]rune{',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）'}
var fullToHalf = map[rune]rune{'，': ',', '；': ';', '：': ':', '？': '?', '！': '!', '（': '(', '）': ')'}

// chinese reports whether r is Chinese text: a Chinese character or the
// Chinese punctuation a mark may follow or precede in it.
func chinese(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '？', '！', '“', '”', '‘', '’', '《', '》', '（', '）', '〔', '〕', '【', '】', '—', '…', '·':
		return true
	}
	return isHan(r)
}

// contentBefore returns the rune before byte i of paragraph p, whose
// text is text, looking through half-width closing brackets, quotes and
// marks: "2号)," is Chinese text before its comma. It reads each mark as
// the fixes made so far in the paragraph leave it, so that a " the
// quotes rule makes ” is Chinese text, as it is to the next run of the
// rules: judged on the text before its fixes, “0”! would want a fix that
// "0"! did not.
func (c *checker) contentBefore(p span, text string, i int) rune {
	for {
		r, start := runeBefore(text, i), i-1
		if f := c.fixEnding(p, i); f != nil {
			r, _ = lastRune(f.New)
			start = f.Off - c.n.BodyOffset - p.off
		}
		if !strings.ContainsRune(`)",;:?!`, r) {
			return r
		}
		i = start
	}
}

// fixEnding returns the fix made so far in paragraph p that writes a mark
// ending at byte i of p, or nil.
func (c *checker) fixEnding(p span, i int) *Fix {
	end := c.n.BodyOffset + p.off + i
	for k := c.paraFixes; k < len(c.fixes); k++ {
		if f := &c.fixes[k]; f.End == end && f.New != "" {
			return f
		}
	}
	return nil
}

// fixedQuote returns what the straight quote at byte i of paragraph p
// becomes: “ or ” when the quotes rule fixes it, else ".
func (c *checker) fixedQuote(p span, i int) rune {
	if f := c.fixEnding(p, i+1); f != nil && f.Rule == ruleQuotes.ID {
		r, _ := firstRune(f.New)
		return r
	}
	return '"'
}

// widths: , ; : ? ! after Chinese text in a full-width notice, or their
// full-width forms in a half-width one. Brackets are judged in pairs.
func (c *checker) widths(p span, text string, at []int, full bool) {
	for _, i := range at {
		r, _ := markAt(text, i)
		var want rune
		switch {
		case full && halfMark(r) && chinese(c.contentBefore(p, text, i)):
			want = halfToFull[r]
		case !full && fullMark(r):
			want = fullToHalf[r]
		default:
			continue
		}
		c.punctWidth(p.off+i, r, want, full)
	}
}

// halfMark reports whether r is one of , ; : ? !
func halfMark(r rune) bool {
	switch r {
	case ',', ';', ':', '?', '!':
		return true
	}
	return false
}

// fullMark reports whether r is one of ， ； ： ？ ！
func fullMark(r rune) bool {
	switch r {
	case '，', '；', '：', '？', '！':
		return true
	}
	return false
}

func (c *checker) punctWidth(off int, r, want rune, full bool) {
	style, zhStyle, hint := "full-width", "全角", "中文文本中应使用全角标点"
	if !full {
		style, zhStyle, hint = "half-width", "半角", `本通报声明 punctuation = "half", 标点应统一用半角`
	}
	c.at(off, rulePunctWidth, hint, "%[1]q 应写作 %[3]q (本通报标点用%[4]s); %[1]q in a notice that writes punctuation %[2]s: write %[3]q", string(r), style, string(want), zhStyle)
	c.fix(rulePunctWidth, off, off+utf8.RuneLen(r), string(want))
}

// pairBuffers are the slices matchPairs works in, kept for the next
// paragraph.
type pairBuffers struct {
	stack    []openMark // the marks still open
	matched  []pair
	unpaired []int
}

// openMark is a mark that opens a pair, by offset, and the family (see
// family) of the mark that closes it.
type openMark struct {
	off    int
	closes rune
}

// pair is an opening and a closing mark of one paragraph, by offset.
type pair struct {
	open, close int // -1 when missing
}

// family makes ( and （ one kind of bracket, so a pair of mixed widths
// still balances.
func family(r rune) rune {
	switch r {
	case '（':
		return '('
	case '）':
		return ')'
	}
	return r
}

// matchPairs finds the paired marks of text, and the marks left unpaired,
// among the marks at, which hold those that may open or close a pair
// (mayPair).
// An apostrophe between Latin letters (it’s) is no quote, and the brackets
// of a document number, which become 〔〕, pair with nothing else. A
// straight quote is the mark quote says it becomes (see fixedQuote), so
// that the pairs are those of the text as the quotes rule leaves it.
// buf holds the slices it returns, reused from one paragraph to the next.
func matchPairs(text string, at []int, docs []docNumber, quote func(i int) rune, buf *pairBuffers) (matched []pair, unpaired []int) {
	buf.stack, buf.matched, buf.unpaired = buf.stack[:0], buf.matched[:0], buf.unpaired[:0]
	for _, i := range at {
		if !mayPair(text, i) {
			continue
		}
		r, _ := markAt(text, i)
		if r == '"' {
			r = quote(i)
		}
		closedBy, closes := pairRole(r)
		if closedBy == 0 && closes == 0 {
			continue
		}
		if r == '’' && latin(runeBefore(text, i)) && latin(runeAt(text, i+len("’"))) || len(docs) > 0 && inDocNumber(docs, i) {
			continue
		}
		if closes == 0 {
			buf.stack = append(buf.stack, openMark{i, closedBy})
			continue
		}
		buf.close(i, closes)
	}
	for _, o := range buf.stack {
		buf.unpaired = append(buf.unpaired, o.off)
	}
	return buf.matched, buf.unpaired
}

// close pairs the mark at i, which closes a pair of family f, with the
// last mark still open that it closes, leaving the marks opened after
// that one unpaired; it is unpaired itself when none is open.
func (buf *pairBuffers) close(i int, f rune) {
	for j := len(buf.stack) - 1; j >= 0; j-- {
		if buf.stack[j].closes == f {
			for _, o := range buf.stack[j+1:] {
				buf.unpaired = append(buf.unpaired, o.off)
			}
			buf.matched = append(buf.matched, pair{buf.stack[j].off, i})
			buf.stack = buf.stack[:j]
			return
		}
	}
	buf.unpaired = append(buf.unpaired, i)
}

// mayPair reports whether the mark at byte i of text, where scan found
// one, may open or close a pair (pairOf), a straight quote among them: most
// marks, ，。、, do not. A mark of three bytes is told by its last byte,
// which no other mark shares (TestPairLast).
func mayPair(text string, i int) bool {
	if c := text[i]; c < utf8.RuneSelf {
		return c == '(' || c == ')' || c == '"'
	}
	return pairLast>>(text[i+2]&0x3F)&1 != 0
}

// pairLast has bit b set for the last byte 0x80|b of each mark of three
// bytes that opens or closes a pair.
const pairLast uint64 = 1<<('“'&0x3F) | 1<<('”'&0x3F) | 1<<('‘'&0x3F) | 1<<('’'&0x3F) | 1<<('《'&0x3F) | 1<<('》'&0x3F) |
	1<<('〈'&0x3F) | 1<<('〉'&0x3F) | 1<<('（'&0x3F) | 1<<('）'&0x3F) | 1<<('〔'&0x3F) | 1<<('〕'&0x3F) | 1<<('【'&0x3F) | 1<<('】'&0x3F)

// pairOf says what r, a mark, is to a pair: the family (see family) of
// the mark that closes it, when r opens a pair; whether r closes one.
func pairOf(r rune) (closes rune, closer bool) {
	closedBy, family := pairRole(r)
	return closedBy, family != 0
}

// pairRole is pairOf and family in one look-up: the family of the mark
// that closes r, when r opens a pair; the family of r, when r closes one.
func pairRole(r rune) (closedBy, closes rune) {
	switch r {
	case '“':
		return '”', 0
	case '‘':
		return '’', 0
	case '《':
		return '》', 0
	case '〈':
		return '〉', 0
	case '(', '（':
		return ')', 0
	case '〔':
		return '〕', 0
	case '【':
		return '】', 0
	case '”', '’', '》', '〉', ')', '〕', '】':
		return 0, r
	case '）':
		return 0, ')'
	}
	return 0, 0
}

// isCloser reports whether r closes a pair.
func isCloser(r rune) bool {
	_, family := pairRole(r)
	return family != 0
}

func latin(r rune) bool { return r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z') }

// brackets: every pair balanced within its paragraph; brackets around or
// after Chinese text in the notice's width. at are the marks of the
// paragraph that may open or close a pair (body.pairsOf).
func (c *checker) brackets(p span, text string, at []int, full bool, docs []docNumber) {
	quote := func(i int) rune { return c.fixedQuote(p, i) }
	if c.pairs.matched == nil { // room for what most paragraphs hold, made once a notice
		c.pairs.stack, c.pairs.matched = make([]openMark, 0, 8), make([]pair, 0, 16)
	}
	matched, unpaired := matchPairs(text, at, docs, quote, &c.pairs)
	for _, i := range unpaired {
		r := runeAt(text, i)
		what, zhWhat := "is never closed", "没有配对的后一半"
		if isCloser(r) || r == '"' && isCloser(quote(i)) {
			what, zhWhat = "closes nothing", "前面没有配对的前一半"
		}
		c.at(p.off+i, rulePunctBalance, "引号、书名号、括号应成对使用", "本段中的 %[1]q %[3]s; %[1]q %[2]s in this paragraph", string(r), what, zhWhat)
	}
	// Outer pairs first: an inner pair is judged by what comes before
	// it, which is the outer pair's opening as the fix leaves it ("个(())"
	// becomes "个（（））" in one run, not "个（()）" and then the rest).
	slices.SortFunc(matched, func(a, b pair) int { return a.open - b.open })
	for _, m := range matched {
		o, _ := markAt(text, m.open)
		cl, _ := markAt(text, m.close)
		if family(o) != '(' {
			continue
		}
		// pairWidth changes only a bracket of the other width: a pair
		// of the notice's width (most) need not be judged.
		if !full {
			if c.every || o == '（' || cl == '）' {
				c.pairWidth(p, m, o, cl, fullToHalf, full)
			}
			continue
		}
		if !c.every && o != '(' && cl != ')' {
			continue
		}
		if chinese(c.contentBefore(p, text, m.open)) || strings.IndexFunc(text[m.open:m.close], isHan) >= 0 {
			c.pairWidth(p, m, o, cl, halfToFull, full)
		}
	}
}

// pairWidth fixes the marks of a bracket pair that are not of the width
// wanted; to says what each becomes.
func (c *checker) pairWidth(p span, m pair, o, cl rune, to map[rune]rune, full bool) {
	if want, ok := to[o]; ok {
		c.punctWidth(p.off+m.open, o, want, full)
	}
	if want, ok := to[cl]; ok {
		c.punctWidth(p.off+m.close, cl, want, full)
	}
}

// quotes: straight quotes " beside Chinese text become “ and ”, in turn,
// when the paragraph has an even number of them.
func (c *checker) quotes(p span, text string, marks []int) {
	var at []int
	beside := false
	for _, i := range marks {
		if text[i] == '"' {
			at = append(at, i)
			beside = beside || isHan(runeBefore(text, i)) || isHan(runeAt(text, i+1))
		}
	}
	if !beside {
		return
	}
	for k, i := range at {
		c.at(p.off+i, ruleQuotes, "中文引号用“”", `中文文本中的直引号 " 应写作 “ 和 ”; straight quote " in Chinese text: write “ and ”`)
		if len(at)%2 == 0 {
			c.fix(ruleQuotes, p.off+i, p.off+i+1, []string{"“", "”"}[k%2])
		}
	}
}

// sentenceMark reports whether r is a mark that must not be doubled:
// ，。、；：？！,;:?!
func sentenceMark(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '？', '！', ',', ';', ':', '?', '!':
		return true
	}
	return false
}

// doubles: two sentence marks in a row. Two of the same mark lose one;
// ？！ and ?! stand, as GB/T 15834 allows them.
func (c *checker) doubles(v view) {
	text := v.text
	for k, i := range v.marks {
		// A mark is ASCII or of three bytes (markAt): the next mark must
		// start where it ends, which most do not, before either is read.
		j := i + 1
		if text[i] >= utf8.RuneSelf {
			j = i + 3
		}
		if k+1 == len(v.marks) || v.marks[k+1] != j {
			continue
		}
		r, _ := markAt(text, i)
		if !sentenceMark(r) {
			continue
		}
		next := runeAt(text, j)
		if !sentenceMark(next) || exclaims(r) && exclaims(next) {
			continue
		}
		if sentenceMark(runeBefore(text, i)) {
			continue // reported with the mark before
		}
		c.at(v.at(i), rulePunctDouble, "标点重复", "标点 %[1]q 重复; doubled punctuation %[1]q", string(r)+string(next))
		k := j + utf8.RuneLen(next)
		if sameMark(r, next) && !sentenceMark(runeAt(text, k)) {
			c.fix(rulePunctDouble, v.at(j), v.at(k), "")
		}
	}
}

// isSpace reports whether r is a space the stray-space rule reads: a
// space, a tab or an ideographic space.
func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' }

// exclaims reports whether r is one of ？！?!, which may stand doubled.
func exclaims(r rune) bool {
	switch r {
	case '？', '！', '?', '!':
		return true
	}
	return false
}

// sameMark reports whether a and b are one mark, in either width.
func sameMark(a, b rune) bool {
	if f, ok := halfToFull[a]; ok {
		a = f
	}
	if f, ok := halfToFull[b]; ok {
		b = f
	}
	return a == b
}

// spaces: a space between Chinese characters, outside quotes and titles
// (whose wording, slogans included, is kept as written).
func (c *checker) spaces(v view) {
	text := v.text
	depth, next := 0, 0 // marks before next are spaces already judged
	for _, i := range v.marks {
		if i < next {
			continue
		}
		r, _ := markAt(text, i)
		switch r {
		case '“', '《', '‘', '〈':
			depth++
		case '”', '》', '’', '〉':
			depth = max(depth-1, 0)
		}
		if r != ' ' && r != '\t' && r != '\u3000' {
			continue
		}
		end := i
		for end < len(text) && isSpace(runeAt(text, end)) {
			_, w := firstRune(text[end:])
			end += w
		}
		if depth == 0 && chinese(runeBefore(text, i)) && chinese(runeAt(text, end)) {
			c.at(v.at(i), ruleSpace, "中文字符之间不应有空格", "中文字符之间有空格; space between Chinese characters")
			c.fix(ruleSpace, v.at(i), v.at(end), "")
		}
		next = end
	}
}

// docNumberRE is a document number whose year is not in 〔〕: 浙妇党[2025]12号.
// Spaces may come before the bracket, as the stray-space fix may remove
// them: 浙妇党 （2025）12号 is one already, as it will be without the space.
var docNumberRE = regexp.MustCompile(`\p{Han}[ \t\x{3000}]*([\[【［(（﹝])((?:19|20)[0-9]{2})([\]】］)）﹞])[0-9]{1,4}号`)

type docNumber struct{ open, close int } // offsets of the two brackets

// docNumbers finds the document numbers of text, whose digits are at,
// whose year is not in 〔〕.
func docNumbers(text string, at []int) []docNumber {
	if !hasYearThen(text, at, "]】］)）﹞") || !strings.Contains(text, "号") {
		return nil
	}
	var out []docNumber
	for _, m := range docNumberRE.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, docNumber{m[2], m[6]})
	}
	return out
}

func inDocNumber(docs []docNumber, off int) bool {
	for _, d := range docs {
		if d.open == off || d.close == off {
			return true
		}
	}
	return false
}

// docNumbers: the year of a document number in 六角括号 〔〕.
func (c *checker) docNumbers(p span, docs []docNumber) {
	text := c.body.of(p)
	for _, d := range docs {
		o, cl := runeAt(text, d.open), runeAt(text, d.close)
		c.at(p.off+d.open, ruleDocNumber, "发文字号中的年份用六角括号〔〕",
			"发文字号的年份用了 %[1]s%[2]s: 应写作〔〕; document number with %[1]s%[2]s around its year: write 〔〕", string(o), string(cl))
		c.fix(ruleDocNumber, p.off+d.open, p.off+d.open+utf8.RuneLen(o), "〔")
		c.fix(ruleDocNumber, p.off+d.close, p.off+d.close+utf8.RuneLen(cl), "〕")
	}
}

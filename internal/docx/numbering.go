package docx

import (
	"archive/zip"
	"encoding/xml"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"disclose/internal/numbering"
)

// numberingPart is numbering.xml: the lists' level formats, and the counters
// Word keeps while it lays the document out.
type numberingPart struct {
	abstracts map[string]*[9]level // abstractNumId → its levels
	nums      map[string]*num      // numId → its list
	counters  map[string]*counter  // abstractNumId → the current number at each level
	unknown   map[string]bool      // formats met that are written as decimals
}

type level struct {
	start  int
	format string // numFmt: decimal, chineseCounting, …
	text   string // lvlText: "%1、", "（%1）"
	suffix string // tab (the default), space, nothing
	legal  bool   // isLgl: every number in decimal
}

// counter is the current number at each level of a list, and whether the
// level has started since its parent last moved on.
type counter struct {
	n  [9]int
	on [9]bool
}

type num struct {
	abstract  string
	overrides map[int]int // ilvl → startOverride, applied at the list's first use
	used      bool
}

type xLevel struct {
	Ilvl  string `xml:"ilvl,attr"`
	Start *val   `xml:"start"`
	Fmt   *val   `xml:"numFmt"`
	Text  *val   `xml:"lvlText"`
	Suff  *val   `xml:"suff"`
	IsLgl *val   `xml:"isLgl"`
}

type xNumbering struct {
	Abstracts []struct {
		ID     string   `xml:"abstractNumId,attr"`
		Levels []xLevel `xml:"lvl"`
	} `xml:"abstractNum"`
	Nums []struct {
		ID        string `xml:"numId,attr"`
		Abstract  val    `xml:"abstractNumId"`
		Overrides []struct {
			Ilvl  string `xml:"ilvl,attr"`
			Start *val   `xml:"startOverride"`
		} `xml:"lvlOverride"`
	} `xml:"num"`
}

// readNumbering reads numbering.xml; a document without one has no lists.
func readNumbering(z *zip.Reader, dir string) (*numberingPart, error) {
	n := &numberingPart{abstracts: map[string]*[9]level{}, nums: map[string]*num{},
		counters: map[string]*counter{}, unknown: map[string]bool{}}
	src, err := readPart(z, path.Join(dir, "numbering.xml"))
	if src == nil || err != nil {
		return n, err
	}
	var x xNumbering
	if err := xml.Unmarshal(src, &x); err != nil {
		return n, nil // a broken numbering.xml loses the numbers, not the text
	}
	for _, a := range x.Abstracts {
		var levels [9]level
		for i := range levels {
			levels[i] = level{start: 1, format: "decimal", suffix: "tab"}
		}
		for _, l := range a.Levels {
			if i, err := strconv.Atoi(l.Ilvl); err == nil && i >= 0 && i < 9 {
				levels[i] = l.level()
			}
		}
		n.abstracts[a.ID] = &levels
	}
	for _, m := range x.Nums {
		nm := &num{abstract: m.Abstract.Val, overrides: map[int]int{}}
		for _, o := range m.Overrides {
			i, err := strconv.Atoi(o.Ilvl)
			if o.Start != nil && err == nil && i >= 0 && i < 9 {
				nm.overrides[i] = atoi(o.Start.Val, 1)
			}
		}
		n.nums[m.ID] = nm
	}
	return n, nil
}

func (x xLevel) level() level {
	l := level{start: 1, format: "decimal", suffix: "tab"}
	if x.Start != nil {
		l.start = atoi(x.Start.Val, 1)
	}
	if x.Fmt != nil {
		l.format = x.Fmt.Val
	}
	if x.Text != nil {
		l.text = x.Text.Val
	}
	if x.Suff != nil {
		l.suffix = x.Suff.Val
	}
	l.legal = x.IsLgl != nil && x.IsLgl.Val != "0" && x.IsLgl.Val != "false"
	return l
}

func atoi(s string, def int) int {
	if v, err := strconv.Atoi(s); err == nil && v >= 0 && v < 1e6 {
		return v
	}
	return def
}

// next counts one more paragraph of list numID at level ilvl, and returns
// its number as Word shows it; "" when the list does not exist.
func (n *numberingPart) next(numID string, ilvl int) string {
	nm := n.nums[numID]
	if nm == nil || ilvl < 0 || ilvl > 8 {
		return ""
	}
	levels := n.abstracts[nm.abstract]
	if levels == nil {
		return ""
	}
	c := n.counters[nm.abstract]
	if c == nil {
		c = &counter{}
		n.counters[nm.abstract] = c
	}
	if !nm.used { // a list that overrides a start restarts there
		nm.used = true
		for i, start := range nm.overrides {
			c.n[i], c.on[i] = start-1, true
		}
	}
	if c.on[ilvl] {
		c.n[ilvl]++
	} else {
		c.n[ilvl], c.on[ilvl] = levels[ilvl].start, true
	}
	for i := ilvl + 1; i < 9; i++ {
		c.on[i] = false
	}
	return n.label(levels, c, ilvl)
}

// label fills the level's text: %1 … %9 are the numbers of levels 1 to 9,
// each in its own level's format.
func (n *numberingPart) label(levels *[9]level, c *counter, ilvl int) string {
	l := levels[ilvl]
	var b strings.Builder
	for i := 0; i < len(l.text); i++ {
		if l.text[i] == '%' && i+1 < len(l.text) && l.text[i+1] >= '1' && l.text[i+1] <= '9' {
			k := int(l.text[i+1] - '1')
			f := levels[k].format
			if l.legal {
				f = "decimal"
			}
			v := levels[k].start
			if c.on[k] {
				v = c.n[k]
			}
			b.WriteString(n.format(f, v))
			i++
			continue
		}
		b.WriteByte(l.text[i])
	}
	if l.format == "bullet" {
		return bullet(l.text) + suffix(l.suffix)
	}
	if l.format == "none" {
		return suffix(l.suffix)
	}
	return b.String() + suffix(l.suffix)
}

// suffix is what follows a number: a space, or nothing; Word's default
// tab only moves the text to the next tab stop, so it is left out.
func suffix(s string) string {
	if s == "space" {
		return " "
	}
	return ""
}

// bullet writes a bullet; one in a symbol font's private-use area becomes
// a plain bullet.
func bullet(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	if s == "" || (r >= 0xE000 && r <= 0xF8FF) {
		return "•"
	}
	return s
}

// format writes v in the number format f.
func (n *numberingPart) format(f string, v int) string {
	switch f {
	case "decimal":
		return strconv.Itoa(v)
	case "decimalZero":
		return fmtZero(v)
	case "decimalFullWidth", "decimalFullWidth2":
		return fullWidth(strconv.Itoa(v))
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "ideographDigital":
		if s := numbering.Chinese(v); s != "" {
			return s
		}
	case "chineseLegalSimplified":
		if s := numbering.Chinese(v); s != "" {
			return strings.NewReplacer("一", "壹", "二", "贰", "三", "叁", "四", "肆", "五", "伍", "六", "陆", "七", "柒", "八", "捌", "九", "玖", "十", "拾").Replace(s)
		}
	case "ideographTraditional":
		if s := cycle("甲乙丙丁戊己庚辛壬癸", v); s != "" {
			return s
		}
	case "ideographZodiac":
		if s := cycle("子丑寅卯辰巳午未申酉戌亥", v); s != "" {
			return s
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if v >= 1 && v <= 20 {
			return string('①' + rune(v-1))
		}
	case "decimalEnclosedParen":
		if v >= 1 && v <= 20 {
			return string('⑴' + rune(v-1))
		}
	case "decimalEnclosedFullstop":
		if v >= 1 && v <= 20 {
			return string('⒈' + rune(v-1))
		}
	case "upperLetter", "lowerLetter":
		return letters(v, f == "upperLetter")
	case "upperRoman", "lowerRoman":
		return roman(v, f == "upperRoman")
	default:
		n.unknown[f] = true
	}
	return strconv.Itoa(v)
}

func fmtZero(v int) string {
	if v < 10 {
		return "0" + strconv.Itoa(v)
	}
	return strconv.Itoa(v)
}

func fullWidth(s string) string {
	return strings.Map(func(r rune) rune { return r - '0' + '０' }, s)
}

// cycle writes v as the v-th of the characters of set (1-based), or "".
func cycle(set string, v int) string {
	rs := []rune(set)
	if v < 1 || v > len(rs) {
		return ""
	}
	return string(rs[v-1])
}

// letters writes 1 A, 26 Z, 27 AA, as Word does.
func letters(v int, upper bool) string {
	if v < 1 {
		return strconv.Itoa(v)
	}
	c := byte('a' + (v-1)%26)
	if upper {
		c -= 'a' - 'A'
	}
	return strings.Repeat(string(c), (v-1)/26+1)
}

func roman(v int, upper bool) string {
	if v < 1 || v > 3999 {
		return strconv.Itoa(v)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, x := range vals {
		for ; v >= x; v -= x {
			b.WriteString(syms[i])
		}
	}
	if upper {
		return strings.ToUpper(b.String())
	}
	return b.String()
}

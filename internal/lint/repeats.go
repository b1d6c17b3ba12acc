package lint

import (
	"slices"
	"strings"
)

// summaryFigure is a figure stated in the summary, the paragraphs before
// the first section, and its body offset.
type summaryFigure struct {
	f   stated
	off int
}

// repeats: a figure of the summary (the paragraphs before the first
// section) stated again, with the same label and unit, states the same
// number, whether written in Arabic or Chinese numerals (三人, 3人). Only figures that close a clause (教育提醒4人;) are compared, and
// only labels of four characters or more, so that 举办2场 and 举办3场 of two
// different events are not confused; the parts of a total of problems are
// left to count-total: totals holds the sentences that state a total of
// problems. A section may state its own share of a figure (建立完善制度3项
// of the summary's 15项): a figure smaller than the summary's is an error
// only where the section restates the summary's list, a figure beside it
// being the summary's too (谈话提醒9人，诫勉2人 after 谈话提醒8人，诫勉2人);
// otherwise it is a warning, count-share. A figure greater than the
// summary's whole is an error.
func (c *checker) repeats(totals []span) {
	first := len(c.body.text)
	if len(c.entries) > 0 {
		first = c.entries[0].Offset
	}
	// The figures compared, and every figure of the summary: its Arabic
	// figures and a few in Chinese numerals, most often.
	n := 8
	for i, p := range c.body.paras {
		if p.end > first {
			n += int(c.body.bounds[i].stated)
			break
		}
	}
	summary, every := make([]summaryFigure, 0, n), make([]summaryFigure, 0, n)
	// Beyond the summary, a figure is compared only with one of the
	// summary's in its unit: one in Chinese numerals in another unit need
	// not be read. (Those in Chinese numerals are no neighbours of another
	// figure to restatesSummary either.)
	// The last bytes of the summary's units, once it is read, rule out
	// fast the clauses that end in no such unit.
	// Beyond the summary, a figure in Chinese numerals counts only if it
	// is the same figure as one of the summary's (sameFigure): in its
	// unit, and with a label of four characters or more of which one is
	// the end of the other, so that its clause holds the last four
	// characters of that figure's label (tails). Only such clauses are
	// read.
	inSummary := true
	var tails []summaryFigure // the summary's figures, with the last four characters of each label
	keep := func(unit, clause string) bool {
		return inSummary || slices.ContainsFunc(tails, func(s summaryFigure) bool {
			return s.f.Unit == unit && strings.Contains(clause, s.f.Label)
		})
	}
	var unitEnds byteSet
	var ends *byteSet // &unitEnds once the summary is read
	for i, p := range c.body.paras {
		text := c.body.of(p)
		inSummary = p.end <= first
		if !inSummary && ends == nil {
			tails = make([]summaryFigure, 0, len(summary))
			for _, s := range summary {
				unitEnds.addUnit(s.f.Unit)
				s.f.Label = lastRunes(s.f.Label, 4)
				tails = append(tails, s)
			}
			ends = &unitEnds
		}
		figures := c.body.statedOf(i)
		if inSummary || len(summary) > 0 {
			figures = c.withChinese(figures, text, c.body.marksOf(i), keep, ends)
		}
		for k := range figures {
			f := &figures[k] // read in place: a figure is eleven words
			if p.end <= first {
				every = append(every, summaryFigure{*f, p.off + f.Off})
			}
			// A label of sixteen bytes holds four runes at least: most are
			// not counted.
			if len(f.Label) < 16 && fewerRunes(f.Label, 4) || !closesClause(text, f.End) || inSpans(totals, p.off+f.Off) {
				continue
			}
			at := -1
			for j := range summary {
				if sameFigure(&summary[j].f, f) {
					at = j
					break
				}
			}
			switch {
			case at >= 0 && !equal(summary[at].f.Number.Value, f.Number.Value):
				s := summary[at]
				r := ruleCountShare
				if f.Number.Value > s.f.Number.Value || restatesSummary(figures, k, every) {
					r = ruleCountRepeat
				}
				c.at(p.off+f.Off, r, "同一数字前后表述不一致",
					"此处为%[1]s%[2]s%[3]s, 第 %[7]d 行为%[4]s%[5]s%[6]s; %[1]s%[2]s%[3]s here, but %[4]s%[5]s%[6]s on line %[7]d", f.Label, f.Number.Text, f.Unit,
					s.f.Label, s.f.Number.Text, s.f.Unit, c.n.File.Pos(c.n.BodyOffset+s.off).Line)
			case at < 0 && p.end <= first:
				summary = append(summary, summaryFigure{*f, p.off + f.Off})
			}
		}
	}
}

// withChinese returns the figures of a paragraph, text, whose marks are
// at, that the body read (Arabic ones), with those text writes in Chinese
// numerals (ChineseFigures) in a unit keep keeps, whose last bytes are in
// ends unless it is nil (chineseFigures), in the order written.
// What it returns is good until its next call: it reuses its buffers.
func (c *checker) withChinese(figures []stated, text string, at []int, keep func(unit, clause string) bool, ends *byteSet) []stated {
	c.chinese = chineseFigures(c.chinese[:0], text, at, keep, ends)
	if len(c.chinese) == 0 {
		return figures
	}
	out := append(c.mixed[:0], figures...)
	for _, f := range c.chinese {
		out = append(out, stated{Label: f.Label, Unit: f.Unit, Off: f.Off, End: f.End,
			Number: figure{Value: f.Value, Text: f.Number, Chinese: true}})
	}
	slices.SortStableFunc(out, func(a, b stated) int { return a.Off - b.Off })
	c.mixed = out
	return out
}

// restatesSummary reports whether the figure next to figures[k] in its
// paragraph is one of the summary's, with its number: the text restates
// the summary's list there. Figures in Chinese numerals are passed over:
// they also write set phrases (整改一个、销号一个) that are no list.
func restatesSummary(figures []stated, k int, summary []summaryFigure) bool {
	for _, step := range []int{-1, 1} {
		n := k + step
		for n >= 0 && n < len(figures) && figures[n].Number.Chinese {
			n += step
		}
		if n < 0 || n >= len(figures) {
			continue
		}
		g := &figures[n]
		for j := range summary {
			if s := &summary[j].f; sameFigure(s, g) && equal(s.Number.Value, g.Number.Value) {
				return true
			}
		}
	}
	return false
}

// lastRunes returns the last n runes of s, or s when it has fewer.
func lastRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, w := lastRune(s[:i])
		i -= w
	}
	return s[i:]
}

// fewerRunes reports whether label, Chinese characters (readLabel and
// trimLabel read only those: valid UTF-8), has fewer than n runes: it
// counts the bytes that start one, without decoding them.
func fewerRunes(label string, n int) bool {
	for i := 0; i < len(label); i++ {
		if label[i]&0xC0 != 0x80 {
			if n--; n == 0 {
				return false
			}
		}
	}
	return true
}

package search

import (
	"slices"
	"strings"
)

// Item is a term a phrase needs, at a slot relative to the phrase's
// first; Slot is -1 for a "~" term, which any slot satisfies.
type Item struct {
	Term string
	Slot int
}

// Phrase is one part of a query: its text, folded, and the terms that
// find it.
type Phrase struct {
	Text  string
	Items []Item
}

// Parse reads what a reader typed into the search box, as search.js does:
// folded, split at spaces into phrases that a notice must all hold, each
// phrase trimmed of punctuation at its ends. A phrase of one Han character
// needs the character anywhere ("~"); a phrase of Han characters needs
// bigrams that cover it at consecutive slots; a Han character alone
// between words needs the run edge the index keeps for it.
func Parse(query string) []Phrase {
	var phrases []Phrase
	folded := strings.Map(Fold, query)
	for _, part := range strings.Fields(folded) {
		var segs []segment
		segments(part, 0, func(g segment) {
			g.text = slices.Clone(g.text)
			segs = append(segs, g)
		})
		for len(segs) > 0 && segs[0].class == other {
			segs = segs[1:]
		}
		for len(segs) > 0 && segs[len(segs)-1].class == other {
			segs = segs[:len(segs)-1]
		}
		if len(segs) == 0 {
			continue
		}
		var text strings.Builder
		for _, g := range segs {
			text.WriteString(string(g.text))
		}
		phrases = append(phrases, Phrase{Text: text.String(), Items: items(segs)})
	}
	return phrases
}

func items(segs []segment) []Item {
	if len(segs) == 1 && segs[0].class == han && len(segs[0].text) == 1 {
		return []Item{{"~" + string(segs[0].text), -1}}
	}
	var out []Item
	base := segs[0].slot
	for i, g := range segs {
		s, t := g.slot-base, g.text
		switch {
		case g.class == digit || g.class == latin:
			out = append(out, Item{string(t), s})
		case g.class == han && len(t) == 1:
			edge := "<"
			if i+1 < len(segs) && (segs[i+1].class == digit || segs[i+1].class == latin) {
				edge = ">"
			}
			out = append(out, Item{edge + string(t), s})
		case g.class == han:
			for j := 0; j+1 < len(t); j += 2 {
				out = append(out, Item{string(t[j : j+2]), s + j})
			}
			if len(t)%2 == 1 {
				out = append(out, Item{string(t[len(t)-2:]), s + len(t) - 2})
			}
		}
	}
	return out
}

package search

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"disclose/internal/notice"
)

// DocOf is what the index holds of the notice n, whose Markdown body is
// body: the statistics as a sentence ("教育提醒4人；"), the unit the
// results show (the organisation, or the group of a round summary).
func DocOf(n *notice.Notice, body string) Doc {
	in := n.Inspection
	unit := in.Organization
	if unit == "" {
		unit = in.Group
	}
	var stats strings.Builder
	for _, st := range n.Statistics {
		stats.WriteString(st.Label)
		stats.WriteString(st.Value.Text)
		stats.WriteString(st.Unit)
		stats.WriteString("；")
	}
	return Doc{Path: n.URL(), Title: n.Title, Date: n.Date.Format("2006-01-02"), Unit: unit,
		Kind: in.Kind, Level: Level(in), Round: in.Round,
		Fields: []string{in.Organization, in.Group, in.Round, stats.String(), body}}
}

// Level is the level of an inspection, 中央, 省, 市 or 县, for the search
// filter: the front matter's inspection.level where given, else what the
// names of its group and round settle (notice.LevelOf: a 市委's 巡视 is a
// municipality's, so 省); "" when nothing says.
func Level(in notice.Inspection) string {
	if in.Level != "" {
		return in.Level
	}
	for _, name := range []string{in.Group, in.Round} {
		if l := notice.LevelOf(in.Kind, name); l != "" {
			return l
		}
	}
	return ""
}

// markdownMarks are the marks of a Markdown body that a snippet leaves
// out: headings' hashes, emphasis, quotes and list markers at line starts.
var markdownMarks = regexp.MustCompile(`(?m)^\s*(#+|>|[-*+])\s+|\*\*|__`)

// PlainText is a Markdown body as a snippet shows it: the marks left out,
// lines joined with spaces.
func PlainText(body string) string {
	return strings.Join(strings.Fields(markdownMarks.ReplaceAllString(body, "")), " ")
}

// Script is the index of an offline copy in one script, search/index.js,
// for a browser that opens the pages from a folder (file://) and refuses
// to fetch: files are the index's files (paths below search/), texts the
// plain text of each notice by its path, for the snippets. search.js
// loads it when it cannot fetch index.json.
func Script(files map[string][]byte, texts map[string]string) []byte {
	enc := map[string]string{}
	for p, data := range files {
		enc[p] = base64.StdEncoding.EncodeToString(data)
	}
	data, err := json.Marshal(struct {
		Files map[string]string `json:"files"`
		Texts map[string]string `json:"texts"`
	}{enc, texts})
	if err != nil {
		panic(fmt.Sprintf("search: %v", err)) // only strings are encoded
	}
	return append(append([]byte("window.discloseSearchIndex = "), data...), ";\n"...)
}

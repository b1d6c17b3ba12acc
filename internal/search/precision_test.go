package search_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"disclose/internal/notice"
	"disclose/internal/search"
	"disclose/internal/site"
)

// precisionQueries are queries over testdata/site with the notices that
// hold them, found by reading the notices: phrases that occur, that occur
// only split by punctuation or reversed, across fields, in full-width
// forms, with digits and Latin words, one character, and in the draft.
var precisionQueries = []struct {
	q    string
	want []string // paths, in the order of the results
}{
	{"整改落实", []string{"2025/water-group/", "2025/transport-dept/", "2024/central-bank-branch/", "2024/city-market/"}},
	{"落实整改", []string{"2025/women-federation/", "2024/grain-bureau/"}},
	{"整改，落实", []string{"2025/health-bureau/"}},
	{"改落", []string{"2025/water-group/", "2025/transport-dept/", "2024/central-bank-branch/", "2024/city-market/"}},
	{"整改落实率", []string{"2024/central-bank-branch/"}},
	{"落实到人", []string{"2025/health-bureau/"}},
	{"2024年度", []string{"2025/health-bureau/"}},
	{"2024年", []string{"2025/health-bureau/", "2025/women-federation/", "2024/grain-bureau/"}},
	{"2023年", []string{"2024/central-bank-branch/"}},
	{"ＡＢＣ分级", []string{"2025/transport-dept/"}},
	{"abc类", []string{"2024/central-bank-branch/"}},
	{"abc", []string{"2025/transport-dept/", "2024/central-bank-branch/"}},
	{"2024公里", []string{"2025/transport-dept/"}},
	{"鹅", []string{"2025/county-edu/"}},
	{"鹅湖", []string{"2025/county-edu/"}},
	{"e家", []string{"2025/health-bureau/"}},
	{"和睦", []string{"2025/health-bureau/", "2024/province-sports/"}},
	{"和睦家庭", []string{"2024/province-sports/"}},
	{"紫罗兰计划", nil},
	{"草稿", nil},
	{"省委第六巡视组", []string{"2025/women-federation/"}},
	{"十五届省委第五轮巡视", []string{"2025/women-federation/", "2025/transport-dept/"}},
	{"第五轮", []string{"2025/health-bureau/", "2025/women-federation/", "2025/transport-dept/"}},
	{"市委第二巡察组", []string{"2025/water-group/"}},
	{"中央巡视", []string{"2024/central-bank-branch/"}},
	{"教育提醒12人", []string{"2025/water-group/"}},
	{"教育提醒1人", nil},
	{"56.3万元", []string{"2025/health-bureau/"}},
	{"0.5个工作日", []string{"2024/city-market/"}},
	{"100%", []string{"2024/central-bank-branch/"}},
	{"38公里", []string{"2025/water-group/"}},
	{"公里", []string{"2025/water-group/", "2025/transport-dept/"}},
	{"二次供水", []string{"2025/water-group/"}},
	{"供水设施", []string{"2025/water-group/"}},
	{"“清廉水务”", []string{"2025/water-group/"}},
	{"双减", []string{"2025/county-edu/"}},
	{"大班额", []string{"2025/county-edu/"}},
	{"学校食堂", []string{"2024/city-market/"}},
	{"中学食堂", []string{"2025/county-edu/"}},
	{"智慧粮库", []string{"2024/grain-bureau/"}},
	{"高标准农田", []string{"2024/county-agri/"}},
	{"电梯156台", []string{"2024/district-housing/"}},
	{"物业服务", []string{"2024/district-housing/"}},
	{"百姓健身房", []string{"2024/province-sports/"}},
	{"人民银行", []string{"2024/central-bank-branch/"}},
	{"营商环境", []string{"2024/city-market/"}},
	{"不存在的词语", nil},
	{"xyz", nil},
	{"党组关于巡视", []string{"2025/women-federation/", "2025/transport-dept/", "2024/grain-bureau/", "2024/province-sports/"}},
	{"巡察整改进展", []string{"2025/water-group/", "2025/health-bureau/", "2025/county-edu/", "2024/city-market/", "2024/district-housing/", "2024/county-agri/"}},
	{"食堂 鹅湖", []string{"2025/county-edu/"}},
	{"整改 十五届", []string{"2025/women-federation/", "2025/transport-dept/", "2024/grain-bureau/", "2024/province-sports/"}},
	{"集团党委把整改", []string{"2025/water-group/"}},
	{"通报市水务", nil}, // across the title and the organisation
}

// Every query finds exactly the notices listed, and the list is what a
// reading of the notices finds (oracle): phrase precision and recall.
func TestPhrasePrecision(t *testing.T) {
	if len(precisionQueries) < 50 {
		t.Fatalf("%d queries, want at least 50", len(precisionQueries))
	}
	files := buildSite(t, site.Options{})
	texts := noticeTexts(t)
	for _, tt := range precisionQueries {
		t.Run(tt.q, func(t *testing.T) {
			got := query(t, files, tt.q)
			if !slices.Equal(got, tt.want) {
				t.Errorf("index: got %v, want %v", got, tt.want)
			}
			if o := oracle(texts, tt.q); !slices.Equal(o, tt.want) {
				t.Errorf("reading the notices: got %v, want %v", o, tt.want)
			}
		})
	}
}

type noticeText struct {
	path   string
	fields []string // folded
}

// noticeTexts reads the published notices of testdata/site, newest first,
// as the fields the index covers, folded.
func noticeTexts(t *testing.T) []noticeText {
	paths, _ := filepath.Glob("testdata/site/content/*/*.md")
	var out []noticeText
	var dates []string
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := notice.Parse(strings.TrimPrefix(p, "testdata/site/"), src)
		if n == nil || n.Draft {
			continue
		}
		n.Year = n.Date.Year()
		d := search.DocOf(n, string(n.Body))
		fields := []string{strings.Map(search.Fold, d.Title)}
		for _, f := range d.Fields {
			fields = append(fields, strings.Map(search.Fold, f))
		}
		out = append(out, noticeText{d.Path, fields})
		dates = append(dates, d.Date)
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return strings.Compare(dates[b], dates[a]) })
	sorted := make([]noticeText, len(out))
	for i, j := range idx {
		sorted[i] = out[j]
	}
	return sorted
}

// oracle finds q by reading: each space-separated phrase, trimmed of
// punctuation, must occur in one field, a word of digits or letters not
// cut from a longer one.
func oracle(texts []noticeText, q string) []string {
	var phrases []string
	for _, p := range strings.Fields(strings.Map(search.Fold, q)) {
		p = strings.TrimFunc(p, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if p != "" {
			phrases = append(phrases, p)
		}
	}
	if len(phrases) == 0 {
		return nil
	}
	var found []string
	for _, n := range texts {
		if !slices.ContainsFunc(phrases, func(p string) bool { return !inFields(n.fields, p) }) {
			found = append(found, n.path)
		}
	}
	return found
}

func inFields(fields []string, p string) bool {
	for _, f := range fields {
		for i := 0; ; {
			j := strings.Index(f[i:], p)
			if j < 0 {
				break
			}
			at := i + j
			if !cutWord(f[:at], p, true) && !cutWord(f[at+len(p):], p, false) {
				return true
			}
			i = at + 1
		}
	}
	return false
}

// cutWord reports whether the phrase p, with side the text before (or
// after) it, would cut a word of ASCII letters or digits.
func cutWord(side, p string, before bool) bool {
	if side == "" {
		return false
	}
	edge, next := p[0], side[len(side)-1]
	if !before {
		edge, next = p[len(p)-1], side[0]
	}
	class := func(c byte) int {
		switch {
		case c >= '0' && c <= '9':
			return 1
		case c >= 'a' && c <= 'z':
			return 2
		}
		return 0
	}
	return class(edge) != 0 && class(edge) == class(next)
}

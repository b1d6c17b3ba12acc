package lint

import (
	"slices"
	"strings"
	"testing"

	"disclose/internal/markdown"
)

// The base notice's contact block, and the same contact as a line kept in
// the text (the block removed) or as contact.text.
const (
	baseContact  = "[contact]\nphone = \"0571-87050365、0571-12388\"\nmailbox = \"浙江省杭州市拱墅区密渡桥路51-1号\"\nemail = \"jw@example.gov.cn\"\n"
	lastLine     = "三是推进发展。"
	contactLine  = "联系电话：0571-87050365；邮政信箱：浙江省杭州市拱墅区密渡桥路51-1号；电子邮箱：jw@example.gov.cn。"
	contactTextK = "[contact]\ntext = \"" + contactLine + "\"\nphone = \"0571-87050365\"\nmailbox = \"浙江省杭州市拱墅区密渡桥路51-1号\"\nemail = \"jw@example.gov.cn\"\n"
)

// inText is the base notice with its contact as a line of the text,
// written line.
func inText(line string) []string {
	return []string{baseContact, "", lastLine, lastLine + "\n\n" + line}
}

// asText is the base notice with its contact block given as text, and one
// more edit of that block.
func asText(from, to string) []string {
	return []string{baseContact, strings.Replace(contactTextK, from, to, 1)}
}

// TestContactRules: a contact line kept in the text, and contact.text, are
// checked by the rules of the block; silent on correct lines of every
// common shape. Only the contact rules are compared: typography judges a
// line in the text as any other (a space between parts is stray-space).
func TestContactRules(t *testing.T) {
	conv := markdown.New(markdown.Options{})
	for _, tt := range []struct {
		name  string
		edits []string
		want  []string
	}{
		{"a line in the text, correct", inText(contactLine), nil},
		{"a line in the text, several phones, spaces", inText("举报电话：0571-12388，0571-87050365 通信地址：杭州市某路1号 邮编：310000 电子信箱：a\\_b@x.cn"), nil},
		{"a line in the text, half-width, hotline alone", inText("监督电话:12388;网络举报:http://www.12388.gov.cn;邮箱:zg@163.com。"), nil},
		{"a line in the text, a mobile and an area code in brackets", inText("联系方式：（0571）87050365、13905710000。"), nil},
		{"a line in the text, phones listed with a space", inText("联系电话：0571-87050365 0571-87050366；电子邮箱：jw@example.gov.cn。"), nil},
		{"a line in the text, a space-listed phone without area code", inText("联系电话：0571-87050365 87050366。"), []string{"contact"}},
		{"prose naming a hotline is no contact line", inText("开通举报电话87050365，接受群众监督。"), nil},
		{"a line in the text, no area code", inText(strings.Replace(contactLine, "0571-87050365", "87050365", 1)), []string{"contact"}},
		{"a line in the text, # for @", inText(strings.Replace(contactLine, "jw@example", "jw#example", 1)), []string{"contact"}},
		{"a line in the text, # for @ as import escapes it", inText(strings.Replace(contactLine, "jw@example", "jw\\#example", 1)), []string{"contact"}},
		{"a line in the text, no @", inText(strings.Replace(contactLine, "jw@example.gov.cn", "jw.example.gov.cn", 1)), []string{"contact"}},
		{"a line in the text, short postcode", inText("通信地址：杭州市某路1号，邮编：31000。"), []string{"contact"}},
		{"a line in the text, second phone without area code", inText("举报电话：0571-12388，87050365。"), []string{"contact"}},
		{"contact.text, correct", asText("", ""), nil},
		{"contact.text, # for @", asText("电子邮箱：jw@", "电子邮箱：jw#"), []string{"contact", "contact"}},
		{"contact.text, no area code (and the phone key no longer in it)", asText("联系电话：0571-", "联系电话："), []string{"contact", "contact"}},
		{"contact.phone not in contact.text", asText("phone = \"0571-87050365\"", "phone = \"0571-87050366\""), []string{"contact"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n := parseNotice(t, variant(t, tt.edits...))
			res := Notice(n, conv)
			got := slices.DeleteFunc(ruleIDs(res.Problems), func(id string) bool { return !strings.HasPrefix(id, "contact") })
			if !slices.Equal(got, tt.want) {
				t.Errorf("got rules %q, want %q:\n%v", got, tt.want, res.Problems)
			}
		})
	}
}

// TestStatisticsRules: the statistics rules read with ReadStatistics:
// Chinese numerals, 余, breakdowns; a figure without an entry is a
// warning.
func TestStatisticsRules(t *testing.T) {
	const sentence = "在巡视整改工作中，教育提醒4人；挽回经济损失1.13万元。"
	entry := func(label, value, unit string) string {
		return "[[statistics]]\nlabel = \"" + label + "\"\nvalue = " + value + "\nunit = \"" + unit + "\"\n\n[contact]"
	}
	conv := markdown.New(markdown.Options{})
	for _, tt := range []struct {
		name  string
		edits []string
		want  []string
	}{
		{"Chinese numerals, listed", []string{sentence, "在巡视整改工作中，教育提醒4人；挽回经济损失1.13万元；诫勉谈话三人。", "[contact]", entry("诫勉谈话", "3", "人")}, nil},
		{"Chinese numerals, not listed", []string{sentence, "在巡视整改工作中，教育提醒4人；挽回经济损失1.13万元；诫勉谈话三人。"}, []string{"statistics-sentence"}},
		{"Chinese numerals, listed wrong", []string{sentence, "在巡视整改工作中，教育提醒4人；挽回经济损失1.13万元；诫勉谈话三人。", "[contact]", entry("诫勉谈话", "4", "人")},
			[]string{"statistics-body", "statistics-sentence"}},
		{"more than, listed", []string{sentence, "在巡视整改工作中，教育提醒4人；挽回经济损失1.13万元；培训干部40余人。", "[contact]", entry("培训干部", "40", "余人")}, nil},
		{"more than, listed without 余", []string{sentence, "在巡视整改工作中，教育提醒4人；挽回经济损失1.13万元；培训干部40余人。", "[contact]", entry("培训干部", "40", "人")},
			[]string{"statistics-body", "statistics-sentence"}},
		{"a breakdown, listed", []string{sentence, "在巡视整改工作中，教育提醒4人（诫勉1人，谈话3人）；挽回经济损失1.13万元。",
			"[contact]", strings.TrimSuffix(entry("诫勉", "1", "人"), "[contact]") + entry("谈话", "3", "人")}, nil},
		{"the statistics sentence changed, a section keeps the entry's value", []string{sentence, "在巡视整改工作中，教育提醒5人；挽回经济损失1.13万元。",
			"（一）加强管理。", "（一）加强管理。教育提醒4人。"}, []string{"count-share", "statistics-body", "statistics-sentence"}},
		{"a breakdown whose labels end alike", []string{sentence, "在巡视整改工作中，教育提醒4人（书面警告1人，警告3人）；挽回经济损失1.13万元。",
			"[contact]", strings.TrimSuffix(entry("书面警告", "1", "人"), "[contact]") + entry("警告", "3", "人")}, nil},
		{"a breakdown whose labels end alike, the shorter wrong", []string{sentence, "在巡视整改工作中，教育提醒4人（书面警告1人，警告3人）；挽回经济损失1.13万元。",
			"[contact]", strings.TrimSuffix(entry("书面警告", "1", "人"), "[contact]") + entry("警告", "2", "人")}, []string{"statistics-body", "statistics-sentence"}},
		{"a breakdown, one part not listed", []string{sentence, "在巡视整改工作中，教育提醒4人（诫勉1人，谈话3人）；挽回经济损失1.13万元。",
			"[contact]", entry("诫勉", "1", "人")}, []string{"statistics-sentence"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n := parseNotice(t, variant(t, tt.edits...))
			res := Notice(n, conv)
			if got := ruleIDs(res.Problems); !slices.Equal(got, tt.want) {
				t.Errorf("got rules %q, want %q:\n%v", got, tt.want, res.Problems)
			}
			for _, d := range res.Problems {
				if d.Rule == "statistics-sentence" && d.Severity.String() != "warning" {
					t.Errorf("statistics-sentence is %s, want a warning: %s", d.Severity, d)
				}
			}
		})
	}
}

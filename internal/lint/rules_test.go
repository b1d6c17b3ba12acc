package lint

import (
	"os"
	"slices"
	"strings"
	"testing"

	"disclose/internal/diag"
	"disclose/internal/markdown"
	"disclose/internal/notice"
)

const basePath = "content/2025/base.md"

// parseNotice parses src as the loader does, with the site's defaults.
func parseNotice(t *testing.T, src string) *notice.Notice {
	t.Helper()
	n, problems := notice.Parse(basePath, []byte(src))
	if problems.HasErrors() {
		t.Fatalf("the test notice does not load:\n%v", problems)
	}
	if n.Punctuation == "" {
		n.Punctuation = notice.FullWidth
	}
	return n
}

// wholeBody, as the old text of an edit, stands for the base notice's whole
// body; halfBody is a body written with half-width punctuation.
const (
	wholeBody = "\x00body"
	halfBody  = "\n在巡视整改工作中,教育提醒4人;挽回经济损失1.13万元。\n\n(一)加强管理,推进整改(试行)。\n\n(二)开展调研:形成报告。\n"
)

// variant is the base notice with each old text replaced by the new one.
func variant(t *testing.T, edits ...string) string {
	t.Helper()
	src, err := os.ReadFile("testdata/base.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for i := 0; i+1 < len(edits); i += 2 {
		if edits[i] == wholeBody {
			s = s[:strings.LastIndex(s, "+++\n")+4] + edits[i+1]
			continue
		}
		if !strings.Contains(s, edits[i]) {
			t.Fatalf("the base notice has no %q", edits[i])
		}
		s = strings.Replace(s, edits[i], edits[i+1], 1)
	}
	return s
}

func ruleIDs(l diag.List) []string {
	var ids []string
	for _, d := range l {
		ids = append(ids, d.Rule)
	}
	slices.Sort(ids)
	return ids
}

// ruleCase is a variant of the base notice and the rules it must raise.
type ruleCase struct {
	name  string
	edits []string // old, new, old, new…
	want  []string // rule ids, sorted
}

// ruleCases plants one mistake per case in a correct notice; the cases
// that want nothing show the rules stay silent on correct text.
var ruleCases = []ruleCase{
	{"base notice is clean", nil, nil},

	// metadata
	{"signature after publication", []string{"[signature]\norganization = \"中共浙江省某某厅党组\"\ndate = 2025-06-17", "[signature]\norganization = \"中共浙江省某某厅党组\"\ndate = 2025-06-18",
		"written_date = 2025-06-17", "written_date = 2025-06-18"}, []string{"date-order"}},
	{"feedback on the last day of the inspection", []string{"feedback = 2024-08-08", "feedback = 2024-05-20", "8月8日，", "5月20日，"}, []string{"date-order"}},
	{"end before start", []string{"end = 2024-05-20", "end = 2024-03-10", "至5月20日", "至3月10日", "为期64天", "为期多日"}, []string{"date-order", "intro-dates", "intro-dates"}},
	{"intro after a pasted header line", []string{"\n根据省委统一部署", "\n2025年6月17日 浙江省纪委省监委网站\n\n根据省委统一部署", "8月8日，", "8月9日，"}, []string{"intro-dates", "stray-space"}},
	{"intro feedback date differs", []string{"8月8日，", "8月9日，"}, []string{"intro-dates"}},
	{"intro feedback in the next year", []string{"feedback = 2024-08-08", "feedback = 2025-01-08", "8月8日，", "1月8日，"}, nil},
	{"intro feedback in the next year, front matter in the same", []string{"feedback = 2024-08-08", "feedback = 2024-01-08", "8月8日，", "1月8日，"}, []string{"date-order", "intro-dates"}},
	{"intro start differs", []string{"2024年3月18日至", "2024年3月19日至", "为期64天", "为期63天"}, []string{"intro-dates"}},
	{"intro year differs", []string{"2024年3月18日至", "2023年3月18日至", "为期64天", "为期多日"}, []string{"intro-dates", "intro-dates", "intro-dates"}},
	{"duration wrong", []string{"为期64天", "为期45天"}, []string{"duration"}},
	{"duration in Chinese, wrong", []string{"为期64天", "为期三个月"}, []string{"duration"}},
	{"duration exclusive count", []string{"为期64天", "为期63天"}, nil},
	{"duration about", []string{"为期64天", "为期60天左右"}, nil},
	{"duration about, far off", []string{"为期64天", "为期40天左右"}, []string{"duration"}},
	{"duration in months", []string{"为期64天", "为期两个月"}, nil},
	{"zero-padded date in text", []string{"（一）加强管理。", "（一）加强管理。2024年09月03日召开会议。"}, []string{"date-format"}},
	{"ISO date in text", []string{"（一）加强管理。", "（一）加强管理。2024-09-03召开会议。"}, []string{"date-format"}},
	{"written date differs", []string{"written_date = 2025-06-17", "written_date = 2025-06-16"}, []string{"disclosure"}},
	{"index number of another year", []string{"002482365/2025-00123", "002482365/2024-00123"}, []string{"disclosure"}},
	{"index number malformed", []string{"002482365/2025-00123", "A-7"}, []string{"disclosure-form"}},
	{"index number malformed, of another year", []string{"002482365/2025-00123", "索引号2024年"}, []string{"disclosure", "disclosure-form"}},
	{"index number with a letter code", []string{"002482365/2025-00123", "11330300MB1234567X/2025-00042"}, nil},
	{"index number with dashes", []string{"002482365/2025-00123", "330000-01-2025-0012"}, nil},
	{"document number brackets in front matter", []string{"浙某党〔2025〕12号\"", "浙某党[2025]12号\""}, []string{"doc-number"}},

	// outline
	{"item number gap", []string{"（二）推动", "（三）推动"}, []string{"outline-sequence"}},
	{"item number repeated", []string{"（二）推动", "（一）推动"}, []string{"outline-sequence"}},
	{"sequence does not restart", []string{"（一）加强管理", "（三）加强管理"}, []string{"outline-sequence"}},
	{"section number gap", []string{"## 二、", "## 三、"}, []string{"outline-sequence"}},
	{"level skipped", []string{"（一）加强管理。", "（1）加强管理。"}, []string{"outline-level"}},
	{"starts at level 2", []string{"## 一、关于“学习贯彻不够深入”问题的整改情况\n", "", "## 二、关于“监管不够有力”问题的整改情况\n\n（一）加强管理。", "（三）加强管理。", "针对反馈的2个方面问题，", ""}, nil},
	{"full-width brackets with 1.", []string{"1．制定办法", "1.制定办法", "2．开展培训", "2.开展培训"}, nil},
	{"mixed stops", []string{"1．制定办法", "1.制定办法"}, []string{"outline-width"}},
	{"mixed widths", []string{"（二）推动", "(二)推动"}, []string{"outline-width", "punct-width", "punct-width"}},
	{"巡察 group for a 巡视", []string{"group = \"省委第六巡视组\"", "group = \"省委第六巡察组\""}, []string{"inspection-kind"}},
	{"city committee does not 巡视", []string{"group = \"省委第六巡视组\"", "group = \"杭州市委第一巡视组\""}, []string{"inspection-kind"}},
	{"municipality committee does 巡视", []string{"group = \"省委第六巡视组\"", "group = \"上海市委第一巡视组\""}, nil},
	{"巡察 in the introduction", []string{"开展了为期64天的巡视", "开展了为期64天的巡察"}, []string{"inspection-kind-text"}},
	{"the regulation named in a 巡察 notice", []string{"kind = \"巡视\"", "kind = \"巡察\"", "group = \"省委第六巡视组\"", "group = \"市委第六巡察组\"",
		"中共浙江省某某厅党组关于巡视整改情况", "中共浙江省某某厅党组关于巡察整改情况",
		"根据省委统一部署，2024年3月18日至5月20日，省委第六巡视组对省某某厅党组开展了为期64天的巡视。8月8日，省委巡视组向省某某厅党组反馈了巡视意见。",
		"按照《中国共产党巡视工作条例》和市委统一部署，2024年3月18日至5月20日，市委第六巡察组对市某某局党组开展了为期64天的巡察。8月8日，市委巡察组向市某某局党组反馈了巡察意见。",
		"对巡视反馈", "对巡察反馈", "在巡视整改工作中", "在巡察整改工作中"}, nil},
	{"省委巡察组 in the body", []string{"（一）加强管理。", "（一）加强管理。配合省委巡察组工作。"}, []string{"inspection-kind-text"}},

	// counts
	{"sections count", []string{"2个方面", "3个方面"}, []string{"count-sections"}},
	{"sections count in Chinese", []string{"2个方面", "三个方面"}, []string{"count-sections"}},
	{"sections not on problems are not counted", []string{"## 二、关于“监管不够有力”问题的整改情况", "## 二、整改工作的组织情况", "2个方面", "1个方面"}, nil},
	{"parts of another figure", []string{"已完成整改19个、正在整改6个", "制定措施80条，已完成措施70个、正在推进10个"}, nil},
	{"巡视巡察 after a city committee", []string{"（一）加强管理。", "（一）加强管理。落实市委巡视巡察工作领导小组要求。"}, nil},
	{"sections count in Chinese, right", []string{"2个方面", "两个方面"}, nil},
	{"enumeration gap", []string{"三是推进", "四是推进"}, []string{"enumeration"}},
	{"enumeration repeat", []string{"三是推进", "二是推进"}, []string{"enumeration"}},
	{"enumeration without 一是", []string{"一是巩固成果。", "巩固成果。"}, []string{"enumeration"}},
	{"enumeration across paragraphs", []string{"一是巩固成果。二是深化改革。三是推进发展。", "\n\n一是巩固成果。\n\n二是深化改革。\n\n三是推进发展。"}, nil},
	{"parts do not add up", []string{"正在整改6个", "正在整改5个"}, []string{"count-total"}},
	{"rate wrong", []string{"完成率76%", "完成率80%"}, []string{"count-total"}},
	{"parts with a label, rate to two decimals", []string{"（一）加强管理。", "（一）加强管理。截至目前，巡察反馈的120个问题，完成整改110个，基本完成并持续整改问题6个，未完成4个，总体完成率91.67%。"}, nil},
	{"rate to two decimals, wrong", []string{"（一）加强管理。", "（一）加强管理。截至目前，巡察反馈的120个问题，完成整改110个，基本完成并持续整改问题6个，未完成4个，总体完成率91.66%。"}, []string{"count-total"}},
	{"rate with decimals", []string{"完成率76%", "完成率76.0%"}, nil},
	{"rate with wrong decimals", []string{"完成率76%", "完成率76.1%"}, []string{"count-total"}},
	{"bracketed parts short of the total", []string{"严重警告4人", "严重警告3人"}, []string{"count-parts"}},
	{"bracketed parts beyond the total", []string{"严重警告4人", "严重警告5人"}, []string{"count-total"}},
	{"partial status list", []string{"已完成整改19个、正在整改6个，整改完成率76%", "已完成4个，基本完成9个"}, nil},
	{"partial status list beyond the total", []string{"已完成整改19个、正在整改6个，整改完成率76%", "已完成14个，基本完成12个"}, []string{"count-total"}},
	{"bracketed subset", []string{"（警告5人、严重警告4人）", "（其中警告5人）"}, nil},
	{"figure restated differently in body", []string{"（一）加强管理。", "（一）加强管理。共教育提醒5人。"}, []string{"count-repeat"}},
	{"figure restated smaller, alone", []string{"（一）加强管理。", "（一）加强管理。共教育提醒3人。"}, []string{"count-share"}},

	// statistics
	{"statistic differs from the text", []string{"value = 4", "value = 5"}, []string{"statistics-body", "statistics-sentence"}},
	{"statistic not in the text", []string{"[contact]", "[[statistics]]\nlabel = \"立案审查\"\nvalue = 3\nunit = \"件\"\n\n[contact]"}, []string{"statistics-body"}},
	{"statistics sentence figure without entry", []string{"挽回经济损失1.13万元。", "挽回经济损失1.13万元；立案审查3件。"}, []string{"statistics-sentence"}},
	{"statistic in percent", []string{"[contact]", "[[statistics]]\nlabel = \"整改完成率\"\nvalue = 76\nunit = \"%\"\n\n[contact]"}, nil},
	{"statistic in percent, wrong", []string{"[contact]", "[[statistics]]\nlabel = \"整改完成率\"\nvalue = 75\nunit = \"%\"\n\n[contact]"}, []string{"statistics-body"}},
	{"statistic unit differs", []string{"unit = \"万元\"", "unit = \"元\""}, []string{"statistics-body", "statistics-sentence"}},

	// contact
	{"phone without area code", []string{"0571-87050365、", "87050365、"}, []string{"contact"}},
	{"mobile phone", []string{"0571-87050365、", "13912345678、"}, nil},
	{"bad email", []string{"jw@example.gov.cn", "jw@example"}, []string{"contact"}},
	{"no mailbox", []string{"mailbox = \"浙江省杭州市拱墅区密渡桥路51-1号\"\n", ""}, []string{"contact-address"}},
	{"mailbox not an address", []string{"mailbox = \"浙江省杭州市拱墅区密渡桥路51-1号\"", "mailbox = \"请来信\""}, []string{"contact"}},
	{"contact line in the text and a block", []string{"三是推进发展。", "三是推进发展。\n\n联系电话：0571-87050365。"}, []string{"contact-twice"}},
	{"phone with 12388 and an extension", []string{"0571-87050365、", "0571-87050365转123、（0571）12388、"}, nil},

	// typography
	{"half-width comma", []string{"根据省委统一部署，", "根据省委统一部署,"}, []string{"punct-width"}},
	{"half-width brackets", []string{"（警告5人、严重警告4人）", "(警告5人、严重警告4人)"}, []string{"punct-width", "punct-width"}},
	{"half-width notice written half-width", []string{"punctuation = \"full\"", "punctuation = \"half\"", wholeBody, halfBody}, nil},
	{"full-width comma in a half-width notice", []string{"punctuation = \"full\"", "punctuation = \"half\"", wholeBody, halfBody, "加强管理,", "加强管理，"}, []string{"punct-width"}},
	{"straight quotes", []string{"关于“监管不够有力”问题", "关于\"监管不够有力\"问题"}, []string{"punct-quote", "punct-quote"}},
	{"straight quotes, then a half-width comma", []string{"（一）加强管理。", "（一）加强管理。畅通举报电话\"12388\",及时受理群众信访举报。"}, []string{"punct-quote", "punct-quote", "punct-width"}},
	{"half-width brackets, then a half-width comma", []string{"（一）加强管理。", "（一）加强管理。修订《管理办法》(试行)(V2),报党组审定。"}, []string{"punct-width", "punct-width", "punct-width", "punct-width", "punct-width"}},
	{"straight quotes across brackets", []string{"（一）加强管理。", "（一）加强管理。建立整改台账(见附件\"台账1(2025\")，逐项销号。"}, []string{"punct-balance", "punct-quote", "punct-quote", "punct-width", "punct-width"}},
	{"unclosed quote", []string{"关于“监管不够有力”问题", "关于“监管不够有力问题"}, []string{"punct-balance"}},
	{"unopened book title", []string{"印发《关于", "印发关于"}, []string{"punct-balance"}},
	{"apostrophe in English", []string{"（一）加强管理。", "（一）加强管理。学习《Women’s Rights》。"}, nil},
	{"doubled comma", []string{"根据省委统一部署，", "根据省委统一部署，，"}, []string{"punct-double"}},
	{"comma and full stop", []string{"提高政治站位。", "提高政治站位，。"}, []string{"punct-double"}},
	{"space between Chinese", []string{"推进文化建设", "推进 文化建设"}, []string{"stray-space"}},
	{"document number brackets", []string{"（浙某党〔2025〕12号）", "（浙某党[2025]12号）"}, []string{"doc-number"}},
	{"document number brackets, round", []string{"（浙某党〔2025〕12号）", "（浙某党（2025）12号）"}, []string{"doc-number"}},
	{"document number brackets after a space", []string{"（一）加强管理。", "（一）加强管理。依据浙某党 （2025）12号文件，修订制度。"}, []string{"doc-number", "stray-space"}},

	// acceptances
	{"acceptance without a reason", []string{"[signature]", acceptEntry("date-format", "2024年09月03日", "")}, []string{"accept"}},
	{"acceptance matching nothing", []string{"[signature]", acceptEntry("date-format", "2024年09月03日", "原文如此")}, []string{"accept-unused"}},
}

// TestRules checks that exactly the rules that should fire do.
func TestRules(t *testing.T) {
	tests := ruleCases
	conv := markdown.New(markdown.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := parseNotice(t, variant(t, tt.edits...))
			res := Notice(n, conv)
			if got := ruleIDs(res.Problems); !slices.Equal(got, tt.want) {
				t.Errorf("got rules %q, want %q:\n%v", got, tt.want, res.Problems)
			}
		})
	}
}

// TestEveryRule: every rule has a case that triggers it, and
// docs/checks.md describes it.
func TestEveryRule(t *testing.T) {
	docs, err := os.ReadFile("../../docs/checks.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		triggered := slices.ContainsFunc(ruleCases, func(c ruleCase) bool { return slices.Contains(c.want, r.ID) })
		if !triggered {
			t.Errorf("rule %s: no case triggers it", r.ID)
		}
		if !strings.Contains(string(docs), "`"+r.ID+"`") {
			t.Errorf("rule %s: docs/checks.md does not describe it", r.ID)
		}
	}
}

// TestSiteContact: a notice without a contact block of its own has the
// site's; its mistakes are reported in content/site.toml, once.
func TestSiteContact(t *testing.T) {
	conv := markdown.New(markdown.Options{})
	src := variant(t, "[contact]\nphone = \"0571-87050365、0571-12388\"\nmailbox = \"浙江省杭州市拱墅区密渡桥路51-1号\"\nemail = \"jw@example.gov.cn\"\n", "")
	var all diag.List
	for range 2 { // two notices sharing the site's block
		n := parseNotice(t, src)
		n.Contact = notice.Contact{Phone: "12345", Email: "jw@example.gov.cn"}
		all = append(all, Notice(n, conv).Problems...)
	}
	all = all.Sort()
	want := []string{
		"content/site.toml: 电话 \"12345\" 不是带区号的固定电话或手机号; contact.phone: \"12345\" is not a Chinese phone number with its area code, such as 0571-87050365, or a mobile number (电话应写作 区号-号码 (0571-87050365) 或 11 位手机号)",
		"content/site.toml: warning: 缺少邮政信箱 (contact.mailbox): 请写明可以寄信的通信地址; contact.mailbox is missing: give the postal address letters can be sent to (联系方式应包括邮政信箱(通信地址))",
	}
	if len(all) != len(want) {
		t.Fatalf("got %d findings, want %d:\n%v", len(all), len(want), all)
	}
	for i, d := range all {
		if d.String() != want[i] {
			t.Errorf("got  %s\nwant %s", d, want[i])
		}
	}
}

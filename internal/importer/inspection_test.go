package importer_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"disclose/internal/importer"
	"disclose/internal/notice"
)

// TestInspectionShapes reads the inspection from introductions in the
// shapes notices are published in: central, provincial, city and county
// inspections, their forms, a round summary, and an organisation the
// text names by a pronoun.
func TestInspectionShapes(t *testing.T) {
	const countySign = "中共某某县委员会\n2025年9月1日"
	tests := []struct {
		name, intro, sign string
		kind, group, org  string
		form              []string
		summary           *summary // nil: one organisation
		round             string
		warning           string // a substring of a warning, or ""
	}{
		{"central inspection of a province",
			"根据党中央统一部署，2025年3月10日至5月9日，中央第八巡视组对某某省进行了常规巡视。7月16日，中央巡视组向某某省委反馈了巡视意见。", "",
			"巡视", "中央第八巡视组", "某某省", []string{"常规"}, nil, "", ""},
		{"central inspection of a ministry, the group before its dates",
			"根据二十届中央第四轮巡视工作统一部署，中央第十一巡视组于2024年10月8日至12月20日对某某部党组开展了常规巡视。2025年2月14日，中央巡视组向某某部党组反馈了巡视意见。", "",
			"巡视", "中央第十一巡视组", "某某部党组", []string{"常规"}, nil, "二十届中央第四轮巡视", ""},
		{"provincial 回头看",
			"根据省委统一部署，2024年4月15日至5月31日，省委第一巡视组对省某某厅党组开展了巡视“回头看”。7月5日，省委巡视组向省某某厅党组反馈了意见。", "",
			"巡视", "省委第一巡视组", "省某某厅党组", []string{"回头看"}, nil, "", ""},
		{"provincial 专项巡视 with words between verb and kind",
			"2022年5月9日至7月8日，省委第五巡视组对省某某局党组开展了耕地保护领域专项巡视。8月26日，省委巡视组向省某某局党组反馈了专项巡视意见。", "",
			"巡视", "省委第五巡视组", "省某某局党组", []string{"专项"}, nil, "", ""},
		{"city 机动巡察",
			"2025年3月3日至3月28日，市委第六巡察组对市某某中心党委进行了机动巡察。4月20日，市委第六巡察组反馈了巡察意见。", "",
			"巡察", "市委第六巡察组", "市某某中心党委", []string{"机动"}, nil, "", ""},
		{"county 提级巡察 of a village",
			"根据县委统一部署，2025年4月1日至5月15日，县委第四巡察组对某某镇某某村党支部开展了提级巡察。6月10日，县委第四巡察组向某某村党支部反馈了巡察意见。", "",
			"巡察", "县委第四巡察组", "某某镇某某村党支部", []string{"提级"}, nil, "", ""},
		{"county 交叉巡察",
			"2025年4月1日至5月15日，县委第三巡察组对某某乡党委开展了交叉巡察。6月10日，县委第三巡察组向某某乡党委反馈了巡察意见。", "",
			"巡察", "县委第三巡察组", "某某乡党委", []string{"交叉"}, nil, "", ""},
		{"提级 and 交叉 together",
			"2025年4月1日至5月15日，市委第二巡察组对某某县某某局党组开展了提级交叉巡察。6月10日，市委第二巡察组反馈了巡察意见。", "",
			"巡察", "市委第二巡察组", "某某县某某局党组", []string{"提级", "交叉"}, nil, "", ""},
		{"联动巡察 by two groups",
			"2024年10月28日至12月13日，市委第一巡察组与县委第二巡察组组成联动巡察组，对某某镇党委开展了联动巡察。2025年1月20日，联动巡察组向某某镇党委反馈了巡察意见。", "",
			"巡察", "市委第一巡察组与县委第二巡察组", "某某镇党委", []string{"联动"}, nil, "", ""},
		{"the form named only in the title",
			"中共某某乡委员会关于县委交叉巡察整改情况的通报\n2025-09-01 09:00 某网站\n2025年4月1日至5月15日，县委第三巡察组对某某乡党委开展了巡察。6月10日，县委第三巡察组反馈了巡察意见。", "",
			"巡察", "县委第三巡察组", "某某乡党委", []string{"交叉"}, nil, "", ""},
		{"回头看 named only in the title",
			"中共某某厅党组关于省委巡视“回头看”整改情况的通报\n2025-09-01 09:00 某网站\n2025年4月1日至5月15日，省委第二巡视组对某某厅党组进行了巡视。6月10日，省委第二巡视组反馈了巡视意见。", "",
			"巡视", "省委第二巡视组", "某某厅党组", []string{"回头看"}, nil, "", ""},
		{"told from the organisation's side: 接受了…的巡察",
			"根据市委统一部署，2025年4月1日至5月15日，市某某集团党委接受了市委第四巡察组的常规巡察。6月10日，市委第四巡察组反馈了巡察意见。", "",
			"巡察", "市委第四巡察组", "市某某集团党委", []string{"常规"}, nil, "", ""},
		{"接受 with 于 and a pronoun",
			"我局于2025年4月1日至5月15日接受了县委第一巡察组的巡察“回头看”。6月10日，县委第一巡察组反馈了巡察意见。", "中共某某县财政局党组\n2025年9月1日",
			"巡察", "县委第一巡察组", "中共某某县财政局党组", []string{"回头看"}, nil, "", "填为“中共某某县财政局党组”"},
		{"a group that 进驻 the unit",
			"2025年4月1日至5月15日，县委第一巡察组进驻县民政局党组开展了巡察。6月10日，县委第一巡察组反馈了巡察意见。", "",
			"巡察", "县委第一巡察组", "县民政局党组", nil, nil, "", ""},
		{"a district round summary",
			"根据区委统一部署，2025年3月3日至4月30日，十届区委第七轮巡察组建4个巡察组，对区民政局、区司法局、区退役军人事务局等12个单位党组织开展了常规巡察。6月5日，各巡察组分别向被巡察党组织反馈了巡察意见。", "",
			"巡察", "", "", []string{"常规"}, &summary{Groups: 4, Units: 12, Named: []string{"区民政局", "区司法局", "区退役军人事务局"}}, "十届区委第七轮巡察", ""},
		{"a round summary whose period is given to the part of a month",
			"根据区委统一部署，2024年2月下旬至4月中旬，区委组建4个巡察组，对区民政局、区司法局等12个单位党组织开展了常规巡察。5月中旬，各巡察组反馈了巡察意见。", "",
			"巡察", "", "", []string{"常规"}, &summary{Groups: 4, Units: 12, Named: []string{"区民政局", "区司法局"}}, "", "2:1: warning: 巡视(察)起止日期只写到月或旬(2024年2月下旬至4月中旬): 原文未写明具体日期"},
		{"a feedback date given to the month",
			"2024年11月11日至2025年1月10日，市委组建5个巡察组，对市财政局等18个党组织开展了常规巡察。2025年3月，各巡察组向被巡察党组织反馈了巡察意见。", "",
			"巡察", "", "", []string{"常规"}, &summary{Groups: 5, Units: 18, Named: []string{"市财政局"}}, "", "2:1: warning: 反馈日期只写到月或旬(2025年3月): 原文未写明具体日期"},
		{"a round summary with a 回头看 in the same sentence",
			"2024年11月11日至2025年1月10日，市委组建5个巡察组，对市财政局、市水利局等18个党组织开展了常规巡察，对市国资委开展了巡察“回头看”。2025年3月10日，各巡察组反馈了巡察意见。", "",
			"巡察", "", "", []string{"常规", "回头看"}, &summary{Groups: 5, Units: 18, Named: []string{"市财政局", "市水利局"}}, "", ""},
		{"a round summary in Chinese numerals, no names",
			"2025年3月3日至4月30日，县委派出五个巡察组，对全县十八个村党组织开展了巡察。6月5日，各巡察组反馈了巡察意见。", "",
			"巡察", "", "", nil, &summary{Groups: 5, Units: 18}, "", ""},
		{"两个巡察组 and 两个单位",
			"2025年3月3日至4月30日，县委组建两个巡察组，对县教育局、县卫生健康局两个单位党组开展了机动巡察。6月5日，两个巡察组分别反馈了巡察意见。", "",
			"巡察", "", "", []string{"机动"}, &summary{Groups: 2, Units: 2, Named: []string{"县教育局", "县卫生健康局"}}, "", ""},
		{"a round summary by the committee, no group count",
			"2025年3月3日至4月30日，县委对县水利局、县文化旅游体育局等13个单位开展了巡察。6月5日，县委巡察组反馈了巡察意见。", "",
			"巡察", "", "", nil, &summary{Units: 13, Named: []string{"县水利局", "县文化旅游体育局"}}, "", ""},
		{"我县, named by the signature",
			"根据省委统一部署，2025年3月10日至5月9日，省委第二巡视组对我县进行了常规巡视。6月20日，省委巡视组向我县反馈了巡视意见。", countySign,
			"巡视", "省委第二巡视组", "中共某某县委员会", []string{"常规"}, nil, "", "被巡视(察)单位写作“我县”, 已据落款“中共某某县委员会”填为“中共某某县委员会”"},
		{"我局党组, named by the signature",
			"2025年3月10日至5月9日，市委第三巡察组对我局党组开展了巡察。6月20日，市委第三巡察组向我局党组反馈了巡察意见。", "中共某某市财政局党组\n2025年9月1日",
			"巡察", "市委第三巡察组", "中共某某市财政局党组", nil, nil, "", "填为“中共某某市财政局党组”"},
		{"我区, a district of a municipality",
			"2025年3月10日至5月9日，市委第二巡视组对我区进行了巡视。6月20日，市委巡视组向区委反馈了巡视意见。", "中共上海市某某区委员会\n2025年9月1日",
			"巡视", "市委第二巡视组", "中共上海市某某区委员会", nil, nil, "", "填为“中共上海市某某区委员会”"},
		{"a unit inside 我县: named after the place",
			"2025年3月10日至5月9日，市委第二巡察组对我县某某镇党委开展了提级巡察。6月20日，市委第二巡察组反馈了巡察意见。", "中共浙江省丽水市某某县委员会\n2025年9月1日",
			"巡察", "市委第二巡察组", "某某县某某镇党委", []string{"提级"}, nil, "", "填为“某某县某某镇党委”"},
		{"我委, a commission",
			"2025年3月10日至5月9日，市委第一巡察组对我委党组开展了巡察。6月20日，市委第一巡察组反馈了巡察意见。", "中共某某市发展和改革委员会党组\n2025年9月1日",
			"巡察", "市委第一巡察组", "中共某某市发展和改革委员会党组", nil, nil, "", ""},
		{"a group misnamed in the text: the kind is the verb's",
			"2024年9月9日至11月8日，县委第二巡视组对县某某局党组开展了常规巡察。12月10日，县委第二巡察组反馈了巡察意见。", "",
			"巡察", "县委第二巡视组", "县某某局党组", []string{"常规"}, nil, "", ""},
		{"我局 that the signature does not name: left empty",
			"2025年3月10日至5月9日，县委第一巡察组对我局开展了巡察。6月20日，县委第一巡察组反馈了巡察意见。", countySign,
			"巡察", "县委第一巡察组", "", nil, nil, "", "被巡视(察)单位写作“我局”, 落款未写明是哪个单位: 请填写 inspection.organization"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sign := tt.sign
			if sign == "" {
				sign = "中共某某委员会\n2025年9月1日"
			}
			text := tt.intro + "\n" + contact + "\n" + sign
			if !strings.Contains(tt.intro, "某网站") {
				text = "2025-09-01 09:00 某网站\n" + text
			}
			r, problems := importer.Text("notice.txt", []byte(text), importer.Options{})
			if r == nil {
				t.Fatal(problems)
			}
			n, parseProblems := notice.Parse(fmt.Sprintf("content/%d/%s.md", r.Year, r.Slug), r.Source)
			if n == nil {
				t.Fatalf("the imported file does not parse: %v\n%s", parseProblems, r.Source)
			}
			in := n.Inspection
			got := fmt.Sprintf("%s|%s|%s|%q|%s", in.Kind, in.Group, in.Organization, in.Form, in.Round)
			want := fmt.Sprintf("%s|%s|%s|%q|%s", tt.kind, tt.group, tt.org, tt.form, tt.round)
			if got != want {
				t.Errorf("got %s, want %s\n%s", got, want, r.Source)
			}
			if got := (summary{in.Groups, in.Units, in.Named}); !got.equal(tt.summary) {
				t.Errorf("summary: got %+v, want %+v", got, tt.summary)
			}
			if tt.org == "" && tt.summary == nil && r.Complete {
				t.Errorf("complete: got %v, want a draft without the organisation", r.Complete)
			}
			if tt.warning != "" && !strings.Contains(fmt.Sprint(problems), tt.warning) {
				t.Errorf("got warnings\n%v\nwant one with %q", problems, tt.warning)
			}
			if got := fmt.Sprint(parseProblems); tt.summary != nil && (strings.Contains(got, "inspection.group") || strings.Contains(got, "inspection.organization")) {
				t.Errorf("a round summary is asked for a group or organisation: %v", parseProblems)
			}
		})
	}
}

// summary is a round summary's fields of [inspection].
type summary struct {
	Groups, Units int
	Named         []string
}

// equal reports whether s is want, or, when want is nil, no summary.
func (s summary) equal(want *summary) bool {
	if want == nil {
		return s.Groups == 0 && s.Units == 0 && s.Named == nil
	}
	return s.Groups == want.Groups && s.Units == want.Units && slices.Equal(s.Named, want.Named)
}

// TestUndatedInspection: a date the text gives to no day, or not at all,
// is left empty with a note saying what the text gives, and does not make
// the notice a draft; a date written to the day that import cannot read
// does.
func TestUndatedInspection(t *testing.T) {
	const (
		head = "2026-06-10 16:00 某某新闻网\n"
		tail = "\n一、整改情况\n（一）加强管理。\n欢迎监督。联系方式：电话0576-12345678；邮政信箱：某某县某某路1号；电子邮箱：a@b.cn。\n中共某某县委员会\n2026年6月10日"
	)
	for _, tt := range []struct {
		name, intro string
		complete    bool
		notes       []string // in the source
	}{
		{"months only, no feedback date",
			"2025年10月至12月，省委第三巡视组对某某县开展了巡视。巡视反馈意见后，县委统筹推进整改。", true,
			[]string{"start = \"\"  # 原文只写到月或旬 (2025年10月至12月), 未填写; the text gives only 2025年10月至12月, no day", "feedback = \"\"  # 原文未写明, 未填写; the text gives no date"}},
		{"months only, a month of feedback",
			"2025年3月至4月，县委第一巡察组对某某县某某局党组开展了巡察。5月，县委巡察组反馈了巡察意见。", true,
			[]string{"end = \"\"  # 原文只写到月或旬 (2025年3月至4月), 未填写; the text gives only 2025年3月至4月, no day", "feedback = \"\"  # 原文只写到月或旬 (5月), 未填写; the text gives only 5月, no day"}},
		{"no dates at all",
			"省委第三巡视组对某某县开展了巡视。巡视反馈意见后，县委统筹推进整改。", true,
			[]string{"start = \"\"  # 原文未写明, 未填写; the text gives no date"}},
		{"days import cannot read",
			"2025年10月8日起至12月5日，省委第三巡视组对某某县开展了巡视。12月20日，省委巡视组反馈了巡视意见。", false,
			[]string{"start = \"\"  # not found in the text: fill it in"}},
		{"days, feedback read",
			"2025年10月8日至12月5日，省委第三巡视组对某某县开展了巡视。12月20日，省委巡视组反馈了巡视意见。", true,
			[]string{"start = 2025-10-08", "feedback = 2025-12-20"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, problems := importer.Text("notice.txt", []byte(head+tt.intro+tail), importer.Options{})
			if r == nil {
				t.Fatal(problems)
			}
			if r.Complete != tt.complete {
				t.Errorf("complete: got %v, want %v\n%v", r.Complete, tt.complete, problems)
			}
			for _, n := range tt.notes {
				if !strings.Contains(string(r.Source), n) {
					t.Errorf("got\n%s\nwant %q in it", r.Source, n)
				}
			}
		})
	}
}

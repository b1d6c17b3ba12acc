package lint

import (
	"slices"
	"testing"

	"disclose/internal/diag"
	"disclose/internal/markdown"
)

// countShape is a county notice whose organisation paragraph and sections
// are given: the shape of a 巡察 notice as a county publishes it.
func countShape(organise, sections string) string {
	return shapedNotice("中共某某县某某局党组关于巡察整改情况的通报", "巡察", "县委第二巡察组", "县某某局党组", "中共某某县某某局党组",
		"根据县委统一部署，2024年4月8日至6月7日，县委第二巡察组对县某某局党组开展了巡察。8月16日，县委巡察组向县某某局党组反馈了巡察意见。\n\n"+
			organise+"\n\n"+sections)
}

const threeSections = "## 一、关于“政治监督不够有力”问题的整改情况\n\n（一）强化学习。\n\n" +
	"## 二、关于“作风建设不够扎实”问题的整改情况\n\n（一）整治作风。\n\n" +
	"## 三、关于“选人用人不够规范”问题的整改情况\n\n（一）规范程序。\n"

// TestCountShapes: the count rules are silent on the counts real notices
// state and catch a planted slip; a figure told again differently is only
// a warning.
func TestCountShapes(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // rule and severity
	}{
		{"a partial status list", countShape("截至目前，县委巡察反馈的15个问题，已完成4个，基本完成9个，其余问题正在推进。", threeSections), nil},
		{"a status list with what is under way", countShape("县委巡察反馈的15个问题，已完成整改13个，正在整改2个，整改完成率86.67%。", threeSections), nil},
		{"an enumeration inside another", countShape("局党组坚持高位推进。一是加强领导：一是成立领导小组；二是制定方案。二是压实责任。三是强化督办。", threeSections), nil},
		{"a section on leads is no problem area", countShape("针对反馈的3个方面问题，制定整改措施42条。",
			threeSections+"\n## 四、关于巡察移交问题线索办理情况\n\n（一）办理线索。\n"), nil},
		{"one section holding the problem areas", countShape("针对反馈的4个方面12个问题，逐条制定措施。",
			"## 一、整改工作的组织领导\n\n（一）成立领导小组。\n\n## 二、反馈问题的整改落实情况\n\n（一）关于政治监督。\n"), nil},
		{"a figure of one section told again", countShape("在巡察整改工作中，建立完善制度15项；诫勉谈话2人。",
			"## 一、关于“政治监督不够有力”问题的整改情况\n\n（一）强化学习。建立完善制度3项。\n\n"+
				"## 二、关于“作风建设不够扎实”问题的整改情况\n\n（一）整治作风。\n"), []string{"count-share warning"}},
		{"the summary's list told again", countShape("在巡察整改工作中，谈话提醒8人，诫勉2人，建立完善制度15项。",
			"## 一、关于“政治监督不够有力”问题的整改情况\n\n（一）强化学习。谈话提醒8人，诫勉2人。\n\n"+
				"## 二、关于“作风建设不够扎实”问题的整改情况\n\n（一）整治作风。\n"), nil},
		{"planted: the summary's list told again with a slip", countShape("在巡察整改工作中，谈话提醒8人，诫勉2人，建立完善制度15项。",
			"## 一、关于“政治监督不够有力”问题的整改情况\n\n（一）强化学习。谈话提醒6人，诫勉2人。\n\n"+
				"## 二、关于“作风建设不够扎实”问题的整改情况\n\n（一）整治作风。\n"), []string{"count-repeat error"}},
		{"planted: a figure beyond the summary's", countShape("在巡察整改工作中，谈话提醒8人，诫勉2人，建立完善制度15项。",
			"## 一、关于“政治监督不够有力”问题的整改情况\n\n（一）强化学习。开展谈话提醒18人。\n\n"+
				"## 二、关于“作风建设不够扎实”问题的整改情况\n\n（一）整治作风。\n"), []string{"count-repeat error"}},

		{"measures: done and the rest", countShape("针对反馈的3个方面问题，制定整改措施78条，目前已完成整改70条，其余8条正在按计划推进。", threeSections), nil},
		{"measures: the rest counted first", countShape("针对反馈的3个方面问题，制定整改措施26条，已完成24条，2条持续推进。", threeSections), nil},
		{"measures: parts in the next sentence", countShape("针对反馈的3个方面问题，制定整改措施67条。截至目前，已完成整改58条，其余9条正在推进。", threeSections), nil},
		{"problems label first, with a rate", countShape("被巡察的6个单位党组织共认领问题134个，已完成整改127个，完成率94.8%。", threeSections), nil},
		{"measures done alone, with a rate", countShape("针对反馈的3个方面问题，制定整改措施105条，截至9月底已完成92条，完成率87.6%。", threeSections), nil},
		{"planted: measures and the rest do not add up", countShape("针对反馈的3个方面问题，制定整改措施78条，目前已完成整改70条，其余9条正在按计划推进。", threeSections), []string{"count-total error"}},
		{"planted: the rest in the next sentence does not add up", countShape("针对反馈的3个方面问题，制定整改措施67条。截至目前，已完成整改58条，其余7条正在推进。", threeSections), []string{"count-total error"}},
		{"planted: more done than found", countShape("局党组组织专项检查，发现问题216个，已完成整改219个。", threeSections), []string{"count-total error"}},
		{"planted: a rate of measures", countShape("针对反馈的3个方面问题，制定整改措施105条，截至9月底已完成92条，完成率89.6%。", threeSections), []string{"count-total error"}},
		{"planted: parts beyond the total", countShape("县委巡察反馈的15个问题，已完成整改13个，基本完成4个。", threeSections), []string{"count-total error"}},
		{"planted: parts with the rest short of the total", countShape("县委巡察反馈的15个问题，已完成整改11个，正在整改2个。", threeSections), []string{"count-total error"}},
		{"planted: a gap in an inner enumeration", countShape("局党组坚持高位推进。一是加强领导：一是成立领导小组；三是制定方案。二是压实责任。", threeSections), []string{"enumeration error"}},
		{"planted: more areas than sections", countShape("针对反馈的4个方面问题，制定整改措施42条。", threeSections), []string{"count-sections error"}},
	}
	conv := markdown.New(markdown.Options{})
	counted := []string{ruleCountTotal.ID, ruleCountParts.ID, ruleCountRepeat.ID, ruleCountShare.ID, ruleCountSections.ID, ruleEnumeration.ID}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := Notice(parseNotice(t, tt.src), conv).Problems
			var got []string
			for _, d := range problems {
				if slices.Contains(counted, d.Rule) {
					got = append(got, d.Rule+" "+d.Severity.String())
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q:\n%v", got, tt.want, diag.List(problems))
			}
		})
	}
}

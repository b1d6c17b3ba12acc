package notice

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"disclose/internal/diag"
)

// validate reports missing required fields and malformed values, each at
// the line of its key (or of its table, when the key is missing).
func (n *Notice) validate(problems *diag.List) {
	v := validator{n: n, problems: problems}
	if strings.TrimSpace(n.Title) == "" {
		v.missing("标题", "title")
		(*v.problems)[len(*v.problems)-1].Rule = RuleTitleMissing
	}
	v.titleLines()
	v.dateTime(n.Date, "发布时间", "date")
	if n.Date.Set() && n.Year != 0 && n.Date.Year() != n.Year {
		v.problems.Errorf(n.KeyPos("date"), "发布年份 %[1]d 与所在文件夹 content/%[2]d/ 不符: 请把文件移到 content/%[1]d/; published in %[1]d but filed under content/%[2]d/: move the file to content/%[1]d/", n.Date.Year(), n.Year)
		(*v.problems)[len(*v.problems)-1].Rule = "site-year"
	}
	v.text(n.Source, "来源网站", "source")
	v.punctuation()
	v.inspection()
	v.statistics()
	v.text(n.Signature.Organization, "落款单位", "signature", "organization")
	v.date(n.Signature.Date, "成文日期", "signature", "date")
	v.dateText(n.Signature)
	if d := n.Disclosure; d != nil {
		v.badDate(d.WrittenDate, "disclosure", "written_date")
	}
	v.corrections()
}

// RuleTitleMissing is the rule id of a notice without a title: a finding
// of its own, which the check command reports apart from the other
// problems of the front matter (source).
const RuleTitleMissing = "title-missing"

type validator struct {
	n        *Notice
	problems *diag.List
}

func (v validator) missing(label string, key ...string) {
	where, zhWhere := "to the front matter", "到前置信息中"
	if len(key) > 1 {
		where = "under [" + strings.Join(key[:len(key)-1], ".") + "]"
		zhWhere = "到 [" + strings.Join(key[:len(key)-1], ".") + "] 下"
	}
	v.problems.Errorf(v.n.KeyPos(key...), "缺少%[4]s: 添加 %[2]s = … %[5]s; %[1]s is missing; add %[2]s = … %[3]s",
		strings.Join(key, "."), key[len(key)-1], where, label, zhWhere)
}

func (v validator) text(s, label string, key ...string) {
	if strings.TrimSpace(s) == "" {
		v.missing(label, key...)
	}
}

func (v validator) date(d Date, label string, key ...string) {
	if d.bad == nil && !d.Set() {
		v.missing(label, key...)
	}
	v.badDate(d, key...)
}

// dateText: the signing date as published names the day signature.date
// names, so that the page never shows one day and says another.
func (v validator) dateText(s Signature) {
	if s.DateText == "" {
		return
	}
	at := v.n.KeyPos("signature", "date_text")
	d, ok := ReadChineseDate(s.DateText)
	switch {
	case !ok:
		v.problems.Errorf(at, "落款日期 %[1]q 应写作 2025年5月21日 这样的年月日; signature.date_text %[1]q is not a date written out such as 2025年5月21日", s.DateText)
	case s.Date.Set() && !d.Equal(s.Date.Time):
		v.problems.Errorf(at, "落款日期 %[1]q 是 %[2]s, 与 signature.date %[3]s 不一致: 两处应写同一天; signature.date_text %[1]q is %[2]s, but signature.date is %[3]s: write the same day in both", s.DateText, d.Format(time.DateOnly), s.Date.ISO())
	}
}

func (v validator) badDate(d Date, key ...string) {
	if d.bad != nil {
		v.problems.Errorf(v.n.KeyPos(key...), "%s (%s)", faultText(d.bad), strings.Join(key, "."))
	}
}

func (v validator) dateTime(d DateTime, label string, key ...string) {
	switch {
	case d.bad != nil:
		v.problems.Errorf(v.n.KeyPos(key...), "%s (%s)", faultText(d.bad), strings.Join(key, "."))
	case !d.Set():
		v.missing(label, key...)
	}
}

func (v validator) punctuation() {
	switch v.n.Punctuation {
	case "", FullWidth, HalfWidth:
	default:
		v.problems.Errorf(v.n.KeyPos("punctuation"), "标点设置 punctuation = %[1]q 无法识别: 写 \"full\" (全角，：；) 或 \"half\" (半角,:;); punctuation = %[1]q: write \"full\" (，：；) or \"half\" (,:;)", v.n.Punctuation)
	}
}

func (v validator) inspection() {
	in := v.n.Inspection
	switch in.Kind {
	case KindXunshi, KindXuncha:
	case "":
		v.missing("巡视或巡察", "inspection", "kind")
	default:
		v.problems.Errorf(v.n.KeyPos("inspection", "kind"), "巡视(察)类别 inspection.kind = %[1]q 无法识别: 写 %[2]q 或 %[3]q; inspection.kind = %[1]q: write %[2]q or %[3]q", in.Kind, KindXunshi, KindXuncha)
	}
	v.forms(in.Form)
	v.roundAndLevel(in)
	v.summary(in)
	if !in.Summary() {
		v.text(in.Group, "巡视(察)组", "inspection", "group")
		v.text(in.Organization, "被巡视(察)单位", "inspection", "organization")
	}
	v.inspectionDate(in, in.Start, "巡视(察)开始日期", "start")
	v.inspectionDate(in, in.End, "巡视(察)结束日期", "end")
	v.inspectionDate(in, in.Feedback, "反馈日期", "feedback")
}

// inspectionDate: the inspection's dates are the text's to give, and many
// notices give them to no day (2025年10月至12月, 5月中旬) or not at all
// (巡视反馈意见后): the front matter never makes one up, so a missing date
// is a warning, a reminder to fill in what the notice does state. A round
// summary, whose units were inspected on days of their own, need not give
// them, as it need not give one group or organisation. A malformed date is
// an error.
func (v validator) inspectionDate(in Inspection, d Date, label, key string) {
	v.badDate(d, "inspection", key)
	if d.bad != nil || d.Set() || in.Summary() {
		return
	}
	at := v.n.KeyPos("inspection", key)
	v.problems.Add(diag.Diagnostic{Path: at.Path, Line: at.Line, Col: at.Col, Severity: diag.Warning,
		Message: fmt.Sprintf("未填写%[2]s: 原文写明了就填上, 原文未写明具体日期的可不填; inspection.%[1]s is not given: fill it in when the notice states it; leave it out when the text gives no day", key, label)})
}

// forms: each form of inspection is one of Forms, named once.
func (v validator) forms(forms []string) {
	at := func() diag.Pos { return v.n.KeyPos("inspection", "form") } // found only for a problem
	for i, f := range forms {
		switch {
		case !slices.Contains(Forms, f):
			v.problems.Errorf(at(), "巡视(察)形式第 %[1]d 项 %[2]q 无法识别: 只能是 %[3]s; inspection.form[%[1]d] = %[2]q: write one of %[4]s", i+1, f,
				strings.Join(Forms, "、"), strings.Join(Forms, ", "))
		case slices.Index(forms, f) < i:
			v.problems.Errorf(at(), "巡视(察)形式第 %[1]d 项 %[2]q 重复; inspection.form[%[1]d] = %[2]q: named twice", i+1, f)
		}
	}
}

// roundAndLevel: the round has a round's shape and the inspection's kind;
// the level is one of Levels, one that carries out inspections of the
// kind, and the one the group's and the round's names give.
func (v validator) roundAndLevel(in Inspection) {
	at := func(key string) diag.Pos { return v.n.KeyPos("inspection", key) }
	if in.Round != "" {
		kind, ok := RoundKind(in.Round)
		switch {
		case !ok:
			v.problems.Errorf(at("round"), "轮次 inspection.round = %[1]q 应照原文写作“十二届省委第二轮巡视”或“第二轮巡察”; inspection.round = %[1]q: write the round as the notice names it, ending in 第…轮巡视 or 第…轮巡察", in.Round)
		case in.Kind != "" && kind != in.Kind:
			v.problems.Errorf(at("round"), "轮次 inspection.round = %[1]q 是%[2]s轮次, 但 kind = %[3]q, 请改正其一; the round is one of %[2]s, the notice's kind %[3]s: correct one of them", in.Round, kind, in.Kind)
		}
	}
	if in.Level == "" {
		return
	}
	if !slices.Contains(Levels, in.Level) {
		v.problems.Errorf(at("level"), "层级 inspection.level = %q 只能是 %s; write one of %s", in.Level, strings.Join(Levels, "、"), strings.Join(Levels, ", "))
		return
	}
	if in.Kind == KindXunshi || in.Kind == KindXuncha {
		if levels := LevelsOf(in.Kind); !slices.Contains(levels, in.Level) {
			v.problems.Errorf(at("level"), "层级 inspection.level = %q 不对: %s由%s级党委开展; %s is carried out by a committee of level %s", in.Level, in.Kind, strings.Join(levels, "、"), in.Kind, strings.Join(levels, " or "))
			return
		}
	}
	for _, named := range []struct{ key, text string }{{"group", in.Group}, {"round", in.Round}} {
		if l := LevelOf(in.Kind, named.text); l != "" && l != in.Level {
			v.problems.Errorf(at("level"), "层级 inspection.level = %[1]q, 但 %[2]s “%[3]s” 是%[4]s级, 请改正其一; the %[2]s names a committee of level %[4]s: correct one of them", in.Level, named.key, named.text, l)
			return
		}
	}
}

// summary: a round summary says how many units were inspected, at least
// as many as it names; groups and named belong to a summary only.
func (v validator) summary(in Inspection) {
	at := func(key string) diag.Pos { return v.n.KeyPos("inspection", key) }
	switch {
	case in.Units < 0:
		v.problems.Errorf(at("units"), "被巡视(察)单位数不能为负: units = %[1]d; inspection.units = %[1]d: write how many units the round inspected", in.Units)
	case in.Units == 0 && (in.Groups != 0 || len(in.Named) > 0):
		v.problems.Errorf(at("units"), "轮次综述请填写被巡视(察)单位数, 如 units = 12; inspection.units is missing: a round summary says how many units it covers: add units = …")
	case len(in.Named) > in.Units:
		v.problems.Errorf(at("named"), "列出的单位 (%[1]d 个) 多于单位总数 units = %[2]d; inspection.named lists %[1]d units but units = %[2]d: units is the count of all units", len(in.Named), in.Units)
	}
	if in.Groups < 0 {
		v.problems.Errorf(at("groups"), "巡视(察)组数不能为负: groups = %[1]d; inspection.groups = %[1]d: write how many groups, or leave groups out", in.Groups)
	}
	for i, u := range in.Named {
		if strings.TrimSpace(u) == "" {
			v.problems.Errorf(at("named"), "所列第 %[1]d 个单位名称为空: 填上名称或删去此项; inspection.named[%[1]d] is empty: write the unit's name or remove the entry", i+1)
		}
	}
}

func (v validator) statistics() {
	for i, s := range v.n.Statistics {
		// where the entry is and its name are made only for a problem
		at := func() diag.Pos { return v.statPos(i) }
		name := func() string { return fmt.Sprintf("statistics[%d]", i+1) }
		if strings.TrimSpace(s.Label) == "" {
			v.problems.Errorf(at(), "第 %[2]d 个统计项名称 label 为空; %[1]s: label is empty", name(), i+1)
		}
		switch {
		case s.Value.bad != nil:
			v.problems.Errorf(at(), "第 %d 个统计项: %s (%s)", i+1, faultText(s.Value.bad), name())
		case s.Value.Text == "":
			v.problems.Errorf(at(), "第 %[2]d 个统计项缺少数值 value; %[1]s: value is missing", name(), i+1)
		case s.Value.Value < 0:
			v.problems.Errorf(at(), "第 %[3]d 个统计项的数值 %[2]s 为负数; %[1]s: value %[2]s is negative", name(), s.Value.Text, i+1)
		}
		if strings.TrimSpace(s.Unit) == "" {
			v.problems.Errorf(at(), "第 %[2]d 个统计项缺少单位: 按原文写, 如 unit = \"人\"; %[1]s: unit is empty; write the unit as the text does", name(), i+1)
		}
	}
}

// statPos is where the i-th [[statistics]] entry is written. The TOML
// library names all entries of an array of tables alike, so the entries'
// label keys are told apart by order.
func (v validator) statPos(i int) diag.Pos {
	if at := v.n.Keys.Entry("statistics", i); at.Line > 0 {
		return at
	}
	return v.n.KeyPos("statistics")
}

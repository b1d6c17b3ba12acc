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
		v.problems.Errorf(n.KeyPos("date"), "published in %d but filed under content/%d/: move the file to content/%d/ (发布年份与所在文件夹不符)", n.Date.Year(), n.Year, n.Date.Year())
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
	where := "to the front matter"
	if len(key) > 1 {
		where = "under [" + strings.Join(key[:len(key)-1], ".") + "]"
	}
	v.problems.Errorf(v.n.KeyPos(key...), "%s is missing; add %s = … %s (缺少%s)",
		strings.Join(key, "."), key[len(key)-1], where, label)
}

func (v validator) text(s, label string, key ...string) {
	if strings.TrimSpace(s) == "" {
		v.missing(label, key...)
	}
}

func (v validator) date(d Date, label string, key ...string) {
	if d.bad == "" && !d.Set() {
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
		v.problems.Errorf(at, "signature.date_text %q is not a date written out such as 2025年5月21日 (落款日期应写作 年月日)", s.DateText)
	case s.Date.Set() && !d.Equal(s.Date.Time):
		v.problems.Errorf(at, "signature.date_text %q is %s, but signature.date is %s: write the same day in both (落款日期与 signature.date 不一致)", s.DateText, d.Format(time.DateOnly), s.Date.ISO())
	}
}

func (v validator) badDate(d Date, key ...string) {
	if d.bad != "" {
		v.problems.Errorf(v.n.KeyPos(key...), "%s: %s", strings.Join(key, "."), d.bad)
	}
}

func (v validator) dateTime(d DateTime, label string, key ...string) {
	switch {
	case d.bad != "":
		v.problems.Errorf(v.n.KeyPos(key...), "%s: %s", strings.Join(key, "."), d.bad)
	case !d.Set():
		v.missing(label, key...)
	}
}

func (v validator) punctuation() {
	switch v.n.Punctuation {
	case "", FullWidth, HalfWidth:
	default:
		v.problems.Errorf(v.n.KeyPos("punctuation"), "punctuation = %q: write \"full\" (，：；) or \"half\" (,:;)", v.n.Punctuation)
	}
}

func (v validator) inspection() {
	in := v.n.Inspection
	switch in.Kind {
	case KindXunshi, KindXuncha:
	case "":
		v.missing("巡视或巡察", "inspection", "kind")
	default:
		v.problems.Errorf(v.n.KeyPos("inspection", "kind"), "inspection.kind = %q: write %q or %q", in.Kind, KindXunshi, KindXuncha)
	}
	v.forms(in.Form)
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
	if d.bad != "" || d.Set() || in.Summary() {
		return
	}
	at := v.n.KeyPos("inspection", key)
	v.problems.Add(diag.Diagnostic{Path: at.Path, Line: at.Line, Col: at.Col, Severity: diag.Warning,
		Message: fmt.Sprintf("inspection.%s is not given: fill it in when the notice states it; leave it out when the text gives no day (未填写%s; 原文未写明具体日期的可不填)", key, label)})
}

// forms: each form of inspection is one of Forms, named once.
func (v validator) forms(forms []string) {
	at := v.n.KeyPos("inspection", "form")
	for i, f := range forms {
		switch {
		case !slices.Contains(Forms, f):
			v.problems.Errorf(at, "inspection.form[%d] = %q: 巡视(察)形式只能是 %s (write one of %s)", i+1, f,
				strings.Join(Forms, "、"), strings.Join(Forms, ", "))
		case slices.Index(forms, f) < i:
			v.problems.Errorf(at, "inspection.form[%d] = %q: 重复 (named twice)", i+1, f)
		}
	}
}

// summary: a round summary says how many units were inspected, at least
// as many as it names; groups and named belong to a summary only.
func (v validator) summary(in Inspection) {
	at := func(key string) diag.Pos { return v.n.KeyPos("inspection", key) }
	switch {
	case in.Units < 0:
		v.problems.Errorf(at("units"), "inspection.units = %d: 被巡视(察)单位数不能为负 (write how many units the round inspected)", in.Units)
	case in.Units == 0 && (in.Groups != 0 || len(in.Named) > 0):
		v.problems.Errorf(at("units"), "inspection.units is missing: 轮次综述请填写被巡视(察)单位数 (a round summary says how many units it covers: add units = …, e.g. units = 12)")
	case len(in.Named) > in.Units:
		v.problems.Errorf(at("named"), "inspection.named lists %d units but units = %d: 列出的单位多于单位总数 (units is the count of all units)", len(in.Named), in.Units)
	}
	if in.Groups < 0 {
		v.problems.Errorf(at("groups"), "inspection.groups = %d: 巡视(察)组数不能为负 (write how many groups, or leave groups out)", in.Groups)
	}
	for i, u := range in.Named {
		if strings.TrimSpace(u) == "" {
			v.problems.Errorf(at("named"), "inspection.named[%d] is empty: 单位名称不能为空 (write the unit's name or remove the entry)", i+1)
		}
	}
}

func (v validator) statistics() {
	for i, s := range v.n.Statistics {
		at := v.statPos(i)
		name := fmt.Sprintf("statistics[%d]", i+1)
		if strings.TrimSpace(s.Label) == "" {
			v.problems.Errorf(at, "%s: label is empty (统计项名称不能为空)", name)
		}
		switch {
		case s.Value.bad != "":
			v.problems.Errorf(at, "%s: %s", name, s.Value.bad)
		case s.Value.Text == "":
			v.problems.Errorf(at, "%s: value is missing (缺少数值)", name)
		case s.Value.Value < 0:
			v.problems.Errorf(at, "%s: value %s is negative", name, s.Value.Text)
		}
		if strings.TrimSpace(s.Unit) == "" {
			v.problems.Errorf(at, "%s: unit is empty; write the unit as the text does, e.g. unit = \"人\" (缺少单位)", name)
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

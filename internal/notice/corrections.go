package notice

import (
	"fmt"
	"strings"
	"time"
)

// Correction is one correction made to a notice after it was published,
// written in the front matter as
//
//	[[corrections]]
//	date = 2025-07-01
//	what = "第二部分第(一)项“381家”更正为“318家”"
//	why = "原文数字录入有误"
//
// The body holds the corrected text; the page shows each correction as a
// note beside the notice, never inside its text, and notice.json lists
// them. A year that was sealed before a correction is re-issued as a new
// bundle version (see internal/bundle).
type Correction struct {
	Date Date   `toml:"date" json:"date"`
	What string `toml:"what" json:"what"` // what was changed
	Why  string `toml:"why" json:"why"`   // why it was changed
}

// corrections reports a correction without a well-formed date, one dated
// before the notice was published, and one that does not say what changed
// or why.
func (v validator) corrections() {
	for i, c := range v.n.Corrections {
		at := v.n.KeyPos("corrections")
		if e := v.n.Keys.Entry("corrections", i); e.Line > 0 {
			at = e
		}
		name := fmt.Sprintf("corrections[%d]", i+1)
		switch {
		case c.Date.bad != nil:
			v.problems.Errorf(at, "第 %d 条更正: %s (%s)", i+1, faultText(c.Date.bad), name)
		case !c.Date.Set():
			v.problems.Errorf(at, "第 %[1]d 条更正缺少更正日期, 如 date = 2025-07-01; %[2]s: date is missing; write the day of the correction, e.g. date = 2025-07-01", i+1, name)
		case v.n.Date.Set() && c.Date.Before(publicationDay(v.n.Date)):
			v.problems.Errorf(at, "第 %[4]d 条更正的日期 %[2]s 早于通报发布日期 %[3]s; %[1]s: date %[2]s is before the notice was published (%[3]s)",
				name, c.Date.ISO(), publicationDay(v.n.Date).Format(time.DateOnly), i+1)
		}
		if strings.TrimSpace(c.What) == "" {
			v.problems.Errorf(at, "第 %[1]d 条更正缺少更正内容 what, 如 what = \"“381家”更正为“318家”\"; %[2]s: what is empty; say what was changed", i+1, name)
		}
		if strings.TrimSpace(c.Why) == "" {
			v.problems.Errorf(at, "第 %[1]d 条更正缺少更正原因 why; %[2]s: why is empty; say why it was changed", i+1, name)
		}
	}
}

// publicationDay is the calendar day, in China, on which d falls, as a
// Date's midnight UTC.
func publicationDay(d DateTime) time.Time {
	c := d.In(ChinaTime)
	return time.Date(c.Year(), c.Month(), c.Day(), 0, 0, 0, 0, time.UTC)
}

// Problem says why the date as written is not a date, or is empty when it
// is well formed or absent. Packages that read dates of their own files
// (the seal records of internal/site) report it at their key's position.
func (d Date) Problem() string { return faultText(d.bad) }

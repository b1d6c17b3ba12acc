package lint

import "disclose/internal/diag"

// Rule is one thing the proofreader checks. docs/checks.md describes each.
type Rule struct {
	ID       string
	Severity diag.Severity
	Fixable  bool // check --fix rewrites what it finds
	Summary  string
}

// The rules, by family. Errors stop a build; warnings (typography) do not.
var (
	ruleDateOrder = &Rule{ID: "date-order", Severity: diag.Error,
		Summary: "inspection start <= end < feedback < signature <= publication"}
	ruleIntroDates = &Rule{ID: "intro-dates", Severity: diag.Error,
		Summary: "the dates the introduction writes agree with the front matter"}
	ruleDuration = &Rule{ID: "duration", Severity: diag.Error,
		Summary: "a stated duration (为期45天) matches the inspection's dates"}
	ruleDateFormat = &Rule{ID: "date-format", Severity: diag.Warning,
		Summary: "dates in the text are written 2025年6月17日, without zero padding"}
	ruleDisclosure = &Rule{ID: "disclosure", Severity: diag.Error,
		Summary: "政府信息公开 metadata agrees with the notice: 成文日期, 索引号"}
	ruleDisclosureForm = &Rule{ID: "disclosure-form", Severity: diag.Warning,
		Summary: "the 索引号 is of the usual form code/year-serial"}
	ruleOutlineSequence = &Rule{ID: "outline-sequence", Severity: diag.Error,
		Summary: "each numbering sequence starts at one, without gap or repeat, and restarts under its parent"}
	ruleOutlineLevel = &Rule{ID: "outline-level", Severity: diag.Error,
		Summary: "numbering never skips a level: 一、 > (一) > 1. > (1)"}
	ruleOutlineWidth = &Rule{ID: "outline-width", Severity: diag.Warning,
		Summary: "full-width and half-width numbering are not mixed in one notice"}
	ruleInspectionKind = &Rule{ID: "inspection-kind", Severity: diag.Error,
		Summary: "the front matter's group and the title name the kind of inspection inspection.kind says"}
	ruleInspectionKindText = &Rule{ID: "inspection-kind-text", Severity: diag.Warning,
		Summary: "the body names 巡视 and 巡察 as the inspecting committee and inspection.kind say"}
	ruleCountSections = &Rule{ID: "count-sections", Severity: diag.Error,
		Summary: "the stated number of problem areas (7个方面) equals the number of 一、 sections"}
	ruleEnumeration = &Rule{ID: "enumeration", Severity: diag.Error,
		Summary: "一是…二是…三是… runs in order without gap or repeat"}
	ruleCountTotal = &Rule{ID: "count-total", Severity: diag.Error,
		Summary: "a total equals the sum of its parts, and a completion rate equals their quotient"}
	ruleCountParts = &Rule{ID: "count-parts", Severity: diag.Warning,
		Summary: "the parts in brackets after a total (9人(警告5人、严重警告4人)) are not fewer than it"}
	ruleCountRepeat = &Rule{ID: "count-repeat", Severity: diag.Error,
		Summary: "a figure of the summary restated in a list of its figures, or beyond it, is the same"}
	ruleCountShare = &Rule{ID: "count-share", Severity: diag.Warning,
		Summary: "a figure of the summary stated again alone and smaller may be a share of it, or a slip"}
	ruleStatsBody = &Rule{ID: "statistics-body", Severity: diag.Error,
		Summary: "every [[statistics]] entry appears in the body with the same value and unit"}
	ruleStatsSentence = &Rule{ID: "statistics-sentence", Severity: diag.Warning,
		Summary: "every figure of the statistics sentence has its [[statistics]] entry"}
	ruleContact = &Rule{ID: "contact", Severity: diag.Error,
		Summary: "phone numbers of Chinese form, a valid email address, a postal address that reads as one"}
	ruleContactAddress = &Rule{ID: "contact-address", Severity: diag.Warning,
		Summary: "the contact block gives a postal address (邮政信箱)"}
	ruleContactTwice = &Rule{ID: "contact-twice", Severity: diag.Warning,
		Summary: "a notice whose text ends with its contact line has no [contact] block too: the page would show both"}
	rulePunctWidth = &Rule{ID: "punct-width", Severity: diag.Warning, Fixable: true,
		Summary: "punctuation in the width the notice declares (full: ，；：（）？！ or half: ,;:()?!)"}
	ruleQuotes = &Rule{ID: "punct-quote", Severity: diag.Warning, Fixable: true,
		Summary: "Chinese text quotes with “” , not straight \" quotes"}
	rulePunctBalance = &Rule{ID: "punct-balance", Severity: diag.Warning,
		Summary: "“” ‘’ 《》 () 〔〕 【】 are balanced within a paragraph"}
	rulePunctDouble = &Rule{ID: "punct-double", Severity: diag.Warning, Fixable: true,
		Summary: "no doubled punctuation: ，， 。。 ，。"}
	ruleSpace = &Rule{ID: "stray-space", Severity: diag.Warning, Fixable: true,
		Summary: "no space between Chinese characters (outside quotes and titles)"}
	ruleDocNumber = &Rule{ID: "doc-number", Severity: diag.Warning, Fixable: true,
		Summary: "document numbers write their year in 〔〕: 浙妇党〔2025〕12号"}
)

// Rules lists every rule of the proofreader, in the order of docs/checks.md.
func Rules() []*Rule {
	return []*Rule{ruleDateOrder, ruleIntroDates, ruleDuration, ruleDateFormat, ruleDisclosure, ruleDisclosureForm,
		ruleOutlineSequence, ruleOutlineLevel, ruleOutlineWidth, ruleInspectionKind, ruleInspectionKindText,
		ruleCountSections, ruleEnumeration, ruleCountTotal, ruleCountParts, ruleCountRepeat, ruleCountShare,
		ruleStatsBody, ruleStatsSentence, ruleContact, ruleContactAddress, ruleContactTwice,
		rulePunctWidth, ruleQuotes, rulePunctBalance, rulePunctDouble, ruleSpace, ruleDocNumber,
		ruleAccept, ruleAcceptUnused}
}

// The rules on the notice's own [[check.accept]] entries.
var (
	ruleAccept = &Rule{ID: "accept", Severity: diag.Error,
		Summary: "each [[check.accept]] names a known rule, the text it is about and a reason"}
	ruleAcceptUnused = &Rule{ID: "accept-unused", Severity: diag.Warning,
		Summary: "each [[check.accept]] matches a finding"}
)

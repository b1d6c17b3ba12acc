package notice

import (
	"strings"
	"unique"
)

// compactStrings makes the strings of the front matter fm independent of
// the text they were read from. The TOML parser hands out values cut from
// its own copy of the front matter's text, which would keep all of that
// text alive for as long as the notice is kept, and a build keeps every
// notice's front matter until its listings are written: the values alone
// take half of it. The strings are found in one walk (appendStrings), then
// copied and set.
//
// The values a site's notices repeat (fields tagged mem:"shared": the
// kind, group, organisation, round and level of the inspection, the labels
// and units of the statistics, the contact, the signing organisation,
// the source) are interned when they are long enough to be worth it
// (internBytes): every notice that writes the same value holds one copy
// of it (unique.Make), not its own. The others (the title, the title's
// lines, the corrections, the acceptances, and short values such as 巡察
// or 人) are copied into one new string, each its own slice of it.
func compactStrings(fm *FrontMatter) {
	var found [64]sharedString // a notice has a few dozen
	strs := fm.appendStrings(found[:0])
	size := 0
	for _, s := range strs {
		if !s.interned() {
			size += len(*s.p)
		}
	}
	var all strings.Builder
	all.Grow(size)
	for _, s := range strs {
		if !s.interned() {
			all.WriteString(*s.p)
		}
	}
	text, at := all.String(), 0
	for _, s := range strs {
		if s.interned() {
			*s.p = unique.Make(*s.p).Value()
			continue
		}
		n := len(*s.p)
		*s.p = text[at : at+n]
		at += n
	}
}

// internBytes is the shortest value interned: a shorter one costs more
// time to look up (unique.Make, about 0.5 µs) than its bytes are worth.
const internBytes = 16

// sharedString is a string of the front matter, and whether it is in a
// field tagged mem:"shared" (or in what such a field holds).
type sharedString struct {
	p      *string
	shared bool
}

// interned reports whether s is interned rather than packed.
func (s sharedString) interned() bool { return s.shared && len(*s.p) >= internBytes }

// appendStrings appends to strs each non-empty string fm holds in an
// exported field, in the order of the fields, each with whether its field
// is tagged mem:"shared". It is written out field by field, without
// reflection: TestAppendStrings holds it to a walk of the struct with
// reflection, so that a string field added to the front matter is not
// forgotten.
func (fm *FrontMatter) appendStrings(strs []sharedString) []sharedString {
	add := func(p *string, shared bool) {
		if *p != "" {
			strs = append(strs, sharedString{p, shared})
		}
	}
	add(&fm.Title, false)
	for i := range fm.TitleBreaks {
		add(&fm.TitleBreaks[i], false)
	}
	add(&fm.SlugKey, false)
	add(&fm.Source, true)
	add(&fm.Punctuation, true)
	in := &fm.Inspection
	add(&in.Kind, true)
	for i := range in.Form {
		add(&in.Form[i], true)
	}
	add(&in.Group, true)
	add(&in.Organization, true)
	add(&in.Round, true)
	add(&in.Level, true)
	for i := range in.Named {
		add(&in.Named[i], true)
	}
	for i := range fm.Statistics {
		s := &fm.Statistics[i]
		add(&s.Label, true)
		add(&s.Value.Text, true)
		add(&s.Unit, true)
	}
	c := &fm.Contact
	add(&c.Text, true)
	add(&c.Invitation, true)
	add(&c.Phone, true)
	add(&c.Mailbox, true)
	add(&c.Email, true)
	add(&fm.Signature.Organization, true)
	add(&fm.Signature.DateText, true)
	if d := fm.Disclosure; d != nil {
		add(&d.IndexNumber, false)
		add(&d.DocumentNumber, false)
		add(&d.Publisher, true)
		add(&d.Topic, true)
		add(&d.Method, true)
		add(&d.Scope, true)
		add(&d.Validity, true)
		add(&d.Name, false)
	}
	for i := range fm.Corrections {
		add(&fm.Corrections[i].What, false)
		add(&fm.Corrections[i].Why, false)
	}
	for i := range fm.Check.Accept {
		a := &fm.Check.Accept[i]
		add(&a.Rule, true)
		add(&a.Text, false)
		add(&a.Reason, false)
	}
	return strs
}

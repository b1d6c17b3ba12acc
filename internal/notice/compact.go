package notice

import (
	"strings"
	"sync"
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
// the source) are taken from shared, the site's one copy of each, when it
// is not nil: every notice that writes the same value holds that copy,
// not its own. The others (the title, the title's lines, the corrections,
// the acceptances), and every value when shared is nil, are copied into
// one new string, each its own slice of it.
func compactStrings(fm *FrontMatter, shared *Strings) {
	var found [64]sharedString // a notice has a few dozen
	strs := fm.appendStrings(found[:0])
	if shared != nil {
		strs = shared.share(strs)
	}
	size := 0
	for _, s := range strs {
		size += len(*s.p)
	}
	var all strings.Builder
	all.Grow(size)
	for _, s := range strs {
		all.WriteString(*s.p)
	}
	text, at := all.String(), 0
	for _, s := range strs {
		n := len(*s.p)
		*s.p = text[at : at+n]
		at += n
	}
}

// Strings is a site's one copy of each value its notices repeat (see
// compactStrings). A build makes one with its settings (site.Settings)
// and every notice it reads shares it, from any goroutine. A build
// releases it once it has read its notices (Release); a preview keeps it
// as long as the settings, and it holds the values every notice read with
// them wrote, those of notices since changed or removed too: a preview
// that runs all day keeps, besides the site's own, each value an editor
// saved and changed again, a few bytes each.
//
// It is a map of its own, not unique.Make: unique keeps a value only as
// long as its Handle is kept, and a notice keeps the string, not the
// Handle, so after each garbage collection the next notice got a copy of
// its own, and how much a site shared depended on when the collector ran.
type Strings struct {
	mu  sync.Mutex
	one map[string]string
}

// NewStrings returns an empty table.
func NewStrings() *Strings { return &Strings{one: map[string]string{}} }

// Release frees the table once the notices that share it are read: they
// keep the one copy of each value they were given, and a notice read
// after holds its own. A build releases it once it has read its notices,
// before it writes its listings: the table's map (some 270 bytes a
// notice of the benchmark's corpus, whose figures and dates differ from
// notice to notice) would otherwise stay live beside the notices until
// the build ends, for no notice to read.
func (t *Strings) Release() {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.one = nil
	t.mu.Unlock()
}

// share sets each shared string of strs to the table's copy of its value,
// adding a copy of those it has not seen, and returns the others, in
// their order, in strs's memory. It takes the table's lock once.
func (t *Strings) share(strs []sharedString) []sharedString {
	own := strs[:0]
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.one == nil { // released: each notice holds its own
		return strs
	}
	for _, s := range strs {
		if !s.shared {
			own = append(own, s)
			continue
		}
		v, ok := t.one[*s.p]
		if !ok {
			v = strings.Clone(*s.p)
			t.one[v] = v
		}
		*s.p = v
	}
	return own
}

// sharedString is a string of the front matter, and whether it is in a
// field tagged mem:"shared" (or in what such a field holds).
type sharedString struct {
	p      *string
	shared bool
}

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

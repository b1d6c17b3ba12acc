package notice

import "github.com/BurntSushi/toml"

// decodeFront decodes the front matter text front into fm as
// toml.Decode(front, fm) does, and returns the TOML library's MetaData and
// error as that call would. The library first parses the text into a tree
// of maps, then sets the fields of fm from it with reflection, field by
// field, making the dotted name of every key as it goes: that second step
// cost as much as a fifth of the parse. A front matter as notices write it
// (every key one of knownKeys, every value of the type its field takes) is
// set from the tree by fromTree, without reflection. Any other is decoded
// again by toml.Decode into fm, which then says what is wrong in its own
// words, or takes what fromTree refuses (a key written in another case).
// It also returns the keys written that no field took (md.Undecoded()).
// FuzzDecodeFront holds it to toml.Decode.
func decodeFront(front string, fm *FrontMatter) (md toml.MetaData, unknown []toml.Key, err error) {
	var tree any
	md, err = toml.Decode(front, &tree)
	if err != nil {
		return md, nil, err // a TOML mistake: the parse toml.Decode makes into fm fails alike
	}
	var buf [64]byte
	for _, k := range md.Keys() {
		if !known(k, buf[:0]) {
			return redecode(front, fm)
		}
	}
	if top, ok := tree.(map[string]any); !ok || !fromTree(top, fm) {
		return redecode(front, fm)
	}
	return md, nil, nil
}

// redecode is toml.Decode into a new fm.
func redecode(front string, fm *FrontMatter) (toml.MetaData, []toml.Key, error) {
	*fm = FrontMatter{}
	md, err := toml.Decode(front, fm)
	if err != nil {
		return md, nil, err
	}
	return md, undecoded(&md), nil
}

// The from* functions set a value from the TOML library's tree as its
// reflection would (MetaData.unify), for the types the front matter holds,
// and report false for any value of another type. An array becomes a new
// slice of its length, an empty one too (not nil); a table given for a
// pointer field, a new value.

func fromTree(m map[string]any, fm *FrontMatter) bool {
	for k, v := range m {
		ok := false
		switch k {
		case "title":
			ok = fromString(v, &fm.Title)
		case "title_lines":
			ok = fromStrings(v, &fm.TitleBreaks)
		case "date":
			ok = fm.Date.UnmarshalTOML(v) == nil
		case "draft":
			fm.Draft, ok = v.(bool)
		case "slug":
			ok = fromString(v, &fm.SlugKey)
		case "source":
			ok = fromString(v, &fm.Source)
		case "punctuation":
			ok = fromString(v, &fm.Punctuation)
		case "inspection":
			ok = fromTable(v, &fm.Inspection, fromInspection)
		case "statistics":
			ok = fromTables(v, &fm.Statistics, fromStatistic)
		case "contact":
			ok = fromTable(v, &fm.Contact, fromContact)
		case "signature":
			ok = fromTable(v, &fm.Signature, fromSignature)
		case "disclosure":
			if _, table := v.(map[string]any); table {
				fm.Disclosure = new(Disclosure)
				ok = fromTable(v, fm.Disclosure, fromDisclosure)
			}
		case "corrections":
			ok = fromTables(v, &fm.Corrections, fromCorrection)
		case "check":
			ok = fromTable(v, &fm.Check, fromCheck)
		}
		if !ok {
			return false
		}
	}
	return true
}

func fromInspection(m map[string]any, in *Inspection) bool {
	for k, v := range m {
		ok := false
		switch k {
		case "kind":
			ok = fromString(v, &in.Kind)
		case "form":
			ok = fromStrings(v, &in.Form)
		case "group":
			ok = fromString(v, &in.Group)
		case "organization":
			ok = fromString(v, &in.Organization)
		case "round":
			ok = fromString(v, &in.Round)
		case "level":
			ok = fromString(v, &in.Level)
		case "groups":
			ok = fromInt(v, &in.Groups)
		case "units":
			ok = fromInt(v, &in.Units)
		case "named":
			ok = fromStrings(v, &in.Named)
		case "start":
			ok = in.Start.UnmarshalTOML(v) == nil
		case "end":
			ok = in.End.UnmarshalTOML(v) == nil
		case "feedback":
			ok = in.Feedback.UnmarshalTOML(v) == nil
		}
		if !ok {
			return false
		}
	}
	return true
}

func fromStatistic(m map[string]any, s *Statistic) bool {
	for k, v := range m {
		ok := false
		switch k {
		case "label":
			ok = fromString(v, &s.Label)
		case "value":
			ok = s.Value.UnmarshalTOML(v) == nil
		case "unit":
			ok = fromString(v, &s.Unit)
		}
		if !ok {
			return false
		}
	}
	return true
}

func fromContact(m map[string]any, c *Contact) bool {
	for k, v := range m {
		ok := false
		switch k {
		case "text":
			ok = fromString(v, &c.Text)
		case "invitation":
			ok = fromString(v, &c.Invitation)
		case "phone":
			ok = fromString(v, &c.Phone)
		case "mailbox":
			ok = fromString(v, &c.Mailbox)
		case "email":
			ok = fromString(v, &c.Email)
		}
		if !ok {
			return false
		}
	}
	return true
}

func fromSignature(m map[string]any, s *Signature) bool {
	for k, v := range m {
		ok := false
		switch k {
		case "organization":
			ok = fromString(v, &s.Organization)
		case "date":
			ok = s.Date.UnmarshalTOML(v) == nil
		case "date_text":
			ok = fromString(v, &s.DateText)
		}
		if !ok {
			return false
		}
	}
	return true
}

func fromDisclosure(m map[string]any, d *Disclosure) bool {
	for k, v := range m {
		ok := false
		switch k {
		case "index_number":
			ok = fromString(v, &d.IndexNumber)
		case "document_number":
			ok = fromString(v, &d.DocumentNumber)
		case "publisher":
			ok = fromString(v, &d.Publisher)
		case "topic":
			ok = fromString(v, &d.Topic)
		case "written_date":
			ok = d.WrittenDate.UnmarshalTOML(v) == nil
		case "method":
			ok = fromString(v, &d.Method)
		case "scope":
			ok = fromString(v, &d.Scope)
		case "validity":
			ok = fromString(v, &d.Validity)
		case "name":
			ok = fromString(v, &d.Name)
		}
		if !ok {
			return false
		}
	}
	return true
}

func fromCorrection(m map[string]any, c *Correction) bool {
	for k, v := range m {
		ok := false
		switch k {
		case "date":
			ok = c.Date.UnmarshalTOML(v) == nil
		case "what":
			ok = fromString(v, &c.What)
		case "why":
			ok = fromString(v, &c.Why)
		}
		if !ok {
			return false
		}
	}
	return true
}

func fromCheck(m map[string]any, c *Check) bool {
	for k, v := range m {
		ok := false
		switch k {
		case "accept":
			ok = fromTables(v, &c.Accept, fromAcceptance)
		}
		if !ok {
			return false
		}
	}
	return true
}

func fromAcceptance(m map[string]any, a *Acceptance) bool {
	for k, v := range m {
		ok := false
		switch k {
		case "rule":
			ok = fromString(v, &a.Rule)
		case "text":
			ok = fromString(v, &a.Text)
		case "reason":
			ok = fromString(v, &a.Reason)
		}
		if !ok {
			return false
		}
	}
	return true
}

func fromString(v any, s *string) bool {
	str, ok := v.(string)
	*s = str
	return ok
}

func fromInt(v any, n *int) bool {
	i, ok := v.(int64)
	*n = int(i)
	return ok
}

// fromStrings sets an array of strings.
func fromStrings(v any, s *[]string) bool {
	a, ok := v.([]any)
	if !ok {
		return false
	}
	*s = make([]string, len(a))
	for i, e := range a {
		if !fromString(e, &(*s)[i]) {
			return false
		}
	}
	return true
}

// fromTable sets a table.
func fromTable[T any](v any, t *T, from func(map[string]any, *T) bool) bool {
	m, ok := v.(map[string]any)
	return ok && from(m, t)
}

// fromTables sets an array of tables: [[statistics]] (a []map[string]any
// in the tree), or an array of inline tables (a []any).
func fromTables[T any](v any, s *[]T, from func(map[string]any, *T) bool) bool {
	switch a := v.(type) {
	case []map[string]any:
		*s = make([]T, len(a))
		for i, m := range a {
			if !from(m, &(*s)[i]) {
				return false
			}
		}
		return true
	case []any:
		*s = make([]T, len(a))
		for i, e := range a {
			if !fromTable(e, &(*s)[i], from) {
				return false
			}
		}
		return true
	}
	return false
}

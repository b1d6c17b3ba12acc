package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"disclose/internal/notice"
)

// A notice's JSON is written for every notice twice in a build (its
// notice.json and its entry of notices.json) and again at every preview
// rebuild that changes the list. encoding/json finds each field by
// reflection; appendNoticeJSON writes the same bytes directly, as
// encoding/json writes noticeData with HTML escaping off. The struct tags
// of noticeData and of notice's types stay the reference:
// TestNoticeJSONMatchesEncoding compares the two on every kind of notice,
// and FuzzNoticeJSON on arbitrary text in every field.

// appendNoticeJSON appends d's JSON object to b.
func appendNoticeJSON(b []byte, d *noticeData) ([]byte, error) {
	var err error
	b = append(b, `{"url":`...)
	b = appendJSONString(b, d.URL)
	b = append(b, `,"path":`...)
	b = appendJSONString(b, d.Path)
	b = append(b, `,"year":`...)
	b = strconv.AppendInt(b, int64(d.Year), 10)
	b = append(b, `,"slug":`...)
	b = appendJSONString(b, d.Slug)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, d.Title)
	b = append(b, `,"date":`...)
	if b, err = appendDateTime(b, d.Date); err != nil {
		return nil, err
	}
	if d.Draft {
		b = append(b, `,"draft":true`...)
	}
	b = append(b, `,"source":`...)
	b = appendJSONString(b, d.Source)
	b = appendInspection(b, d.Inspection)
	b = append(b, `,"statistics":`...)
	if b, err = appendStatistics(b, d.Statistics); err != nil {
		return nil, err
	}
	c := d.Contact
	b = append(b, `,"contact":{`...)
	b = appendFields(b, false, "text", c.Text, "invitation", c.Invitation, "phone", c.Phone, "mailbox", c.Mailbox, "email", c.Email)
	b = append(b, `},"signature":{"organization":`...)
	b = appendJSONString(b, d.Signature.Organization)
	b = append(b, `,"date":`...)
	b = appendDate(b, d.Signature.Date)
	b = append(b, '}')
	if x := d.Disclosure; x != nil {
		b = append(b, `,"disclosure":{`...)
		b = appendFields(b, false, "index_number", x.IndexNumber, "document_number", x.DocumentNumber,
			"publisher", x.Publisher, "topic", x.Topic)
		if !x.WrittenDate.IsZero() {
			if b[len(b)-1] != '{' {
				b = append(b, ',')
			}
			b = append(b, `"written_date":`...)
			b = appendDate(b, x.WrittenDate)
		}
		b = appendFields(b, b[len(b)-1] != '{', "method", x.Method, "scope", x.Scope, "validity", x.Validity, "name", x.Name)
		b = append(b, '}')
	}
	if len(d.Corrections) > 0 {
		b = append(b, `,"corrections":[`...)
		for i, c := range d.Corrections {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"date":`...)
			b = appendDate(b, c.Date)
			b = append(b, `,"what":`...)
			b = appendJSONString(b, c.What)
			b = append(b, `,"why":`...)
			b = appendJSONString(b, c.Why)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(d.Sections) > 0 {
		b = append(b, `,"sections":[`...)
		for i, s := range d.Sections {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"level":`...)
			b = strconv.AppendInt(b, int64(s.Level), 10)
			b = append(b, `,"id":`...)
			b = appendJSONString(b, s.ID)
			b = append(b, `,"url":`...)
			b = appendJSONString(b, s.URL)
			b = append(b, `,"title":`...)
			b = appendJSONString(b, s.Title)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}'), nil
}

func appendInspection(b []byte, in notice.Inspection) []byte {
	b = append(b, `,"inspection":{"kind":`...)
	b = appendJSONString(b, in.Kind)
	if len(in.Form) > 0 {
		b = appendStrings(append(b, `,"form":`...), in.Form)
	}
	b = append(b, `,"group":`...)
	b = appendJSONString(b, in.Group)
	b = append(b, `,"organization":`...)
	b = appendJSONString(b, in.Organization)
	b = appendFields(b, true, "round", in.Round)
	if in.Groups != 0 {
		b = strconv.AppendInt(append(b, `,"groups":`...), int64(in.Groups), 10)
	}
	if in.Units != 0 {
		b = strconv.AppendInt(append(b, `,"units":`...), int64(in.Units), 10)
	}
	if len(in.Named) > 0 {
		b = appendStrings(append(b, `,"named":`...), in.Named)
	}
	b = append(b, `,"start":`...)
	b = appendDate(b, in.Start)
	b = append(b, `,"end":`...)
	b = appendDate(b, in.End)
	b = append(b, `,"feedback":`...)
	b = appendDate(b, in.Feedback)
	return append(b, '}')
}

// appendStrings writes a JSON array of strings.
func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

func appendStatistics(b []byte, stats []notice.Statistic) ([]byte, error) {
	if stats == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	for i, s := range stats {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"label":`...)
		b = appendJSONString(b, s.Label)
		b = append(b, `,"value":`...)
		var err error
		if b, err = appendNumber(b, s.Value); err != nil {
			return nil, err
		}
		b = append(b, `,"unit":`...)
		b = appendJSONString(b, s.Unit)
		b = append(b, '}')
	}
	return append(b, ']'), nil
}

// appendFields appends the pairs of names and values whose value is not
// empty (omitempty), each after a comma when comma or after the first.
func appendFields(b []byte, comma bool, pairs ...string) []byte {
	for i := 0; i < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			continue
		}
		if comma {
			b = append(b, ',')
		}
		comma = true
		b = append(b, '"')
		b = append(b, pairs[i]...)
		b = append(b, `":`...)
		b = appendJSONString(b, pairs[i+1])
	}
	return b
}

// appendDate is notice.Date's MarshalJSON.
func appendDate(b []byte, d notice.Date) []byte {
	if !d.Set() {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = d.AppendFormat(b, time.DateOnly)
	return append(b, '"')
}

// appendDateTime is notice.DateTime's MarshalJSON: the day alone when only
// the day was given, else time.Time's MarshalJSON.
func appendDateTime(b []byte, d notice.DateTime) ([]byte, error) {
	if y := d.Year(); y < 0 || y >= 10000 {
		return nil, fmt.Errorf("json: the date %v has a year outside [0,9999]", d.Time)
	}
	layout := time.RFC3339Nano
	if d.DateOnly {
		layout = time.DateOnly
	}
	b = append(b, '"')
	b = d.AppendFormat(b, layout)
	return append(b, '"'), nil
}

// appendNumber is notice.Number's MarshalJSON, compacted and checked as
// encoding/json does with what a MarshalJSON returns.
func appendNumber(b []byte, n notice.Number) ([]byte, error) {
	if n.Text == "" {
		return append(b, "null"...), nil
	}
	buf := bytes.NewBuffer(b)
	if err := json.Compact(buf, []byte(n.Text)); err != nil {
		return nil, fmt.Errorf("json: the number %q: %w", n.Text, err)
	}
	return buf.Bytes(), nil
}

// appendJSONString appends s quoted as encoding/json quotes a string with
// HTML escaping off: quotes, backslashes and control characters escaped,
// invalid UTF-8 replaced by U+FFFD, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = appendEscapedASCII(b, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendEscapedASCII appends the escape of a quote, a backslash or a
// control character.
func appendEscapedASCII(b []byte, c byte) []byte {
	const hex = "0123456789abcdef"
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
}

package notice

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// ChinaTime is the zone of a publication time written without an offset
// (2025-06-17T09:00:00): China Standard Time, UTC+8, which has no daylight
// saving, so a fixed zone needs no time-zone database.
var ChinaTime = time.FixedZone("CST", 8*60*60)

// fault is why a value of the front matter could not be read, as the
// validator tells it; nil when it was read. A pointer, not the text: a
// notice holds five dates and its statistics' values, all but never
// wrong, and a build keeps every notice's (TestNoticeSize).
type fault *string

// faultf returns the fault of the message format makes of a.
func faultf(format string, a ...any) fault {
	s := fmt.Sprintf(format, a...)
	return &s
}

// faultText is the message of f, or "" when there is none.
func faultText(f fault) string {
	if f == nil {
		return ""
	}
	return *f
}

// Date is a calendar date from the front matter, written as a TOML date
// (2024-03-18) or a string ("2024-03-18"). An empty string or a missing key
// leaves it unset. Decoding never fails: a malformed value is kept in bad
// and reported by the validator with the key's position.
type Date struct {
	time.Time // midnight UTC of the date; zero when unset
	bad       fault
}

// UnmarshalTOML implements toml.Unmarshaler.
func (d *Date) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case time.Time:
		if v.Hour() != 0 || v.Minute() != 0 || v.Second() != 0 {
			d.bad = faultf("日期 %[1]s 带有时刻: 日期写作 2024-03-18; %[1]s has a time of day; a date is written 2024-03-18", v.Format(time.DateTime))
			return nil
		}
		d.Time = time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
	case string:
		if v == "" {
			return nil
		}
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			d.bad = faultf("日期写法有误: %[1]q, 应写作 2024-03-18; %[1]q is not a date; write it as 2024-03-18", v)
			return nil
		}
		d.Time = t
	default:
		d.bad = faultf("日期写法有误: %[1]v, 应写作 2024-03-18; %[1]v is not a date; write it as 2024-03-18", v)
	}
	return nil
}

// Set reports whether the date was given.
func (d Date) Set() bool { return !d.IsZero() }

// Chinese writes the date as GB/T 9704 asks: 2025年6月17日.
func (d Date) Chinese() string {
	if !d.Set() {
		return ""
	}
	b := make([]byte, 0, len("2025年12月31日"))
	b = strconv.AppendInt(b, int64(d.Year()), 10)
	b = append(b, "年"...)
	b = strconv.AppendInt(b, int64(d.Month()), 10)
	b = append(b, "月"...)
	b = strconv.AppendInt(b, int64(d.Day()), 10)
	return string(append(b, "日"...))
}

// ISO writes the date as 2025-06-17.
func (d Date) ISO() string {
	if !d.Set() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// MarshalJSON writes the date as "2025-06-17", or null when unset.
func (d Date) MarshalJSON() ([]byte, error) {
	if !d.Set() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, len(`"2025-06-17"`))
	b = append(b, '"')
	return append(d.AppendFormat(b, time.DateOnly), '"'), nil
}

// DateTime is the publication time: a TOML date-time with or without an
// offset (one without is China time), or a string in RFC 3339 form. A
// notice that gives only the day (a TOML local date, 2024-07-26, or the
// string "2024-07-26") keeps it as a day: DateOnly is set, Time is that
// day's midnight in China time, and pages show the day without a time.
type DateTime struct {
	time.Time
	DateOnly bool // given as a day, without a time of day
	bad      fault
}

// UnmarshalTOML implements toml.Unmarshaler.
func (d *DateTime) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case time.Time:
		d.Time = inChina(v)
		d.DateOnly = v.Location().String() == "date-local"
	case string:
		if v == "" {
			return nil
		}
		if t, err := time.ParseInLocation(time.DateOnly, v, ChinaTime); err == nil {
			d.Time, d.DateOnly = t, true
			return nil
		}
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04"} {
			if t, err := time.ParseInLocation(layout, v, ChinaTime); err == nil {
				d.Time = t
				return nil
			}
		}
		d.bad = faultf("日期时间写法有误: %[1]q, 应写作 2025-06-17T09:00:00+08:00, 或只写日期 2025-06-17; %[1]q is not a date and time; write it as 2025-06-17T09:00:00+08:00, or the day alone as 2025-06-17", v)
	default:
		d.bad = faultf("日期时间写法有误: %[1]v, 应写作 2025-06-17T09:00:00+08:00, 或只写日期 2025-06-17; %[1]v is not a date and time; write it as 2025-06-17T09:00:00+08:00, or the day alone as 2025-06-17", v)
	}
	return nil
}

// Display writes the time as pages show it: 2025-06-17 09:00, or
// 2025-06-17 when only the day was given.
func (d DateTime) Display() string {
	if d.DateOnly {
		return d.Format(time.DateOnly)
	}
	return d.Format("2006-01-02 15:04")
}

// Attr writes the time for an HTML datetime attribute: 2025-06-17T09:00:00+08:00,
// or 2025-06-17 when only the day was given.
func (d DateTime) Attr() string {
	if d.DateOnly {
		return d.Format(time.DateOnly)
	}
	return d.Format(time.RFC3339)
}

// MarshalJSON writes the time as time.Time does, or the day as given
// ("2024-07-26") when only the day was given.
func (d DateTime) MarshalJSON() ([]byte, error) {
	if d.DateOnly {
		return []byte(`"` + d.Format(time.DateOnly) + `"`), nil
	}
	return d.Time.MarshalJSON()
}

// inChina reads a TOML local date-time (its zone is a marker of the TOML
// library, not a real zone) as China time, and keeps a real offset as given.
func inChina(t time.Time) time.Time {
	if !isTOMLLocal(t) {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), ChinaTime)
}

// isTOMLLocal reports whether t came from a TOML value without an offset:
// the TOML library marks those with zones named "datetime-local" and
// "date-local".
func isTOMLLocal(t time.Time) bool {
	s := t.Location().String()
	return s == "datetime-local" || s == "date-local"
}

// Set reports whether the time was given.
func (d DateTime) Set() bool { return !d.IsZero() }

// Number is a statistic's value: an integer or a decimal (money in 万元, a
// percentage), kept with the digits the author wrote.
type Number struct {
	Value float64
	Text  string `mem:"shared"` // as written: "4", "1.13", "76"
	bad   fault
}

// UnmarshalTOML implements toml.Unmarshaler.
func (n *Number) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case int64:
		n.Value, n.Text = float64(v), strconv.FormatInt(v, 10)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			n.bad = faultf("数值应是 4 或 1.13 这样的数字; value must be a number such as 4 or 1.13")
			return nil
		}
		n.Value, n.Text = v, strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		n.bad = faultf("数值 %[1]q 加了引号: 数字不加引号和单位, 如 value = 4; value %[1]q is a string; write the number without quotes or units", v)
	default:
		n.bad = faultf("数值 %[1]v 不是数字: 不加引号和单位, 如 value = 4; value %[1]v is not a number; write it without quotes or units", v)
	}
	return nil
}

// MarshalJSON writes the number as written.
func (n Number) MarshalJSON() ([]byte, error) {
	if n.Text == "" {
		return []byte("null"), nil
	}
	return []byte(n.Text), nil
}

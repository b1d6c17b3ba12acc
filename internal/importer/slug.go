package importer

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"

	"disclose/internal/notice"
)

// maxInitials caps the organisation's part of a default slug, so that a
// long name still gives a short URL.
const maxInitials = 12

// readings are the first letters of characters that the pinyin library,
// reading one character at a time, gives in their commoner sound where an
// organisation's name wants the other: 长 is chang in every place name
// (长沙, 长寿, 长宁), 重庆 is Chongqing, 厦门 Xiamen, 行 in 银行, 分行 and
// 支行 hang (行 is xing in 行政).
var readings = strings.NewReplacer("长", "c", "重庆", "cq", "厦门", "xm", "银行", "yh", "分行", "fh", "支行", "zh")

// defaultSlug makes a slug from what the text says: the issuing
// organisation's pinyin initials and the publication date,
// "zjsfnlhh-2025-06-17" for 中共浙江省妇女联合会党组 on 2025-06-17. Without
// an organisation it is the kind of inspection in pinyin ("xuncha-…"),
// without a date the initials alone. It always follows notice.ValidSlug.
func defaultSlug(fm notice.FrontMatter, issuer string) string {
	name := initials(issuer)
	if name == "" {
		name = initials(fm.Inspection.Organization)
	}
	if name == "" {
		switch fm.Inspection.Kind {
		case notice.KindXunshi:
			name = "xunshi"
		case notice.KindXuncha:
			name = "xuncha"
		default:
			name = "notice"
		}
	}
	d := fm.Date.Time
	if !fm.Date.Set() {
		d = fm.Signature.Date.Time
	}
	if d.IsZero() || d.Year() < 1 || d.Year() > 9999 {
		return name
	}
	return name + "-" + d.Format("2006-01-02")
}

// initials are the first letters of org's pinyin, without the Party's name
// around the organisation's (中共…党组), 委员会 read as 委: 中共某某县委员会
// gives mmxw. Latin letters and digits are kept, lower-cased; anything else
// is left out.
func initials(org string) string {
	org = strings.TrimPrefix(strings.TrimPrefix(org, "中国共产党"), "中共")
	if trimmed := partySuffixRE.ReplaceAllString(org, ""); trimmed != "" {
		org = trimmed
	}
	if s, ok := strings.CutSuffix(org, "委员会"); ok {
		org = s + "委"
	}
	org = readings.Replace(org)
	args := pinyin.NewArgs()
	args.Style = pinyin.FirstLetter
	var b strings.Builder
	for _, r := range org {
		if b.Len() >= maxInitials {
			break
		}
		switch {
		case r < unicode.MaxASCII && (unicode.IsLower(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case r < unicode.MaxASCII && unicode.IsUpper(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Han, r):
			if p := pinyin.SinglePinyin(r, args); len(p) > 0 && p[0] != "" {
				b.WriteString(p[0][:1])
			}
		}
	}
	return b.String()
}

// slug is the default slug, with a suffix when taken says it is in use.
func (rc *recogniser) slug(year int, taken func(int, string) bool) string {
	base := defaultSlug(rc.fm, rc.issuer())
	if taken == nil {
		return base
	}
	s := FreeSlug(base, func(s string) bool { return taken(year, s) })
	if s != base {
		rc.note("网址名 (slug): %s, 同日已有通报 %s, 已加后缀; %s is taken", s, base, base)
	}
	return s
}

// FreeSlug returns slug, or, when taken says it is in use, the first of
// slug-2, slug-3 … that is not: the notices of a round often come out on
// one day, and a clash with a default slug is never a refusal. The result
// follows notice.ValidSlug when slug does.
func FreeSlug(slug string, taken func(string) bool) string {
	if taken == nil || !taken(slug) {
		return slug
	}
	for n := 2; ; n++ {
		suffix := "-" + strconv.Itoa(n)
		base := strings.TrimRight(slug[:min(len(slug), notice.MaxSlug-len(suffix))], "-")
		if s := base + suffix; !taken(s) {
			return s
		}
	}
}

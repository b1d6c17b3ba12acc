package importer

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"disclose/internal/numbering"
)

var (
	// unitsRE finds a count of inspected units: "12个单位党组织", "6家单位".
	unitsRE = regexp.MustCompile(`(\d+|两|[一二三四五六七八九十]+)(?:个|家)`)
	// pronounRE is an organisation named by a pronoun: "我县", "我局党委",
	// "本单位". Groups: the noun the pronoun stands for.
	pronounRE = regexp.MustCompile(`^(?:我|本)(单位|街道|社区|中心|公司|集团|[县区市省州旗盟镇乡村局委厅部院办校所会])`)
	// partySuffixRE is the Party body at the end of an organisation's name:
	// "中共某局党组" is the 党组 of 某局.
	partySuffixRE = regexp.MustCompile(`(党组|党委|党工委|党总支|党支部)$`)
)

// places are the nouns of a pronoun that stand for a place: 我县 is the
// county, named in the signature "中共××县委员会".
const places = "县区市省州旗盟镇乡村街道社区"

// summaryOf reads a round summary from what was inspected: "区财政局、区教育局
// 等12个单位党组织" is 12 units, two of them named. It reports false when
// org names one organisation.
func summaryOf(org string) (units int, named []string, ok bool) {
	counts := unitsRE.FindAllStringSubmatchIndex(org, -1)
	for _, c := range counts {
		units += count(org[c[2]:c[3]])
	}
	if counts == nil {
		return 0, nil, false
	}
	names := strings.TrimSuffix(org[:counts[0][0]], "等")
	if len(counts) == 1 && names != "" && !strings.HasPrefix(names, "全") {
		for n := range strings.SplitSeq(names, "、") {
			if n = strings.TrimSpace(n); n != "" {
				named = append(named, n)
			}
		}
	}
	return units, named, units >= max(len(named), 1)
}

// count reads "12", "十二" or "两"; 0 when s is none of them.
func count(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if s == "两" {
		return 2
	}
	if n, size := numbering.ChineseNumber(s); size == len(s) {
		return n
	}
	return 0
}

// organisation records the inspected organisation as org names it, or,
// when org is a pronoun (我县, 我局党委), as the signature names it; when
// the signature does not say, it is left empty with a warning.
func (rc *recogniser) organisation(l line, org string) {
	in := &rc.fm.Inspection
	if org == "" || !pronounRE.MatchString(org) {
		in.Organization = org
		return
	}
	issuer := rc.issuer()
	if name, ok := unpronoun(org, issuer); ok {
		in.Organization = name
		rc.notes["inspection.organization"] = "文中写作“" + org + "”, 据落款“" + issuer + "”填写, 请核对; the text says " + org + "; taken from the signature: check it"
		rc.warn(l, "被巡视(察)单位写作“%s”, 已据落款“%s”填为“%s”, 请核对 (the text names the inspected organisation as %s: read as %s from the signature; check it)", org, issuer, name, org, name)
		return
	}
	rc.notes["inspection.organization"] = "文中写作“" + org + "”: 请填写被巡视(察)单位的名称; the text says " + org + ": write the organisation's name"
	rc.warn(l, "被巡视(察)单位写作“%s”, 落款未写明是哪个单位: 请填写 inspection.organization (the text names the inspected organisation only as %s: fill in inspection.organization)", org, org)
}

// issuer is the organisation that issued the notice: the signature's, or
// else the title's words before 关于.
func (rc *recogniser) issuer() string {
	if o := rc.fm.Signature.Organization; o != "" {
		return o
	}
	if before, _, ok := strings.Cut(rc.fm.Title, "关于"); ok {
		return before
	}
	return ""
}

// unpronoun names the organisation org names by a pronoun, from issuer,
// the notice's signature, when the pronoun stands for it: 我县 or 我县党委
// with issuer 中共云和县委员会 is the issuer as it signs, 中共云和县委员会;
// so is 我局党委 with issuer 中共某市住房和城乡建设局委员会. A unit inside it
// (我县某某镇党委) is named after the place: 云和县某某镇党委.
func unpronoun(org, issuer string) (string, bool) {
	m := pronounRE.FindStringSubmatch(org)
	noun, rest := m[1], org[len(m[0]):]
	full := partySuffixRE.ReplaceAllString(strings.TrimPrefix(strings.TrimPrefix(issuer, "中国共产党"), "中共"), "")
	short := strings.TrimSuffix(full, "委员会")
	whole := partySuffixRE.FindString(rest) == rest // 我局, 我局党委: the issuer itself
	switch {
	case full == "":
		return "", false
	case noun == "单位":
		return issuer, whole
	case strings.Contains(places, noun):
		short = strings.TrimSuffix(short, "委")
		i := strings.LastIndex(short, noun)
		if i < 0 {
			return "", false
		}
		if whole {
			return issuer, true
		}
		return localName(short[:i+len(noun)]) + rest, true
	case noun == "委" && strings.HasSuffix(full, "委员会"):
		if whole {
			return issuer, true
		}
		return full + rest, true
	case strings.HasSuffix(short, noun):
		if whole {
			return issuer, true
		}
		return short + rest, true
	}
	return "", false
}

// localName drops the higher places before a place's own name: 重庆市石柱
// 土家族自治县 is 石柱土家族自治县, 广东省广州市 is 广州市, 济南市市中区 is
// 市中区. The own name keeps at least two characters before its noun.
func localName(place string) string {
	last, _ := utf8.DecodeLastRuneInString(place)
	head := strings.TrimSuffix(place, string(last))
	best := 0
	for _, higher := range []string{"省", "自治区", "市", "州", "盟"} {
		for i := 0; ; {
			j := strings.Index(head[i:], higher)
			if j < 0 {
				break
			}
			cut := i + j + len(higher)
			if cut > best && utf8.RuneCountInString(head[cut:]) >= 2 {
				best = cut
			}
			i = cut
		}
	}
	return place[best:]
}

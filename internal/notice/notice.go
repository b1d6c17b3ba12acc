// Package notice reads one notice's source file: TOML front matter between
// "+++" lines (what machines need: dates, the inspection, statistics, contact,
// signature) and a Markdown body (the prose as published). It is the domain
// layer: it knows what a notice must say, not how it is rendered. Positions
// of every front-matter key travel with the Notice so that later checks can
// point at the line an editor must change.
package notice

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"disclose/internal/diag"
)

// Notice is one parsed notice.
type Notice struct {
	Path string // site-relative: content/2025/slug.md
	Year int    // from the folder: content/<year>/
	Slug string // from the file name, or the slug key

	FrontMatter
	Body       []byte // the Markdown body
	BodyOffset int    // byte offset of Body in the file

	File  *diag.File
	Keys  Keys // where each front-matter key is written
	front int  // byte offset of the front matter in the file

	frontSum [16]byte // set by DropSource
}

// FrontMatter is the TOML between the "+++" lines. title, date, draft and
// slug carry Hugo's names so that Hugo and people who know it read them.
type FrontMatter struct {
	Title string `toml:"title" json:"title"`
	// TitleBreaks is title_lines: the title cut into the lines it is
	// printed on, when the default breaks (BreakTitle) will not do.
	TitleBreaks []string     `toml:"title_lines" json:"title_lines,omitempty"`
	Date        DateTime     `toml:"date" json:"date"`
	Draft       bool         `toml:"draft" json:"draft,omitempty"`
	SlugKey     string       `toml:"slug" json:"-"`
	Source      string       `toml:"source" json:"source" mem:"shared"`
	Punctuation string       `toml:"punctuation" json:"-" mem:"shared"`
	Inspection  Inspection   `toml:"inspection" json:"inspection"`
	Statistics  []Statistic  `toml:"statistics" json:"statistics"`
	Contact     Contact      `toml:"contact" json:"contact"`
	Signature   Signature    `toml:"signature" json:"signature"`
	Disclosure  *Disclosure  `toml:"disclosure" json:"disclosure,omitempty"`
	Corrections []Correction `toml:"corrections" json:"corrections,omitempty"`
	Check       Check        `toml:"check" json:"-"`
}

// Check holds what the notice says to the proofreader: the findings its
// editors accepted, each written as
//
//	[[check.accept]]
//	rule = "inspection-kind-text"
//	text = "县委巡视"
//	reason = "原文如此: 指省委对县委的巡视"
//
// internal/lint judges each acceptance and marks the findings it matches.
type Check struct {
	Accept []Acceptance `toml:"accept"`
}

// Acceptance lets one finding stand: the finding of rule Rule about the
// quoted text Text, for the reason Reason.
type Acceptance struct {
	Rule   string `toml:"rule" mem:"shared"`
	Text   string `toml:"text"`
	Reason string `toml:"reason"`
}

// Inspection says who inspected whom, and when. A notice about one
// inspection names its group and organisation. A round summary, a round
// told in one notice ("区委组建4个巡察组，对区教育局、区卫健委等12个单位党组织
// 开展了常规巡察"), says how many units (and groups) instead, and names the
// units the text names: no single group or organisation is made up for it.
type Inspection struct {
	Kind         string   `toml:"kind" json:"kind" mem:"shared"`                 // 巡视 or 巡察
	Form         []string `toml:"form" json:"form,omitempty" mem:"shared"`       // one or more of Forms: ["提级", "交叉"]
	Group        string   `toml:"group" json:"group" mem:"shared"`               // 省委第六巡视组
	Organization string   `toml:"organization" json:"organization" mem:"shared"` // 省妇女联合会党组
	Round        string   `toml:"round" json:"round,omitempty" mem:"shared"`     // 十五届省委第五轮巡视
	Level        string   `toml:"level" json:"level,omitempty" mem:"shared"`     // of the committee that inspects: one of Levels
	Groups       int      `toml:"groups" json:"groups,omitempty"`                // a round summary: how many groups; 0: not said
	Units        int      `toml:"units" json:"units,omitempty"`                  // a round summary: how many units were inspected
	Named        []string `toml:"named" json:"named,omitempty" mem:"shared"`     // a round summary: the units it names ("…等12个单位")
	Start        Date     `toml:"start" json:"start"`
	End          Date     `toml:"end" json:"end"`
	Feedback     Date     `toml:"feedback" json:"feedback"`
}

// Summary reports whether the inspection is a round summary: it counts
// the units inspected rather than naming one organisation.
func (in Inspection) Summary() bool { return in.Units > 0 }

// Forms are the forms of inspection a notice may name in inspection.form,
// written as the word before 巡视 or 巡察 (回头看 follows it): 常规 (regular),
// 专项 (on one subject), 机动 (short, unannounced), 回头看 (a second look at
// a unit inspected before), 提级 (by the level above), 交叉 (by a group
// from another county or district), 联动 (by city and county together).
var Forms = []string{"常规", "专项", "机动", "回头看", "提级", "交叉", "联动"}

// Statistic is one figure of the statistics sentence: 教育提醒 4 人.
type Statistic struct {
	Label string `toml:"label" json:"label" mem:"shared"`
	Value Number `toml:"value" json:"value"`
	Unit  string `toml:"unit" json:"unit" mem:"shared"`
}

// Contact is the block that invites the public to supervise. Its page
// form is written from the keys in the shape of the template
// (…联系方式：电话…；邮政信箱：…；电子邮箱：…。), unless Text is given.
type Contact struct {
	// Text is the contact sentence as the notice published it, one line
	// per paragraph: the page shows it character for character, and the
	// keys below say, for machines and checks, what it gives. The importer
	// writes it for a contact line of another shape than the template's.
	Text       string `toml:"text" json:"text,omitempty" mem:"shared"`
	Invitation string `toml:"invitation" json:"invitation,omitempty" mem:"shared"` // 欢迎广大干部群众…
	Phone      string `toml:"phone" json:"phone,omitempty" mem:"shared"`
	Mailbox    string `toml:"mailbox" json:"mailbox,omitempty" mem:"shared"` // 邮政信箱
	Email      string `toml:"email" json:"email,omitempty" mem:"shared"`
}

// Empty reports whether no way to reach the organisation is given.
func (c Contact) Empty() bool {
	return c.Text == "" && c.Phone == "" && c.Mailbox == "" && c.Email == ""
}

// Signature is the issuing organisation and the date written out.
type Signature struct {
	Organization string `toml:"organization" json:"organization" mem:"shared"`
	Date         Date   `toml:"date" json:"date"`
	// DateText is the date as the notice published it, when that differs
	// from the page's form (2025年05月21日, 二〇二五年五月二十一日): the page
	// shows it character for character, Date says the day for machines
	// and checks, and the two must name the same day.
	DateText string `toml:"date_text" json:"date_text,omitempty" mem:"shared"`
}

// Written is the signing date as the page writes it: as published when
// DateText gives it, else 2025年5月21日.
func (s Signature) Written() string {
	if s.DateText != "" {
		return s.DateText
	}
	return s.Date.Chinese()
}

// Disclosure is the optional 政府信息公开 metadata.
type Disclosure struct {
	IndexNumber    string `toml:"index_number" json:"index_number,omitempty"`        // 索引号
	DocumentNumber string `toml:"document_number" json:"document_number,omitempty"`  // 文号
	Publisher      string `toml:"publisher" json:"publisher,omitempty" mem:"shared"` // 发布机构
	Topic          string `toml:"topic" json:"topic,omitempty" mem:"shared"`         // 主题分类
	WrittenDate    Date   `toml:"written_date" json:"written_date,omitzero"`         // 成文日期
	Method         string `toml:"method" json:"method,omitempty" mem:"shared"`       // 公开方式
	Scope          string `toml:"scope" json:"scope,omitempty" mem:"shared"`         // 公开范围
	Validity       string `toml:"validity" json:"validity,omitempty" mem:"shared"`   // 有效性
	Name           string `toml:"name" json:"name,omitempty"`                        // 文件名称 (名称, 标题)
}

// Kinds of inspection: 巡视 by the Central Committee or a provincial
// committee, 巡察 by a city, county or district committee.
const (
	KindXunshi = "巡视"
	KindXuncha = "巡察"
)

// Punctuation styles: how the notice writes , : ; ( ). The template follows
// the notice when it writes the contact line.
const (
	FullWidth = "full"
	HalfWidth = "half"
)

// MaxSlug is the longest slug, in bytes.
const MaxSlug = 100

// ValidSlug reports whether s may name a notice in its permanent URL
// (/<year>/<slug>/): lower-case letters a-z, digits and hyphens, not
// starting with a hyphen, at most MaxSlug long. It is the one slug rule of
// the program: the file name, the slug key, disclose new and the slug
// import makes all follow it.
func ValidSlug(s string) bool {
	if len(s) == 0 || len(s) > MaxSlug || s[0] == '-' || s == PagesSlug {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// yearFolder reports whether s names a year folder: 1900 to 2199.
func yearFolder(s string) bool {
	if len(s) != 4 || (s[:2] != "19" && s[:2] != "20" && s[:2] != "21") {
		return false
	}
	return '0' <= s[2] && s[2] <= '9' && '0' <= s[3] && s[3] <= '9'
}

// PagesSlug is the name of the folder of a list's later pages
// (<year>/page/2/): no notice may have it.
const PagesSlug = "page"

// RuleURL is the rule of a problem with where a notice is published: a
// slug that cannot be part of a URL, two notices at one URL. Such a problem
// stops the build even in a draft (site.Admit): a draft is published at its
// URL in the preview and with --drafts.
const RuleURL = "site-url"

// SlugHint is what a user is told about a slug that breaks the rule.
const SlugHint = "网址名只能用小写字母、数字和连字符, 不以连字符开头, 最长 100 个字符, 不能是 page (use lower-case letters a-z, digits and hyphens, not starting with a hyphen, at most 100, not page, which the list pages use), e.g. zjsfl-2025-06-17"

// Parse reads the notice at site-relative path from src. It returns the
// notice, as complete as the source allows, and every problem found; the
// notice is nil only when its front matter cannot be read at all. The
// notice holds values of its own: ParseShared is Parse for a notice read
// with others of its site.
func Parse(path string, src []byte) (*Notice, diag.List) { return ParseShared(path, src, nil) }

// ParseShared is Parse, the values the site's notices repeat taken from
// shared (see compactStrings).
func ParseShared(path string, src []byte, shared *Strings) (*Notice, diag.List) {
	n := &Notice{Path: path, File: diag.NewFile(path, src)}
	var problems diag.List
	if bad := InvalidUTF8(src); bad < len(src) {
		problems.Errorf(n.File.Pos(bad), "文件不是 UTF-8 编码, 请另存为 UTF-8; the file is not UTF-8 text; save it as UTF-8")
		return nil, problems
	}
	front, frontOff, body, bodyOff, err := Split(src)
	if err != nil {
		problems.Errorf(n.File.Pos(0), "%v", err)
		return nil, problems
	}
	n.Body, n.BodyOffset, n.front = body, bodyOff, frontOff
	md, unknown, err := decodeFront(string(front), &n.FrontMatter)
	if err != nil {
		problems.Add(n.tomlError(front, err))
		return nil, problems
	}
	compactStrings(&n.FrontMatter, shared)
	n.Keys = frontKeys(n.File, n.File.Pos(frontOff).Line, frontOff, len(front), md.Keys())
	for _, k := range unknown {
		problems.Add(n.unknownKey(k))
	}
	n.pathParts(&problems)
	n.validate(&problems)
	return n, problems
}

// undecoded returns md.Undecoded(): the keys written that no field of the
// front matter took. A key written as one of knownKeys was taken: the TOML
// library gives a key to the field of that name (its toml tag) before any
// other, and all of them can be set. When every key is one of them there
// are none, and md.Undecoded, which makes the name of every key again to
// look it up, is not asked (FuzzUndecoded).
func undecoded(md *toml.MetaData) []toml.Key {
	var buf [64]byte
	for _, k := range md.Keys() {
		if !known(k, buf[:0]) {
			return md.Undecoded()
		}
	}
	return nil
}

// known reports whether k is one of knownKeys; buf is room to join it in.
func known(k toml.Key, buf []byte) bool {
	for i, name := range k {
		if i > 0 {
			buf = append(buf, '.')
		}
		buf = append(buf, name...)
	}
	_, ok := knownKeys[string(buf)]
	return ok
}

// InvalidUTF8 returns the offset of the first byte of src that is not
// UTF-8, or len(src) when there is none.
func InvalidUTF8(src []byte) int {
	// A Chinese text has no byte E0 (a character of U+0800 to U+0FFF)
	// nor ED (U+D000 to U+DFFF): found in two quick searches, every
	// first byte of three then allows any continuation bytes, which
	// anyLead3Prefix tests in fewer steps than fastPrefix.
	anyLead3 := bytes.IndexByte(src, 0xE0) < 0 && bytes.IndexByte(src, 0xED) < 0
	for i := 0; i < len(src); {
		// Most of a notice: characters of three bytes, up to eight (24
		// bytes) at once.
		for i+24 <= len(src) {
			b := src[i : i+24 : i+24]
			le := binary.LittleEndian
			var k int
			if anyLead3 {
				k = anyLead3Prefix(le.Uint64(b[:8]), le.Uint64(b[8:16]), le.Uint64(b[16:]))
			} else {
				k = fastPrefix(le.Uint64(b[:8]), le.Uint64(b[8:16]), le.Uint64(b[16:]))
			}
			i += k
			if k < 24 {
				break
			}
		}
		if i == len(src) {
			break
		}
		c := src[i]
		switch {
		// Eight bytes at once: all ASCII, or two such characters of three
		// bytes (below) and two bytes more, read again next time.
		case i+8 <= len(src) && twoFast(binary.LittleEndian.Uint64(src[i:])):
			i += 6
		case c < utf8.RuneSelf:
			for i++; i < len(src) && src[i] < utf8.RuneSelf; i++ {
			}
		// Most of a notice: a character of three bytes whose first byte
		// allows any continuation bytes (not E0, whose second byte must be
		// A0 or more, nor ED, whose second byte must be under A0).
		case c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(src) &&
			src[i+1]&0xC0 == 0x80 && src[i+2]&0xC0 == 0x80:
			i += 3
		default:
			r, w := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && w == 1 {
				return i
			}
			i += w
		}
	}
	return len(src)
}

// fastPrefix returns how many of the 24 bytes w0, w1, w2 (little endian)
// are, from the first, characters of three bytes whose first byte allows
// any continuation bytes (lead3): each first byte 1110xxxx but neither E0
// nor ED, each other byte 10xxxxxx. It is a multiple of 3, 24 when all
// eight are. The first bytes are bytes 0, 3 and 6 of w0, 1, 4 and 7 of w1,
// 2 and 5 of w2: l0, l1 and l2 mark their low four bits. Adding 0F to four
// bits sets the fifth unless they are 0 (and carries no further); to the
// four bits xor D, unless they are D.
func fastPrefix(w0, w1, w2 uint64) int {
	const (
		l0, l1, l2 = 0x000F_0000_0F00_000F, 0x0F00_000F_0000_0F00, 0x0000_0F00_000F_0000
		f0, f1, f2 = l0 + l0/0x0F, l1 + l1/0x0F, l2 + l2/0x0F // 10 at the first bytes
		d          = 0x0D0D_0D0D_0D0D_0D0D
	)
	a0, a1, a2 := w0&l0, w1&l1, w2&l2
	// each set bit marks a byte that is not what it must be
	b0 := w0&0xC0F0_C0C0_F0C0_C0F0 ^ 0x80E0_8080_E080_80E0 | f0&^((a0+l0)&(a0^l0&d+l0))
	b1 := w1&0xF0C0_C0F0_C0C0_F0C0 ^ 0xE080_80E0_8080_E080 | f1&^((a1+l1)&(a1^l1&d+l1))
	b2 := w2&0xC0C0_F0C0_C0F0_C0C0 ^ 0x8080_E080_80E0_8080 | f2&^((a2+l2)&(a2^l2&d+l2))
	return whole3(b0, b1, b2)
}

// anyLead3Prefix is fastPrefix for a text with no byte E0 or ED: how
// many of the 24 bytes are, from the first, characters of three bytes,
// each first byte 1110xxxx, each other byte 10xxxxxx.
func anyLead3Prefix(w0, w1, w2 uint64) int {
	// each set bit marks a byte that is not what it must be
	b0 := w0&0xC0F0_C0C0_F0C0_C0F0 ^ 0x80E0_8080_E080_80E0
	b1 := w1&0xF0C0_C0F0_C0C0_F0C0 ^ 0xE080_80E0_8080_E080
	b2 := w2&0xC0C0_F0C0_C0F0_C0C0 ^ 0x8080_E080_80E0_8080
	return whole3(b0, b1, b2)
}

// whole3 is fastPrefix's and anyLead3Prefix's result from the bits b0,
// b1, b2 that mark the bytes of w0, w1, w2 that are not what they must
// be: the whole characters before the first such byte, in bytes.
func whole3(b0, b1, b2 uint64) int {
	var n int // the first byte that is not
	switch {
	case b0|b1|b2 == 0:
		return 24
	case b0 != 0:
		n = bits.TrailingZeros64(b0) >> 3
	case b1 != 0:
		n = 8 + bits.TrailingZeros64(b1)>>3
	default:
		n = 16 + bits.TrailingZeros64(b2)>>3
	}
	return n / 3 * 3
}

// twoFast reports whether the first six of the eight bytes of w (little
// endian) are two characters of three bytes whose first byte allows any
// continuation bytes, or ASCII.
func twoFast(w uint64) bool {
	if w&0x0000_8080_8080_8080 == 0 {
		return true // six ASCII bytes
	}
	return w&0x0000_C0C0_00C0_C000 == 0x0000_8080_0080_8000 && lead3(byte(w)) && lead3(byte(w>>24))
}

// lead3 reports whether c starts a character of three bytes that allows
// any continuation bytes: not E0, whose second byte must be A0 or more,
// nor ED, whose second byte must be under A0.
func lead3(c byte) bool { return c >= 0xE1 && c <= 0xEF && c != 0xED }

// tomlError turns the TOML library's error into a diagnostic on the file's
// line: the front matter starts after the opening "+++".
func (n *Notice) tomlError(front []byte, err error) diag.Diagnostic {
	d := TOMLError(n.File, n.front, string(front), err)
	d.Rule = "front-matter"
	return d
}

// unknownKey reports a key the notice does not know: a typo must not be
// silently ignored.
func (n *Notice) unknownKey(k toml.Key) diag.Diagnostic {
	p := n.KeyPos(k...)
	return diag.Diagnostic{Path: n.Path, Line: p.Line, Col: p.Col, Rule: "front-matter",
		Message: fmt.Sprintf("无法识别的字段 %[1]q; unknown front-matter key %[1]q", k.String()),
		Hint:    "请检查拼写; 可用的字段见 docs/使用说明.md"}
}

// KeyPos returns where the front-matter key (path elements, e.g.
// "inspection", "start") is written; for a key that is absent, where its
// nearest written parent is, or the opening "+++".
func (n *Notice) KeyPos(key ...string) diag.Pos { return n.Keys.Pos(key...) }

// pathParts takes the year and slug from content/<year>/<slug>.md.
func (n *Notice) pathParts(problems *diag.List) {
	parts := strings.Split(n.Path, "/")
	name := strings.TrimSuffix(parts[len(parts)-1], ".md")
	top := diag.Pos{Path: n.Path, Line: 1, Col: 1}
	if len(parts) != 3 || !yearFolder(parts[1]) {
		problems.Errorf(top, "通报应放在年份文件夹中: content/<年份>/%[1]s.md; a notice must be in a year folder: content/<year>/%[1]s.md", name)
		(*problems)[len(*problems)-1].Rule = "site-year"
	} else {
		n.Year, _ = strconv.Atoi(parts[1])
	}
	n.Slug = name
	if n.SlugKey != "" {
		n.Slug = n.SlugKey
		top = n.KeyPos("slug")
	}
	if !ValidSlug(n.Slug) {
		problems.Errorf(top, "网址名 %[1]q 不能用于永久网址: 只能用小写字母、数字和连字符, 如 zhejiang-fulian-2025; slug %[1]q is not usable in a permanent URL: use lower-case letters a-z, digits and hyphens", n.Slug)
		(*problems)[len(*problems)-1].Rule = RuleURL
	}
}

// DropSource frees what the notice keeps only to tell its own messages:
// its body, the text of its file and where each key is written, all but
// where its slug is (KeyPos("slug")), for the one message told of it once
// every notice is read: two notices at one URL (site.Assemble). A build
// calls it once the notice is proofread and its pages are rendered, so
// that what it keeps of each notice of a large site is its front matter
// alone (TestDropSourceKeeps). File is nil afterwards; FrontSum tells
// whether two notices had the same front matter text.
func (n *Notice) DropSource() {
	sum := sha256.Sum256(n.File.Source()[:n.BodyOffset])
	n.frontSum = [16]byte(sum[:16])
	n.Keys = n.Keys.Keep("slug")
	n.File, n.Body = nil, nil
}

// OwnSource gives n a copy of the source it was parsed from, which it
// shares with the caller until then: Parse keeps the source it is handed,
// and a build reads each notice into a buffer it reuses for the next. A
// build keeps a notice it does not render (one with errors) with its
// source, to tell its messages, and calls OwnSource first. It does nothing
// after DropSource.
func (n *Notice) OwnSource() {
	if n.File == nil {
		return
	}
	n.File = n.File.Prefix(len(n.File.Source()))
	n.Keys.file = n.File
	n.Body = n.File.Source()[n.BodyOffset:]
}

// FrontSum is the first half of the SHA-256 of the source up to the body,
// once DropSource has dropped it (zero before). Half of it keeps the
// notice within 768 bytes, the size class of main's (TestNoticeSize).
func (n *Notice) FrontSum() [16]byte { return n.frontSum }

// URL is the notice's path below the site's base URL: 2025/slug/.
func (n *Notice) URL() string { return strconv.Itoa(n.Year) + "/" + n.Slug + "/" }

// BodyLine is the file line on which the body starts.
func (n *Notice) BodyLine() int { return n.File.Pos(n.BodyOffset).Line }

package lint

import (
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"disclose/internal/contact"
	"disclose/internal/diag"
	"disclose/internal/notice"
	"disclose/internal/site"
)

var (
	// landlineRE: an area code (010, 0571) and a number of seven or eight
	// digits, or the discipline inspection hotline 12388 (five); an
	// extension may follow.
	landlineRE = regexp.MustCompile(`^(?:[(（]0[1-9][0-9]{1,2}[)）]|0[1-9][0-9]{1,2}[-－—]?)[ ]?(?:[1-9][0-9]{6,7}|12388)(?:(?:转|-|－|ext\.?)[0-9]{1,6})?$`)
	mobileRE   = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	addressRE  = regexp.MustCompile(`[省市区县镇乡路街巷号楼室]|信箱|[0-9]{6}`)
	postcodeRE = regexp.MustCompile(`^[0-9]{6}$`)
)

// contact: phone numbers of Chinese form, a valid email address, a postal
// address. A notice without a block of its own has the site's, from
// content/site.toml: its findings are reported there, once for all the
// notices that share it (identical findings are merged when sorted).
func (c *checker) contact() {
	c.contactInText()
	k := c.n.Contact
	if k.Empty() {
		return // the loader reports a notice without any contact block
	}
	if contact.InBody(c.n.Body) {
		// The site adds no block to such a notice: this one is its own.
		c.report(c.n.KeyPos("contact"), ruleContactTwice, "正文末尾已有联系方式, [contact] 会使页面重复显示",
			"正文末尾已写联系方式, 又给出了 [contact]: 页面会显示两次, 请删去其一; the text ends with a contact line and [contact] is given too: the page shows both; delete one of them")
	}
	if k.Text != "" {
		c.contactText(k)
	}
	// Where a key is written is looked up only for a finding.
	for _, phone := range splitPhones(k.Phone) {
		c.phone(phone, func() diag.Pos { return c.contactPos("phone") })
	}
	if k.Email != "" {
		c.email(k.Email, func() diag.Pos { return c.contactPos("email") })
	}
	switch {
	case strings.TrimSpace(k.Mailbox) == "":
		c.report(c.contactPos(""), ruleContactAddress, "联系方式应包括邮政信箱(通信地址)",
			"缺少邮政信箱 (contact.mailbox): 请写明可以寄信的通信地址; contact.mailbox is missing: give the postal address letters can be sent to")
	case !addressRE.MatchString(k.Mailbox):
		c.report(c.contactPos("mailbox"), ruleContact, "邮政信箱应写明通信地址",
			"邮政信箱 %[1]q 不像通信地址 (应有省市、街道门牌或信箱号); contact.mailbox: %[1]q does not read as a postal address (province, city, street, number or 信箱)", k.Mailbox)
	}
}

// phone reports a phone number that is neither a landline with its area
// code, the hotline 12388, nor a mobile number; at, asked only then, is
// where it is written (a notice's key positions are located when first
// asked for).
func (c *checker) phone(phone string, at func() diag.Pos) {
	if validPhone(phone) {
		return
	}
	if parts := strings.Fields(phone); len(parts) > 1 && !slices.ContainsFunc(parts, func(p string) bool { return !validPhone(p) }) {
		return // numbers listed with spaces: 0571-87050365 0571-87050366
	}
	c.report(at(), ruleContact, "电话应写作 区号-号码 (0571-87050365) 或 11 位手机号",
		"电话 %[1]q 不是带区号的固定电话或手机号; contact.phone: %[1]q is not a Chinese phone number with its area code, such as 0571-87050365, or a mobile number", phone)
}

// validPhone reports whether p is a landline with its area code, the
// hotline 12388, or a mobile number.
func validPhone(p string) bool {
	p = toASCII(p)
	return p == "12388" || landlineRE.MatchString(p) || mobileRE.MatchString(p)
}

// email reports an address that is not one. A # for @ (jw#163.com) is
// how some sites hide an address from spammers: the notice must publish
// the address itself.
func (c *checker) email(addr string, at func() diag.Pos) {
	if strings.ContainsAny(addr, "#＃") {
		c.report(at(), ruleContact, "电子邮箱地址中的 # 应为 @",
			"电子邮箱 %[1]q 用 # 代替了 @ (防垃圾邮件的写法): 请公布真实地址, 写 @; contact.email: %[1]q is written with # for @ (a rewrite against spam): publish the address itself, with @", addr)
		return
	}
	if !validEmail(addr) {
		c.report(at(), ruleContact, "电子邮箱地址有误",
			"电子邮箱 %[1]q 不是有效的地址, 应如 jw@example.gov.cn; contact.email: %[1]q is not an email address such as jw@example.gov.cn", addr)
	}
}

// contactText checks the parts of contact.text, the contact sentence as
// published, by the rules of the block, and that the block's own keys say
// what the text says (each phone of a list on its own: the importer lists
// the phones of several parts with 、).
func (c *checker) contactText(k notice.Contact) {
	at := c.n.KeyPos("contact", "text")
	c.items(contact.Read(k.Text), func(int) diag.Pos { return at })
	for _, kv := range [][2]string{{"invitation", k.Invitation}, {"mailbox", k.Mailbox}, {"email", k.Email}} {
		if kv[1] != "" && !strings.Contains(k.Text, kv[1]) {
			c.report(c.contactPos(kv[0]), ruleContact, "联系方式各项应与原文 text 一致",
				"联系方式原文 contact.text 中没有 contact.%[1]s 的 %[2]q; contact.%[1]s %[2]q is not written in contact.text, the contact sentence the page shows", kv[0], kv[1])
		}
	}
	for _, phone := range splitPhones(k.Phone) {
		if !strings.Contains(k.Text, phone) {
			c.report(c.contactPos("phone"), ruleContact, "联系方式各项应与原文 text 一致",
				"联系方式原文 contact.text 中没有电话 %[1]q; contact.phone %[1]q is not written in contact.text, the contact sentence the page shows", phone)
		}
	}
}

// contactInText checks, by the same rules, a contact line kept in the
// text (联系电话：…；电子邮箱：…。). A paragraph that holds none of the
// characters every contact line holds (contact.Clues), as scan found, or
// whose only one is 网 without 网络举报 (contact.WebLabel), is passed over:
// most paragraphs. Scan read the text with what is not prose blanked out;
// a paragraph with something blanked (maskedBytes) is read as written.
func (c *checker) contactInText() {
	text := readOnly(c.n.Body) // no copy: see readOnly
	for i, p := range c.body.paras {
		if c.body.holds[i]&(hanContact|hanWang|maskedBytes) == 0 {
			continue
		}
		raw := text[p.off:p.end]
		if !contact.IsLine(raw) {
			continue
		}
		c.items(contact.Read(raw), func(off int) diag.Pos { return c.n.File.Pos(c.n.BodyOffset + p.off + off) })
	}
}

// items checks the parts of a contact line; at gives the position of a
// byte offset in the line.
func (c *checker) items(items []contact.Item, at func(off int) diag.Pos) {
	for _, it := range items {
		v := contact.Unescape(it.Value)
		switch it.Kind {
		case contact.Phone:
			for _, ph := range splitPhones(v) {
				c.phone(ph, func() diag.Pos { return at(it.Off + max(strings.Index(it.Value, ph), 0)) })
			}
		case contact.Email:
			c.email(v, func() diag.Pos { return at(it.Off) })
		case contact.Postcode:
			if !postcodeRE.MatchString(toASCII(v)) {
				c.report(at(it.Off), ruleContact, "邮政编码应为 6 位数字",
					"邮政编码 %[1]q 不是 6 位数字; contact: postcode %[1]q is not of six digits", v)
			}
		case contact.Address:
			if !addressRE.MatchString(v) {
				c.report(at(it.Off), ruleContact, "邮政信箱应写明通信地址",
					"%[1]s %[2]q 不像通信地址 (应有省市、街道门牌或信箱号); contact: %[1]s %[2]q does not read as a postal address (province, city, street, number or 信箱)", it.Label, v)
			}
		}
	}
}

// toASCII writes full-width digits as ASCII ones.
func toASCII(s string) string {
	if utf8.RuneCountInString(s) == len(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if d := digit(r); d >= 0 {
			return '0' + rune(d)
		}
		return r
	}, s)
}

// contactPos is where a key of the contact block is written: in the
// notice, or, for the site's block, in content/site.toml.
func (c *checker) contactPos(key string) diag.Pos {
	for _, own := range []string{"phone", "mailbox", "email"} {
		if c.n.Keys.Entry("contact."+own, 0).Line > 0 {
			if key == "" {
				return c.n.KeyPos("contact")
			}
			return c.n.KeyPos("contact", key)
		}
	}
	return diag.Pos{Path: site.SettingsPath}
}

// splitPhones cuts a list of phone numbers written with 、 , ; / or 或.
func splitPhones(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、,，;；/／或", r) })
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// validEmail accepts a bare address whose domain has a dot.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".") && !strings.HasPrefix(domain, ".")
}

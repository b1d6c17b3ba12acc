package lint

import (
	"net/mail"
	"regexp"
	"strings"

	"disclose/internal/diag"
	"disclose/internal/site"
)

var (
	// landlineRE: an area code (010, 0571) and a number of seven or eight
	// digits, or the discipline inspection hotline 12388 (five); an
	// extension may follow.
	landlineRE = regexp.MustCompile(`^(?:[(（]0[1-9][0-9]{1,2}[)）]|0[1-9][0-9]{1,2}[-－—]?)[ ]?(?:[1-9][0-9]{6,7}|12388)(?:(?:转|-|－|ext\.?)[0-9]{1,6})?$`)
	mobileRE   = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	addressRE  = regexp.MustCompile(`[省市区县镇乡路街巷号楼室]|信箱|[0-9]{6}`)
)

// contact: phone numbers of Chinese form, a valid email address, a postal
// address. A notice without a block of its own has the site's, from
// content/site.toml: its findings are reported there, once for all the
// notices that share it (identical findings are merged when sorted).
func (c *checker) contact() {
	k := c.n.Contact
	if k.Empty() {
		return // the loader reports a notice without any contact block
	}
	for _, phone := range splitPhones(k.Phone) {
		if !landlineRE.MatchString(phone) && !mobileRE.MatchString(phone) {
			c.report(c.contactPos("phone"), ruleContact, "电话应写作 区号-号码 (0571-87050365) 或 11 位手机号",
				"contact.phone: %q is not a Chinese phone number with its area code, such as 0571-87050365, or a mobile number", phone)
		}
	}
	if k.Email != "" && !validEmail(k.Email) {
		c.report(c.contactPos("email"), ruleContact, "电子邮箱地址有误",
			"contact.email: %q is not an email address such as jw@example.gov.cn", k.Email)
	}
	switch {
	case strings.TrimSpace(k.Mailbox) == "":
		c.report(c.contactPos(""), ruleContactAddress, "联系方式应包括邮政信箱(通信地址)",
			"contact.mailbox is missing: give the postal address letters can be sent to")
	case !addressRE.MatchString(k.Mailbox):
		c.report(c.contactPos("mailbox"), ruleContact, "邮政信箱应写明通信地址",
			"contact.mailbox: %q does not read as a postal address (province, city, street, number or 信箱)", k.Mailbox)
	}
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

// splitPhones cuts a list of phone numbers written with 、 , ; or /.
func splitPhones(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、,，;；/／", r) })
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

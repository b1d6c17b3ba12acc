package lint

import (
	"net/mail"
	"regexp"
	"strings"
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
// address. The block may be the site's, given in content/site.toml.
func (c *checker) contact() {
	k := c.n.Contact
	own := func(key string) bool { return c.n.Keys.Entry("contact."+key, 0).Line > 0 }
	where := func(key string) string {
		if own(key) {
			return "contact." + key
		}
		return "contact." + key + " (from content/site.toml)"
	}
	if k.Phone != "" {
		for _, phone := range splitPhones(k.Phone) {
			if !landlineRE.MatchString(phone) && !mobileRE.MatchString(phone) {
				c.atKey([]string{"contact", "phone"}, ruleContact, "电话应写作 区号-号码 (0571-87050365) 或 11 位手机号",
					"%s: %q is not a Chinese phone number with its area code, such as 0571-87050365, or a mobile number", where("phone"), phone)
			}
		}
	}
	if k.Email != "" && !validEmail(k.Email) {
		c.atKey([]string{"contact", "email"}, ruleContact, "电子邮箱地址有误",
			"%s: %q is not an email address such as jw@example.gov.cn", where("email"), k.Email)
	}
	switch {
	case k.Empty():
		// the loader reports a notice without any contact block
	case strings.TrimSpace(k.Mailbox) == "":
		c.atKey([]string{"contact"}, ruleContactAddress, "联系方式应包括邮政信箱(通信地址)",
			"contact.mailbox is missing: give the postal address letters can be sent to")
	case !addressRE.MatchString(k.Mailbox):
		c.atKey([]string{"contact", "mailbox"}, ruleContact, "邮政信箱应写明通信地址",
			"%s: %q does not read as a postal address (province, city, street, number or 信箱)", where("mailbox"), k.Mailbox)
	}
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

package importer

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"disclose/internal/contact"
	"disclose/internal/notice"
)

// bottom gives roles to the signature (the organisation, then the date
// written out) and the contact line before it.
// contactStays is the note beside [contact] when the contact line stays in
// the text.
const contactStays = "联系方式保留在正文中, 页面照原文显示, 见导入时的提示; the contact line stays in the text, which the page shows as it is: see the import's warnings"

func (rc *recogniser) bottom() {
	n := len(rc.lines)
	last := n
	if n >= 2 && rc.signature(rc.lines[n-2], rc.lines[n-1]) {
		rc.lines[n-2].Role, rc.lines[n-1].Role = Signature, Signature
		last = n - 2
	}
	if last == n {
		rc.signatureNotLast()
		for i := n - 1; i >= max(n-6, 0); i-- {
			if l := rc.lines[i]; l.Role == Body && contact.IsLine(l.Text) {
				rc.warn(l, "联系方式保留在正文中: 落款也留在正文里, 页面按原文显示; the contact line stays in the text: the page writes it after the text and before the signature, and the signature stays in the text")
				rc.notes["contact"] = contactStays
				rc.contactInText = true
				return
			}
		}
	}
	// The page writes the contact block right after the body: only the
	// body's last lines can be it.
	if i := last - 1; i >= 0 && rc.lines[i].Role == Body && rc.lines[i].Table == nil && contact.IsLine(rc.lines[i].Text) {
		rc.contact(last)
		return
	}
	// A contact line a little before the signature stays in the text: the
	// page shows it there, and the site's block is not added (the loader
	// reads the same last paragraphs, see contact.InBody).
	for i := last - 2; i >= max(last-6, 0); i-- {
		if l := rc.lines[i]; l.Role == Body && contact.IsLine(l.Text) {
			rc.warn(l, "联系方式保留在正文中: 它与落款之间还有其他文字; the contact line stays in the text: other lines follow it before the signature")
			rc.notes["contact"] = contactStays
			rc.contactInText = true
			return
		}
	}
	rc.notes["contact"] = "未识别到联系方式, 将使用网站设置中的联系方式; no contact line was recognised: the site's contact block is used"
	rc.warn(line{}, "落款前未找到联系方式 (联系电话：…；邮政信箱：…；电子邮箱：…。): 页面将显示网站设置中的联系方式, 而原文没有; no contact line before the signature: the page would show the site's contact block, which the notice does not have")
}

// signatureNotLast warns when a signature is followed by lines of text
// (on a web page: 【打印本页】, 【关闭窗口】): the page writes the signature
// last, so it and the contact line stay in the text.
func (rc *recogniser) signatureNotLast() {
	n := len(rc.lines)
	for i := n - 3; i >= max(n-6, 0); i-- {
		org, day := rc.lines[i], rc.lines[i+1]
		if org.Role == Body && isOrganization(org.Text) && isSignDate(day.Text) {
			rc.warn(rc.lines[i+2], "落款之后还有文字: 落款和联系方式保留在正文中; 如果这几行是网页上的 (打印、关闭窗口), 删去后重新导入; text after the signature: the page writes the signature last, so the signature and the contact line stay in the text; if these last lines are the website's, delete them and import again")
			return
		}
	}
}

// isSignDate reports whether s is a signature's date written out.
func isSignDate(s string) bool {
	_, ok := notice.ReadChineseDate(s)
	return ok
}

// signature recognises the signature: an organisation's name, then the
// date written out. A date written otherwise than the page's form
// (2025年05月21日, 二〇二五年五月二十一日) is kept as published in
// signature.date_text, which the page shows; signature.date says the day.
func (rc *recogniser) signature(org, day line) bool {
	if org.Role != Body || day.Role != Body || org.Table != nil || !isOrganization(org.Text) {
		return false
	}
	t, ok := notice.ReadChineseDate(day.Text)
	if !ok {
		if strings.HasSuffix(day.Text, "日") && utf8.RuneCountInString(day.Text) <= 16 {
			rc.warn(day, "落款日期无法识别 (应如 2025年6月17日), 落款保留在正文中: 填写 [signature] 并删去这两行后再发布; the signature's date is not a date written out (2025年6月17日): the signature stays in the text; fill in [signature] and delete the two lines to publish")
			rc.notes["signature"] = "落款保留在正文中, 见导入时的提示; the signature stays in the text: see the import's warnings"
		}
		return false
	}
	rc.fm.Signature = notice.Signature{Organization: org.Text, Date: notice.Date{Time: t}}
	if d := rc.fm.Signature.Date; d.Chinese() != day.Text {
		rc.fm.Signature.DateText = day.Text
		rc.note("落款 (signature): %s, %s (原文写作 %s, 照录于 date_text)", org.Text, d.ISO(), day.Text)
		return true
	}
	rc.note("落款 (signature): %s, %s", org.Text, rc.fm.Signature.Date.ISO())
	return true
}

// isOrganization reports whether s reads as an organisation's name: short,
// not a sentence.
func isOrganization(s string) bool {
	return utf8.RuneCountInString(s) <= 60 && !strings.ContainsAny(s, "。，,；;：:") && !strings.ContainsAny(s, "0123456789")
}

// contact takes the contact line before line end into [contact]: the
// line, and the line before it when that is a contact line too (联系电话…。
// then 电子邮箱…。). A line in the template's shape
//
//	{invitation}联系方式{colon}电话{phone}{semicolon}邮政信箱{colon}{mailbox}{semicolon}电子邮箱{colon}{email}。
//
// gives the keys the template writes it back from; a line of any other
// shape is kept as published in contact.text, which the page shows, and
// the keys say what it gives.
func (rc *recogniser) contact(end int) {
	first := end - 1
	if first > 0 && rc.lines[first-1].Role == Body && rc.lines[first-1].Table == nil && contact.IsLine(rc.lines[first-1].Text) {
		first--
	}
	var texts []string
	for i := first; i < end; i++ {
		rc.lines[i].Role = Contact
		texts = append(texts, rc.lines[i].Text)
	}
	if c, punct, ok := parseContact(texts[0]); ok && len(texts) == 1 {
		rc.fm.Contact, rc.fm.Punctuation = c, punct
	} else {
		rc.fm.Contact = contactOf(strings.Join(texts, "\n"))
	}
	c := rc.fm.Contact
	var items []string
	for _, kv := range [][2]string{{"phone", c.Phone}, {"mailbox", c.Mailbox}, {"email", c.Email}} {
		if kv[1] != "" {
			items = append(items, fmt.Sprintf("%s %q", kv[0], kv[1]))
		}
	}
	if c.Text != "" {
		items = append(items, "照录原文 (text)")
	}
	rc.note("联系方式 (contact): %s", strings.Join(items, ", "))
}

// contactOf is the contact block of text, contact lines as published:
// the text itself, and what it gives: the invitation before the parts,
// the phones (listed with 、), the first address and e-mail.
func contactOf(text string) notice.Contact {
	c := notice.Contact{Text: text, Invitation: contact.Invitation(text)}
	var phones []string
	for _, it := range contact.Read(text) {
		switch {
		case it.Kind == contact.Phone && !slices.Contains(phones, it.Value):
			phones = append(phones, it.Value)
		case it.Kind == contact.Address && c.Mailbox == "":
			c.Mailbox = it.Value
		case it.Kind == contact.Email && c.Email == "":
			c.Email = it.Value
		}
	}
	c.Phone = strings.Join(phones, "、")
	return c
}

// parseContact reads a contact line, and checks that the template writes
// it back character for character.
func parseContact(s string) (notice.Contact, string, bool) {
	invitation, rest, ok := strings.Cut(s, "联系方式")
	if !ok || invitation == "" || !strings.HasSuffix(rest, "。") {
		return notice.Contact{}, "", false
	}
	punct, colon, semicolon := notice.FullWidth, "：", "；"
	if strings.HasPrefix(rest, ":") {
		punct, colon, semicolon = notice.HalfWidth, ":", ";"
	}
	rest, ok = strings.CutPrefix(rest, colon)
	if !ok {
		return notice.Contact{}, "", false
	}
	c := notice.Contact{Invitation: invitation}
	for item := range strings.SplitSeq(strings.TrimSuffix(rest, "。"), semicolon) {
		switch {
		case strings.HasPrefix(item, "电话") && c.Phone == "" && c.Mailbox == "" && c.Email == "":
			c.Phone = strings.TrimPrefix(item, "电话")
		case strings.HasPrefix(item, "邮政信箱"+colon) && c.Mailbox == "" && c.Email == "":
			c.Mailbox = strings.TrimPrefix(item, "邮政信箱"+colon)
		case strings.HasPrefix(item, "电子邮箱"+colon) && c.Email == "":
			c.Email = strings.TrimPrefix(item, "电子邮箱"+colon)
		default:
			return notice.Contact{}, "", false
		}
	}
	if c.Empty() || strings.ContainsAny(c.Phone, ":：") || contactLine(c, colon, semicolon) != s {
		return notice.Contact{}, "", false
	}
	return c, punct, true
}

// contactLine writes c as the notice template does.
func contactLine(c notice.Contact, colon, semicolon string) string {
	var items []string
	if c.Phone != "" {
		items = append(items, "电话"+c.Phone)
	}
	if c.Mailbox != "" {
		items = append(items, "邮政信箱"+colon+c.Mailbox)
	}
	if c.Email != "" {
		items = append(items, "电子邮箱"+colon+c.Email)
	}
	return c.Invitation + "联系方式" + colon + strings.Join(items, semicolon) + "。"
}

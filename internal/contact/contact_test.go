package contact

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// brief writes items as kind=value pairs, for comparison.
func brief(items []Item) string {
	names := map[Kind]string{Phone: "phone", Address: "address", Postcode: "postcode", Email: "email", Web: "web"}
	var out []string
	for _, it := range items {
		out = append(out, names[it.Kind]+"="+it.Value)
	}
	return strings.Join(out, " | ")
}

func TestRead(t *testing.T) {
	for _, tt := range []struct {
		name, line, want string
		isLine           bool
	}{
		{"the template's shape, half-width",
			"欢迎监督。联系方式:电话0571-87050365;邮政信箱:杭州市某路1号;电子邮箱:jw@example.gov.cn。",
			"phone=0571-87050365 | address=杭州市某路1号 | email=jw@example.gov.cn", true},
		{"联系电话, full-width",
			"联系电话：010-69742396；邮政信箱：北京市昌平区政府街19号区委巡察办；电子邮箱：cpqxszg@bjchp.gov.cn。",
			"phone=010-69742396 | address=北京市昌平区政府街19号区委巡察办 | email=cpqxszg@bjchp.gov.cn", true},
		{"several phones, parts parted by spaces",
			"举报电话：0571-12388，0571-87050365 通信地址：某市某路1号 邮编：310000 电子信箱：a_b@x.cn",
			"phone=0571-12388，0571-87050365 | address=某市某路1号 | postcode=310000 | email=a_b@x.cn", true},
		{"监督电话 and 来信地址 with commas, two sentences",
			"监督电话:0573-82061234,0573-12388。来信地址:嘉兴市某路8号,邮政编码:314000。",
			"phone=0573-82061234,0573-12388 | address=嘉兴市某路8号 | postcode=314000", true},
		{"an area code in brackets, an extension",
			"联系方式：（0571）87050365转8001；邮寄地址：某县某镇人民政府；邮箱：zg@163.com。",
			"phone=（0571）87050365转8001 | address=某县某镇人民政府 | email=zg@163.com", true},
		{"online reporting",
			"网络举报：http://www.12388.gov.cn；网址：www.zjsjw.gov.cn。",
			"web=http://www.12388.gov.cn | web=www.zjsjw.gov.cn", true},
		{"an e-mail written with # is read whole",
			"电子邮箱：jw#163.com。", "email=jw#163.com", true},
		{"an e-mail written with (at) is cut where the address stops",
			"电子邮箱：jw(at)163.com。", "email=jw", true},
		{"an address with a 信箱 number of its own",
			"邮政信箱：杭州市2301信箱，邮编310000。", "address=杭州市2301信箱 | postcode=310000", true},
		{"a postcode in brackets after an address",
			"来信地址：建德市大同镇人民政府纪委（邮政编码：311615）；电子信箱：jd@163.com；网络举报：http://www.jdjw.gov.cn。",
			"address=建德市大同镇人民政府纪委 | postcode=311615 | email=jd@163.com | web=http://www.jdjw.gov.cn", true},
		{"prose naming a hotline is not a contact line",
			"开通举报电话12388，接受群众监督。", "phone=12388", false},
		{"prose naming labels without values",
			"设立举报电话和电子邮箱，畅通信访渠道。", "", false},
		{"no label", "在巡视整改工作中,教育提醒4人;建立完善制度15项。", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			items := Read(tt.line)
			if got := brief(items); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			for _, it := range items {
				if tt.line[it.Off:it.Off+len(it.Value)] != it.Value {
					t.Errorf("item %q is not at offset %d", it.Value, it.Off)
				}
			}
			if got := IsLine(tt.line); got != tt.isLine {
				t.Errorf("IsLine: got %v, want %v", got, tt.isLine)
			}
		})
	}
}

func TestInvitation(t *testing.T) {
	for _, tt := range []struct{ line, want string }{
		{"欢迎监督。如有意见建议，请及时向我们反映。联系电话：0571-87050365。", "欢迎监督。如有意见建议，请及时向我们反映。"},
		{"欢迎监督。联系方式：举报电话0572-5123315；电子邮箱：a@b.cn。", "欢迎监督。"},
		{"欢迎监督。联系方式:电话0571-87050365。", "欢迎监督。"},
		{"联系电话：0571-87050365。", ""},
		{"请拨打联系电话：0571-87050365。", ""},
		{"欢迎监督。", ""},
	} {
		if got := Invitation(tt.line); got != tt.want {
			t.Errorf("Invitation(%q): got %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestInBody(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       bool
	}{
		{"the last paragraph", "现将整改情况予以公布。\n\n欢迎监督。联系电话：0571-87050365。\n", true},
		{"escaped for Markdown", "正文。\n\n电子邮箱：a\\_b@x.cn\n", true},
		{"before the website's last lines", "正文。\n\n联系电话：0571-87050365\n\n中共某单位党组\n\n2025年6月17日\n", true},
		{"before the signature and the website's lines", "联系电话：0571-87050365\n\n中共某单位党组\n\n2025年06月17日\n\n打印\n\n关闭\n", true},
		{"only in the middle of a long text", "联系电话：0571-87050365\n\n一\n\n二\n\n三\n\n四\n\n五\n\n六\n", false},
		{"none", "正文。\n\n开通举报电话12388。\n", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := InBody([]byte(tt.body)); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"联系电话：0571-87050365；邮政信箱：某路1号；电子邮箱：a@b.cn。",
		"举报电话:0571-12388,0571-8 通信地址:某 邮编:310000 网址:www.x.cn",
		"联系方式：（0571）1转2、3或（4", "邮政信箱：，电话", "电子邮箱：＠＃. .",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, it := range Read(s) {
			if it.At > it.Off || !strings.HasPrefix(s[it.At:], it.Label) || it.Off < last || it.Off+len(it.Value) > len(s) || s[it.Off:it.Off+len(it.Value)] != it.Value || it.Value == "" {
				t.Fatalf("item %+v is not a part of %q after offset %d", it, s, last)
			}
			if utf8.ValidString(s) && !utf8.ValidString(it.Value) {
				t.Fatalf("item %q cuts a character", it.Value)
			}
			last = it.Off + len(it.Value)
		}
		_ = IsLine(s)
		_ = InBody([]byte(s))
		_ = fmt.Sprint(Unescape(s))
	})
}

// TestLabelStarts: every label starts with a character labelAt looks for.
func TestLabelStarts(t *testing.T) {
	for _, l := range labels {
		if w, _ := labelAt(l.word, 0); w == "" {
			t.Errorf("label %s is never found", l.word)
		}
	}
}

// TestClues: every label holds one of Clues, so that a text without them
// is rightly passed over.
func TestClues(t *testing.T) {
	for _, l := range labels {
		if !strings.ContainsAny(l.word, Clues) {
			t.Errorf("label %s holds none of Clues %s", l.word, Clues)
		}
		if !strings.ContainsAny(l.word, strings.ReplaceAll(Clues, "网", "")) && !strings.Contains(l.word, WebLabel) {
			t.Errorf("label %s holds no clue but 网, and not %s", l.word, WebLabel)
		}
	}
}

// inBodyBySplit is what InBody must answer: it splits the whole body.
func inBodyBySplit(body []byte) bool {
	paras := strings.Split(strings.TrimSpace(string(body)), "\n\n")
	for i := len(paras) - 1; i >= 0 && i >= len(paras)-lastParagraphs; i-- {
		if IsLine(Unescape(paras[i])) {
			return true
		}
	}
	return false
}

// FuzzInBody: InBody, which copies only the last paragraphs, answers as
// splitting the whole body does, however the blank lines run.
func FuzzInBody(f *testing.F) {
	for _, s := range []string{"正文。\n\n联系电话：0571-87050365\n\n中共某单位党组\n\n2025年6月17日\n",
		"联系电话：0571-87050365\n\n一\n\n二\n\n三\n\n四\n\n五\n\n六\n", "联系电话：0571-87050365\n\n\n一\n\n\n\n二\n\n\n三\n\n四\n\n五\n\n\n",
		"\n\n\n", "", " 电话：1 ", "联系方式电话0571-87050365", "电话\\:0571-87050365", "联系电话：0571-87050365\n\n\n\n\n\n\n\n\n\n\n\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := inBodyBySplit([]byte(s))
		if got := InBody([]byte(s)); got != want {
			t.Errorf("InBody(%q) = %v, want %v", s, got, want)
		}
		for _, tail := range []int{1, 2, 3, 5, 8, 13} { // cutting the end first, then more of it
			if got := inBody([]byte(s), tail); got != want {
				t.Errorf("inBody(%q, %d) = %v, want %v", s, tail, got, want)
			}
		}
		if got, want := hasClue([]byte(s)), strings.ContainsAny(s, Clues); got != want {
			t.Errorf("hasClue(%q) = %v, want %v", s, got, want)
		}
		if !strings.ContainsAny(s, Clues) && (Read(s) != nil || IsLine(s)) {
			t.Errorf("%q holds none of Clues, but Read finds parts in it", s)
		}
		for _, sub := range []string{"：", "联系方式", "式"} {
			if got, want := containsByLast([]byte(s), sub), strings.Contains(s, sub); got != want {
				t.Errorf("containsByLast(%q, %q) = %v, want %v", s, sub, got, want)
			}
		}
		if b := []byte(s); !mayBeLine(b) && IsLine(Unescape(s)) {
			t.Errorf("mayBeLine(%q) = false, but it is a contact line", s)
		}
	})
}

// readByRunes is what Read must return: the parts found trying a label at
// every rune of s, as Read did before it stepped over runes by their bytes
// (and looked, before, for the words every label holds).
func readByRunes(s string) []Item {
	var items []Item
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		word, kind := labelFrom(s[i:], r)
		if word == "" {
			i += w
			continue
		}
		start, colon := afterLabel(s, i+len(word))
		end := valueEnd(s, start, kind)
		if v := s[start:end]; v != "" {
			items = append(items, Item{Kind: kind, Label: word, Value: v, Off: start, At: i, Colon: colon})
			i = end
			continue
		}
		i += len(word)
	}
	return items
}

// TestLabelLast: every character a label may start with (labelFrom) has
// its last byte in labelLast, so that Read never steps over one.
func TestLabelLast(t *testing.T) {
	for _, l := range labels {
		r, _ := utf8.DecodeRuneInString(l.word)
		if b := string(r)[2]; labelLast>>(b&0x3F)&1 == 0 {
			t.Errorf("label %s: Read steps over its first character", l.word)
		}
	}
}

// FuzzReadSteps: Read finds the parts trying every rune finds.
func FuzzReadSteps(f *testing.F) {
	for _, s := range []string{"联系电话：0571-87050365；邮政信箱：某路1号；电子邮箱：a@b.cn。", "\xe7联系电话:1", "网络新媒体，网址：www.x.cn",
		"举报电话:0571-12388,0571-8 通信地址:某 邮编:310000 网址:www.x.cn", "\xe7\xbd电话：1", "电\xe8\xaf\x9d话：2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fmt.Sprint(Read(s)), fmt.Sprint(readByRunes(s)); got != want {
			t.Errorf("Read(%q) = %s, want %s", s, got, want)
		}
	})
}

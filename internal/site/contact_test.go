package site

import (
	"strings"
	"testing"
)

// TestContactFallback: the site's contact block goes only to a notice that
// gives no contact, in words naming the notice's own kind of inspection;
// a notice whose text keeps its contact line gets none.
func TestContactFallback(t *testing.T) {
	settings, problems := parseSettings([]byte("title = \"t\"\nbase_url = \"https://example.org/\"\n[contact]\ninvitation = \"欢迎对巡视整改落实情况进行监督。\"\nphone = \"0571-12388\"\n"))
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	const front = "+++\ntitle = \"t\"\ndate = 2025-06-17T09:00:00+08:00\nsource = \"s\"\n[inspection]\nkind = \"%s\"\ngroup = \"g\"\norganization = \"o\"\nstart = 2024-03-18\nend = 2024-05-20\nfeedback = 2024-08-08\n%s[signature]\norganization = \"o\"\ndate = 2025-06-17\n+++\n\n正文。\n%s"
	for _, tt := range []struct {
		name, kind, contact, body string
		wantPhone, wantInvitation string
	}{
		{"巡视 notice, no contact", "巡视", "", "", "0571-12388", "欢迎对巡视整改落实情况进行监督。"},
		{"巡察 notice, no contact", "巡察", "", "", "0571-12388", "欢迎对巡察整改落实情况进行监督。"},
		{"its own block", "巡察", "[contact]\nphone = \"0571-87050365\"\n", "", "0571-87050365", "欢迎对巡察整改落实情况进行监督。"},
		{"its own text", "巡察", "[contact]\ntext = \"联系电话：0571-87050365。\"\n", "", "", ""},
		{"a contact line kept in the text", "巡察", "", "\n联系电话：0571-87050365。\n", "", ""},
		{"a hotline named in the text is no contact line", "巡察", "", "\n开通举报电话12388。\n", "0571-12388", "欢迎对巡察整改落实情况进行监督。"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(strings.Replace(strings.Replace(front, "%s", tt.kind, 1), "%s", tt.contact, 1), "%s", tt.body, 1)
			n, problems := ParseNotice(settings, "content/2025/a.md", []byte(src), Options{})
			if n == nil || problems.HasErrors() {
				t.Fatalf("the notice does not load: %v", problems)
			}
			if n.Contact.Phone != tt.wantPhone || n.Contact.Invitation != tt.wantInvitation {
				t.Errorf("got phone %q, invitation %q; want %q, %q", n.Contact.Phone, n.Contact.Invitation, tt.wantPhone, tt.wantInvitation)
			}
		})
	}
	for _, tt := range []struct{ in, kind, want string }{
		{"对巡视巡察整改情况进行监督", "巡察", "对巡视巡察整改情况进行监督"},
		{"欢迎监督", "巡察", "欢迎监督"},
		{"对巡察整改情况进行监督", "巡视", "对巡视整改情况进行监督"},
	} {
		if got := ownKind(tt.in, tt.kind); got != tt.want {
			t.Errorf("ownKind(%q, %q): got %q, want %q", tt.in, tt.kind, got, tt.want)
		}
	}
}

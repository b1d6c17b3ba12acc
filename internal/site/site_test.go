package site

import (
	"path"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"disclose/internal/diag"
)

const settings = `title = "测试站点"
base_url = "https://example.org/xszg"
[contact]
invitation = "欢迎监督。"
phone = "0571-1234567"
`

func noticeFile(title, date, extra string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(`+++
title = "` + title + `"
date = ` + date + `
source = "测试网站"
` + extra + `
[inspection]
kind = "巡视"
group = "省委第一巡视组"
organization = "某单位党组"
start = 2024-03-18
end = 2024-05-20
feedback = 2024-08-08
[signature]
organization = "中共某单位党组"
date = 2025-06-17
+++
正文。
`)}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.toml":     {Data: []byte(settings)},
		"content/2025/b.md":     noticeFile("乙", "2025-06-18T09:00:00+08:00", ""),
		"content/2025/a.md":     noticeFile("甲", "2025-06-18T09:00:00+08:00", `punctuation = "half"`),
		"content/2024/c.md":     noticeFile("丙", "2024-01-02T09:00:00+08:00", "[contact]\nemail = \"a@example.org\""),
		"content/2025/d.md":     noticeFile("丁", "2025-07-01T09:00:00+08:00", "draft = true"),
		"content/2025/.d.md.sw": {Data: []byte("editor swap file")},
	}
	s, problems := Load(fsys, Options{})
	if s == nil {
		t.Fatalf("got problems:\n%v", problems)
	}
	var order []string
	for _, n := range s.Notices {
		order = append(order, n.URL())
	}
	if got, want := strings.Join(order, " "), "2025/a/ 2025/b/ 2024/c/"; got != want {
		t.Errorf("order: got %s, want %s (newest first, then by URL; draft left out)", got, want)
	}
	if got := s.Settings.BasePath(); got != "/xszg/" {
		t.Errorf("base path: got %q, want /xszg/", got)
	}
	a, b, c := s.Notices[0], s.Notices[1], s.Notices[2]
	if a.Punctuation != "half" || b.Punctuation != "full" {
		t.Errorf("punctuation: got %q and %q, want the notice's own, then the site's", a.Punctuation, b.Punctuation)
	}
	if b.Contact.Phone != "0571-1234567" {
		t.Errorf("contact fallback: got %+v, want the site's", b.Contact)
	}
	if c.Contact.Phone != "" || c.Contact.Email != "a@example.org" || c.Contact.Invitation != "欢迎监督。" {
		t.Errorf("own contact: got %+v, want its email only, with the site's invitation", c.Contact)
	}
	if first, last := s.Notices[0].Year, s.Notices[len(s.Notices)-1].Year; first != 2025 || last != 2024 {
		t.Errorf("years: newest notice of %d, oldest of %d, want 2025 and 2024", first, last)
	}

	s, _ = Load(fsys, Options{Drafts: true})
	if len(s.Notices) != 4 || s.Notices[0].Slug != "d" {
		t.Errorf("with drafts: got %d notices, want 4 with the draft first", len(s.Notices))
	}
}

func TestLoadSettingsProblems(t *testing.T) {
	tests := []struct{ settings, want string }{
		{"title = \"t\"\n", "content/site.toml:1:1: base_url is missing"},
		{"title = \"t\"\nbase_url = \"example.org\"\n", `content/site.toml:2:1: base_url "example.org" is not a web address`},
		{"title = \"t\"\nbase_url = \"https://e.org/\"\nbaseurl = 1\n", `content/site.toml:3:1: unknown setting "baseurl"`},
		{"title = \"t\nbase_url = 1", "content/site.toml:1:11: 字符串缺少结尾的引号"},
		// Issue 16: an unclosed header on line 9 was reported at 12:7.
		{"title = \"t\"\nbase_url = \"https://e.org/\"\n\n\n\n\n\n\n[contact\nphone = \"0571-1234567\"\n\n\n", "content/site.toml:9:9: 表头 [contact 缺少右方括号 ]"},
		{"title = \"t\"\nbase_url = \"https://user:pass@example.org/x/\"\n", `content/site.toml:2:1: 网站地址 base_url 不能包含用户名或密码`},
		{"title = \"t\"\nbase_url = \"https://user@example.org/x/\"\n", `content/site.toml:2:1: 网站地址 base_url 不能包含用户名或密码`},
		{"title = \"t\"\n\nbase_url = \"https://example.org/%2e%2e/%2e%2e/\"\n", `content/site.toml:3:1: 网站地址 base_url 的路径不能包含 路径段 . 或 ..`},
		{"title = \"t\"\nbase_url = \"https://example.org/%2E/x/\"\n", `content/site.toml:2:1: 网站地址 base_url 的路径不能包含 路径段 . 或 ..`},
		{"title = \"t\"\nbase_url = \"https://example.org/a/../b/\"\n", `content/site.toml:2:1: 网站地址 base_url 的路径不能包含 路径段 . 或 ..`},
		{"title = \"t\"\nbase_url = \"https://example.org/xszg/..\"\n", `content/site.toml:2:1: 网站地址 base_url 的路径不能包含 路径段 . 或 ..`},
		{"title = \"t\"\nbase_url = \"https://example.org//evil.example/\"\n", `content/site.toml:2:1: 网站地址 base_url 的路径不能包含 空的路径段`},
		{"title = \"t\"\nbase_url = \"https://example.org/a%2Fb/\"\n", `content/site.toml:2:1: 网站地址 base_url 的路径不能包含 编码的斜杠`},
		{"title = \"t\"\nbase_url = \"https://example.org/a%5Cb/\"\n", `content/site.toml:2:1: 网站地址 base_url 的路径不能包含 编码的斜杠`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, problems := Load(fstest.MapFS{"content/site.toml": {Data: []byte(tt.settings)}}, Options{})
			where, text, _ := strings.Cut(tt.want, ": ")
			for _, d := range problems {
				if !diag.LeadsWithChinese(d.Message) {
					t.Errorf("%s: the message must lead with Chinese", d)
				}
				if d.Where() == where && strings.Contains(d.Message, text) {
					return
				}
			}
			t.Errorf("got\n%v\nwant a problem starting %q", problems, tt.want)
		})
	}
}

// FuzzSettings: whatever content/site.toml holds, reading it does not
// panic and every problem is inside the file.
func FuzzSettings(f *testing.F) {
	f.Add([]byte(settings))
	f.Add([]byte("title = \"t\"\n[contact\nphone = 1\n"))
	f.Add([]byte("title = \"t\"\nbase_url = 2026-11-31\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, problems := parseSettings(src)
		lines := strings.Count(string(src), "\n") + 1
		for _, d := range problems {
			if d.Path != SettingsPath || d.Line < 0 || d.Line > lines || d.Col < 0 {
				t.Errorf("bad position: %v", d)
			}
		}
	})
}

// TestBaseURLAccepted checks that the refusals above leave ordinary base
// URLs alone, dots inside a name included.
func TestBaseURLAccepted(t *testing.T) {
	for _, u := range []string{"https://example.org", "https://example.org/", "http://example.org:8080/xszg/", "https://example.org/a.b/..c/", "https://example.org/%E5%B7%A1%E8%A7%86/"} {
		s, problems := parseSettings([]byte("title = \"t\"\nbase_url = \"" + u + "\"\n[contact]\nphone = \"1\"\n"))
		if len(problems) > 0 || s.base == nil {
			t.Errorf("base_url %q: got %v, want no problem", u, problems)
		}
	}
}

func TestLoadNoSettings(t *testing.T) {
	_, problems := Load(fstest.MapFS{}, Options{})
	if len(problems) == 0 || !strings.Contains(problems[0].String(), "not found: run disclose in the site folder") {
		t.Errorf("got %v, want a message that the settings are missing", problems)
	}
}

// TestDraftBadSlug checks that a draft's slug that cannot be part of a URL
// stops the build even with drafts shown, and that the draft is left out:
// its slug is never a path.
func TestDraftBadSlug(t *testing.T) {
	for _, slug := range []string{"../2025/b", "x/../../y", ".", "..", "A"} {
		t.Run(slug, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/site.toml": {Data: []byte(settings)},
				"content/2025/b.md": noticeFile("乙", "2025-06-18T09:00:00+08:00", ""),
				"content/2025/d.md": noticeFile("丁", "2025-06-19T09:00:00+08:00", "draft = true\nslug = \""+slug+"\""),
			}
			n, problems := ReadNotice(fsys, nil, "content/2025/d.md", Options{Drafts: true})
			if n != nil {
				t.Errorf("got the draft with slug %q in the site, want it left out", n.Slug)
			}
			if !problems.Stops() {
				t.Errorf("got problems that do not stop the build, want the slug's to:\n%v", problems)
			}
			s, _ := Load(fsys, Options{Drafts: true})
			if s != nil {
				t.Errorf("Load with drafts gave a site, want none: the slug stops the build")
			}
		})
	}
}

// FuzzBaseURL checks that a base_url the settings accept has no
// credentials, and a base path that a browser would not resolve to another
// path: the preview's redirect to it cannot loop, and no link leaves it.
func FuzzBaseURL(f *testing.F) {
	for _, u := range []string{"https://example.org/xszg/", "https://u:p@e.org/", "https://e.org/%2e%2e/", "http://e.org//x", "https://e.org/a%2fb"} {
		f.Add(u)
	}
	f.Fuzz(func(t *testing.T, u string) {
		src := "title = \"t\"\nbase_url = " + strconv.Quote(u) + "\n[contact]\nphone = \"1\"\n"
		s, problems := parseSettings([]byte(src))
		if s == nil || s.base == nil {
			return
		}
		base := s.BasePath()
		if s.base.User != nil {
			t.Errorf("base_url %q accepted with credentials", u)
		}
		if !strings.HasPrefix(base, "/") || !strings.HasSuffix(base, "/") || (base != "/" && path.Clean(base)+"/" != base) {
			t.Errorf("base_url %q accepted with base path %q, which a browser resolves to %q (problems %v)", u, base, path.Clean(base), problems)
		}
	})
}

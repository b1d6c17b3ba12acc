package site

import (
	"net/url"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"disclose/internal/diag"
	"disclose/internal/notice"
)

// SettingsPath is where a site's settings live, relative to the site folder.
const SettingsPath = "content/site.toml"

// Settings is content/site.toml.
type Settings struct {
	Title       string `toml:"title"`
	BaseURL     string `toml:"base_url"`
	Language    string `toml:"language"`
	Publisher   string `toml:"publisher"`
	Punctuation string `toml:"punctuation"`
	UnsafeHTML  bool   `toml:"unsafe_html"`
	HomeNotices int    `toml:"home_notices"`
	// Column is the name of the column (栏目) the notices are published
	// in, for each notice page's ColumnName meta tag; the site's title
	// when not given.
	Column string `toml:"column"`
	// PageSize is how many notices a page of a year's, or a kind's, list
	// holds; the later ones are at <list>/page/2/ and on.
	PageSize int            `toml:"page_size"`
	Contact  notice.Contact `toml:"contact"`
	// PDF makes every build print each notice to PDF, as build --pdf does.
	PDF bool `toml:"pdf"`
	// Bundles is where the archive bundles are published: a web address
	// or a path below the base URL ("archive/"), which the file's name
	// follows. The year page of a sealed year links its bundle there.
	Bundles string `toml:"bundles"`

	base *url.URL
	abs  string // base as a string, made once: AbsURL is called for every page
	// shared is the one copy of each value the notices read with these
	// settings repeat (notice.Strings).
	shared *notice.Strings
}

// Shared is the one copy of each value the notices read with the settings
// repeat; nil when s is nil, and each notice then holds its own.
func (s *Settings) Shared() *notice.Strings {
	if s == nil {
		return nil
	}
	return s.shared
}

// BasePath is the path part of the base URL, with a trailing slash: "/xszg/".
func (s *Settings) BasePath() string { return s.base.Path }

// AbsURL returns the absolute URL of a site path such as "2025/slug/".
func (s *Settings) AbsURL(path string) string { return s.abs + path }

// parseSettings reads content/site.toml.
func parseSettings(src []byte) (*Settings, diag.List) {
	s := &Settings{Language: "zh-CN", Punctuation: notice.FullWidth, HomeNotices: 10, PageSize: 20, shared: notice.NewStrings()}
	f := diag.NewFile(SettingsPath, src)
	var problems diag.List
	md, err := toml.Decode(string(src), s)
	if err != nil {
		problems.Add(notice.TOMLError(f, 0, string(src), err))
		return nil, problems
	}
	keys := notice.LocateKeys(f, 1, string(src), md.Keys())
	for _, k := range md.Undecoded() {
		problems.Errorf(keys.Pos(k...), "无法识别的设置项 %[1]q, 请检查拼写; unknown setting %[1]q", k.String())
	}
	s.validate(keys, &problems)
	if strings.TrimSpace(s.Column) == "" {
		s.Column = s.Title
	}
	return s, problems
}

// badBasePath names what in u's path would make the site's links point
// elsewhere than the folder it names: a dot segment ("/../", "/%2e%2e/"),
// an empty one ("//", which a redirect turns into another host), an
// encoded slash or a backslash. It returns "" when there is none.
func badBasePath(u *url.URL) string {
	raw := strings.ToLower(u.EscapedPath())
	switch {
	case strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(u.Path, `\`):
		return "编码的斜杠或反斜杠 (an encoded slash or a backslash)"
	case strings.Contains(u.Path, "//"):
		return "空的路径段 // (an empty segment //)"
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == "." || seg == ".." {
			return "路径段 . 或 .. (a dot segment . or .., also written %2e)"
		}
	}
	return ""
}

// withoutUser is u without its user name and password.
func withoutUser(u *url.URL) string {
	v := *u
	v.User = nil
	return v.String()
}

func (s *Settings) validate(keys notice.Keys, problems *diag.List) {
	at := keys.Pos
	if strings.TrimSpace(s.Title) == "" {
		problems.Errorf(at("title"), "缺少网站名称: 添加 title = \"…\"; title is missing: add title = \"…\"")
	}
	u, err := url.Parse(s.BaseURL)
	switch {
	case s.BaseURL == "":
		problems.Errorf(at("base_url"), "缺少网站地址: 添加 base_url = \"https://example.org/\"; base_url is missing: add base_url = \"https://example.org/\"")
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "":
		problems.Errorf(at("base_url"), "网站地址 base_url %[1]q 不是 https://example.org/xszg/ 这样的网址; base_url %[1]q is not a web address such as https://example.org/xszg/", s.BaseURL)
	case u.User != nil:
		problems.Errorf(at("base_url"), "网站地址 base_url 不能包含用户名或密码, 否则会写进每个页面的规范链接和 sitemap; base_url %q holds credentials, which would be published in every canonical link and the sitemap: write it as %s", s.BaseURL, withoutUser(u))
	case badBasePath(u) != "":
		problems.Errorf(at("base_url"), "网站地址 base_url 的路径不能包含 %s, 请写出文件夹本身, 如 https://example.org/xszg/; base_url %q: its path must not hold %s, which a browser resolves to another folder: write the folder itself", badBasePath(u), s.BaseURL, badBasePath(u))
	default:
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		u.RawPath = ""
		s.base, s.abs = u, u.String()
	}
	switch s.Punctuation {
	case notice.FullWidth, notice.HalfWidth:
	default:
		problems.Errorf(at("punctuation"), "标点设置 punctuation = %[1]q 无法识别: 写 \"full\" (全角) 或 \"half\" (半角); punctuation = %[1]q: write \"full\" or \"half\"", s.Punctuation)
	}
	if s.HomeNotices < 1 {
		problems.Errorf(at("home_notices"), "首页至少要列出一篇通报: home_notices = %[1]d; home_notices = %[1]d: the home page must list at least one notice", s.HomeNotices)
	}
	if s.PageSize < 1 {
		problems.Errorf(at("page_size"), "每页至少列出一篇通报: page_size = %[1]d; page_size = %[1]d: a list page must hold at least one notice", s.PageSize)
	}
	if s.Language == "" {
		problems.Errorf(at("language"), "语言 language 为空: 写 language = \"zh-CN\"; language is empty: write language = \"zh-CN\"")
	}
	if s.Bundles != "" && !validBundles(s.Bundles) {
		problems.Errorf(at("bundles"), "归档包发布位置 bundles = %q 有误: 请写归档包发布的网址或站内路径, 以 / 结尾, 如 \"archive/\" 或 \"https://example.org/archive/\"; "+
			"write where the bundles are published: a path below base_url or a web address, ending with /", s.Bundles)
	}
}

// validBundles reports whether b is a web address or a path below the base
// URL, ending with a slash, with nothing that leaves the site.
func validBundles(b string) bool {
	if !strings.HasSuffix(b, "/") {
		return false
	}
	if strings.HasPrefix(b, "https://") || strings.HasPrefix(b, "http://") {
		u, err := url.Parse(b)
		return err == nil && u.Host != "" && u.RawQuery == "" && u.Fragment == ""
	}
	u, err := url.Parse(b)
	return err == nil && u.Scheme == "" && u.Host == "" && !strings.HasPrefix(b, "/") &&
		!strings.ContainsAny(b, "?#\\") && !slices.Contains(strings.Split(b, "/"), "..")
}

// BundleURL is the address of the bundle file named file where site.toml's
// bundles says bundles are published; "" when it says nothing.
func (s *Settings) BundleURL(file string) string {
	switch {
	case s.Bundles == "":
		return ""
	case strings.HasPrefix(s.Bundles, "https://") || strings.HasPrefix(s.Bundles, "http://"):
		return s.Bundles + url.PathEscape(file)
	}
	return s.AbsURL(s.Bundles + url.PathEscape(file))
}

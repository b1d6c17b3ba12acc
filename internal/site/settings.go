package site

import (
	"errors"
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
	Title       string         `toml:"title"`
	BaseURL     string         `toml:"base_url"`
	Language    string         `toml:"language"`
	Publisher   string         `toml:"publisher"`
	Punctuation string         `toml:"punctuation"`
	UnsafeHTML  bool           `toml:"unsafe_html"`
	HomeNotices int            `toml:"home_notices"`
	Contact     notice.Contact `toml:"contact"`
	// PDF makes every build print each notice to PDF, as build --pdf does.
	PDF bool `toml:"pdf"`
	// Bundles is where the archive bundles are published: a web address
	// or a path below the base URL ("archive/"), which the file's name
	// follows. The year page of a sealed year links its bundle there.
	Bundles string `toml:"bundles"`

	base *url.URL
	abs  string // base as a string, made once: AbsURL is called for every page
}

// BasePath is the path part of the base URL, with a trailing slash: "/xszg/".
func (s *Settings) BasePath() string { return s.base.Path }

// AbsURL returns the absolute URL of a site path such as "2025/slug/".
func (s *Settings) AbsURL(path string) string { return s.abs + path }

// parseSettings reads content/site.toml.
func parseSettings(src []byte) (*Settings, diag.List) {
	s := &Settings{Language: "zh-CN", Punctuation: notice.FullWidth, HomeNotices: 10}
	f := diag.NewFile(SettingsPath, src)
	var problems diag.List
	md, err := toml.Decode(string(src), s)
	if err != nil {
		var pe toml.ParseError
		p := diag.Pos{Path: SettingsPath, Line: 1, Col: 1}
		if errors.As(err, &pe) {
			p = f.LinePos(pe.Position.Line, max(pe.Position.Col-1, 0))
		}
		problems.Errorf(p, "%s", strings.TrimPrefix(err.Error(), "toml: "))
		return nil, problems
	}
	keys := notice.LocateKeys(f, 1, string(src), md.Keys())
	for _, k := range md.Undecoded() {
		problems.Errorf(keys.Pos(k...), "unknown setting %q (无法识别的设置项, 请检查拼写)", k.String())
	}
	s.validate(keys, &problems)
	return s, problems
}

func (s *Settings) validate(keys notice.Keys, problems *diag.List) {
	at := keys.Pos
	if strings.TrimSpace(s.Title) == "" {
		problems.Errorf(at("title"), "title is missing: add title = \"…\" (缺少网站名称)")
	}
	u, err := url.Parse(s.BaseURL)
	switch {
	case s.BaseURL == "":
		problems.Errorf(at("base_url"), "base_url is missing: add base_url = \"https://example.org/\" (缺少网站地址)")
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "":
		problems.Errorf(at("base_url"), "base_url %q is not a web address such as https://example.org/xszg/", s.BaseURL)
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
		problems.Errorf(at("punctuation"), "punctuation = %q: write \"full\" or \"half\"", s.Punctuation)
	}
	if s.HomeNotices < 1 {
		problems.Errorf(at("home_notices"), "home_notices = %d: the home page must list at least one notice", s.HomeNotices)
	}
	if s.Language == "" {
		problems.Errorf(at("language"), "language is empty: write language = \"zh-CN\"")
	}
	if s.Bundles != "" && !validBundles(s.Bundles) {
		problems.Errorf(at("bundles"), "bundles = %q: 请写归档包发布的网址或站内路径, 以 / 结尾, 如 \"archive/\" 或 \"https://example.org/archive/\" "+
			"(write where the bundles are published: a path below base_url or a web address, ending with /)", s.Bundles)
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

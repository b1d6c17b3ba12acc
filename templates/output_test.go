package templates_test

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The hosts the test sites are published on: their pages may link there.
var ownHosts = map[string]string{"sample": "example.org", "testsite": "test.example"}

// urlAttrs are the attributes that hold a URL a browser loads or follows.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "poster": true,
	"data": true, "cite": true, "background": true, "xlink:href": true, "srcset": true,
}

// TestNoOtherHostNoInlineScript checks every page the default templates
// make: nothing refers to another host, and there is no inline script or
// style (no <script> without src, no on* attribute, no javascript: URL, no
// style attribute or element).
func TestNoOtherHostNoInlineScript(t *testing.T) {
	for _, s := range buildSites(t) {
		pages := 0
		for name, f := range s.files {
			switch path.Ext(name) {
			case ".html":
				pages++
				t.Run(s.name+"/"+name, func(t *testing.T) {
					for _, p := range pageProblems(f.Data, ownHosts[s.name]) {
						t.Error(p)
					}
				})
			case ".css":
				t.Run(s.name+"/"+name, func(t *testing.T) {
					if m := cssImport.Find(f.Data); m != nil {
						t.Errorf("the stylesheet loads %q; it must load nothing", m)
					}
				})
			}
		}
		if pages < 4 {
			t.Errorf("%s: got %d pages, want at least 4", s.name, pages)
		}
	}
}

var cssImport = regexp.MustCompile(`(?i)@import|url\(`)

func TestPageProblemsFindsEachKind(t *testing.T) {
	tests := []struct{ name, page, want string }{
		{"inline script", `<script>alert(1)</script>`, "inline script"},
		{"external script", `<script src="https://cdn.example.com/x.js"></script>`, "cdn.example.com"},
		{"protocol-relative", `<link rel="stylesheet" href="//fonts.example.com/a.css">`, "fonts.example.com"},
		{"handler", `<body onload="go()">`, "onload"},
		{"javascript url", `<a href="javascript:go()">x</a>`, "javascript:"},
		{"style attribute", `<p style="color:red">x</p>`, "style attribute"},
		{"style element", `<style>p{}</style>`, "<style>"},
		{"link to another host", `<a href="https://other.example/">x</a>`, "other.example"},
		{"image srcset", `<img alt="" srcset="https://img.example/a.png 2x">`, "img.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fmt.Sprint(pageProblems([]byte(tt.page), "example.org"))
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %s, want a problem naming %q", got, tt.want)
			}
		})
	}
	for _, ok := range []string{
		`<script src="/xszg/modes.1234.js"></script>`,
		`<link rel="canonical" href="https://example.org/xszg/">`,
		`<a href="mailto:a@b.example">a@b.example</a> <a href="tel:0571-1">0571-1</a> <a href="#s1">一</a>`,
	} {
		if got := pageProblems([]byte(ok), "example.org"); len(got) > 0 {
			t.Errorf("%s: got %v, want no problem", ok, got)
		}
	}
}

// pageProblems lists what a page refers to on other hosts, and its inline
// scripts and styles.
func pageProblems(page []byte, own string) []string {
	var problems []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return problems
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		problems = append(problems, tagProblems(tok, own)...)
		if tok.Data == "script" && tt == html.StartTagToken {
			if z.Next() == html.TextToken && strings.TrimSpace(string(z.Text())) != "" {
				problems = append(problems, "inline script: "+string(z.Text()))
			}
		}
	}
}

func tagProblems(tok html.Token, own string) []string {
	var problems []string
	hasSrc := false
	for _, a := range tok.Attr {
		key := strings.ToLower(a.Key)
		switch {
		case strings.HasPrefix(key, "on"):
			problems = append(problems, fmt.Sprintf("<%s %s>: inline script handler", tok.Data, key))
		case key == "style":
			problems = append(problems, fmt.Sprintf("<%s>: style attribute", tok.Data))
		case urlAttrs[key]:
			hasSrc = hasSrc || key == "src"
			problems = append(problems, urlProblems(tok.Data, key, a.Val, own)...)
		}
	}
	switch {
	case tok.Data == "style":
		problems = append(problems, "<style> element: inline style")
	case tok.Data == "script" && !hasSrc:
		problems = append(problems, "inline script: <script> without src")
	}
	return problems
}

func urlProblems(tag, attr, val, own string) []string {
	var problems []string
	refs := []string{val}
	if attr == "srcset" {
		refs = nil
		for _, c := range strings.Split(val, ",") {
			refs = append(refs, strings.Fields(c + " x")[0])
		}
	}
	for _, ref := range refs {
		u, err := url.Parse(strings.TrimSpace(ref))
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("<%s %s=%q>: %v", tag, attr, ref, err))
		case strings.EqualFold(u.Scheme, "javascript"):
			problems = append(problems, fmt.Sprintf("<%s %s=%q>: javascript: URL", tag, attr, ref))
		case u.Host != "" && u.Hostname() != own:
			problems = append(problems, fmt.Sprintf("<%s %s=%q>: refers to another host, %s", tag, attr, ref, u.Host))
		}
	}
	return problems
}

package render

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"disclose/internal/corpus"
	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// loadSite loads the site in fsys and returns it with a renderer of its
// templates.
func loadSite(t testing.TB, fsys fstest.MapFS, opts site.Options) (*Renderer, *site.Site) {
	t.Helper()
	s, problems := site.Load(fsys, opts)
	if s == nil {
		t.Fatal(problems)
	}
	tm, problems := LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	return NewRenderer(s.Settings, tm), s
}

// siteNotices loads the site in fsys and returns a renderer of its
// templates, its notices and their converted bodies.
func siteNotices(t testing.TB, fsys fstest.MapFS, opts site.Options) (*Renderer, []*notice.Notice, []markdown.Doc) {
	t.Helper()
	r, s := loadSite(t, fsys, opts)
	docs := make([]markdown.Doc, len(s.Notices))
	for i, n := range s.Notices {
		var err error
		if docs[i], err = r.Convert(n); err != nil {
			t.Fatal(err)
		}
	}
	return r, s.Notices, docs
}

// noticePageSites are sites with every kind of notice: the sample, a
// generated corpus of 300 notices, and notices with corrections, 政府信息公开,
// a draft and half-width punctuation.
func noticePageSites(t testing.TB) map[string]fstest.MapFS {
	t.Helper()
	sample := fstest.MapFS{}
	for _, name := range []string{"content/site.toml", "content/2025/zhejiang-womens-federation.md"} {
		data, err := os.ReadFile("../../" + name)
		if err != nil {
			t.Fatal(err)
		}
		sample[name] = &fstest.MapFile{Data: data}
	}
	generated := corpus.MapFS(corpus.Defaults(300))
	special := fstest.MapFS{"content/site.toml": {Data: []byte("publisher = \"某市纪委监委\"\n" + archiveTestSettings)}}
	for slug, keys := range map[string]struct{ top, inspection string }{
		"corrected":    {"", "[[corrections]]\ndate = 2024-10-01\nwhat = \"第三段“制定整改方案”改为“制定并印发整改方案”。\"\nwhy = \"原文漏字<&>\"\n"},
		"disclosure":   {"", "[disclosure]\nindex_number = \"002482170/2024-00001\"\ntopic = \"党务公开\"\npublisher = \"某局\"\ndocument_number = \"某局党〔2024〕3号\"\nwritten_date = 2024-01-05\nmethod = \"主动公开\"\nscope = \"面向社会\"\nvalidity = \"有效\"\nname = \"某局党组关于巡察整改情况的通报 <&>\"\n"},
		"draft":        {"draft = true\n", ""},
		"half":         {"punctuation = \"half\"\n", "[contact]\nphone = \"(0571) 1234-5678\"\nemail = \"a+b@example.org\"\nmailbox = \"某路1号 <信箱>\"\n"},
		"contact-text": {"", "[contact]\ntext = \"联系电话：0571-12345678；通信地址：某路1号 <信箱>&，邮编：310000。\\n电子信箱：a+b@example.org。\"\nphone = \"0571-12345678\"\n"},
		"day":          {"", ""},
	} {
		src := strings.Replace(archiveTestNotice(2024, slug, keys.inspection), "+++\n", "+++\n"+keys.top, 1)
		if slug == "day" { // a publication date given as a day: shown without a time
			src = strings.Replace(src, "date = 2024-09-10T10:00:00+08:00", "date = 2024-09-10", 1)
		}
		special["content/2024/"+slug+".md"] = &fstest.MapFile{Data: []byte(src)}
	}
	// Two archive bundles of 2024: one kept at a web address, one not.
	special["content/archive/2024.toml"] = &fstest.MapFile{Data: []byte(`[[version]]
version = 1
sealed = 2025-01-10
file = "example.org-xczg-2024-v1.zip"
location = "https://example.org/archive/example.org-xczg-2024-v1.zip?a=1&b=2"
sha256 = "15920e3f85652825baa965d07466d4af93fe3d77f2dc848db80a97793d786157"
manifest_sha256 = "5cf581c24a2c93fa1b6d0e79f3af786d64c9ebe0ff22927901fb2b6d9c3bd845"

[[version]]
version = 2
sealed = 2025-02-02
file = "example.org-xczg-2024-v2.zip"
location = "市档案馆 <三楼>"
sha256 = "25920e3f85652825baa965d07466d4af93fe3d77f2dc848db80a97793d786157"
manifest_sha256 = "6cf581c24a2c93fa1b6d0e79f3af786d64c9ebe0ff22927901fb2b6d9c3bd845"
`)}
	return map[string]fstest.MapFS{"sample": sample, "corpus": generated, "special": special}
}

// firstDifference shows where got parts from want.
func firstDifference(want, got []byte) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(0, i-200)
	return "want: ..." + string(want[from:min(len(want), i+200)]) + "\ngot:  ..." + string(got[from:min(len(got), i+200)])
}

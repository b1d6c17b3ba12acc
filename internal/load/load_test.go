package load

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"disclose/internal/diag"
	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// testSite is the sample site with three copies of its notice: as it is,
// as a draft with a numbering slip, and published with the same slip.
func testSite(t *testing.T) fstest.MapFS {
	t.Helper()
	read := func(p string) []byte {
		data, err := os.ReadFile("../../" + p)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	sample := string(read("content/2025/zhejiang-womens-federation.md"))
	slip := strings.Replace(sample, "\n(二)推动妇女儿童", "\n(五)推动妇女儿童", 1)
	return fstest.MapFS{
		"content/site.toml":     {Data: read("content/site.toml")},
		"content/2025/good.md":  {Data: []byte(sample)},
		"content/2025/draft.md": {Data: []byte(strings.Replace(slip, "draft = false", "draft = true", 1))},
		"content/2025/slip.md":  {Data: []byte(strings.Replace(slip, "date = 2025-06-17T09:00", "date = 2025-06-18T09:00", 1))},
	}
}

// The draft rule: a draft's errors stay errors, marked as a draft's; they
// never stop it from being shown when drafts are, while a published
// notice's errors keep it from being rendered.
func TestProofread(t *testing.T) {
	fsys := testSite(t)
	settings, problems := site.LoadSettings(fsys)
	if settings == nil {
		t.Fatal(problems)
	}
	tests := []struct {
		path           string
		drafts         bool
		shown, render  bool
		errs, inDrafts int
	}{
		{"content/2025/good.md", false, true, true, 0, 0},
		{"content/2025/draft.md", false, false, false, 2, 2},
		{"content/2025/draft.md", true, true, true, 2, 2},
		{"content/2025/slip.md", true, true, false, 2, 0},
	}
	for _, tt := range tests {
		n := NewReader(fsys, settings, site.Options{Drafts: tt.drafts}).Read(tt.path)
		errs, inDrafts := 0, 0
		for _, d := range n.Problems {
			if d.Severity == diag.Error {
				errs++
			}
			if d.Draft {
				inDrafts++
			}
		}
		if n.Shown != tt.shown || n.Render() != tt.render || errs != tt.errs || inDrafts != tt.inDrafts || n.N == nil || n.Sum == "" {
			t.Errorf("%s (drafts %t): got shown %t, render %t, %d errors (%d in drafts); want %t, %t, %d (%d)\n%v",
				tt.path, tt.drafts, n.Shown, n.Render(), errs, inDrafts, tt.shown, tt.render, tt.errs, tt.inDrafts, n.Problems)
		}
	}
}

// Site reads every notice, drafts included, and finishes the problems:
// each has a rule, and the draft's errors are counted.
func TestSite(t *testing.T) {
	notices, s, problems := Site(testSite(t), site.Options{})
	if len(notices) != 3 || s == nil || len(s.Notices) != 2 {
		t.Fatalf("got %d notices read, a site of %v; want 3 read, 2 in the site", len(notices), s)
	}
	for _, d := range problems {
		if d.Rule == "" {
			t.Errorf("%v has no rule", d)
		}
	}
	if !problems.Stops() {
		t.Errorf("the published slip does not stop the build: %v", problems)
	}
	if got, want := problems.Summary(), "4 个错误(草稿中 2 个), 0 个警告; 4 errors (2 in drafts), 0 warnings"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestTooDeep reads notices whose bodies nest lists or block quotes far
// deeper than any notice: each is refused at the line where it goes too
// deep, in the notice's own lines, as an error that stops the build even
// in a draft, and goldmark never reads it (which took 11.7 s for the list
// and 10 s for the quotes).
func TestTooDeep(t *testing.T) {
	fsys := testSite(t)
	settings, problems := site.LoadSettings(fsys)
	if settings == nil {
		t.Fatal(problems)
	}
	sample := string(fsys["content/2025/good.md"].Data)
	end := strings.Index(sample[3:], "+++") + 3
	bodyLine := strings.Count(sample[:end], "\n") + 2 // the line after +++
	var list strings.Builder
	for i := range 2000 {
		list.WriteString(strings.Repeat("  ", i) + "- 项\n")
	}
	tests := []struct {
		name, body string
		draft      bool
		line       int // in the body
	}{
		{"a 2,000-deep list", list.String(), false, 17},
		{"200,000 >", "正文。\n\n" + strings.Repeat(">", 200000) + " 引文\n", false, 3},
		{"a 2,000-deep list in a draft", list.String(), true, 17},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := sample[:end+3] + "\n" + tt.body
			if tt.draft {
				src = strings.Replace(src, "draft = false", "draft = true", 1)
			}
			r := NewReader(fsys, settings, site.Options{Drafts: true})
			var converted bool
			n, err := r.Proofread("content/2025/deep.md", []byte(src), func(*notice.Notice) (markdown.Doc, error) {
				converted = true
				return markdown.Doc{}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if converted {
				t.Error("the body was converted")
			}
			if n.Render() {
				t.Error("the notice is to be rendered, want it stopped")
			}
			want := fmt.Sprintf("content/2025/deep.md:%d:1: error: 嵌套了", bodyLine+tt.line-1)
			for _, d := range n.Problems {
				if strings.HasPrefix(d.Report(), want) && strings.HasSuffix(d.Report(), "[nesting]") && d.Stops() {
					return
				}
			}
			t.Errorf("no problem starting %q that stops the build; got\n%v", want, n.Problems)
		})
	}
}

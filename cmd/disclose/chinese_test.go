package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"disclose/internal/diag"
)

// The users are Chinese editors: every message and hint they read leads
// with Chinese, the English after it is for maintainers (docs/checks.md,
// "How messages are written"). These tests run what users meet, the corpus
// of real notices with every planted slip and the command line's mistakes,
// and fail on a line whose first letter is not a Chinese character.

// TestCheckMessagesLeadWithChinese checks every real notice of the corpus,
// as imported and with each of its slips planted, and reads every message
// and hint of "disclose check --format json"; import's own warnings too.
func TestCheckMessagesLeadWithChinese(t *testing.T) {
	seen := 0
	for _, name := range realNames(t) {
		src, err := os.ReadFile(filepath.Join(realDir, name+".md"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fm, _, err := frontMatter(string(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, report, _ := importNotice(t, name)
		seen += chineseLines(t, name+": import", report)
		notice := newRealSite(t, name, fm)
		seen += chineseFindings(t, name, notice, string(src))
		for _, s := range loadExpectation(t, name).Slips {
			seen += chineseFindings(t, name+" with slip ["+s.Rule+"]", notice, strings.Replace(string(src), s.Old, s.New, 1))
		}
	}
	if seen < 100 {
		t.Errorf("read %d messages, want the corpus's hundreds", seen)
	}
}

// chineseFindings checks src as the site's notice and fails on a message or
// hint that does not lead with Chinese; it returns how many it read.
func chineseFindings(t *testing.T, what, notice, src string) int {
	t.Helper()
	findings := checkSite(t, notice, src)
	for _, p := range findings {
		if !diag.LeadsWithChinese(p.Message) {
			t.Errorf("%s: [%s] message %q does not lead with Chinese", what, p.Rule, p.Message)
		}
		if p.Hint != "" && !diag.LeadsWithChinese(p.Hint) {
			t.Errorf("%s: [%s] hint %q does not lead with Chinese", what, p.Rule, p.Hint)
		}
	}
	return len(findings)
}

// linePrefix is what a line of output starts with before its message: the
// command ("disclose check: "), a position and a severity
// ("content/2025/a.md:3:1: error: "), a draft's mark, or a file
// ("notice.txt: ").
var linePrefix = regexp.MustCompile(`^(disclose [a-z]+: )?([^ ]+?(:\d+:\d+)?: )?((accepted )?(error|warning): )?(草稿 \(draft\): )?`)

// chineseLines fails on a line of out whose message does not lead with
// Chinese, and returns how many lines it read. The usage text after a blank
// line is the flag package's, and is left out.
func chineseLines(t *testing.T, what, out string) int {
	t.Helper()
	out, _, _ = strings.Cut(out, "\n\n")
	n := 0
	for line := range strings.Lines(out) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		n++
		if msg := linePrefix.ReplaceAllString(line, ""); !diag.LeadsWithChinese(msg) {
			t.Errorf("%s: %q does not lead with Chinese", what, line)
		}
	}
	return n
}

// TestCommandMessagesLeadWithChinese runs the command line's mistakes and
// refusals and reads all they print.
func TestCommandMessagesLeadWithChinese(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	for _, f := range []struct{ path, text string }{
		{"site/content/site.toml", "title = \"t\"\nbase_url = \"https://example.org/\"\n[contact\nphone = \"0571-12345678\"\n"},
		{"site/content/2025/a.md", "+++\ntitle = \"测试\"\n"},
		{"empty/content/site.toml", "title = \"t\"\nbase_url = \"https://example.org/\"\n[contact]\nphone = \"0571-12345678\"\n"},
		{"notzip.zip", "不是归档包"},
		{"notes.txt", "文字"},
		{"out/keep.txt", "别人的文件"},
		{"folder.zip/x", ""},
	} {
		p := filepath.Join(dir, f.path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	empty := filepath.Join(dir, "empty")
	tests := [][]string{
		{"frobnicate"},
		{"check", "--site", site},
		{"check", "--site", site, "--format", "xml"},
		{"check", "--site", empty, "../elsewhere.md"},
		{"check", "--site", empty, "content/2025/none.md"},
		{"check", "--site", filepath.Join(dir, "nowhere")},
		{"build", "--site", site, "--out", filepath.Join(dir, "public")},
		{"build", "--site", empty, "--out", filepath.Join(dir, "out")},
		{"archive", "--site", empty},
		{"archive", "--site", empty, "--year", "2025"},
		{"verify", filepath.Join(dir, "notzip.zip")},
		{"verify", filepath.Join(dir, "folder.zip")},
		{"import", "--site", empty, filepath.Join(dir, "none.txt")},
		{"import", "--site", empty, "--slug", "Bad_Slug", filepath.Join(dir, "notes.txt")},
		{"import", "--site", empty, "--out", "-", filepath.Join(dir, "notes.txt")},
		{"new", "--site", empty, "bad-name"},
		{"serve", "--site", empty, "--addr", "0.0.0.0:0"},
		{"serve", "--site", empty, "--addr", "8080"},
		{"build", "--nope"},
		{"check", "-x", "--site", empty},
	}
	for _, args := range tests {
		t.Run(strings.Join(args[:1], " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), args, &stdout, &stderr)
			if code == exitOK && args[0] != "import" {
				t.Errorf("%q: exit 0, want a mistake", args)
			}
			n := chineseLines(t, strings.Join(args, " "), stderr.String())
			if args[0] != "import" { // import -: the notice itself
				n += chineseLines(t, strings.Join(args, " "), stdout.String())
			}
			if n == 0 {
				t.Errorf("%q: printed nothing", args)
			}
		})
	}
}

// TestHelpLeadsWithChinese: the overview and every command's usage and
// flag descriptions lead with Chinese, English after them.
func TestHelpLeadsWithChinese(t *testing.T) {
	for _, cmd := range append([]string{""}, commands...) {
		args := []string{"help"}
		if cmd != "" {
			args = append(args, cmd)
		}
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &stdout, &stderr); code != exitOK {
			t.Fatalf("%q: exit %d: %s", args, code, stderr.String())
		}
		n := 0
		for line := range strings.Lines(stdout.String()) {
			desc, ok := strings.CutPrefix(line, "    \t") // a flag's description
			switch {
			case ok:
				n++
				if !diag.LeadsWithChinese(desc) {
					t.Errorf("%q: flag description %q does not lead with Chinese", args, desc)
				}
			case n == 0 && strings.TrimSpace(line) != "":
				n++
				if !diag.LeadsWithChinese(strings.TrimPrefix(line, "disclose ")) {
					t.Errorf("%q: first line %q does not lead with Chinese", args, line)
				}
			}
		}
	}
}

package check

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const settings = `title = "测试"
base_url = "https://example.org/"
[contact]
phone = "0571-87050365"
mailbox = "某市某路1号"
`

const front = `+++
title = "中共某县某局党组关于巡察整改情况的通报"
date = 2025-03-01T09:00:00+08:00
source = "某县纪委县监委网站"
%s
[inspection]
kind = "巡察"
group = "县委第一巡察组"
organization = "县某局党组"
start = 2024-03-01
end = 2024-04-30
feedback = 2024-06-15

[signature]
organization = "中共某县某局党组"
date = 2025-02-26
+++

`

// writeSite makes a site folder with the given notices (path → body).
func writeSite(t *testing.T, notices map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	write("content/site.toml", settings)
	for name, body := range notices {
		write(name, body)
	}
	return dir
}

func noticeSrc(extra, body string) string { return strings.Replace(front, "%s", extra, 1) + body }

func TestRun(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/2025/a.md":     noticeSrc("", "下一步,将持续整改。一是巩固成果。三是深化改革。\n"),
		"content/2025/b.md":     noticeSrc("", "（一）加强学习。\n"),
		"content/2025/draft.md": noticeSrc("draft = true", "一是巩固成果。三是深化改革。\n"),
	})
	tests := []struct {
		name   string
		files  []string
		errors int
		want   []string // rule ids, in order
	}{
		{"every notice", nil, 2, []string{"punct-width", "enumeration", "enumeration"}},
		{"one file", []string{"content/2025/b.md"}, 0, nil},
		{"a missing file", []string{"content/2025/c.md"}, 1, []string{"source"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Run(dir, Options{Files: tt.files})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range r.Problems {
				got = append(got, d.Rule)
			}
			if errs, _ := r.Errors(); strings.Join(got, " ") != strings.Join(tt.want, " ") || errs != tt.errors {
				t.Errorf("got %v with %d errors, want %v with %d:\n%v", got, errs, tt.want, tt.errors, r.Problems)
			}
		})
	}
	// A draft's error stays an error, marked as a draft's, and counted.
	r, _ := Run(dir, Options{})
	if d := r.Problems[len(r.Problems)-1]; !d.Draft || d.Severity.String() != "error" {
		t.Errorf("a draft's error: got %v (draft %t), want an error marked draft", d, d.Draft)
	}
	if errs, drafts := r.Errors(); errs != 2 || drafts != 1 {
		t.Errorf("Errors: got %d (%d in drafts), want 2 (1 in drafts)", errs, drafts)
	}
}

func TestFix(t *testing.T) {
	src := noticeSrc("", "下一步,将持续 整改。\n")
	dir := writeSite(t, map[string]string{"content/2025/a.md": src})
	path := filepath.Join(dir, "content", "2025", "a.md")
	r, err := Run(dir, Options{Fix: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Changes) != 2 || len(r.Problems) != 0 {
		t.Errorf("got %d changes and problems %v, want 2 changes and none left", len(r.Changes), r.Problems)
	}
	got, _ := os.ReadFile(path)
	if want := strings.Replace(src, "下一步,将持续 整改", "下一步，将持续整改", 1); string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o640 {
		t.Errorf("got mode %v, want the original 0640", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("got %d files in the folder, want the notice alone", len(entries))
	}
	var js bytes.Buffer
	if err := r.JSON(&js); err != nil {
		t.Fatal(err)
	}
	var report jsonReport
	if err := json.Unmarshal(js.Bytes(), &report); err != nil {
		t.Fatal(err)
	}
	if len(report.Fixed) != 2 || report.Fixed[0].Old != "," || report.Fixed[0].New != "，" || report.Fixed[0].Line != 19 {
		t.Errorf("json: got fixed %+v, want the comma on line 19 first", report.Fixed)
	}
	again, _ := Run(dir, Options{Fix: true})
	if len(again.Changes) != 0 {
		t.Errorf("a second run changed %v, want nothing", again.Changes)
	}
}

// TestFixReadOnly: when the new file cannot be written, the source is
// left as it was and the error says which file.
func TestFixReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: a read-only folder is still writable")
	}
	src := noticeSrc("", "下一步,将持续整改。\n")
	dir := writeSite(t, map[string]string{"content/2025/a.md": src})
	folder := filepath.Join(dir, "content", "2025")
	if err := os.Chmod(folder, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(folder, 0o755)
	_, err := Run(dir, Options{Fix: true})
	if err == nil || !strings.Contains(err.Error(), "content/2025/a.md") {
		t.Errorf("got error %v, want one naming content/2025/a.md", err)
	}
	if got, _ := os.ReadFile(filepath.Join(folder, "a.md")); string(got) != src {
		t.Errorf("the source changed:\n%s", got)
	}
}

func TestFormats(t *testing.T) {
	dir := writeSite(t, map[string]string{"content/2025/a.md": noticeSrc("", "一是巩固成果。三是深化改革。\n")})
	r, err := Run(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	if err := r.Text(&text); err != nil {
		t.Fatal(err)
	}
	want := "content/2025/a.md:19:8: error: “三是”接在“一是”之后, 应为“二是”; 三是 follows 一是: expected 二是 (“一是、二是、三是”应依次排列, 不跳号、不重复) [enumeration]\n" +
		"已检查 1 篇通报; 1 notice checked\n1 个错误, 0 个警告; 1 error, 0 warnings\n"
	if text.String() != want {
		t.Errorf("text: got\n%s\nwant\n%s", text.String(), want)
	}
	var js bytes.Buffer
	if err := r.JSON(&js); err != nil {
		t.Fatal(err)
	}
	var got jsonReport
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Errors != 1 || len(got.Problems) != 1 || got.Problems[0].Line != 19 || got.Problems[0].Rule != "enumeration" {
		t.Errorf("json: got %+v, want one enumeration error on line 19", got)
	}
}

// TestAcceptedFormats: a finding the notice accepts is listed as accepted
// with its reason, in text and in JSON, and does not fail the check.
func TestAcceptedFormats(t *testing.T) {
	accept := "\n[[check.accept]]\nrule = \"enumeration\"\ntext = \"三是\"\nreason = \"原文如此\"\n"
	dir := writeSite(t, map[string]string{"content/2025/a.md": noticeSrc(accept, "一是巩固成果。三是深化改革。\n")})
	r, err := Run(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	if err := r.Text(&text); err != nil {
		t.Fatal(err)
	}
	want := "content/2025/a.md:24:8: accepted error: “三是”接在“一是”之后, 应为“二是”; 三是 follows 一是: expected 二是 (“一是、二是、三是”应依次排列, 不跳号、不重复) [enumeration] (理由: 原文如此)\n" +
		"已检查 1 篇通报; 1 notice checked\n" +
		"0 个错误, 0 个警告, 已接受 1 个; 0 errors, 0 warnings, 1 accepted\n"
	if text.String() != want {
		t.Errorf("text: got\n%s\nwant\n%s", text.String(), want)
	}
	if errs, _ := r.Errors(); errs != 0 {
		t.Errorf("Errors: got %d, want 0", errs)
	}
	var js bytes.Buffer
	if err := r.JSON(&js); err != nil {
		t.Fatal(err)
	}
	var got jsonReport
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Errors != 0 || got.Accepted != 1 || len(got.Problems) != 1 || got.Problems[0].Accepted != "原文如此" {
		t.Errorf("json: got %+v, want one accepted finding", got)
	}
}

// TestFixOnce: one `check --fix` reaches the fixed point; a second finds
// nothing more to fix. Brackets inside brackets once took two runs
// ("个(())" became "个（()）").
func TestFixOnce(t *testing.T) {
	bodies := []string{
		"代码行(!0)\n",
		"个(())\n",
		"整改(落实(情况(一))),提高认识!\n",
		"要求((党组))\"三个\"(一)到位;\n",
		"代码行）“代码行;)?》\u3000（《》;\u3000！。?)\n",
	}
	for _, body := range bodies {
		t.Run(body, func(t *testing.T) {
			dir := writeSite(t, map[string]string{"content/2025/a.md": noticeSrc(`punctuation = "full"`, body)})
			first, err := Run(dir, Options{Fix: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(first.Changes) == 0 {
				t.Fatalf("the first run fixed nothing in %q", body)
			}
			second, err := Run(dir, Options{Fix: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(second.Changes) > 0 {
				src, _ := os.ReadFile(filepath.Join(dir, "content/2025/a.md"))
				t.Errorf("a second run fixed %+v more in %q", second.Changes, src[bytes.LastIndex(src, []byte("+++"))+4:])
			}
		})
	}
}

// TestFixThroughLink: --fix on a notice that is a symbolic link to a file
// inside the site fixes that file and leaves the link a link.
func TestFixThroughLink(t *testing.T) {
	src := noticeSrc("", "下一步,将持续 整改。\n")
	dir := writeSite(t, map[string]string{"notes/a.md": src})
	link := filepath.Join(dir, "content", "2025", "a.md")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../notes/a.md", link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	r, err := Run(dir, Options{Fix: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Changes) != 2 || len(r.Problems) != 0 {
		t.Errorf("got %d changes and problems %v, want 2 changes and none left", len(r.Changes), r.Problems)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a file: %v", err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "notes", "a.md"))
	if want := strings.Replace(src, "下一步,将持续 整改", "下一步，将持续整改", 1); string(got) != want {
		t.Errorf("the file the link leads to: got\n%s\nwant\n%s", got, want)
	}
}

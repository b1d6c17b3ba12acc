package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclose/internal/notice"
)

// siteDir is a new folder holding a site: content/site.toml.
func siteDir(t *testing.T) string {
	dir := t.TempDir()
	if _, err := Init(dir, Site{Title: DefaultTitle, BaseURL: DefaultBaseURL}, time.Now()); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestNewDraftParses(t *testing.T) {
	dir := siteDir(t)
	now := time.Date(2026, 11, 26, 1, 30, 0, 0, time.UTC)
	rel, err := New(dir, "2026/test-notice", now)
	if err != nil {
		t.Fatal(err)
	}
	if rel != filepath.Join("content", "2026", "test-notice.md") {
		t.Errorf("path: got %s", rel)
	}
	src, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	n, problems := notice.Parse("content/2026/test-notice.md", src)
	if n == nil {
		t.Fatalf("the new file does not parse:\n%v", problems)
	}
	if !n.Draft {
		t.Error("the new notice is not a draft")
	}
	if got := n.Date.Format("2006-01-02 15:04"); got != "2026-11-26 09:30" {
		t.Errorf("date: got %s, want now in China time", got)
	}
	for _, d := range problems {
		if !strings.Contains(d.Message, "is missing") && !strings.Contains(d.Message, "is not given") {
			t.Errorf("only missing values may be reported in a new draft, got: %v", d)
		}
	}
	if len(problems) == 0 {
		t.Error("an empty draft reported nothing missing")
	}
}

func TestNewRefuses(t *testing.T) {
	dir := siteDir(t)
	if _, err := New(dir, "2026/a", time.Now()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "content", "2026", "a.md")
	if err := os.WriteFile(path, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(dir, "2026/a", time.Now()); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second New: got %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "edited" {
		t.Error("New overwrote an existing notice")
	}
	for _, name := range []string{"a", "2026", "2026/", "2026/A", "../2026/a", "2026/a/b", "2026/../a", "99999/a"} {
		if _, err := New(dir, name, time.Now()); err == nil {
			t.Errorf("New(%q) succeeded, want a refusal", name)
		}
	}
}

// TestNewNeedsSite: in a folder with no content/site.toml, new writes
// nothing and says to start a site with init.
func TestNewNeedsSite(t *testing.T) {
	dir := t.TempDir()
	_, err := New(dir, "2026/a", time.Now())
	if err == nil || !strings.Contains(err.Error(), "disclose init") || !strings.Contains(err.Error(), "不是 disclose 网站") {
		t.Fatalf("got %v, want a refusal naming disclose init", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("new wrote %v in a folder with no site", entries)
	}
}

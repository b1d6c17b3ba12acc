package scaffold

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"disclose/internal/site"
)

// TestInit makes a site in a new folder: its settings hold what was asked
// and load with no problem; its one notice is a draft that parses with no
// problem (check and build are run on it in cmd/disclose's init.txtar), and
// .gitignore keeps the output and the build's folders out of Git.
func TestInit(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2026, 12, 3, 1, 0, 0, 0, time.UTC),
		time.Date(2027, 1, 2, 20, 0, 0, 0, time.UTC), // 1月3日 in China: the inspection was the year before
	} {
		dir := filepath.Join(t.TempDir(), "新网站")
		wrote, err := Init(dir, Site{Title: "巡察整改情况公开", BaseURL: "https://www.example.gov.cn/xczg/", Publisher: "某某县纪委监委 \"内\""}, now)
		if err != nil {
			t.Fatal(err)
		}
		year := now.In(time.FixedZone("CST", 8*3600)).Year()
		draft := filepath.Join("content", strconv.Itoa(year), "example.md")
		if want := []string{draft, filepath.Join("content", "site.toml"), ".gitignore"}; !slices.Equal(wrote, want) {
			t.Errorf("wrote %q, want %q", wrote, want)
		}
		s, problems := site.Load(os.DirFS(dir), site.Options{Drafts: true})
		if s == nil || len(problems) != 0 {
			t.Fatalf("the new site: %v", problems)
		}
		if s.Settings.Title != "巡察整改情况公开" || s.Settings.Publisher != "某某县纪委监委 \"内\"" || s.Settings.AbsURL("") != "https://www.example.gov.cn/xczg/" {
			t.Errorf("settings: got %+v", s.Settings)
		}
		if len(s.Notices) != 1 || !s.Notices[0].Draft || s.Notices[0].Year != year {
			t.Fatalf("want one draft of %d, got %v", year, s.Notices)
		}
		n := s.Notices[0]
		if !n.Inspection.Start.Before(n.Inspection.End.Time) || !n.Inspection.End.Before(n.Inspection.Feedback.Time) || !n.Inspection.Feedback.Before(n.Date.Time) {
			t.Errorf("the draft's dates are out of order: %v %v %v %v", n.Inspection.Start, n.Inspection.End, n.Inspection.Feedback, n.Date)
		}
		ignore, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
		if err != nil || !slices.Contains(strings.Fields(string(ignore)), "public/") || !slices.Contains(strings.Fields(string(ignore)), ".public.previous/") {
			t.Errorf(".gitignore: got %q, %v", ignore, err)
		}
	}
}

// TestInitRefuses: init never overwrites a site or a file, and writes
// nothing when the settings it was given are not valid.
func TestInitRefuses(t *testing.T) {
	dir := siteDir(t)
	settings := filepath.Join(dir, "content", "site.toml")
	if err := os.WriteFile(settings, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Init(dir, Site{Title: DefaultTitle, BaseURL: DefaultBaseURL}, time.Now()); err == nil || !strings.Contains(err.Error(), "已有网站") {
		t.Errorf("init over a site: got %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(settings); string(b) != "edited" {
		t.Error("init overwrote site.toml")
	}

	bad := t.TempDir()
	_, err := Init(bad, Site{Title: "网站", BaseURL: "example.org"}, time.Now())
	if err == nil || !strings.Contains(err.Error(), "base_url") {
		t.Errorf("a base URL that is not one: got %v, want a refusal naming base_url", err)
	}
	if entries, _ := os.ReadDir(bad); len(entries) != 0 {
		t.Errorf("init wrote %v for settings that are not valid", entries)
	}
}

// TestInitKeepsGitignore: an existing .gitignore keeps its lines and gets
// only those it lacks.
func TestInitKeepsGitignore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".gitignore")
	if err := os.WriteFile(path, []byte("*.bak\n/public/"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Init(dir, Site{Title: DefaultTitle, BaseURL: DefaultBaseURL}, time.Now()); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := "*.bak\n/public/\n.public.previous/\n.public.new-*/\n"; string(got) != want {
		t.Errorf(".gitignore: got %q, want %q", got, want)
	}
}

// FuzzInitSettings: whatever title, base URL and publisher init is given,
// it refuses them, or writes a site.toml that reads back as exactly what it
// was given.
func FuzzInitSettings(f *testing.F) {
	f.Add(DefaultTitle, DefaultBaseURL, "")
	f.Add("巡察\"整改\"\\情况", "https://www.example.gov.cn/xczg/", "某某县纪委监委\n# 注释")
	f.Add("", "example.org", "\x00")
	f.Fuzz(func(t *testing.T, title, baseURL, publisher string) {
		data, err := settingsFile(Site{Title: title, BaseURL: baseURL, Publisher: publisher})
		if err != nil {
			return
		}
		s, problems := site.LoadSettings(fstest.MapFS{site.SettingsPath: {Data: data}})
		if s == nil || problems.HasErrors() {
			t.Fatalf("accepted settings do not load: %v\n%s", problems, data)
		}
		if s.Title != title || s.Publisher != publisher {
			t.Errorf("got title %q, publisher %q; want %q, %q", s.Title, s.Publisher, title, publisher)
		}
	})
}

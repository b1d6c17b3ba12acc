package bundle

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"disclose/internal/diag"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// The same sources make the same bytes, whatever folder they are in, the
// order their files were created in and their modification times.
func TestMakeIsReproducible(t *testing.T) {
	dirA := copySite(t, false, time.Now())
	dirB := copySite(t, true, time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC))
	a := mustMake(t, dirA, Options{Year: 2024})
	b := mustMake(t, dirB, Options{Year: 2024})
	if !bytes.Equal(a.Data, b.Data) {
		t.Fatalf("bundles differ: %s (%d bytes) and %s (%d bytes)", a.SHA256, len(a.Data), b.SHA256, len(b.Data))
	}
	if a.SHA256 != sum(a.Data) {
		t.Errorf("SHA256 = %s, want the sum of Data, %s", a.SHA256, sum(a.Data))
	}
	// Nothing inside names the machine: not the folders, not the home folder.
	home, _ := os.UserHomeDir()
	for name, data := range unzipAll(t, a.Data) {
		for _, machine := range []string{dirA, filepath.Dir(dirA), home} {
			if machine != "" && machine != "/" && bytes.Contains(data, []byte(machine)) {
				t.Errorf("%s holds the machine path %s", name, machine)
			}
		}
	}
}

func TestMakeContents(t *testing.T) {
	dir := copySite(t, false, time.Now())
	b := mustMake(t, dir, Options{Year: 2024})
	files := unzipAll(t, b.Data)
	want := []string{
		"README.txt",
		"manifest.json",
		"site/2024/city-bureau-a/index.html",
		"site/2024/city-bureau-a/notice.json",
		"site/2024/city-bureau-b/index.html",
		"site/2024/city-bureau-b/notice.json",
		"site/2024/index.html",
		"site/404.html",
		"site/" + assetName(t, files, "favicon.", ".svg"),
		"site/feed.xml",
		"site/index.html",
		"site/" + scriptName(t, files),
		"site/notices.json",
		"site/round/index.html",
		"site/" + searchScriptName(t, files),
		"site/search/index.html",
		"site/search/index.js",
		"site/sitemap.xml",
		"site/" + cssName(t, files),
		"site/unit/index.html",
		"site/unit/某市卫健委党组/index.html",
		"site/unit/某市教育局党组/index.html",
		"site/xuncha/index.html",
		"sources/content/2024/city-bureau-a.md",
		"sources/content/2024/city-bureau-b.md",
		"sources/content/site.toml",
	}
	if got := slices.Sorted(maps.Keys(files)); !slices.Equal(got, want) {
		t.Errorf("files:\ngot  %q\nwant %q", got, want)
	}
	// Every entry has the time of the year's newest notice, and mode 0644.
	zr, err := zip.NewReader(bytes.NewReader(b.Data), int64(len(b.Data)))
	if err != nil {
		t.Fatal(err)
	}
	newest := time.Date(2024, 11, 20, 9, 30, 0, 0, notice.ChinaTime)
	for _, f := range zr.File {
		if !f.Modified.Equal(newest) || f.Mode() != 0o644 {
			t.Errorf("%s: time %v, mode %v; want %v, -rw-r--r--", f.Name, f.Modified, f.Mode(), newest)
		}
	}
	if b.Name != "jw.example.gov.cn-xczg-2024-v1.zip" {
		t.Errorf("Name = %q, want jw.example.gov.cn-xczg-2024-v1.zip", b.Name)
	}
	// The manifest lists every other file with its size and sum.
	var m Manifest
	if err := json.Unmarshal(files[ManifestPath], &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != len(files)-1 {
		t.Errorf("manifest lists %d files, want %d", len(m.Files), len(files)-1)
	}
	for _, f := range m.Files {
		if got := fileOf(f.Path, files[f.Path]); got != f {
			t.Errorf("manifest says %+v, the file is %+v", f, got)
		}
	}
	if m.Year != 2024 || m.Version != 1 || m.Previous != nil || len(m.Notices) != 2 || m.Format != Format {
		t.Errorf("manifest: year %d version %d previous %v notices %d format %q, want 2024 1 nil 2 %q",
			m.Year, m.Version, m.Previous, len(m.Notices), m.Format, Format)
	}
	if !strings.HasPrefix(m.Generator, "disclose ") {
		t.Errorf("generator = %q, want disclose <version>", m.Generator)
	}
	// The README is Chinese text for Windows: BOM, CR LF, and the notices.
	readme := string(files["README.txt"])
	for _, s := range []string{"\uFEFF", "\r\n", "中共某市教育局党组关于巡察整改情况的通报", "disclose verify " + b.Name, "certutil -hashfile"} {
		if !strings.Contains(readme, s) {
			t.Errorf("README.txt lacks %q", s)
		}
	}
	// The draft of 2024 and the notice of 2025 are not sealed.
	for name, data := range files {
		for _, s := range []string{"unfinished", "某市文旅局", "city-bureau-c", "某市交通局"} {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s holds %q, which is not a published notice of 2024", name, s)
			}
		}
	}
}

func cssName(t *testing.T, files map[string][]byte) string {
	for name := range files {
		if rest, ok := strings.CutPrefix(name, "site/style."); ok && strings.HasSuffix(rest, ".css") {
			return strings.TrimPrefix(name, "site/")
		}
	}
	t.Fatal("no stylesheet in the bundle")
	return ""
}

// scriptName is the name of the bundle's modes.<hash>.js, which remembers
// the reading modes.
func scriptName(t *testing.T, files map[string][]byte) string { return jsName(t, files, "modes") }

// searchScriptName is the name of the search page's script in files.
func searchScriptName(t *testing.T, files map[string][]byte) string {
	return jsName(t, files, "search")
}

// jsName is the name of the script <name>.<hash>.js in files.
func jsName(t *testing.T, files map[string][]byte, name string) string {
	for file := range files {
		if rest, ok := strings.CutPrefix(file, "site/"+name+"."); ok && strings.HasSuffix(rest, ".js") {
			return strings.TrimPrefix(file, "site/")
		}
	}
	t.Fatalf("no %s script in the bundle", name)
	return ""
}

// assetName is the name of the bundle's asset named prefix<hash>suffix.
func assetName(t *testing.T, files map[string][]byte, prefix, suffix string) string {
	for name := range files {
		if rest, ok := strings.CutPrefix(name, "site/"+prefix); ok && strings.HasSuffix(rest, suffix) {
			return strings.TrimPrefix(name, "site/")
		}
	}
	t.Fatalf("no %s…%s in the bundle", prefix, suffix)
	return ""
}

// A site's own templates are sources: they shape the pages.
func TestMakeKeepsSiteTemplates(t *testing.T) {
	dir := copySite(t, false, time.Now())
	css := "/* the site's own stylesheet */\nbody { color: black; }\n"
	writeFile(t, filepath.Join(dir, "templates", "style.css"), css)
	files := unzipAll(t, mustMake(t, dir, Options{Year: 2024}).Data)
	if got := string(files["sources/templates/style.css"]); got != css {
		t.Errorf("sources/templates/style.css = %q, want %q", got, css)
	}
	if got := string(files["site/"+cssName(t, files)]); got != css {
		t.Errorf("the bundle's stylesheet = %q, want the site's, %q", got, css)
	}
}

func TestMakeRefuses(t *testing.T) {
	dir := copySite(t, false, time.Now())
	tests := []struct {
		name string
		year int
		edit func()
		want string
	}{
		{"a year without notices", 2023, func() {}, "no published notice in 2023"},
		{"a site with errors", 2024, func() {
			writeFile(t, filepath.Join(dir, "content/2024/broken.md"), "+++\ntitle = \n+++\n")
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.edit()
			b, problems, err := Make(os.DirFS(dir), Options{Year: tt.year})
			if err == nil || b != nil {
				t.Fatalf("Make: got a bundle, want an error")
			}
			if tt.want == "" && (err != ErrProblems || !problems.HasErrors()) {
				t.Errorf("got %v and problems %v, want ErrProblems and the problems", err, problems)
			}
			if tt.want != "" && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to say %q", err, tt.want)
			}
		})
	}
}

// Sealing, sealing again unchanged, correcting a notice and re-issuing: a
// chain of versions, each naming the one before.
func TestSealAndReissue(t *testing.T) {
	dir := copySite(t, false, time.Now())
	v1 := mustMake(t, dir, Options{Year: 2024})
	seal(t, dir, v1, "2025-01-10", "市纪委监委档案室")

	again := mustMake(t, dir, Options{Year: 2024})
	if !again.Unchanged || !bytes.Equal(again.Data, v1.Data) {
		t.Fatalf("sealing unchanged sources again: Unchanged = %v, same bytes = %v; want true, true", again.Unchanged, bytes.Equal(again.Data, v1.Data))
	}

	// A correction changes the pages: the year must be re-issued on request.
	noticePath := filepath.Join(dir, "content/2024/city-bureau-a.md")
	src, _ := os.ReadFile(noticePath)
	corrected := strings.Replace(string(src), "[signature]", "[[corrections]]\ndate = 2025-02-01\nwhat = \"第一部分的“明确责任分工”更正为“明确责任分工和时限”\"\nwhy = \"原文漏字\"\n\n[signature]", 1)
	writeFile(t, noticePath, corrected)
	if _, problems, err := Make(os.DirFS(dir), Options{Year: 2024}); err != ErrProblems || !strings.Contains(problems.Error(), "content/2024/city-bureau-a.md: ") ||
		!strings.Contains(problems.Error(), "--reissue") {
		t.Fatalf("Make of a changed sealed year: err = %v, problems %v; want the notice named, asking for --reissue", err, problems)
	}
	v2 := mustMake(t, dir, Options{Year: 2024, Reissue: true})
	if _, problems, _ := Make(os.DirFS(dir), Options{Year: 2024, Reissue: true}); len(ofArchive(problems)) > 0 {
		t.Errorf("re-issuing a corrected year: problems %v, want none but the proofreader's warnings", ofArchive(problems))
	}
	m := v2.Manifest
	if m.Version != 2 || v2.Name != "jw.example.gov.cn-xczg-2024-v2.zip" {
		t.Errorf("re-issue: version %d, name %s; want 2, jw.example.gov.cn-xczg-2024-v2.zip", m.Version, v2.Name)
	}
	want := Previous{Version: 1, Sealed: "2025-01-10", File: v1.Name, SHA256: v1.SHA256, ManifestSHA256: v1.ManifestSHA256}
	if m.Previous == nil || *m.Previous != want {
		t.Errorf("re-issue: previous = %+v, want %+v", m.Previous, want)
	}
	files := unzipAll(t, v2.Data)
	if !bytes.Contains(files["site/2024/city-bureau-a/index.html"], []byte("原文漏字")) {
		t.Errorf("the re-issued page lacks its correction note")
	}
	if !strings.Contains(string(files["README.txt"]), v1.ManifestSHA256) {
		t.Errorf("the re-issued README does not name version 1's manifest")
	}
	seal(t, dir, v2, "2025-02-02", "")

	// The record now holds both versions, and the site reads it.
	s, problems := site.Load(os.DirFS(dir), site.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	got := s.Sealed[2024]
	if len(got) != 2 || got[0].ManifestSHA256 != v1.ManifestSHA256 || got[1].SHA256 != v2.SHA256 || got[0].Location != "市纪委监委档案室" {
		t.Errorf("seal record: got %+v", got)
	}
	// And version 2 can be made again, byte for byte.
	if again := mustMake(t, dir, Options{Year: 2024}); !again.Unchanged || !bytes.Equal(again.Data, v2.Data) {
		t.Errorf("making version 2 again: Unchanged = %v, want true and the same bytes", again.Unchanged)
	}
}

func seal(t *testing.T, dir string, b *Bundle, day, location string) {
	t.Helper()
	s, err := b.Seal(day, location)
	if err != nil {
		t.Fatal(err)
	}
	if err := Record(dir, s); err != nil {
		t.Fatal(err)
	}
}

func TestName(t *testing.T) {
	tests := []struct{ base, want string }{
		{"https://example.org/xszg/", "example.org-xszg-2024-v1.zip"},
		{"http://Example.ORG:8080/", "example.org-8080-2024-v1.zip"},
		{"https://jw.example.gov.cn/a/b c/", "jw.example.gov.cn-a-b-c-2024-v1.zip"},
	}
	for _, tt := range tests {
		if got := Name(tt.base, 2024, 1); got != tt.want {
			t.Errorf("Name(%q) = %q, want %q", tt.base, got, tt.want)
		}
	}
}

func TestWriteFileNeverReplaces(t *testing.T) {
	name := filepath.Join(t.TempDir(), "b.zip")
	if err := WriteFile(name, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, []byte("one")); err != nil {
		t.Errorf("writing the same bytes again: %v, want no error", err)
	}
	if err := WriteFile(name, []byte("two")); err == nil {
		t.Errorf("writing other bytes over a bundle: no error, want one")
	}
	if got, _ := os.ReadFile(name); string(got) != "one" {
		t.Errorf("the file holds %q, want %q", got, "one")
	}
}

// A sealed notice changed with no correction is not re-issued: its
// editor must say what changed and why first.
func TestReissueWithoutCorrectionRefused(t *testing.T) {
	dir := copySite(t, false, time.Now())
	seal(t, dir, mustMake(t, dir, Options{Year: 2024}), "2025-01-10", "")
	path := filepath.Join(dir, "content/2024/city-bureau-b.md")
	src, _ := os.ReadFile(path)
	writeFile(t, path, strings.Replace(string(src), "开展专项整治", "开展两项专项整治", 1))
	b, problems, err := Make(os.DirFS(dir), Options{Year: 2024, Reissue: true})
	if err != ErrProblems || b != nil {
		t.Fatalf("Make: %v, want ErrProblems", err)
	}
	if problems = ofArchive(problems); len(problems) != 1 || problems[0].Path != "content/2024/city-bureau-b.md" || problems[0].Rule != site.RuleSealChanged ||
		!strings.Contains(problems[0].Message, "[[corrections]]") {
		t.Errorf("problems %v, want one error naming the notice and asking for [[corrections]]", problems)
	}
}

// A re-issue whose pages changed with no notice corrected (the settings
// changed) is made, with a warning: readers will not see why.
func TestReissueWithoutCorrectionWarns(t *testing.T) {
	dir := copySite(t, false, time.Now())
	seal(t, dir, mustMake(t, dir, Options{Year: 2024}), "2025-01-10", "")
	path := filepath.Join(dir, "content/site.toml")
	src, _ := os.ReadFile(path)
	writeFile(t, path, strings.Replace(string(src), "title = \"", "title = \"新", 1))
	b, problems, err := Make(os.DirFS(dir), Options{Year: 2024, Reissue: true})
	if err != nil || b.Manifest.Version != 2 {
		t.Fatalf("Make: %v, want version 2", err)
	}
	if problems = ofArchive(problems); len(problems) != 1 || problems[0].Severity != diag.Warning || !strings.Contains(problems[0].Message, "[[corrections]]") {
		t.Errorf("problems %v, want one warning asking for [[corrections]]", problems)
	}
}

// A bundle cannot be sealed before the newest notice it holds.
func TestSealDay(t *testing.T) {
	b := mustMake(t, copySite(t, false, time.Now()), Options{Year: 2024})
	for _, tt := range []struct {
		day string
		ok  bool
	}{{"2024-11-20", true}, {"2025-01-10", true}, {"2024-11-19", false}, {"2024-13-01", false}, {"", false}} {
		s, err := b.Seal(tt.day, "")
		if (err == nil) != tt.ok {
			t.Errorf("Seal(%q): error %v, want ok = %v", tt.day, err, tt.ok)
		}
		if err == nil && (s.Version != 1 || s.SHA256 != b.SHA256 || s.File != b.Name || s.Sealed.ISO() != tt.day) {
			t.Errorf("Seal(%q) = %+v", tt.day, s)
		}
	}
}

// ofArchive returns the problems that are errors or concern a seal: the
// proofreader's warnings about the test notices' punctuation left out.
func ofArchive(problems diag.List) diag.List {
	return slices.DeleteFunc(slices.Clone(problems), func(d diag.Diagnostic) bool {
		return d.Severity == diag.Warning && !strings.HasPrefix(d.Path, site.ArchiveDir)
	})
}

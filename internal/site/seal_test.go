package site

import (
	"strings"
	"testing"
	"testing/fstest"

	"disclose/internal/diag"
)

const (
	sum1 = "15920e3f85652825baa965d07466d4af93fe3d77f2dc848db80a97793d786157"
	sum2 = "5cf581c24a2c93fa1b6d0e79f3af786d64c9ebe0ff22927901fb2b6d9c3bd845"
)

func sealVersion(n int, sealed string) string {
	return "\n[[version]]\nversion = " + itoa(n) + "\nsealed = " + sealed + "\nfile = \"x-2024-v" + itoa(n) + ".zip\"\nsha256 = \"" + sum1 + "\"\nmanifest_sha256 = \"" + sum2 + "\"\n"
}

func itoa(n int) string { return string(rune('0' + n)) }

func readTestSeals(files fstest.MapFS) (map[int][]Seal, []string) {
	var problems diag.List
	seals := readSeals(files, &problems)
	var got []string
	for _, p := range problems.Sort() {
		got = append(got, p.String())
	}
	return seals, got
}

func TestReadSeals(t *testing.T) {
	seals, problems := readTestSeals(fstest.MapFS{
		"content/archive/2024.toml": {Data: []byte("# record\n" + sealVersion(1, "2025-01-10") + sealVersion(2, "2025-02-02"))},
		"content/archive/.hidden":   {Data: []byte("x")},
	})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	got := seals[2024]
	if len(got) != 2 || got[1].Version != 2 || got[1].Year != 2024 || got[0].Sealed.ISO() != "2025-01-10" || got[1].File != "x-2024-v2.zip" {
		t.Errorf("seals = %+v", got)
	}
}

func TestReadSealsProblems(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             string
	}{
		{"not a year", "content/archive/notes.txt", "x", "content/archive/notes.txt: warning: 不是封存记录, 已忽略"},
		{"not TOML", "content/archive/2024.toml", "[[version]\n", "content/archive/2024.toml:1:11: 表头 [[version] 缺少右方括号 ]]"},
		{"versions out of order", "content/archive/2024.toml", sealVersion(2, "2025-01-10"),
			"content/archive/2024.toml:2:3: 封存记录的版本号应依次为 1、2、3…: 此处为 2, 应为 1; version[1]: version = 2, want 1"},
		{"sealed earlier than the version before", "content/archive/2024.toml", sealVersion(1, "2025-01-10") + sealVersion(2, "2025-01-09"),
			"content/archive/2024.toml:9:3: 第 2 个封存版本的封存日期 2025-01-09 早于第 1 个; version[2]: sealed 2025-01-09 is before version 1 was sealed"},
		{"a malformed day", "content/archive/2024.toml", sealVersion(1, `"2025-1-10"`), `content/archive/2024.toml:2:3: 第 1 个封存版本的封存日期: 日期写法有误: "2025-1-10"`},
		{"no day", "content/archive/2024.toml", strings.Replace(sealVersion(1, "x"), "sealed = x\n", "", 1), "version[1]: sealed is missing"},
		{"a bad sum", "content/archive/2024.toml", strings.Replace(sealVersion(1, "2025-01-10"), sum1, "abc", 1), `version[1]: sha256 = "abc" is not a SHA-256 sum`},
		{"no file", "content/archive/2024.toml", strings.Replace(sealVersion(1, "2025-01-10"), `file = "x-2024-v1.zip"`, `file = ""`, 1), "version[1]: file is missing"},
		{"an unknown key", "content/archive/2024.toml", sealVersion(1, "2025-01-10") + "note = 1\n", `content/archive/2024.toml:8:1: 封存记录中有无法识别的字段 "version.note"`},
		{"a notice of another year", "content/archive/2024.toml", sealVersion(1, "2025-01-10") + "[version.notices]\n\"content/2025/a.md\" = \"" + sum1 + "\"\n",
			`version[1]: notices: "content/2025/a.md" is not a notice of 2024`},
		{"a notice's bad sum", "content/archive/2024.toml", sealVersion(1, "2025-01-10") + "[version.notices]\n\"content/2024/a.md\" = \"abc\"\n",
			`version[1]: notices: "content/2024/a.md" = "abc" is not a SHA-256 sum`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seals, problems := readTestSeals(fstest.MapFS{tt.file: {Data: []byte(tt.text)}})
			if len(problems) != 1 || !strings.Contains(problems[0], tt.want) {
				t.Errorf("problems:\ngot  %q\nwant one with %q", problems, tt.want)
			}
			if len(seals[2024]) > 0 {
				t.Errorf("a record with problems gave seals %+v, want none", seals[2024])
			}
		})
	}
}

// The seal records are read by Load and are not notices.
func TestLoadReadsSeals(t *testing.T) {
	s, problems := Load(fstest.MapFS{
		"content/site.toml":         {Data: []byte("title = \"t\"\nbase_url = \"https://example.org/\"\n[contact]\nphone = \"1\"\n")},
		"content/archive/2024.toml": {Data: []byte(sealVersion(1, "2025-01-10"))},
	}, Options{})
	if s == nil || len(problems) > 0 {
		t.Fatalf("Load: %v", problems)
	}
	if len(s.Sealed[2024]) != 1 {
		t.Errorf("Sealed = %+v, want 2024's one version", s.Sealed)
	}
}

func FuzzReadSeals(f *testing.F) {
	f.Add([]byte(sealVersion(1, "2025-01-10") + sealVersion(2, "2025-02-02")))
	f.Add([]byte("[[version]]\nversion = 1\nsealed = 2025-01-10T00:00:00Z\n"))
	f.Add([]byte("version = [1, 2]\n[[version.x]]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var problems diag.List
		seals := readSeals(fstest.MapFS{"content/archive/2024.toml": {Data: data}}, &problems)
		for i, s := range seals[2024] {
			if s.Version != i+1 || !sha256RE.MatchString(s.SHA256) {
				t.Errorf("a seal that was not checked: %+v", s)
			}
		}
	})
}

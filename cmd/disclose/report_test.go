package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// check and build read a site the same way: on the same site they print the
// same findings and end with the same count, whatever the site's state.
func TestCheckAndBuildAgree(t *testing.T) {
	const sample = "content/2025/zhejiang-womens-federation.md"
	tests := []struct {
		name  string
		edit  func(t *testing.T, dir string)
		built bool // the build succeeds
	}{
		{"a draft with errors, a published notice with a warning", func(t *testing.T, dir string) {
			newDraft(t, dir)
			replace(t, dir, sample, "教育提醒4人;", "教育提醒4人；")
		}, true},
		{"a published notice with an error", func(t *testing.T, dir string) {
			newDraft(t, dir)
			replace(t, dir, sample, "\n(二)推动妇女儿童", "\n(五)推动妇女儿童")
		}, false},
		{"a template of the site's own that does not parse", func(t *testing.T, dir string) {
			if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "templates", "layout.html"), []byte("{{define \"layout\"}}{{.Title}\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"a sealed notice changed", func(t *testing.T, dir string) {
			disclose(t, dir, "archive", "--site", dir, "--year", "2025", "--sealed", "2026-01-05")
			replace(t, dir, sample, "教育提醒4人", "教育提醒5人")
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := exec.Command("cp", "-r", "../../content", dir).Run(); err != nil {
				t.Fatal(err)
			}
			tt.edit(t, dir)
			checked, _ := disclose(t, dir, "check", "--site", dir)
			_, built := disclose(t, dir, "build", "--site", dir)
			// check ends with how many notices it read; build with
			// whether it built.
			checked = slices.DeleteFunc(checked, func(l string) bool { return strings.HasPrefix(l, "已检查 ") })
			buildFailed := slices.ContainsFunc(built, func(l string) bool { return strings.HasPrefix(l, "构建失败") })
			built = slices.DeleteFunc(built, func(l string) bool { return strings.HasPrefix(l, "构建失败") })
			if !slices.Equal(checked, built) {
				t.Errorf("check printed\n%s\nbuild printed\n%s", strings.Join(checked, "\n"), strings.Join(built, "\n"))
			}
			if buildFailed == tt.built {
				t.Errorf("build failed = %t, want %t", buildFailed, !tt.built)
			}
			if len(checked) < 2 || !strings.Contains(checked[len(checked)-1], " error") {
				t.Errorf("want findings and a count, got %q", checked)
			}
		})
	}
}

// disclose runs the command and returns the lines it printed on stdout
// and on stderr.
func disclose(t *testing.T, dir string, args ...string) (stdout, stderr []string) {
	t.Helper()
	var out, errs bytes.Buffer
	run(context.Background(), args, &out, &errs)
	lines := func(b bytes.Buffer) []string { return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") }
	return lines(out), lines(errs)
}

// newDraft starts a draft notice in the site dir: its empty fields are
// errors.
func newDraft(t *testing.T, dir string) {
	t.Helper()
	if _, errs := disclose(t, dir, "new", "--site", dir, "2026/unfinished"); errs[0] != "" {
		t.Fatal(errs)
	}
}

// replace replaces old with new, once, in the file name of the site dir.
func replace(t *testing.T, dir, name, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte(old)) {
		t.Fatalf("%s holds no %q", name, old)
	}
	if err := os.WriteFile(p, bytes.Replace(src, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

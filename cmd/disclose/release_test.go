package main

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// releaseTargets are the systems editors download disclose for: Windows
// and Linux PCs, Linux on ARM and on LoongArch (信创 machines), and Apple
// silicon Macs.
var releaseTargets = []string{"windows/amd64", "linux/amd64", "linux/arm64", "linux/loong64", "darwin/arm64"}

// TestReleaseTargets holds .ci/release to those targets, each one a system
// the Go toolchain builds for, and the README's quick start to naming each
// binary it makes. (.ci/run runs the script, checks SHA256SUMS, and builds
// one target twice to compare the bytes.)
func TestReleaseTargets(t *testing.T) {
	script, err := os.ReadFile("../../.ci/release")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^targets="([^"]*)"$`).FindSubmatch(script)
	if m == nil {
		t.Fatal(`.ci/release has no targets="…" line`)
	}
	if got := strings.Fields(string(m[1])); !slices.Equal(got, releaseTargets) {
		t.Errorf(".ci/release builds %v, want %v", got, releaseTargets)
	}
	for _, flag := range []string{"CGO_ENABLED=0", "-trimpath", "-buildvcs=true", "SHA256SUMS"} {
		if !strings.Contains(string(script), flag) {
			t.Errorf(".ci/release does not use %s", flag)
		}
	}
	ports, err := exec.Command("go", "tool", "dist", "list").Output()
	if err != nil {
		t.Fatalf("go tool dist list: %v", err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range releaseTargets {
		if !slices.Contains(strings.Fields(string(ports)), target) {
			t.Errorf("%s is not a system Go builds for", target)
		}
		name := "disclose-" + strings.ReplaceAll(target, "/", "-")
		if strings.HasPrefix(target, "windows/") {
			name += ".exe"
		}
		if !strings.Contains(string(readme), name) {
			t.Errorf("README.md does not name %s", name)
		}
	}
}

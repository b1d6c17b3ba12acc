package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestName: the manifest names the build, never "devel": a tag or
// pseudo-version first, then the VCS revision, then the executable's hash.
func TestName(t *testing.T) {
	exe := func() []byte { return []byte{0x5e, 0x1f} }
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "ca8f8ef0"}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"tag", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: vcs("false")}, "v1.2.0"},
		{"revision", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("false")}, "ca8f8ef0"},
		{"dirty revision", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("true")}, "ca8f8ef0+dirty"},
		{"no VCS (go run, worktree)", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "executable sha256:5e1f"},
		{"no build info", nil, "executable sha256:5e1f"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stampOf(tt.info).Name(exe); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if got := stampOf(&debug.BuildInfo{}).Name(func() []byte { return nil }); got != "unknown build" {
		t.Errorf("nothing known: got %q, want %q", got, "unknown build")
	}
	// This very test binary carries no VCS stamp (go test does not stamp
	// one): the generator names its executable.
	if g := Generator(); strings.Contains(g, "devel") || !strings.HasPrefix(g, "disclose executable sha256:") {
		t.Errorf("Generator() = %q, want disclose executable sha256:… without devel", g)
	}
}

// TestIdentity: the build record's key is the revision of a clean build,
// else the executable's hash, and never empty for a program that can
// read itself.
func TestIdentity(t *testing.T) {
	if id := Identity(); len(id) != 32 {
		t.Errorf("Identity() of an unstamped test binary = %q, want its executable's SHA-256", id)
	}
}

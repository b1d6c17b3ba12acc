package site

import (
	"strings"
	"testing"
)

// TestBundlesSetting: bundles is a path below base_url or a web address,
// ending with a slash; BundleURL puts a bundle's file there.
func TestBundlesSetting(t *testing.T) {
	tests := []struct {
		bundles, want string
		ok            bool
	}{
		{"archive/", "https://example.org/xszg/archive/example.org-xszg-2024-v1.zip", true},
		{"https://files.example.org/a/", "https://files.example.org/a/example.org-xszg-2024-v1.zip", true},
		{"", "", true},
		{"archive", "", false},
		{"/archive/", "", false},
		{"../archive/", "", false},
		{"a/../../b/", "", false},
		{"https:///x/", "", false},
		{"archive/?x=1/", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.bundles, func(t *testing.T) {
			src := "title = \"t\"\nbase_url = \"https://example.org/xszg/\"\n"
			if tt.bundles != "" {
				src += "bundles = \"" + tt.bundles + "\"\n"
			}
			s, problems := parseSettings([]byte(src))
			if tt.ok != !problems.HasErrors() {
				t.Fatalf("problems %v, want ok = %v", problems, tt.ok)
			}
			if !tt.ok {
				if p := problems[0]; p.Line != 3 || !strings.Contains(p.Message, "bundles") {
					t.Errorf("got %v, want a problem at line 3 naming bundles", p)
				}
				return
			}
			if got := s.BundleURL("example.org-xszg-2024-v1.zip"); got != tt.want {
				t.Errorf("BundleURL = %q, want %q", got, tt.want)
			}
		})
	}
}

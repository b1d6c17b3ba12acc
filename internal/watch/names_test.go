package watch

import "testing"

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"zhejiang.md", false},
		{"site.toml", false},
		{"2025", false},
		{"style.css", false},
		{"4912", false},
		{"zhejiang.md~", true},                  // Vim, Emacs backups
		{".zhejiang.md.swp", true},              // Vim swap
		{"zhejiang.md.swo", true},               // Vim swap, elsewhere
		{"4913", true},                          // Vim's test file
		{"5036", true},                          // Vim's next test file
		{"5037", false},                         // not one of Vim's
		{"04913", false},                        // not how Vim writes it
		{".#zhejiang.md", true},                 // Emacs lock
		{"#zhejiang.md#", true},                 // Emacs auto-save
		{".goutputstream-ABC123", true},         // GNOME (gedit)
		{"zhejiang.md___jb_tmp___", true},       // JetBrains
		{"zhejiang.md___jb_old___", true},       // JetBrains
		{".DS_Store", true},                     // hidden
		{"zhejiang.md.crswap", true},            // Chromium's File System Access
		{"notice.kate-swp", true},               // Kate
		{"#not-closed.md", false},               // a # alone is a name
		{"zhejiang.swp.md", false},              // the extension is .md
		{"年度通报.md", false},                      // Chinese names are names
		{"~tilde-first.md", false},              // only a trailing ~ is a backup
		{"note.md.tmp.md", false},               // .md at the end
		{"content___jb_tmp___.md", false},       // suffix only
		{"9999999999999999999999999999", false}, // too long for an int
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Ignored(tt.name); got != tt.want {
				t.Errorf("Ignored(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

func FuzzIgnored(f *testing.F) {
	for _, s := range []string{"a.md", "4913", ".x.swp", "x~", "#x#", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		// Ignoring never depends on the folder: a name and the same name
		// below a folder are alike.
		if Ignored(name) && len(name) > 0 && name[0] != '.' && !Ignored("x"+name) && name[len(name)-1] != '#' && !vimTestFile(name) {
			t.Errorf("Ignored(%q) but not Ignored(%q)", name, "x"+name)
		}
	})
}

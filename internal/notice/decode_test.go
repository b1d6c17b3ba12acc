package notice

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// decodeSeeds are front matters that reach every branch of decodeFront:
// every field, arrays of tables written both ways, empty arrays, values
// of the wrong type, keys in another case, and TOML mistakes.
var decodeSeeds = []string{
	valid[strings.Index(valid, "\n")+1 : strings.Index(valid, "\n+++\n")],
	"",
	"title = \"x\"\ntitle_lines = [\"a\", \"b\"]\ndraft = true\nslug = \"s\"\npunctuation = \"half\"\n",
	"title_lines = []\nstatistics = []\n[inspection]\nform = []\nnamed = []\n",
	"statistics = [{label = \"a\", value = 1, unit = \"人\"}, {label = \"b\", value = 1.5}]\n",
	"[inspection]\nkind = \"巡视\"\nform = [\"提级\", \"交叉\"]\ngroup = \"g\"\norganization = \"o\"\nround = \"r\"\nlevel = \"省\"\ngroups = 4\nunits = 12\nnamed = [\"a\", \"b\"]\nstart = 2024-01-02\nend = \"2024-02-03\"\nfeedback = 2024-03-04T01:02:03\n",
	"[contact]\ntext = \"t\"\ninvitation = \"i\"\nphone = \"p\"\nmailbox = \"m\"\nemail = \"e\"\n[signature]\norganization = \"o\"\ndate = 2025-01-02\ndate_text = \"二〇二五年一月二日\"\n",
	"[disclosure]\nindex_number = \"1\"\ndocument_number = \"2\"\npublisher = \"p\"\ntopic = \"t\"\nwritten_date = 2025-01-02\nmethod = \"m\"\nscope = \"s\"\nvalidity = \"v\"\nname = \"n\"\n",
	"disclosure = {}\ncontact = {}\n",
	"[[corrections]]\ndate = 2025-07-01\nwhat = \"a\"\nwhy = \"b\"\n[[corrections]]\nwhat = \"c\"\n",
	"[check]\n[[check.accept]]\nrule = \"r\"\ntext = \"t\"\nreason = \"x\"\n",
	"check = {accept = [{rule = \"r\"}]}\n",
	"date = {a = 1}\n[inspection]\nstart = [1, 2]\n",
	"[[statistics]]\nvalue = nan\n[[statistics]]\nvalue = \"4\"\n[[statistics]]\nvalue = true\n",
	// the wrong type: toml.Decode says so
	"title = 1\n",
	"draft = \"yes\"\n",
	"title_lines = \"a\"\n",
	"title_lines = [1]\n",
	"[[title_lines]]\n",
	"inspection = 1\n",
	"disclosure = \"x\"\n",
	"[statistics]\nlabel = \"a\"\n",
	"statistics = [1]\n",
	"[inspection]\ngroups = \"4\"\n",
	"[inspection]\nunits = 1.5\n",
	"[check]\naccept = {rule = \"r\"}\n",
	"title = 1\ndraft = 2\nsource = 3\n", // several: toml.Decode names one of them
	// keys it does not know, or in another case
	"Title = \"x\"\n",
	"sorce = \"x\"\n[inspection]\nextra = 1\n",
	"\"title\" = \"x\"\n",
	"[Inspection]\nKind = \"巡视\"\n",
	// TOML mistakes
	"title = \n",
	"title = \"a\"\ntitle = \"b\"\n",
	"[inspection\nkind = \"巡视\"\n",
}

// FuzzDecodeFront: decodeFront sets the FrontMatter toml.Decode sets, names
// the keys md.Undecoded names, and fails when toml.Decode does, with its
// error, for any text.
func FuzzDecodeFront(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add(s)
	}
	for _, glob := range []string{"../../content/*/*.md", "../../cmd/disclose/testdata/real/*.md"} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			if src, err := os.ReadFile(p); err == nil {
				if front, _, _, _, err := Split(src); err == nil {
					f.Add(string(front))
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, front string) {
		if len(front) > 4096 {
			return // the TOML library's time grows with the square of nesting
		}
		var want FrontMatter
		wmd, werr := toml.Decode(front, &want)
		var got FrontMatter
		gmd, unknown, gerr := decodeFront(front, &got)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%q: error %v, want %v", front, gerr, werr)
		}
		if werr != nil {
			if gerr.Error() != werr.Error() && !someError(front, gerr.Error()) {
				t.Fatalf("%q: error %q, want %q", front, gerr, werr)
			}
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\ngot  %#v\nwant %#v", front, got, want)
		}
		if g, w := keyNames(gmd.Keys()), keyNames(wmd.Keys()); g != w {
			t.Fatalf("%q: keys %s, want %s", front, g, w)
		}
		if g, w := keyNames(unknown), keyNames(wmd.Undecoded()); g != w {
			t.Fatalf("%q: unknown keys %s, want %s", front, g, w)
		}
	})
}

// someError reports whether toml.Decode into a FrontMatter fails with msg
// in one of many tries: with two values of the wrong type, the one it
// names depends on the order in which it walks a map.
func someError(front, msg string) bool {
	for range 100 {
		var fm FrontMatter
		if _, err := toml.Decode(front, &fm); err != nil && err.Error() == msg {
			return true
		}
	}
	return false
}

func keyNames(keys []toml.Key) string {
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestDecodeFrontFast: a front matter as notices write it is set without
// decoding it a second time into the FrontMatter; a key written in
// another case, or a value of the wrong type, is decoded again by
// toml.Decode.
func TestDecodeFrontFast(t *testing.T) {
	for _, tc := range []struct {
		front string
		fast  bool
	}{
		{decodeSeeds[0], true},
		{decodeSeeds[5], true},
		{"title = 1\n", false},
		{"Title = \"x\"\n", false},
		{"[inspection]\nextra = 1\n", false},
	} {
		var tree any
		if _, err := toml.Decode(tc.front, &tree); err != nil {
			t.Fatal(err)
		}
		var fm FrontMatter
		fast := fromTree(tree.(map[string]any), &fm)
		if fast != tc.fast {
			t.Errorf("%q: fromTree = %v, want %v", tc.front, fast, tc.fast)
		}
		_, unknown, err := decodeFront(tc.front, &fm)
		if tc.fast && (err != nil || unknown != nil) {
			t.Errorf("%q: %v, unknown %q", tc.front, err, unknown)
		}
	}
}

// FuzzLocateKeys: locateKeys, which cuts the lines of the front matter as
// it reads them, finds every key where locateKeysSplit, the former one,
// which cut them all first, finds it.
func FuzzLocateKeys(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add(s)
	}
	f.Add("title = \"a\"\n\n\n[inspection]\n\"kind\" = 'x'\n'group' = \"g\"")
	f.Fuzz(func(t *testing.T, front string) {
		if len(front) > 4096 {
			return
		}
		var tree any
		md, err := toml.Decode(front, &tree)
		if err != nil {
			return
		}
		if got, want := locateKeys(front, md.Keys()), locateKeysSplit(front, md.Keys()); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\ngot  %v\nwant %v", front, got, want)
		}
	})
}

// locateKeysSplit is locateKeys as it was: the text cut into its lines
// first.
func locateKeysSplit(front string, keys []toml.Key) []keyPos {
	lines := strings.Split(front, "\n")
	at := make([]keyPos, 0, len(keys))
	var buf [64]byte
	line, col := 0, 0
	for _, k := range keys {
		name := k[len(k)-1]
		l, c, ok := findKeySplit(lines, line, col, name)
		if !ok {
			continue
		}
		line, col = l, c+len(name)
		at = append(at, keyPos{key: dotted(k, buf[:0]), line: int32(l + 1), col: int32(c)})
	}
	return at
}

func findKeySplit(lines []string, line, col int, name string) (int, int, bool) {
	for l := line; l < len(lines); l++ {
		text := lines[l]
		from := 0
		if l == line {
			from = min(col, len(text))
		}
		if c, ok := keyIn(text, from, name); ok {
			return l, c, true
		}
		for _, q := range []byte{'"', '\''} {
			if c, ok := quotedKeyIn(text, from, name, q); ok {
				return l, c, true
			}
		}
	}
	return 0, 0, false
}

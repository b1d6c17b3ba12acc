package notice

import (
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"

	"disclose/internal/diag"
)

// Keys tells where each key of a TOML text is written in its file.
type Keys struct {
	file      *diag.File
	firstLine int // the file line on which the TOML text starts
	// at holds each key in the order written; once Keep has dropped the
	// file, the keys it kept, each where Pos told it (Col in characters).
	at   []keyPos
	path string // the file's, once Keep has dropped it
}

// LocateKeys indexes the keys of text, which starts on firstLine of file;
// keys are those the TOML parser reported for it, in order.
func LocateKeys(file *diag.File, firstLine int, text string, keys []toml.Key) Keys {
	return Keys{file: file, firstLine: firstLine, at: locateKeys(text, keys)}
}

// Keep returns Keys that tell where each of keys (dotted, "slug") is, as k
// tells it, and hold nothing else: not the file, whose text can then be
// freed. Pos of any other key is then the file's first line.
func (k Keys) Keep(keys ...string) Keys {
	kept := Keys{path: k.path, at: make([]keyPos, len(keys))}
	if k.file != nil {
		kept.path = k.file.Path
	}
	for i, key := range keys {
		at := k.Pos(strings.Split(key, ".")...)
		kept.at[i] = keyPos{key, int32(at.Line), int32(at.Col)}
	}
	return kept
}

// Pos returns where key (path elements, e.g. "inspection", "start") is
// written; for a key that is absent, where its nearest written parent is, or
// the line before the text (the "+++" fence).
func (k Keys) Pos(key ...string) diag.Pos {
	if k.file == nil {
		dotted := toml.Key(key).String()
		for _, at := range k.at {
			if at.key == dotted {
				return diag.Pos{Path: k.path, Line: int(at.line), Col: int(at.col)}
			}
		}
		return diag.Pos{Path: k.path, Line: 1, Col: 1}
	}
	for len(key) > 0 {
		if at := k.Entry(toml.Key(key).String(), 0); at.Line > 0 {
			return at
		}
		key = key[:len(key)-1]
	}
	return diag.Pos{Path: k.file.Path, Line: max(k.firstLine-1, 1), Col: 1}
}

// Entry returns where the i-th occurrence of key (dotted) is written, or a
// zero Pos. The entries of an array of tables ([[statistics]]) share their
// keys' names, and are told apart by i.
func (k Keys) Entry(key string, i int) diag.Pos {
	if k.file == nil {
		return diag.Pos{}
	}
	for _, at := range k.at {
		if at.key != key {
			continue
		}
		if i == 0 {
			return k.file.LinePos(k.firstLine+int(at.line)-1, int(at.col))
		}
		i--
	}
	return diag.Pos{}
}

// keyPos is where a key of the front matter is written: 1-based line within
// the front matter and 0-based byte column. A notice's front matter has a
// few dozen keys, and a build keeps them for every notice of the site: a
// slice of small entries, searched in order, is the compact way.
type keyPos struct {
	key       string // dotted
	line, col int32
}

// locateKeys finds where each key the TOML parser reported is written. The
// TOML library keeps key positions to itself, but it does give every key in
// the order it appears, so one forward scan over the text finds each in turn:
// the next occurrence of its last name that reads as a key (followed by "=",
// "." or "]").
func locateKeys(front string, keys []toml.Key) []keyPos {
	lines := strings.Split(front, "\n")
	at := make([]keyPos, 0, len(keys))
	line, col := 0, 0
	for _, k := range keys {
		name := k[len(k)-1]
		l, c, ok := findKey(lines, line, col, name)
		if !ok {
			continue
		}
		line, col = l, c+len(name)
		key := k.String()
		if known, ok := knownKeys[key]; ok {
			key = known // one string for every notice's copy of this key
		}
		at = append(at, keyPos{key: key, line: int32(l + 1), col: int32(c)})
	}
	return at
}

// knownKeys holds every key the front matter may have, dotted
// ("inspection.start"), each once: a build keeps the key positions of every
// notice of the site, and their names are the same in all. It is made once,
// from FrontMatter's toml tags, and never changed.
var knownKeys = keysOf(reflect.TypeFor[FrontMatter](), "", map[string]string{})

func keysOf(t reflect.Type, prefix string, keys map[string]string) map[string]string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return keys
	}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		keys[prefix+name] = prefix + name
		if _, leaf := reflect.New(f.Type).Interface().(toml.Unmarshaler); !leaf {
			keysOf(f.Type, prefix+name+".", keys)
		}
	}
	return keys
}

// findKey returns the first place at or after line, col where name is
// written as a key, bare or quoted.
func findKey(lines []string, line, col int, name string) (int, int, bool) {
	for l := line; l < len(lines); l++ {
		text := lines[l]
		from := 0
		if l == line {
			from = min(col, len(text))
		}
		for _, quoted := range []string{name, `"` + name + `"`, `'` + name + `'`} {
			if c, ok := keyIn(text, from, quoted); ok {
				return l, c, true
			}
		}
	}
	return 0, 0, false
}

// keyIn finds token in text at or after from, standing where a key stands.
func keyIn(text string, from int, token string) (int, bool) {
	if token == "" {
		return 0, false
	}
	for from <= len(text) {
		i := strings.Index(text[from:], token)
		if i < 0 {
			return 0, false
		}
		start, end := from+i, from+i+len(token)
		before := byte(' ')
		if start > 0 {
			before = text[start-1]
		}
		after := strings.TrimLeft(text[end:], " \t")
		if strings.IndexByte(" \t[.{,", before) >= 0 && after != "" && strings.IndexByte("=.]", after[0]) >= 0 {
			return start, true
		}
		from = end
	}
	return 0, false
}

package notice

import (
	"reflect"
	"strings"
	"sync"

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
	// lazy, when set, holds the keys of a notice's front matter, found
	// in its text (at) only when a position is first asked for
	// (located): most notices are read, checked and rendered with no
	// problem in their front matter, and never ask.
	lazy *lazyKeys
}

// lazyKeys are the keys of the TOML text at bytes [off, off+n) of a
// Keys' file, in the order written (never changed), located at the first
// call of located.
type lazyKeys struct {
	once   sync.Once
	off, n int
	keys   []toml.Key
	at     []keyPos
}

// frontKeys is LocateKeys for the front matter at bytes [off, off+n) of
// file, whose keys are located when a position is first asked for: the
// file's source must then still hold the text (Notice.OwnSource gives the
// notice a copy of its own before the caller's buffer is reused).
func frontKeys(file *diag.File, firstLine, off, n int, keys []toml.Key) Keys {
	return Keys{file: file, firstLine: firstLine, lazy: &lazyKeys{off: off, n: n, keys: keys}}
}

// located returns where each key is written, locating them first if that
// is still to do.
func (k Keys) located() []keyPos {
	l := k.lazy
	if l == nil {
		return k.at
	}
	l.once.Do(func() { l.at = locateKeys(string(k.file.Source()[l.off:l.off+l.n]), l.keys) })
	return l.at
}

// mayHold reports whether key or one of its parents may be among the
// keys written: false only when none of the keys the TOML parser reported
// starts with key's first name, and Pos then tells where key is without
// locating the keys.
func (k Keys) mayHold(key []string) bool {
	if k.lazy == nil {
		return true
	}
	for _, w := range k.lazy.keys {
		if w[0] == key[0] {
			return true
		}
	}
	return false
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
	for len(key) > 0 && k.mayHold(key) {
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
	for _, at := range k.located() {
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
	at := make([]keyPos, 0, len(keys))
	var buf [64]byte
	var from textPos // where the next key is looked for
	for _, k := range keys {
		name := k[len(k)-1]
		p, ok := findKey(front, from, name)
		if !ok {
			continue
		}
		from = p
		from.col += len(name)
		at = append(at, keyPos{key: dotted(k, buf[:0]), line: int32(p.line + 1), col: int32(p.col)})
	}
	return at
}

// textPos is a place in a text: the 0-based line, the byte offset at
// which that line starts, and the 0-based byte column.
type textPos struct{ line, start, col int }

// dotted is k.String(), the key's names joined by dots, as knownKeys
// holds it when it is one of them: one string for every notice's copy of
// the key, and none made to look it up. buf is room to join it in.
func dotted(k toml.Key, buf []byte) string {
	for i, name := range k {
		if !bare(name) {
			return k.String() // quoted: no known key
		}
		if i > 0 {
			buf = append(buf, '.')
		}
		buf = append(buf, name...)
	}
	if known, ok := knownKeys[string(buf)]; ok {
		return known
	}
	return k.String()
}

// bare reports whether name is written as a bare TOML key: A-Z a-z 0-9
// _ and -, and no other.
func bare(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return name != ""
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

// findKey returns the first place at or after from where name is written
// as a key, bare or quoted. The lines of front are cut as they are read.
func findKey(front string, from textPos, name string) (textPos, bool) {
	for p := from; p.start <= len(front); p.line, p.col = p.line+1, 0 {
		text := front[p.start:]
		end := strings.IndexByte(text, '\n')
		if end >= 0 {
			text = text[:end]
		}
		col := min(p.col, len(text))
		if c, ok := keyIn(text, col, name); ok {
			return textPos{p.line, p.start, c}, true
		}
		for _, q := range []byte{'"', '\''} {
			if c, ok := quotedKeyIn(text, col, name, q); ok {
				return textPos{p.line, p.start, c}, true
			}
		}
		if end < 0 {
			break
		}
		p.start += end + 1
	}
	return textPos{}, false
}

// quotedKeyIn is keyIn(text, from, q+name+q), without making the token:
// the token is found where name is, between two q.
func quotedKeyIn(text string, from int, name string, q byte) (int, bool) {
	for j := from + 1; j+len(name) < len(text); { // name at j, the token at j-1
		k := strings.Index(text[j:], name)
		if k < 0 {
			return 0, false
		}
		j += k
		end := j + len(name)
		if end >= len(text) {
			return 0, false
		}
		if text[j-1] != q || text[end] != q {
			j++
			continue
		}
		if start := j - 1; isKeyAt(text, start, end+1) {
			return start, true
		}
		j = end + 2 // keyIn goes on after the token
	}
	return 0, false
}

// isKeyAt reports whether text[start:end] stands where a key stands.
func isKeyAt(text string, start, end int) bool {
	before := byte(' ')
	if start > 0 {
		before = text[start-1]
	}
	after := strings.TrimLeft(text[end:], " \t")
	return strings.IndexByte(" \t[.{,", before) >= 0 && after != "" && strings.IndexByte("=.]", after[0]) >= 0
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
		if isKeyAt(text, start, end) {
			return start, true
		}
		from = end
	}
	return 0, false
}

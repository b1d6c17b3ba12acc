package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"disclose/internal/notice"
	"disclose/internal/site"
)

// guidePath is the Chinese guide through the year's work. It must not
// drift from the program: every command and flag it names must exist,
// every key it names must be one a notice or the site settings read, and
// its examples must check clean.
const guidePath = "../../docs/使用说明.md"

// pendingCommands are commands the guide documents that another branch
// adds; until it is merged, a missing one is tolerated (and its flags
// checked once it exists). Remove an entry once its command is on main.
var pendingCommands = map[string]string{}

func readGuide(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// guideCommandRE finds a command the guide names: in an inline code span
// or on an indented command line.
var guideCommandRE = regexp.MustCompile("(?m)(?:`|^    )disclose ([a-z]+)([^`\n]*)")

// TestGuideCommands: every "disclose CMD --flag" of the guide is a command
// with that flag.
func TestGuideCommands(t *testing.T) {
	guide := readGuide(t)
	matches := guideCommandRE.FindAllStringSubmatch(guide, -1)
	if len(matches) < 15 {
		t.Fatalf("found %d commands in the guide, want the year's work", len(matches))
	}
	named := map[string]bool{}
	for _, m := range matches {
		cmd, rest := m[1], m[2]
		named[cmd] = true
		if cmd == "help" {
			continue
		}
		flags, ok := commandFlags(cmd)
		if !ok {
			if _, pending := pendingCommands[cmd]; !pending {
				t.Errorf("the guide names %q: disclose has no command %s", m[0], cmd)
			}
			continue
		}
		for _, f := range regexp.MustCompile(`(?:^|\s)--?([a-z][a-z0-9-]*)`).FindAllStringSubmatch(rest, -1) {
			if f[1] != "h" && !slices.Contains(flags, f[1]) {
				t.Errorf("the guide names %q: disclose %s has no flag -%s (it has %v)", m[0], cmd, f[1], flags)
			}
		}
	}
	for _, cmd := range []string{"build", "serve", "check", "new", "import", "archive", "verify", "init"} {
		if !named[cmd] {
			t.Errorf("the guide never names disclose %s", cmd)
		}
	}
}

// commandFlags returns the flags "disclose CMD -h" lists, or false when
// there is no such command.
func commandFlags(cmd string) ([]string, bool) {
	var stdout, stderr bytes.Buffer
	if run(context.Background(), []string{cmd, "-h"}, &stdout, &stderr) != exitOK {
		return nil, false
	}
	var flags []string
	for _, m := range regexp.MustCompile(`(?m)^  -([a-z][a-z0-9-]*)`).FindAllStringSubmatch(stderr.String()+stdout.String(), -1) {
		flags = append(flags, m[1])
	}
	return flags, true
}

// guideKeyRE finds a key the guide names in an inline code span: `title`,
// `inspection.start`, `[inspection]`, `[[statistics]]`, `date = …`.
var guideKeyRE = regexp.MustCompile("`(\\[{0,2})([a-z_]+(?:\\.[a-z_]+)*)(\\]{0,2})( = [^`]*)?`")

// TestGuideKeys: every key or table the guide names in the tables that
// explain them, and every "key = value" it writes, is one a notice, the
// site settings or a seal record reads.
func TestGuideKeys(t *testing.T) {
	known := map[string]bool{}
	for _, v := range []any{notice.FrontMatter{}, site.Settings{}, site.Seal{}} {
		tomlKeys(reflect.TypeOf(v), "", known)
	}
	guide := readGuide(t)
	checked := 0
	for _, line := range strings.Split(guide, "\n") {
		// The tables of fields, where every word in code is a key but
		// for the values true and false; elsewhere, a key written with
		// its value or as a [table].
		field := strings.HasPrefix(line, "| `")
		for _, m := range guideKeyRE.FindAllStringSubmatch(line, -1) {
			key := m[2]
			if !field && m[1] == "" && m[4] == "" || key == "true" || key == "false" {
				continue // a word in code, not a key
			}
			checked++
			if !known[key] && !known[key[strings.LastIndexByte(key, '.')+1:]] {
				t.Errorf("the guide names `%s%s%s`: no notice, site setting or seal record has such a key", m[1], key, m[3])
			}
		}
	}
	if checked < 40 {
		t.Errorf("checked %d keys of the guide, want every field of its tables", checked)
	}
}

// tomlKeys adds to known every key path of type t (and, for a nested key,
// its last part alone), as its toml tags name them.
func tomlKeys(t reflect.Type, prefix string, known map[string]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return
	}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		path := prefix + name
		known[path], known[name] = true, true
		if !reflect.PointerTo(f.Type).Implements(reflect.TypeFor[interface{ UnmarshalTOML(any) error }]()) {
			tomlKeys(f.Type, path+".", known)
		}
	}
}

// TestGuideExamples: the guide's content/site.toml and its notice make a
// site that checks clean, and its [[check.accept]] and [[corrections]]
// examples read in a notice without a problem of the front matter.
func TestGuideExamples(t *testing.T) {
	guide := readGuide(t)
	blocks := regexp.MustCompile("(?s)```(?:toml)?\n(.*?)```").FindAllStringSubmatch(guide, -1)
	var settings, page string
	var fragments []string
	for _, b := range blocks {
		switch text := b[1]; {
		case strings.HasPrefix(text, "# content/site.toml\n"):
			settings = text
		case strings.HasPrefix(text, "+++\n"):
			page = text
		default:
			fragments = append(fragments, text)
		}
	}
	if settings == "" || page == "" || len(fragments) < 2 {
		t.Fatalf("the guide's examples: settings %t, a notice %t, %d fragments; want all", settings != "", page != "", len(fragments))
	}
	dir := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/site.toml", settings)
	write("content/2026/mszx-2026-03-20.md", page)
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"check", "--site", dir}, &stdout, &stderr); code != exitOK || strings.Contains(stdout.String(), ": warning: ") {
		t.Errorf("the guide's site and notice: check exit %d, want 0 and no finding:\n%s%s", code, stdout.String(), stderr.String())
	}
	for _, f := range fragments {
		front, _, _ := strings.Cut(strings.TrimPrefix(page, "+++\n"), "\n+++\n")
		src := "+++\n" + front + "\n" + f + "+++\n\n正文。\n"
		_, problems := notice.Parse("content/2026/a.md", []byte(src))
		for _, d := range problems {
			if d.Rule == "front-matter" || strings.Contains(d.Message, "corrections") || strings.Contains(d.Message, "接受") {
				t.Errorf("the guide's example\n%s\nreads as: %s", f, d)
			}
		}
	}
}

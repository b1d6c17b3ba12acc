package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The module's root, seen from this package's folder.
const moduleRoot = "../.."

const architectureDoc = "docs/architecture.md"

// TestArchitectureDocNamesEachPackage: docs/architecture.md has a section
// for every package of cmd/, internal/ and templates/, and every path
// under internal/ it names exists, so that the page cannot keep a package
// that is gone or miss one that was added.
func TestArchitectureDocNamesEachPackage(t *testing.T) {
	doc := readDoc(t)
	pkgs := packageDirs(t, goFiles(t))
	for _, p := range pkgs {
		if !strings.Contains(doc, "\n### "+p+"\n") {
			t.Errorf("%s has no section \"### %s\"; write one paragraph for it", architectureDoc, p)
		}
	}
	for _, m := range regexp.MustCompile(`### (\S+)`).FindAllStringSubmatch(doc, -1) {
		if !slices.Contains(pkgs, m[1]) {
			t.Errorf("%s has a section for %s, which is not a package: got packages %v", architectureDoc, m[1], pkgs)
		}
	}
	for _, p := range regexp.MustCompile(`internal/[a-z0-9_]+(?:/[a-z0-9_.]+)*`).FindAllString(doc, -1) {
		if _, err := os.Stat(filepath.Join(moduleRoot, filepath.FromSlash(p))); err != nil {
			t.Errorf("%s names %s, which does not exist", architectureDoc, p)
		}
	}
}

// TestArchitectureDocGraph: the arrows of the picture in
// docs/architecture.md are the imports of the code, no more, no fewer.
func TestArchitectureDocGraph(t *testing.T) {
	drawn := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s+(\w+) --> (\w+)$`).FindAllStringSubmatch(readDoc(t), -1) {
		drawn[m[1]+" --> "+m[2]] = true
	}
	if len(drawn) == 0 {
		t.Fatalf("found no arrows (a --> b) in %s", architectureDoc)
	}
	real := map[string]bool{}
	files := goFiles(t)
	for _, p := range packageDirs(t, files) {
		for _, imp := range imports(t, files, p) {
			if dep, ok := strings.CutPrefix(imp, "disclose/"); ok {
				real[node(p)+" --> "+node(dep)] = true
			}
		}
	}
	for e := range real {
		if !drawn[e] {
			t.Errorf("%s lacks the arrow %s: the code has that import", architectureDoc, e)
		}
	}
	for e := range drawn {
		if !real[e] {
			t.Errorf("%s draws %s, an import the code does not have", architectureDoc, e)
		}
	}
}

// TestSystemCallsOnlyInPlatformFiles: only the platform files of output
// and site make raw system calls; everything else goes through them or
// the os package.
func TestSystemCallsOnlyInPlatformFiles(t *testing.T) {
	platform := regexp.MustCompile(`_(linux|unix|darwin|windows|freebsd|openbsd|netbsd|other)(_test)?\.go$`)
	for _, name := range goFiles(t) {
		dir := path.Dir(name)
		for _, imp := range fileImports(t, name) {
			if imp != "syscall" && !strings.HasPrefix(imp, "golang.org/x/sys/") {
				continue
			}
			if (dir != "internal/output" && dir != "internal/site") || !platform.MatchString(name) {
				t.Errorf("%s imports %s: raw system calls belong in the platform files (_unix.go, _linux.go, _other.go) of internal/output or internal/site", name, imp)
			}
		}
	}
}

// TestNoPageMarkupInGo: the templates are the only description of a page
// (issue 14): no Go file but tests writes page markup. goldmark's renderer
// of a notice's body (internal/markdown) is the one exception: it turns the
// body's Markdown into HTML, which no template can do.
func TestNoPageMarkupInGo(t *testing.T) {
	markup := regexp.MustCompile(`<(html|head|body|meta|link|script|article|section|nav|header|footer|main|aside|h[1-6]|p|div|span|ul|ol|li|table|tr|td|th|dl|dt|dd|a|time|pre|strong|details|summary)[\s>]`)
	for _, name := range goFiles(t) {
		if strings.HasSuffix(name, "_test.go") || path.Dir(name) == "internal/markdown" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(moduleRoot, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if m := markup.Find(data); m != nil {
			t.Errorf("%s writes page markup (%q): describe it in a template instead", name, m)
		}
	}
}

func readDoc(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(moduleRoot, architectureDoc))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// goFiles lists the module's Go files, slash-separated and relative to
// its root, testdata and hidden folders left out.
func goFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(moduleRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && p != moduleRoot && (name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(name, ".go") {
			rel, err := filepath.Rel(moduleRoot, p)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// packageDirs lists the folders of cmd/, internal/ and templates that
// hold a package (a Go file that is not a test) among files.
func packageDirs(t *testing.T, files []string) []string {
	t.Helper()
	var dirs []string
	for _, f := range files {
		dir := path.Dir(f)
		inScope := dir == "templates" || strings.HasPrefix(dir, "cmd/") || strings.HasPrefix(dir, "internal/")
		if inScope && !strings.HasSuffix(f, "_test.go") && !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	if len(dirs) == 0 {
		t.Fatal("found no packages")
	}
	slices.Sort(dirs)
	return dirs
}

// imports lists what the non-test files among files of the package in
// dir import.
func imports(t *testing.T, files []string, dir string) []string {
	t.Helper()
	var all []string
	for _, f := range files {
		if path.Dir(f) == dir && !strings.HasSuffix(f, "_test.go") {
			all = append(all, fileImports(t, f)...)
		}
	}
	return all
}

func fileImports(t *testing.T, name string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(moduleRoot, filepath.FromSlash(name)), nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// node is the name of the package in dir in the picture.
func node(dir string) string {
	if dir == "cmd/disclose" {
		return "disclose"
	}
	return path.Base(dir)
}

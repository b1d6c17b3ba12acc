package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"disclose/internal/diag"
	"disclose/internal/importer"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// runImport is "disclose import": a published notice (text or .docx) in,
// a source file out, and a report of what was recognised.
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", "import [--site DIR] [--out FILE|-] [--slug SLUG] [--force] INPUT", stderr)
	siteDir := fs.String("site", ".", "the site `folder`: the notice goes to its content/<year>/<slug>.md")
	out := fs.String("out", "", "write the notice to `FILE` instead (a relative path is in the site folder), or to standard output with -")
	slug := fs.String("slug", "", "the notice's `slug`, its name in the URL (default: made from the inspection and the date)")
	force := fs.Bool("force", false, "overwrite a file that exists")
	if code, ok := parse(fs, args, 1); !ok {
		return code
	}
	input := fs.Arg(0)
	if *slug != "" && !slugOK(*slug) {
		fmt.Fprintf(stderr, "disclose import: slug %q: use lower-case letters a-z, digits and hyphens, e.g. zhejiang-fulian (网址名只能用小写字母、数字和连字符)\n", *slug)
		return exitUsage
	}
	data, err := os.ReadFile(input)
	if err != nil {
		fmt.Fprintf(stderr, "disclose import: %v\n", err)
		return exitProblems
	}
	r, problems := importer.File(filepath.Base(input), data, importer.Options{Slug: *slug})
	if r == nil {
		report(stderr, problems)
		return exitProblems
	}
	dest, code := writeImport(r, *siteDir, *out, *force, stdout, stderr)
	if code != exitOK {
		report(stderr, problems)
		return code
	}
	printImport(stdout, stderr, r, problems, dest)
	return exitOK
}

// writeImport writes the notice where it belongs, and returns where.
func writeImport(r *importer.Result, siteDir, out string, force bool, stdout, stderr io.Writer) (string, int) {
	if out == "-" {
		_, err := stdout.Write(r.Source)
		return "", errCode(stderr, err)
	}
	switch {
	case out == "":
		year := r.Year
		if year == 0 {
			// No date anywhere in the text: the notice is a draft with an
			// empty date, filed under this year until the editor dates it.
			year = time.Now().In(notice.ChinaTime).Year()
			fmt.Fprintf(stderr, "disclose import: 未找到日期, 通报放在 content/%d/ 中: 请填写 date, 如年份不同请移动文件 (the text gives no date: the notice goes to this year's folder; fill in date and move it if the year differs)\n", year)
		}
		out = filepath.Join(siteDir, site.ContentDir, strconv.Itoa(year), r.Slug+".md")
	case !filepath.IsAbs(out):
		out = filepath.Join(siteDir, out)
	}
	if err := writeNew(out, r.Source, force); err != nil {
		fmt.Fprintf(stderr, "disclose import: %v\n", err)
		return "", exitProblems
	}
	return out, exitOK
}

func errCode(stderr io.Writer, err error) int {
	if err != nil {
		fmt.Fprintf(stderr, "disclose import: %v\n", err)
		return exitProblems
	}
	return exitOK
}

// writeNew writes data to path, never over an existing file unless force:
// then through a temporary file renamed over it, so that a failed write
// leaves the old file whole.
func writeNew(path string, data []byte, force bool) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if !force {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists: give --force to overwrite it, or --slug for another name (文件已存在, 未覆盖)", path)
		}
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			os.Remove(path)
			return err
		}
		return f.Close()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".import-*.md")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err = errors.Join(err, tmp.Close()); err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// printImport says what was recognised, what was not, and where the
// notice went.
func printImport(stdout, stderr io.Writer, r *importer.Result, problems diag.List, dest string) {
	w := stdout
	if dest == "" {
		w = stderr // the notice itself is on standard output
	}
	for _, f := range r.Found {
		fmt.Fprintln(w, "recognised", f)
	}
	report(stderr, problems)
	if dest == "" {
		return
	}
	state := "ready to build (可直接构建)"
	if !r.Complete {
		state = "a draft: fill in what was not recognised, then set draft = false (草稿: 请补全后将 draft 改为 false)"
	}
	fmt.Fprintf(stdout, "wrote %s: %s\n", dest, state)
}

func slugOK(s string) bool {
	if len(s) == 0 || len(s) > 100 || s[0] == '-' {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

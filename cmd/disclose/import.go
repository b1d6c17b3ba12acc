package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"disclose/internal/diag"
	"disclose/internal/importer"
	"disclose/internal/notice"
	"disclose/internal/output"
	"disclose/internal/site"
)

// runImport is "disclose import": a published notice (text or .docx) in,
// a source file out, and a report of what was recognised.
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", "import [--site DIR] [--out FILE|-] [--slug SLUG] [--force] INPUT", stderr)
	siteDir := fs.String("site", ".", "网站文件夹: 通报写入其中的 content/<年度>/<网址名>.md; the site `folder`: the notice goes to its content/<year>/<slug>.md")
	out := fs.String("out", "", "改写到此文件 (相对路径在网站文件夹中), 写 - 则输出到标准输出; write the notice to `FILE` instead (a relative path is in the site folder), or to standard output with -")
	slug := fs.String("slug", "", "通报的网址名 (默认: 单位名称拼音首字母加日期, 如 zjsfnlhh-2025-06-17, 同一天已有时加 -2、-3 …); the notice's `slug`, its name in the URL (default: the organisation's pinyin initials and the date)")
	force := fs.Bool("force", false, "覆盖已有的文件; overwrite a file that exists")
	if code, ok := parse(fs, args, 1); !ok {
		return code
	}
	input := fs.Arg(0)
	if *slug != "" && !notice.ValidSlug(*slug) {
		fmt.Fprintf(stderr, "disclose import: 网址名 --slug %q 不可用: %s\n", *slug, notice.SlugHint)
		return exitUsage
	}
	data, err := os.ReadFile(input)
	if err != nil {
		fmt.Fprintf(stderr, "disclose import: 无法读取 %s: %v\n", input, err)
		return exitProblems
	}
	opts := importer.Options{Slug: *slug}
	if *out == "" && !*force {
		// A default slug in use gets a suffix; --force overwrites it.
		opts.Taken = func(year int, s string) bool {
			_, err := os.Lstat(filepath.Join(*siteDir, site.ContentDir, strconv.Itoa(year), s+".md"))
			return err == nil
		}
	}
	r, problems := importer.File(filepath.Base(input), data, opts)
	if r == nil {
		report(stderr, problems)
		return exitProblems
	}
	dest, code := writeImport(r, *siteDir, *out, *force, stdout, stderr)
	if code != exitOK {
		// What the input holds is still worth knowing; that the notice
		// was saved as a draft (importer's notes of rule "draft") is not
		// true.
		report(stderr, slices.DeleteFunc(problems, func(d diag.Diagnostic) bool { return d.Rule == "draft" }))
		fmt.Fprintln(stderr, "disclose import: 未写入任何文件 (nothing was written)")
		return code
	}
	printImport(stdout, stderr, r, problems, dest)
	return exitOK
}

// writeImport writes the notice where it belongs, and returns where.
func writeImport(r *importer.Result, siteDir, out string, force bool, stdout, stderr io.Writer) (dest string, code int) {
	written := false
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
			defer func() {
				if written {
					fmt.Fprintf(stderr, "disclose import: 未找到日期, 通报放在 content/%d/ 中: 请填写 date, 如年份不同请移动文件; the text gives no date: the notice goes to this year's folder; fill in date and move it if the year differs\n", year)
				}
			}()
		}
		out = filepath.Join(siteDir, site.ContentDir, strconv.Itoa(year), r.Slug+".md")
	case !filepath.IsAbs(out):
		out = filepath.Join(siteDir, out)
	}
	if err := writeNew(out, r.Source, force); err != nil {
		fmt.Fprintf(stderr, "disclose import: %v\n", err)
		return "", exitProblems
	}
	written = true
	return out, exitOK
}

func errCode(stderr io.Writer, err error) int {
	if err != nil {
		fmt.Fprintf(stderr, "disclose import: %v\n", err)
		return exitProblems
	}
	return exitOK
}

// writeNew writes data to path, never over an existing file unless force.
// Either way the file is written whole or not at all.
func writeNew(path string, data []byte, force bool) error {
	if force {
		return output.WriteFile(path, data)
	}
	err := output.CreateFile(path, data)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%[1]s 已存在, 未覆盖: 加 --force 覆盖, 或用 --slug 另取网址名; %[1]s already exists: give --force to overwrite it, or --slug for another name", path)
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
		fmt.Fprintln(w, "已识别:", f)
	}
	report(stderr, problems)
	if dest == "" {
		return
	}
	state := "可直接构建; ready to build"
	if !r.Complete {
		state = "草稿: 请按上方提示补全或修正后将 draft 改为 false; a draft: fill in or correct what the warnings above name, then set draft = false"
	}
	fmt.Fprintf(stdout, "已写出 %s: %s\n", dest, state)
}

package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"disclose/internal/check"
)

// runCheck proofreads the notices of a site and prints every finding.
// Exit 1 when any is an error, in a draft too.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "check [--site DIR] [--format text|json] [--fix] [FILE...]", stderr)
	siteDir := fs.String("site", ".", "网站文件夹, 其中有 content/; the site `folder`, holding content/")
	format := fs.String("format", "text", "输出格式: text 或 json; output `format`: text or json")
	fix := fs.Bool("fix", false, "直接改正排版小错 (标点、空格、〔〕) 并列出改动; rewrite the typographic slips in place (punctuation, spaces, 〔〕) and say what changed")
	if code, ok := parse(fs, args, -1); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "disclose check: 输出格式 --format %[1]q 无法识别, 请写 text 或 json; --format %[1]q: write text or json\n", *format)
		return exitUsage
	}
	files, err := siteFiles(*siteDir, fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "disclose check: %v\n", err)
		return exitUsage
	}
	report, err := check.Run(*siteDir, check.Options{Files: files, Fix: *fix})
	if err != nil {
		fmt.Fprintf(stderr, "disclose check: %v\n", err)
		return exitProblems
	}
	if *format == "json" {
		err = report.JSON(stdout)
	} else {
		err = report.Text(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "disclose check: %v\n", err)
		return exitProblems
	}
	if errs, _ := report.Errors(); errs > 0 {
		return exitProblems
	}
	return exitOK
}

// siteFiles turns the files named on the command line into site-relative
// paths: a name that exists is taken from the current folder, any other
// from the site folder.
func siteFiles(siteDir string, args []string) ([]string, error) {
	root, err := filepath.Abs(siteDir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, a := range args {
		rel := filepath.Clean(a)
		if _, err := os.Stat(a); err == nil {
			abs, err := filepath.Abs(a)
			if err != nil {
				return nil, err
			}
			if rel, err = filepath.Rel(root, abs); err != nil {
				return nil, err
			}
		}
		if !filepath.IsLocal(rel) {
			return nil, fmt.Errorf("文件 %[1]s 不在网站文件夹 %[2]s 中; %[1]s is not inside the site folder %[2]s", a, siteDir)
		}
		files = append(files, filepath.ToSlash(rel))
	}
	return files, nil
}

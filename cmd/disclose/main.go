// Command disclose builds a website of public-disclosure notices (巡视/巡察
// 整改情况通报) from a site folder of Markdown and TOML. This file only
// parses flags and wires the internal packages together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"disclose/internal/budget"
	"disclose/internal/build"
	"disclose/internal/diag"
	"disclose/internal/scaffold"
	"disclose/internal/site"
)

func main() {
	budget.Set(budget.Default)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK       = 0
	exitProblems = 1 // the sources have problems, or the work failed
	exitUsage    = 2
)

const usage = `disclose builds a website of 巡视/巡察整改情况通报 from a site folder.

Usage:
  disclose init     start a new site in a folder: disclose init my-site
  disclose build    build the site into public/ (--site DIR, --out DIR, --drafts, --pdf)
  disclose serve    preview the site on this computer, drafts included, rebuilt on every save
  disclose check    proofread the notices (--format text|json, --fix, FILE...)
  disclose new      start a draft notice: disclose new 2026/my-notice
  disclose import   turn a published notice (text, .docx) into a source file
  disclose archive  seal one year into a checksummed ZIP: disclose archive --year 2024
  disclose verify   check that a sealed ZIP is intact
  disclose version  the version of this program, and the revision it was built from

Run "disclose help <command>" (or "disclose <command> -h") for a command's
flags. The commands work on the site in the current folder unless --site
names another one.
`

// commands are the commands "disclose help" explains.
var commands = []string{"init", "build", "serve", "check", "new", "import", "archive", "verify", "version"}

// runHelp is "disclose help [COMMAND]": the overview, or one command's
// usage and flags, on standard output.
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) == 0:
		fmt.Fprint(stdout, usage)
		return exitOK
	case len(args) > 1 || !slices.Contains(commands, args[0]):
		fmt.Fprintf(stderr, "disclose help: 没有这个命令 %q (no such command)\n\n%s", strings.Join(args, " "), usage)
		return exitUsage
	case args[0] == "version":
		fmt.Fprintln(stdout, "Usage: disclose version\n\n显示本程序的版本和构建所用的源码版本 (prints this program's version and the revision it was built from).")
		return exitOK
	}
	// A command's -h prints its usage on the writer it is given for errors.
	return run(ctx, []string{args[0], "-h"}, stdout, stdout)
}

// run is the whole program, minus the process: it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "new":
		return runNew(args[1:], stdout, stderr)
	case "import":
		return runImport(args[1:], stdout, stderr)
	case "archive":
		return runArchive(args[1:], stdout, stderr)
	case "verify":
		return runVerify(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "init":
		return runInit(args[1:], stdout, stderr)
	case "version", "--version":
		return runVersion(stdout)
	case "help", "-h", "--help":
		return runHelp(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "disclose: 没有 %[1]q 这个命令; unknown command %[1]q\n\n%[2]s", args[0], usage)
	return exitUsage
}

// newFlags makes a subcommand's flag set; errors and -h go to stderr.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: disclose %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, and says which exit code to return when parsing
// ended the command (bad flags, or -h). positional is how many arguments
// the command takes besides its flags; -1: any number, which it checks.
func parse(fs *flag.FlagSet, args []string, positional int) (int, bool) {
	err := fs.Parse(flagsFirst(fs, args))
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK, false
	case err != nil:
		return exitUsage, false
	case positional >= 0 && fs.NArg() != positional:
		fs.Usage()
		return exitUsage, false
	}
	return exitOK, true
}

// flagsFirst moves the flags of args before its other arguments, so that
// "disclose import notice.txt --slug x" means what it says: Go's flag
// package stops at the first argument that is not a flag. Everything after
// "--" stays an argument.
func flagsFirst(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if f := fs.Lookup(name); f != nil && !hasValue && !isBool(f) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return append(append(flags, "--"), rest...)
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "build [--site DIR] [--out DIR] [--drafts] [--pdf]", stderr)
	siteDir := fs.String("site", ".", "the site `folder`, holding content/ and, optionally, templates/")
	out := fs.String("out", "", "the output `folder` (default: the site folder's public/)")
	drafts := fs.Bool("drafts", false, "publish drafts too")
	var printPDFs pdfFlag
	fs.Var(&printPDFs, "pdf", "also print every notice to <year>/<slug>/<slug>.pdf with headless Chromium, linked from its page; "+
		"only notices whose page changed are printed again. A later build keeps the PDFs; --pdf=false removes them")
	if code, ok := parse(fs, args, 0); !ok {
		return code
	}
	if *out == "" {
		*out = filepath.Join(*siteDir, "public")
	}
	start := time.Now()
	problems, res, err := build.ToDiskPDF(*siteDir, *out, site.Options{Drafts: *drafts}, build.PDFOptions{Mode: printPDFs.mode()})
	reportSite(stderr, problems)
	if err != nil {
		if !errors.Is(err, build.ErrProblems) {
			fmt.Fprintf(stderr, "disclose build: %v\n", err)
		}
		fmt.Fprintf(stderr, "构建失败, %[1]s 未改动; build failed: %[1]s was left as it was\n", *out)
		return exitProblems
	}
	fmt.Fprintf(stdout, "已构建 %[1]s, 用时 %[2]v; built %[1]s in %[2]v\n", *out, time.Since(start).Round(time.Millisecond))
	return reportPDF(res, *out, stdout, stderr)
}

// reportSite prints every problem of a site's sources, one per line, then
// how many there were, as check does.
func reportSite(w io.Writer, problems diag.List) {
	for _, d := range problems {
		fmt.Fprintln(w, d.Report())
	}
	if len(problems) > 0 {
		fmt.Fprintln(w, problems.Summary())
	}
}

// report prints the problems of an input to import, one per line, then,
// when any is an error, how many there were, counted as check counts.
func report(w io.Writer, problems diag.List) {
	for _, d := range problems {
		fmt.Fprintln(w, d)
	}
	if problems.HasErrors() {
		fmt.Fprintln(w, problems.Summary())
	}
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", "new [--site DIR] <year>/<slug>", stderr)
	siteDir := fs.String("site", ".", "the site `folder`")
	if code, ok := parse(fs, args, 1); !ok {
		return code
	}
	path, err := scaffold.New(*siteDir, fs.Arg(0), time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "disclose new: %v\n", err)
		return exitProblems
	}
	fmt.Fprintf(stdout, "已创建草稿 %[1]s (draft = true): 请填写前置信息和正文; created %[1]s (draft = true): fill in the front matter and the text\n", path)
	return exitOK
}

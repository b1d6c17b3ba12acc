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
  disclose build    build the site into public/ (--site DIR, --out DIR, --drafts, --pdf)
  disclose serve    preview the site on this computer, drafts included, rebuilt on every save
  disclose check    proofread the notices (--format text|json, --fix, FILE...)
  disclose new      start a draft notice: disclose new 2026/my-notice
  disclose import   turn a published notice (text, .docx) into a source file
  disclose archive  seal one year into a checksummed ZIP: disclose archive --year 2024
  disclose verify   check that a sealed ZIP is intact

Run "disclose <command> -h" for a command's flags. The commands work on the
site in the current folder unless --site names another one.
`

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
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "disclose: unknown command %q\n\n%s", args[0], usage)
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
// ended the command (bad flags, or -h).
func parse(fs *flag.FlagSet, args []string, positional int) (int, bool) {
	err := fs.Parse(flagsFirst(fs, args))
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK, false
	case err != nil:
		return exitUsage, false
	case fs.NArg() != positional:
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
		fmt.Fprintf(stderr, "build failed: %s was left as it was (构建失败, 已发布内容未改动)\n", *out)
		return exitProblems
	}
	fmt.Fprintf(stdout, "built %s in %v\n", *out, time.Since(start).Round(time.Millisecond))
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
	fmt.Fprintf(stdout, "created %s (draft = true): fill in the front matter and the text (已创建草稿, 请填写)\n", path)
	return exitOK
}

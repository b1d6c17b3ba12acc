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

const usage = `disclose 把网站文件夹中的巡视/巡察整改情况通报生成为网站。
disclose builds a website of 巡视/巡察整改情况通报 from a site folder.

用法 (usage):
  disclose init     新建网站文件夹; start a new site: disclose init my-site
  disclose build    生成网站到 public/; build the site (--site DIR, --out DIR, --drafts, --pdf)
  disclose serve    在本机预览, 含草稿, 保存即更新; preview the site, drafts included, rebuilt on every save
  disclose check    校对通报; proofread the notices (--format text|json, --fix, FILE...)
  disclose new      新建通报草稿; start a draft notice: disclose new 2026/my-notice
  disclose import   把已发布的通报 (文本、.docx) 转为源文件; turn a published notice into a source file
  disclose archive  把一个年度封存为带校验值的 ZIP; seal one year: disclose archive --year 2024
  disclose verify   检查归档包是否完好; check that a sealed ZIP is intact
  disclose version  本程序的版本和源码版本; the version of this program and its revision

运行 "disclose help <命令>" (或 "disclose <命令> -h") 查看命令的选项; 不写 --site
时, 命令作用于当前文件夹中的网站.
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
		fmt.Fprintln(stdout, "用法 (usage): disclose version\n\n显示本程序的版本和构建所用的源码版本; prints this program's version and the revision it was built from.")
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
		fmt.Fprintf(stderr, "用法 (usage): disclose %s\n\n选项 (flags):\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, and says which exit code to return when parsing
// ended the command (bad flags, or -h). positional is how many arguments
// the command takes besides its flags; -1: any number, which it checks.
func parse(fs *flag.FlagSet, args []string, positional int) (int, bool) {
	// The flag package says what is wrong in English, then prints the
	// usage: both are held back, and the mistake is told Chinese first.
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(flagsFirst(fs, args))
	fs.SetOutput(out)
	fs.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return exitOK, false
	case err != nil:
		fmt.Fprintf(out, "disclose %[1]s: 选项有误, 请对照下面的用法; %[2]v\n", fs.Name(), err)
		fs.Usage()
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
	fs := newFlags("build", "build [--site DIR] [--out DIR] [--drafts] [--pdf[=false]]", stderr)
	siteDir := fs.String("site", ".", "网站文件夹, 其中有 content/, 可有 templates/; the site `folder`, holding content/ and, optionally, templates/")
	out := fs.String("out", "", "输出文件夹 (默认: 网站文件夹中的 public/); the output `folder` (default: the site folder's public/)")
	drafts := fs.Bool("drafts", false, "草稿也生成页面 (不进订阅、站点地图和 notices.json); publish drafts too")
	var printPDFs pdfFlag
	fs.Var(&printPDFs, "pdf", "同时用 Chromium 把每篇通报打印为 <年度>/<网址名>/<网址名>.pdf, 在通报页面上链接; also print every notice to <year>/<slug>/<slug>.pdf with headless Chromium, linked from its page; "+
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
	siteDir := fs.String("site", ".", "网站文件夹; the site `folder`")
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

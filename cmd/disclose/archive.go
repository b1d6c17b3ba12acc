package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"disclose/internal/bundle"
	"disclose/internal/notice"
	"disclose/internal/site"
)

// archiveArgs are the flags of disclose archive.
type archiveArgs struct {
	year                        int
	siteDir, out, location, day string
	reissue                     bool
	today                       bool // day is today's date, not given with --sealed
}

func runArchive(args []string, stdout, stderr io.Writer) int {
	a, code, ok := parseArchive(args, stderr)
	if !ok {
		return code
	}
	// 1. Make the bundle in memory.
	root, err := os.OpenRoot(a.siteDir)
	if err != nil {
		fmt.Fprintf(stderr, "disclose archive: cannot open the site folder: %v\n", err)
		return exitProblems
	}
	defer root.Close()
	b, problems, err := bundle.Make(root.FS(), bundle.Options{Year: a.year, Reissue: a.reissue})
	reportSite(stderr, problems)
	if err != nil {
		if !errors.Is(err, bundle.ErrProblems) {
			fmt.Fprintf(stderr, "disclose archive: %v\n", err)
		}
		fmt.Fprintln(stderr, "nothing was sealed (未封存)")
		return exitProblems
	}
	seal, err := b.Seal(a.day, a.location)
	if err != nil {
		return sealRefused(stderr, a, err)
	}
	// 2. Write it; then, unless it is the last version made again, record it.
	if a.out == "" {
		a.out = filepath.Join(a.siteDir, "archive", b.Name)
	}
	if err := bundle.WriteFile(a.out, b.Data); err != nil {
		fmt.Fprintf(stderr, "disclose archive: %v\n", err)
		return exitProblems
	}
	if b.Unchanged {
		fmt.Fprintf(stdout, "%d is already sealed as version %d and nothing changed since: wrote %s, byte for byte the sealed bundle (内容未变, 已重新生成相同的归档包)\n",
			a.year, b.Manifest.Version, a.out)
		return exitOK
	}
	if err := bundle.Record(a.siteDir, seal); err != nil {
		fmt.Fprintf(stderr, "disclose archive: wrote %s but could not record it in %s: %v\n", a.out, site.SealPath(a.year), err)
		return exitProblems
	}
	printSealed(stdout, a, b, seal)
	return exitOK
}

func parseArchive(args []string, stderr io.Writer) (archiveArgs, int, bool) {
	fs := newFlags("archive", "archive --year YEAR [--site DIR] [--out FILE] [--location TEXT] [--sealed DAY] [--reissue]", stderr)
	var a archiveArgs
	fs.IntVar(&a.year, "year", 0, "the `year` to seal (required)")
	fs.StringVar(&a.siteDir, "site", ".", "the site `folder`")
	fs.StringVar(&a.out, "out", "", "the bundle `file` (default: archive/<site>-<year>-v<version>.zip in the site folder)")
	fs.StringVar(&a.location, "location", "", "where the bundle will be kept, shown on the year's page: a place (省纪委监委档案室) or a web address")
	fs.StringVar(&a.day, "sealed", "", "the `day` of sealing, as 2025-01-10 (default: today in China)")
	fs.BoolVar(&a.reissue, "reissue", false, "seal a new version of a year already sealed, whose sources changed since")
	if code, ok := parse(fs, args, 0); !ok {
		return a, code, false
	}
	if a.year == 0 {
		fmt.Fprintln(stderr, "disclose archive: give the year to seal, e.g. --year 2024 (请用 --year 指定年份)")
		return a, exitUsage, false
	}
	if a.day == "" {
		a.day, a.today = time.Now().In(notice.ChinaTime).Format(time.DateOnly), true
	}
	return a, exitOK, true
}

// sealRefused says why the bundle cannot be sealed on a.day. The day is
// named as the user gave it: --sealed, or else today's date, which the user
// did not type; then what stands in the way is a notice or correction dated
// in the future, and the message names it and nothing else.
func sealRefused(stderr io.Writer, a archiveArgs, err error) int {
	var early *bundle.EarlyError
	if a.today && errors.As(err, &early) {
		fmt.Fprintf(stderr, "%s 的日期 %s 晚于今天 (%s): 请核对日期; 日期在将来的通报或更正不能封存\n"+
			"%s is dated %s, after today (%s): check the date; nothing dated in the future can be sealed\n",
			early.What, early.Newest, a.day, early.What, early.Newest, a.day)
		fmt.Fprintln(stderr, "nothing was sealed (未封存)")
		return exitProblems
	}
	fmt.Fprintf(stderr, "disclose archive: --sealed %s: %v\n", a.day, err)
	return exitUsage
}

func printSealed(w io.Writer, a archiveArgs, b *bundle.Bundle, seal site.Seal) {
	m := b.Manifest
	fmt.Fprintf(w, "sealed %d as version %d: %s (%d notices, %d files)\n", m.Year, m.Version, a.out, len(m.Notices), len(m.Files)+1)
	fmt.Fprintf(w, "  SHA-256 of the ZIP:        %s\n  SHA-256 of manifest.json:  %s\n", b.SHA256, b.ManifestSHA256)
	fmt.Fprintf(w, "recorded in %s: build the site to mark %d archived on its page (重新构建网站后, 年度页面将显示已封存)\n", site.SealPath(m.Year), m.Year)
	if seal.Sealed.Year() <= m.Year {
		fmt.Fprintf(w, "note: %d is not over yet; a notice published later in %d will need a re-issue (年度尚未结束, 此后发布的通报需重新封存)\n", m.Year, m.Year)
	}
	if a.location == "" {
		fmt.Fprintf(w, "hint: the year's page names the file but not where it is kept: add location = \"…\" under this version in %s (可在封存记录中注明存放位置)\n", site.SealPath(m.Year))
	}
}

func runVerify(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("verify", "verify [--sha256 HEX] FILE", stderr)
	expect := fs.String("sha256", "", "the SHA-256 published for the bundle, of the ZIP file or of its manifest.json: fail unless one matches")
	if code, ok := parse(fs, args, 1); !ok {
		return code
	}
	name := fs.Arg(0)
	rep, zipHex, err := verifyFile(name)
	if err != nil {
		fmt.Fprintf(stderr, "disclose verify: %v\n", err)
		return exitProblems
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(stdout, "%s: %s\n", name, p)
	}
	want := strings.ToLower(strings.TrimSpace(*expect))
	mismatch := want != "" && want != zipHex && want != rep.ManifestSHA256
	if mismatch {
		fmt.Fprintf(stdout, "%s: --sha256 %s matches neither the ZIP file (%s) nor its manifest (%s) (校验值与公布的不符)\n", name, want, zipHex, rep.ManifestSHA256)
	}
	if !rep.OK() || mismatch {
		fmt.Fprintf(stdout, "FAILED: %s is not intact: %d problem(s) (归档包不完整或已被改动)\n", name, len(rep.Problems)+btoi(mismatch))
		return exitProblems
	}
	m := rep.Manifest
	fmt.Fprintf(stdout, "OK: %s is intact: all %d files match its manifest (归档包完整, 未被改动)\n", name, rep.Checked)
	fmt.Fprintf(stdout, "  %s, %d, version %d, %d notices, made by %s\n", m.Title, m.Year, m.Version, len(m.Notices), m.Generator)
	if p := m.Previous; p != nil {
		fmt.Fprintf(stdout, "  re-issues version %d (%s, manifest SHA-256 %s)\n", p.Version, p.File, p.ManifestSHA256)
	}
	fmt.Fprintf(stdout, "  SHA-256 of the ZIP:        %s\n  SHA-256 of manifest.json:  %s\n", zipHex, rep.ManifestSHA256)
	if want == "" {
		fmt.Fprintln(stdout, "  compare them with those published on the year's page, or pass one with --sha256 (请与网站年度页面公布的校验值比对)")
	}
	return exitOK
}

// verifyFile verifies the bundle in the file name, and returns the
// SHA-256 of the whole file too.
func verifyFile(name string) (bundle.Report, string, error) {
	f, err := os.Open(name)
	if err != nil {
		return bundle.Report{}, "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return bundle.Report{}, "", err
	}
	if info.IsDir() {
		return bundle.Report{}, "", fmt.Errorf("%s is a folder: give the bundle's .zip file (请指定归档包 ZIP 文件)", name)
	}
	rep := bundle.Verify(f, info.Size())
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, info.Size())); err != nil {
		return rep, "", err
	}
	return rep, hex.EncodeToString(h.Sum(nil)), nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

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
		fmt.Fprintf(stderr, "disclose archive: 无法打开网站文件夹; cannot open the site folder: %v\n", err)
		return exitProblems
	}
	defer root.Close()
	b, problems, err := bundle.Make(root.FS(), bundle.Options{Year: a.year, Reissue: a.reissue})
	reportSite(stderr, problems)
	if err != nil {
		if !errors.Is(err, bundle.ErrProblems) {
			fmt.Fprintf(stderr, "disclose archive: %v\n", err)
		}
		fmt.Fprintln(stderr, "未封存; nothing was sealed")
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
		fmt.Fprintf(stdout, "%[1]d 年度已封存为第 %[2]d 版, 此后内容未变: 已重新生成相同的归档包 %[3]s; %[1]d is already sealed as version %[2]d and nothing changed since: wrote %[3]s, byte for byte the sealed bundle\n",
			a.year, b.Manifest.Version, a.out)
		return exitOK
	}
	if err := bundle.Record(a.siteDir, seal); err != nil {
		fmt.Fprintf(stderr, "disclose archive: 已写出 %[1]s, 但无法记入 %[2]s; wrote %[1]s but could not record it in %[2]s: %[3]v\n", a.out, site.SealPath(a.year), err)
		return exitProblems
	}
	printSealed(stdout, a, b, seal)
	return exitOK
}

func parseArchive(args []string, stderr io.Writer) (archiveArgs, int, bool) {
	fs := newFlags("archive", "archive --year YEAR [--site DIR] [--out FILE] [--location TEXT] [--sealed DAY] [--reissue]", stderr)
	var a archiveArgs
	fs.IntVar(&a.year, "year", 0, "要封存的年度 (必填); the `year` to seal (required)")
	fs.StringVar(&a.siteDir, "site", ".", "网站文件夹; the site `folder`")
	fs.StringVar(&a.out, "out", "", "归档包文件 (默认: 网站文件夹中的 archive/<网站>-<年度>-v<版本>.zip); the bundle `file` (default: archive/<site>-<year>-v<version>.zip in the site folder)")
	fs.StringVar(&a.location, "location", "", "归档包的存放位置, 显示在年度页面上: 地点 (如 省纪委监委档案室) 或网址; where the bundle will be kept, shown on the year's page: a place or a web address")
	fs.StringVar(&a.day, "sealed", "", "封存日期, 如 2025-01-10 (默认: 今天); the `day` of sealing, as 2025-01-10 (default: today in China)")
	fs.BoolVar(&a.reissue, "reissue", false, "重新封存已封存且此后有改动的年度, 作为新版本; seal a new version of a year already sealed, whose sources changed since")
	if code, ok := parse(fs, args, 0); !ok {
		return a, code, false
	}
	if a.year == 0 {
		fmt.Fprintln(stderr, "disclose archive: 请用 --year 指定要封存的年份, 如 --year 2024; give the year to seal, e.g. --year 2024")
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
		fmt.Fprintf(stderr, "日期在将来: %[1]s 的日期 %[2]s 晚于今天 (%[3]s), 请核对日期; 日期在将来的通报或更正不能封存; "+
			"%[1]s is dated %[2]s, after today (%[3]s): check the date; nothing dated in the future can be sealed\n",
			early.What, early.Newest, a.day)
		fmt.Fprintln(stderr, "未封存; nothing was sealed")
		return exitProblems
	}
	fmt.Fprintf(stderr, "disclose archive: 封存日期 --sealed %s 有误: %v\n", a.day, err)
	return exitUsage
}

func printSealed(w io.Writer, a archiveArgs, b *bundle.Bundle, seal site.Seal) {
	m := b.Manifest
	fmt.Fprintf(w, "已封存 %[1]d 年度第 %[2]d 版: %[3]s (%[4]d 篇通报, %[5]d 个文件); sealed %[1]d as version %[2]d: %[3]s (%[4]d notices, %[5]d files)\n", m.Year, m.Version, a.out, len(m.Notices), len(m.Files)+1)
	fmt.Fprintf(w, "  ZIP 文件的校验值, SHA-256 of the ZIP:        %s\n  清单的校验值,    SHA-256 of manifest.json:  %s\n", b.SHA256, b.ManifestSHA256)
	fmt.Fprintf(w, "已记入 %[1]s: 重新构建网站后, %[2]d 年度页面将显示已封存; recorded in %[1]s: build the site to mark %[2]d archived on its page\n", site.SealPath(m.Year), m.Year)
	if seal.Sealed.Year() <= m.Year {
		fmt.Fprintf(w, "注意: %[1]d 年度尚未结束, 此后发布的通报需重新封存; note: %[1]d is not over yet; a notice published later in %[1]d will need a re-issue\n", m.Year)
	}
	if a.location == "" {
		fmt.Fprintf(w, "提示: 年度页面只写归档包文件名, 不写存放位置: 可在 %[1]s 此版本下添加 location = \"…\"; hint: the year's page names the file but not where it is kept: add location = \"…\" under this version in %[1]s\n", site.SealPath(m.Year))
	}
}

func runVerify(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("verify", "verify [--sha256 HEX] FILE", stderr)
	expect := fs.String("sha256", "", "公布的归档包 SHA-256 (ZIP 文件或其 manifest.json 的), 不相符即报错; the SHA-256 published for the bundle, of the ZIP file or of its manifest.json: fail unless one matches")
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
		fmt.Fprintf(stdout, "%[1]s: 校验值与公布的不符: --sha256 %[2]s 既不是 ZIP 文件的 (%[3]s), 也不是清单的 (%[4]s); --sha256 %[2]s matches neither the ZIP file nor its manifest\n", name, want, zipHex, rep.ManifestSHA256)
	}
	if !rep.OK() || mismatch {
		fmt.Fprintf(stdout, "未通过 (FAILED): %[1]s 不完整或已被改动, 共 %[2]d 处问题; %[1]s is not intact: %[2]d problem(s)\n", name, len(rep.Problems)+btoi(mismatch))
		return exitProblems
	}
	m := rep.Manifest
	fmt.Fprintf(stdout, "通过 (OK): %[1]s 完整, 未被改动, %[2]d 个文件均与清单相符; %[1]s is intact: all %[2]d files match its manifest\n", name, rep.Checked)
	fmt.Fprintf(stdout, "  %[1]s, %[2]d 年度第 %[3]d 版, %[4]d 篇通报, 由 %[5]s 生成; version %[3]d, %[4]d notices\n", m.Title, m.Year, m.Version, len(m.Notices), m.Generator)
	if p := m.Previous; p != nil {
		fmt.Fprintf(stdout, "  重新封存, 取代第 %[1]d 版 (%[2]s, 清单 SHA-256 %[3]s); re-issues version %[1]d\n", p.Version, p.File, p.ManifestSHA256)
	}
	fmt.Fprintf(stdout, "  ZIP 文件的校验值, SHA-256 of the ZIP:        %s\n  清单的校验值,    SHA-256 of manifest.json:  %s\n", zipHex, rep.ManifestSHA256)
	if want == "" {
		fmt.Fprintln(stdout, "  请与网站年度页面公布的校验值比对, 或用 --sha256 给出; compare them with those published on the year's page, or pass one with --sha256")
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
		return bundle.Report{}, "", fmt.Errorf("所给的 %[1]s 是文件夹, 请指定归档包 ZIP 文件; %[1]s is a folder: give the bundle's .zip file", name)
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

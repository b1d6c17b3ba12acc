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

	"disclose/internal/archive"
	"disclose/internal/notice"
	"disclose/internal/site"
)

func runArchive(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("archive", "archive --year YEAR [--site DIR] [--out FILE] [--location TEXT] [--sealed DAY] [--reissue]", stderr)
	year := fs.Int("year", 0, "the `year` to seal (required)")
	siteDir := fs.String("site", ".", "the site `folder`")
	out := fs.String("out", "", "the bundle `file` (default: archive/<site>-<year>-v<version>.zip in the site folder)")
	location := fs.String("location", "", "where the bundle will be kept, shown on the year's page: a place (省纪委监委档案室) or a web address")
	sealed := fs.String("sealed", "", "the `day` of sealing, as 2025-01-10 (default: today in China)")
	reissue := fs.Bool("reissue", false, "seal a new version of a year already sealed, whose sources changed since")
	if code, ok := parse(fs, args, 0); !ok {
		return code
	}
	if *year == 0 {
		fmt.Fprintln(stderr, "disclose archive: give the year to seal, e.g. --year 2024 (请用 --year 指定年份)")
		return exitUsage
	}
	if *sealed == "" {
		*sealed = time.Now().In(notice.ChinaTime).Format(time.DateOnly)
	}
	// 1. Make the bundle in memory.
	root, err := os.OpenRoot(*siteDir)
	if err != nil {
		fmt.Fprintf(stderr, "disclose archive: cannot open the site folder: %v\n", err)
		return exitProblems
	}
	defer root.Close()
	b, problems, err := archive.Make(root.FS(), archive.Options{Year: *year, Reissue: *reissue})
	report(stderr, problems)
	if err != nil {
		if !errors.Is(err, archive.ErrProblems) {
			fmt.Fprintf(stderr, "disclose archive: %v\n", err)
		}
		fmt.Fprintln(stderr, "nothing was sealed (未封存)")
		return exitProblems
	}
	// 2. Write it, then record it.
	seal, err := b.Seal(*sealed, *location)
	if err != nil {
		fmt.Fprintf(stderr, "disclose archive: --sealed %s: %v\n", *sealed, err)
		return exitUsage
	}
	if *out == "" {
		*out = filepath.Join(*siteDir, "archive", b.Name)
	}
	if err := archive.WriteFile(*out, b.Data); err != nil {
		fmt.Fprintf(stderr, "disclose archive: %v\n", err)
		return exitProblems
	}
	m := b.Manifest
	if b.Unchanged {
		fmt.Fprintf(stdout, "%d is already sealed as version %d and nothing changed since: wrote %s, byte for byte the sealed bundle (内容未变, 已重新生成相同的归档包)\n", m.Year, m.Version, *out)
		return exitOK
	}
	if err := archive.Record(*siteDir, seal); err != nil {
		fmt.Fprintf(stderr, "disclose archive: wrote %s but could not record it in %s: %v\n", *out, site.SealPath(m.Year), err)
		return exitProblems
	}
	fmt.Fprintf(stdout, "sealed %d as version %d: %s (%d notices, %d files)\n", m.Year, m.Version, *out, len(m.Notices), len(m.Files)+1)
	fmt.Fprintf(stdout, "  SHA-256 of the ZIP:        %s\n  SHA-256 of manifest.json:  %s\n", b.SHA256, b.ManifestSHA256)
	fmt.Fprintf(stdout, "recorded in %s: build the site to mark %d archived on its page (重新构建网站后, 年度页面将显示已封存)\n", site.SealPath(m.Year), m.Year)
	if seal.Sealed.Year() <= m.Year {
		fmt.Fprintf(stdout, "note: %d is not over yet; a notice published later in %d will need a re-issue (年度尚未结束, 此后发布的通报需重新封存)\n", m.Year, m.Year)
	}
	if *location == "" {
		fmt.Fprintln(stdout, "hint: the year's page names the file but not where it is kept; next time say so with --location (可用 --location 注明存放位置)")
	}
	return exitOK
}

func runVerify(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("verify", "verify [--sha256 HEX] FILE", stderr)
	expect := fs.String("sha256", "", "the SHA-256 published for the bundle, of the ZIP file or of its manifest.json: fail unless one matches")
	if code, ok := parse(fs, args, 1); !ok {
		return code
	}
	name := fs.Arg(0)
	data, err := os.ReadFile(name)
	if err != nil {
		fmt.Fprintf(stderr, "disclose verify: %v\n", err)
		return exitProblems
	}
	rep := archive.Verify(strings.NewReader(string(data)), int64(len(data)))
	zipSum := sha256.Sum256(data)
	zipHex := hex.EncodeToString(zipSum[:])
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

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

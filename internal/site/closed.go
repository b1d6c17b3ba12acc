package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"disclose/internal/diag"
	"disclose/internal/notice"
)

// Rules of a sealed year (see Closed).
const (
	// RuleSealChanged: a sealed notice changed with no correction saying
	// so. Only its editor can fix it.
	RuleSealChanged = "seal-changed"
	// RuleSealReissue: the year's sources differ from its last seal in a
	// way a new version resolves (a correction, a notice added or
	// removed); disclose archive --reissue seals it.
	RuleSealReissue = "seal-reissue"
)

// Source is what Closed needs to know of one notice file of the site.
type Source struct {
	Path string
	Sum  string         // SourceSum of its bytes; "" when it could not be read
	N    *notice.Notice // nil when it did not parse or is a draft left out
}

// SourceSum is the SHA-256 of a source file, as seal records keep it.
func SourceSum(src []byte) string {
	s := sha256.Sum256(src)
	return hex.EncodeToString(s[:])
}

// Closed reports how the notices of each sealed year differ from the
// notices its last seal holds: a sealed year is closed to silent change,
// so that the seal a year's page shows always matches what is published.
// Each difference is an error saying what to do: a sealed notice changed
// needs a [[corrections]] entry, then a new version of the seal (disclose
// archive --reissue); a notice added to the year or removed from it needs
// the new version. sources are every notice file of the site.
func Closed(seals map[int][]Seal, sources []Source) diag.List {
	var problems diag.List
	for _, year := range slices.Sorted(maps.Keys(seals)) {
		versions := seals[year]
		last := versions[len(versions)-1]
		if last.Notices == nil {
			problems.Add(diag.Diagnostic{Path: SealPath(year), Severity: diag.Warning, Rule: "seal-record",
				Message: fmt.Sprintf("封存记录未列出所封存的通报, 无法判断 %d 年度封存后是否有改动; version %d lists no notices (it was written by an earlier disclose): changes since it was sealed cannot be told", year, last.Version)})
			continue
		}
		closedYear(last, sources, &problems)
	}
	return problems
}

// closedYear compares the sources of one year with its last seal.
func closedYear(last Seal, sources []Source, problems *diag.List) {
	dir := ContentDir + "/" + strconv.Itoa(last.Year) + "/"
	seen := map[string]bool{}
	for _, s := range sources {
		if !strings.HasPrefix(s.Path, dir) {
			continue
		}
		sum, sealed := last.sealed()[s.Path]
		seen[s.Path] = sealed
		switch {
		case !sealed && s.N != nil && !s.N.Draft:
			problems.Add(sealProblem(s.Path, RuleSealReissue, last,
				"%d 年度已封存, 此后新增的通报须随该年度重新封存才能发布: 请运行 %s, 或将其设为草稿; added to %d after it was sealed: run %s to seal it with the year, or make it a draft",
				last.Year, reissue(last.Year), last.Year, reissue(last.Year)))
		case !sealed || s.Sum == "" || s.Sum == sum:
		case s.N != nil && CorrectedSince(s.N, last.Sealed.Time):
			problems.Add(sealProblem(s.Path, RuleSealReissue, last,
				"已封存的通报已更正, 但尚未重新封存: 请运行 %s; corrected since %d was sealed: run %s, so that the seal the year's page shows holds this text",
				reissue(last.Year), last.Year, reissue(last.Year)))
		default:
			problems.Add(sealProblem(s.Path, RuleSealChanged, last,
				"已封存的通报在封存后被改动, 且没有更正说明: 请添加 [[corrections]] 条目 (date, what, why), 再运行 %s; changed since %d was sealed, with no [[corrections]] entry dated on or after %s: add one saying what changed and why, then run %s",
				reissue(last.Year), last.Year, last.Sealed.ISO(), reissue(last.Year)))
		}
	}
	for _, p := range slices.Sorted(maps.Keys(last.sealed())) {
		if _, ok := seen[p]; !ok {
			problems.Add(sealProblem(SealPath(last.Year), RuleSealReissue, last,
				"已封存的通报 %s 已被删除: 请恢复该文件, 或运行 %s 封存不含它的新版本; %s, sealed in %d, was removed: restore it, or run %s to seal the year without it",
				p, reissue(last.Year), p, last.Year, reissue(last.Year)))
		}
	}
}

// sealProblem is an error about a sealed year, naming its last seal.
func sealProblem(path, rule string, last Seal, format string, args ...any) diag.Diagnostic {
	return diag.Diagnostic{Path: path, Rule: rule, Message: fmt.Sprintf(format, args...),
		Hint: fmt.Sprintf("封存版本 %d, %s; sealed as version %d on %s", last.Version, last.Sealed.ISO(), last.Version, last.Sealed.ISO())}
}

func reissue(year int) string {
	return fmt.Sprintf("disclose archive --year %d --reissue", year)
}

// CorrectedSince reports whether n carries a correction dated on or after
// day, the day its year was sealed.
func CorrectedSince(n *notice.Notice, day time.Time) bool {
	return slices.ContainsFunc(n.Corrections, func(c notice.Correction) bool { return !c.Date.Before(day) })
}

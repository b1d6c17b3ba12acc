package lint

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"disclose/internal/corpus"
	"disclose/internal/diag"
	"disclose/internal/markdown"
	"disclose/internal/notice"
	"disclose/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden proofreads many notices, the sample's, every rule case, the
// fuzz seeds, and corpus notices as generated and with mistakes planted at
// random, and compares every finding and fix with testdata/findings.golden:
// a change that makes the proofreader faster must leave them all as they
// were, to the byte.
func TestGolden(t *testing.T) {
	var out bytes.Buffer
	conv := markdown.New(markdown.Options{})
	for _, n := range goldenNotices(t) {
		doc, err := conv.Convert(n.Body)
		if err != nil {
			t.Fatal(err)
		}
		res := NoticeWithDoc(n, doc)
		if alone := Notice(n, conv); fmt.Sprint(alone) != fmt.Sprint(res) {
			t.Errorf("%s: Notice and NoticeWithDoc differ:\n%v\n%v", n.Path, alone, res)
		}
		writeResult(&out, n.Path, res)
		chineseFirst(t, res.Problems)
	}
	const golden = "testdata/findings.golden"
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got := out.Bytes(); !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			g, w := lineAt(gl, i), lineAt(wl, i)
			if g != w {
				t.Fatalf("findings differ from %s from line %d:\ngot  %s\nwant %s", golden, i+1, g, w)
			}
		}
	}
}

// chineseFirst fails the test for a finding whose message or hint does not
// lead with Chinese (docs/checks.md, "How messages are written").
func chineseFirst(t *testing.T, problems diag.List) {
	t.Helper()
	for _, d := range problems {
		if !diag.LeadsWithChinese(d.Message) || d.Hint != "" && !diag.LeadsWithChinese(d.Hint) {
			t.Errorf("[%s] %s: the message and hint must lead with Chinese", d.Rule, d)
		}
	}
}

func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(end)"
}

// writeResult writes every finding and fix of res, one a line.
func writeResult(w *bytes.Buffer, name string, res Result) {
	fmt.Fprintf(w, "== %s: %d findings, %d fixes\n", name, len(res.Problems), len(res.Fixes))
	for _, d := range res.Problems {
		fmt.Fprintf(w, "%s\t%s\n", d.Rule, d)
	}
	for _, f := range res.Fixes {
		fmt.Fprintf(w, "fix %s\t%d-%d\t%q → %q\n", f.Rule, f.Off, f.End, f.Old, f.New)
	}
}

// goldenNotices returns the notices of the golden test, in a fixed order.
func goldenNotices(t *testing.T) []*notice.Notice {
	t.Helper()
	var out []*notice.Notice
	s, problems := site.Load(os.DirFS("../.."), site.Options{})
	if s == nil {
		t.Fatalf("the sample site does not load:\n%v", problems)
	}
	out = append(out, s.Notices...)
	for _, c := range ruleCases {
		n := parseNotice(t, variant(t, c.edits...))
		n.Path = "rule case: " + c.name
		out = append(out, n)
	}
	for i, body := range fuzzBodies(t) {
		n, problems := notice.Parse(basePath, []byte(variant(t, wholeBody, body)))
		if n == nil || problems.HasErrors() {
			continue
		}
		if n.Punctuation == "" {
			n.Punctuation = notice.FullWidth
		}
		n.Path = fmt.Sprintf("fuzz seed %d", i)
		out = append(out, n)
	}
	return append(out, plantedNotices(t, 200)...)
}

// fuzzBodies returns the bodies FuzzNotice starts from: its seeds written
// in the code and those in testdata/fuzz.
func fuzzBodies(t *testing.T) []string {
	t.Helper()
	bodies := []string{
		"(一)加强学习,,提高 认识\"三个\"(浙某党[2025]2号)。\n\n1.一是二是四是\n",
		"针对反馈的七个方面问题。反馈25个问题,已完成整改19个、正在整改6个,完成率76%。处分9人(警告5人、严重警告4人)",
		"```\n代码, 块\n```\n\n    缩进, 代码\n\n`行内, 代码`[链接](http://a.b/c,d)<b>标签</b>",
	}
	files, err := filepath.Glob("testdata/fuzz/FuzzNotice/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		_, arg, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(arg, "string("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		bodies = append(bodies, s)
	}
	return bodies
}

// plantedNotices returns n corpus notices as generated, and each again
// with mistakes planted at random (a fixed seed), some of them declaring
// half-width punctuation.
func plantedNotices(t *testing.T, n int) []*notice.Notice {
	t.Helper()
	fsys := fstest.MapFS{}
	var paths []string
	r := rand.New(rand.NewPCG(8, 8))
	err := corpus.Files(corpus.Defaults(n), func(f corpus.File) error {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data}
		if f.Path == site.SettingsPath {
			return nil
		}
		paths = append(paths, f.Path)
		planted := strings.TrimSuffix(f.Path, ".md") + "-planted.md"
		fsys[planted] = &fstest.MapFile{Data: plant(r, f.Data)}
		paths = append(paths, planted)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	settings, problems := site.LoadSettings(fsys)
	if settings == nil {
		t.Fatalf("the corpus settings do not load:\n%v", problems)
	}
	var out []*notice.Notice
	for _, path := range paths {
		n, problems := site.ParseNotice(settings, path, fsys[path].Data, site.Options{})
		if n == nil {
			t.Fatalf("%s does not load:\n%v", path, problems)
		}
		out = append(out, n)
	}
	return out
}

// Mistakes to plant: a text replaced by another where it occurs, or a
// text inserted anywhere.
var (
	plantSwaps = [][2]string{
		{"，", ","}, {"，", "，，"}, {"。", "，。"}, {"。", "。。"}, {"（", "("}, {"）", ")"}, {"“", "\""}, {"”", "\""},
		{"“", ""}, {"《", ""}, {"》", ""}, {"；", ";"}, {"：", ":"}, {"、", "、、"}, {"一是", "二是"}, {"三是", "四是"},
		{"二是", "一是"}, {"巡视", "巡察"}, {"巡察", "巡视"}, {"月", "月0"}, {"年", "年0"}, {"1", "7"}, {"2", "0"},
		{"（二）", "（三）"}, {"（一）", "(一)"}, {"1.", "1．"}, {"（1）", "(1)"}, {"## 三、", "## 四、"}, {"## 二、", "（二）"},
		{"\n\n", "\n"}, {"\n", "\r\n"}, {"省委", "杭州市委"}, {"个方面", "个方面的问题"}, {"问题", ""}, {"人", "件"},
	}
	plantInserts = []string{
		" ", "　", "\t", ",,", "`代码, x`", "[链接](http://a.b/c,d)", "<b>标签</b>", "https://example.org/a,b",
		"mail@example.org", "\n\n```\n代码, 块\n```\n\n", "\n\n    缩进, 代码\n\n", "浙妇党[2025]12号", "(浙妇党（2024）3号)",
		"2024-09-03", "2024年09月03日", "反馈25个问题，已完成整改19个、正在整改5个，整改完成率80%。",
		"巡察反馈的120个问题，完成整改110个，基本完成并持续整改问题6个，未完成4个，总体完成率91.66%。",
		"党纪处分9人（警告5人、严重警告3人）", "\n\n## 三、关于“某某”问题的整改情况\n\n", "\n\n（五）加强管理。\n\n",
		"\n\n1．制定办法。\n\n", "\n\n(2)落实。\n\n", "\n\n（1）落实。\n\n", "省委巡察组", "杭州市委第一巡视组", "开展了巡察。",
		"为期45天", "为期两个月左右", "\n> 引用，内容\n", "“", "）", "《", "教育提醒5人；", "共教育提醒7人，",
		"针对反馈的3个方面问题，", "it’s", "\"引号\"", "!", "?", "？！", "。。", "、、", "2024年3月1日至25日，",
		"建立完善制度99项。", "\n\n一是加强。三是推进。\n\n", "\n\n# 标题\n\n", "~~~\n", "#",
	}
)

// plant returns src with one to a dozen mistakes planted in its body.
func plant(r *rand.Rand, src []byte) []byte {
	s := string(src)
	bodyAt := strings.Index(s, "\n+++\n") + len("\n+++\n")
	front, body := s[:bodyAt], s[bodyAt:]
	if r.IntN(12) == 0 {
		front = strings.Replace(front, "\nsource = ", "\npunctuation = \"half\"\nsource = ", 1)
	}
	for range 1 + r.IntN(12) {
		at := r.IntN(len(body) + 1)
		for at < len(body) && !utf8.RuneStart(body[at]) {
			at++
		}
		if r.IntN(2) == 0 {
			body = body[:at] + plantInserts[r.IntN(len(plantInserts))] + body[at:]
			continue
		}
		swap := plantSwaps[r.IntN(len(plantSwaps))]
		if i := strings.Index(body[at:], swap[0]); i >= 0 {
			body = body[:at+i] + swap[1] + body[at+i+len(swap[0]):]
		}
	}
	return []byte(front + body)
}

// TestFindingsOwnTheirText: the proofreader reads a body in place, without
// a copy (readOnly); no finding or fix may keep a piece of it. Each notice
// of the golden test is proofread from a body that is overwritten
// afterwards: its findings must read as they did.
func TestFindingsOwnTheirText(t *testing.T) {
	conv := markdown.New(markdown.Options{})
	for _, n := range goldenNotices(t) {
		doc, err := conv.Convert(n.Body)
		if err != nil {
			t.Fatal(err)
		}
		var before, after bytes.Buffer
		writeResult(&before, n.Path, NoticeWithDoc(n, doc))
		m := *n
		m.Body = bytes.Clone(n.Body)
		res := NoticeWithDoc(&m, doc)
		for i := range m.Body {
			m.Body[i] = 'x'
		}
		writeResult(&after, n.Path, res)
		if !bytes.Equal(before.Bytes(), after.Bytes()) {
			t.Fatalf("%s: a finding changed when the body it was read from was overwritten:\n%s\n%s", n.Path, before.String(), after.String())
		}
	}
}

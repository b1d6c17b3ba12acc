package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"disclose/internal/numbering"
)

func TestConvert(t *testing.T) {
	tests := []struct {
		name, in, want string
		unsafe         bool
	}{
		{"chinese line break joins without a space",
			"第一行文字\n第二行文字", "<p>第一行文字第二行文字</p>\n", false},
		{"half-width comma at a line break",
			"根据省委统一部署\n,2024年", "<p>根据省委统一部署,2024年</p>\n", false},
		{"level 3 stays literal text, never a list",
			"1. 第一项\n2. 第二项",
			`<p id="s1" class="ol3"><span class="lead">1. 第一项</span></p>` + "\n" +
				`<p id="s2" class="ol3"><span class="lead">2. 第二项</span></p>` + "\n", false},
		{"a list starting at 3 stays 3",
			"3.第三项。正文",
			`<p id="s3" class="ol3"><span class="lead">3.第三项。</span>正文</p>` + "\n", false},
		{"heading level 1 gets an anchor and h2",
			"## 一、关于“学习”问题的整改情况", `<h2 id="s1" class="ol1">一、关于“学习”问题的整改情况</h2>` + "\n", false},
		{"a # heading is never a second h1",
			"# 说明", "<h2>说明</h2>\n", false},
		{"level 1 written as a paragraph",
			"一、总体情况", `<p id="s1" class="ol1">一、总体情况</p>` + "\n", false},
		{"run-in lead of a level 2 item",
			"(一)推进建设。学习贯彻。",
			`<p id="s1" class="ol2"><span class="lead">(一)推进建设。</span>学习贯彻。</p>` + "\n", false},
		{"full-width level 2 and level 4 under it",
			"（二）加强管理。正文\n（1）小项。正文",
			`<p id="s2" class="ol2"><span class="lead">（二）加强管理。</span>正文</p>` + "\n" +
				`<p id="s2-1" class="ol4"><span class="lead">（1）小项。</span>正文</p>` + "\n", false},
		{"a numbered line starts a new paragraph",
			"正文结束。\n(二)第二项。正文",
			"<p>正文结束。</p>\n" + `<p id="s2" class="ol2"><span class="lead">(二)第二项。</span>正文</p>` + "\n", false},
		{"raw HTML is shown as text",
			"说明<b>加粗</b>文字", "<p>说明&lt;b&gt;加粗&lt;/b&gt;文字</p>\n", false},
		{"an HTML block is shown as text",
			"<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n", false},
		{"raw HTML passes when the site allows it",
			"说明<b>加粗</b>文字", "<p>说明<b>加粗</b>文字</p>\n", true},
		{"a decimal at a line start is not a marker",
			"1.13万期", "<p>1.13万期</p>\n", false},
		{"一是 is not a marker",
			"一是提高站位。", "<p>一是提高站位。</p>\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := New(Options{UnsafeHTML: tt.unsafe}).Convert([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := string(doc.HTML); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestOutline(t *testing.T) {
	src := "## 一、甲问题\n\n(一)第一项。正文\n\n(二)第二项。正文\n\n1.细项。正文\n\n(1)小项\n\n## 二、乙问题\n\n(一)又一项。\n\n(一)重复的编号。"
	doc, err := New(Options{}).Convert([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		level int
		id    string
		title string
	}{
		{1, "s1", "一、甲问题"},
		{2, "s1-1", "(一)第一项。"},
		{2, "s1-2", "(二)第二项。"},
		{3, "s1-2-1", "1.细项。"},
		{4, "s1-2-1-1", "(1)小项"},
		{1, "s2", "二、乙问题"},
		{2, "s2-1", "(一)又一项。"},
		{2, "s2-1_2", "(一)重复的编号。"},
	}
	if len(doc.Outline) != len(want) {
		t.Fatalf("got %d entries, want %d: %+v", len(doc.Outline), len(want), doc.Outline)
	}
	for i, w := range want {
		e := doc.Outline[i]
		if e.Level != w.level || e.ID != w.id || e.Title != w.title {
			t.Errorf("entry %d: got {%d %s %s}, want {%d %s %s}", i, e.Level, e.ID, e.Title, w.level, w.id, w.title)
		}
		if !strings.HasPrefix(src[e.Offset:], e.Marker) {
			t.Errorf("entry %d: offset %d does not point at its marker %q", i, e.Offset, e.Marker)
		}
	}
}

// TestParseAlone: the outline and prose read without converting the body
// are those Convert gives, whatever the options.
func TestParseAlone(t *testing.T) {
	sources := append([]string{
		"## 一、甲问题\n\n(一)第一项。正文\n(二)第二项。<b>正文</b>\n\n1.细项。正文\n\n(1)小项\n\n## 二、乙问题",
		"<div>\n一、在块里\n</div>\n\n一、甲\n\n（二）乙。丙",
		"",
	}, proseSeeds...)
	for _, src := range sources {
		for _, unsafe := range []bool{false, true} {
			c := New(Options{UnsafeHTML: unsafe})
			doc, err := c.Convert([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			alone := c.Parse([]byte(src))
			if got, want := fmt.Sprint(alone.Outline, alone.Prose), fmt.Sprint(doc.Outline, doc.Prose); got != want {
				t.Errorf("Parse(%q), unsafe %v: got %s, want %s", src, unsafe, got, want)
			}
		}
	}
}

// FuzzTextKept checks the promise that the renderer never rewrites a
// character: for text made of the characters notices are written in, the
// HTML's text is the input, line breaks aside.
func FuzzTextKept(f *testing.F) {
	for _, s := range []string{
		"一、关于问题\n(一)推进。正文,2024年3月18日至5月20日",
		"1.第一\n2. 第二\n（1）小项；“引号”《书名》",
		"教育提醒4人;建立完善制度15项。",
		"1.13万期 联合家访1700次",
	} {
		f.Add(s)
	}
	alphabet := []rune("一二三四五六七八九十、()（）.．。,，;；:：“”《》0123456789 人项年月日关于整改\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range s {
			if !strings.ContainsRune(string(alphabet), r) {
				return
			}
		}
		doc, err := New(Options{}).Convert([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		got := textContent(t, doc.HTML)
		want := strings.Join(strings.Fields(s), "")
		if got != want {
			t.Errorf("text changed:\n got %q\nwant %q\nhtml %s", got, want, doc.HTML)
		}
	})
}

func textContent(t *testing.T, b []byte) string {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(b))
	var out strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(out.String()), "")
		case html.TextToken:
			out.Write(z.Text())
		}
	}
}

// TestAnchorsAsStrings: appendNext makes the ids the former anchors made,
// counting the ids used by their text, for any sequence of markers:
// repeated and skipped levels, and numbers of 16 bits or more (none that
// numbering reads today), which are counted by their text; numbers and
// counts of one, two and more digits (strconv.AppendInt).
func TestAnchorsAsStrings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	numbers := []int{1, 2, 3, 1, 2, 9, 10, 99, 100, 70000, 65535, 65536, 4464}
	for range 200 {
		a := anchors{used: &idCounts{}}
		path := [5]int{}
		used := map[string]int{}
		for range 100 { // more than 32 ids: the table grows
			m := numbering.Marker{Level: 1 + r.IntN(4), Number: numbers[r.IntN(len(numbers))]}
			got := string(a.appendNext([]byte("x"), m))[1:]
			// the former anchors.next
			path[m.Level] = m.Number
			for l := m.Level + 1; l < len(path); l++ {
				path[l] = 0
			}
			id := "s"
			for _, n := range path[1 : m.Level+1] {
				if n != 0 {
					if len(id) > 1 {
						id += "-"
					}
					id += strconv.Itoa(n)
				}
			}
			used[id]++
			want := id
			if k := used[id]; k > 1 {
				want = fmt.Sprintf("%s_%d", id, k)
			}
			if got != want {
				t.Fatalf("marker %+v: id %q, want %q", m, got, want)
			}
		}
	}
}

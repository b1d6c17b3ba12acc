package lint

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"disclose/internal/markdown"
	"disclose/internal/notice"
)

// shapedNotice writes a notice of the given kind, group, organisation and
// signing organisation, whose body is body: the front matter as an
// editor fills it in after import.
func shapedNotice(title, kind, group, org, signer, body string) string {
	return fmt.Sprintf(`+++
title = %q
date = 2025-06-20T10:00:00+08:00
source = "区纪委监委网站"

[inspection]
kind = %q
group = %q
organization = %q
start = 2024-04-08
end = 2024-06-07
feedback = 2024-08-16

[contact]
phone = "010-12345678"
mailbox = "北京市某某区某某路1号"

[signature]
organization = %q
date = 2025-06-18
+++

%s
`, title, kind, group, org, signer, body)
}

// TestInspectionKindShapes: the kind rules are right on the shapes real
// notices take, or silent, and still catch a planted slip.
func TestInspectionKindShapes(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"北京市东城区: 市委巡视 and the district's 巡察", shapedNotice(
			"中共北京市东城区某某局党组关于区委第二轮巡察整改情况的通报", "巡察", "区委第二巡察组", "区某某局党组", "中共北京市东城区某某局党组",
			"根据区委统一部署，2024年4月8日至6月7日，区委第二巡察组对区某某局党组开展了巡察。8月16日，区委巡察组向区某某局党组反馈了巡察意见。\n\n"+
				"区某某局党组把落实市委巡视反馈意见整改与巡察整改统筹推进，成立区委巡视整改工作领导小组办公室联络组。\n"), nil},
		{"重庆市: the city committee's 巡视", shapedNotice(
			"中共重庆市某某委员会党组关于市委巡视整改情况的通报", "巡视", "市委第三巡视组", "市某某委员会党组", "中共重庆市某某委员会党组",
			"根据市委统一部署，2024年4月8日至6月7日，市委第三巡视组对市某某委员会党组开展了巡视。8月16日，市委巡视组向市某某委员会党组反馈了巡视意见。\n\n"+
				"（一）落实市委巡视巡察工作领导小组要求，配合市委第三巡视组开展工作。\n"), nil},
		{"上海市 district: 市委巡视组 named", shapedNotice(
			"中共上海市某某区委员会关于巡察整改情况的通报", "巡察", "区委第一巡察组", "区某某街道党工委", "中共上海市某某区某某街道工作委员会",
			"根据区委统一部署，2024年4月8日至6月7日，区委第一巡察组对区某某街道党工委开展了巡察。8月16日，区委巡察组反馈了巡察意见。\n\n"+
				"（一）对照市委巡视组指出的共性问题一并整改。\n"), nil},
		{"county notice naming 省委巡视组 and its rectifying group", shapedNotice(
			"中共某某县某某镇委员会关于县委巡察整改情况的通报", "巡察", "县委第一巡察组", "某某镇党委", "中共某某县某某镇委员会",
			"根据县委统一部署，2024年4月8日至6月7日，县委第一巡察组对某某镇党委开展了巡察。8月16日，县委巡察组向某某镇党委反馈了巡察意见。\n\n"+
				"（一）同步落实省委第五巡视组反馈意见，县委巡视整改工作领导小组定期调度。\n"), nil},
		{"province notice naming 中央巡视组", shapedNotice(
			"中共某某省委关于巡视整改进展情况的通报", "巡视", "中央第七巡视组", "某某省委", "中共某某省委员会",
			"根据中央统一部署，2024年4月8日至6月7日，中央第七巡视组对某某省进行了巡视。8月16日，中央巡视组向某某省委反馈了巡视意见。\n\n"+
				"（一）省委巡视工作领导小组统筹推进中央巡视反馈问题整改，市委巡察办配合。\n"), nil},
		{"both 巡视 and 巡察 happened", shapedNotice(
			"中共某某县某某局党组关于巡察整改情况的通报", "巡察", "县委第二巡察组", "县某某局党组", "中共某某县某某局党组",
			"根据县委统一部署，2024年4月8日至6月7日，县委第二巡察组对县某某局党组开展了巡察，同期省委第五巡视组对我县开展了巡视。8月16日，县委巡察组反馈了巡察意见，巡视反馈问题一并纳入整改。\n"), nil},

		{"planted: a city committee's 巡视 outside the municipalities", shapedNotice(
			"中共杭州市某某局党组关于巡察整改情况的通报", "巡察", "市委第一巡察组", "市某某局党组", "中共杭州市某某局党组",
			"根据市委统一部署，2024年4月8日至6月7日，市委第一巡察组对市某某局党组开展了巡察。8月16日，市委巡察组反馈了巡察意见。\n\n"+
				"（一）落实杭州市委巡视工作要求。\n"), []string{"inspection-kind-text"}},
		{"planted: the notice's own group named with the other kind", shapedNotice(
			"中共杭州市某某局党组关于巡察整改情况的通报", "巡察", "市委第一巡察组", "市某某局党组", "中共杭州市某某局党组",
			"根据市委统一部署，2024年4月8日至6月7日，市委第一巡视组对市某某局党组开展了巡察。8月16日，市委巡察组反馈了巡察意见。\n"), []string{"inspection-kind"}},
		{"planted: a numbered group of a 省委 named with 巡察", shapedNotice(
			"中共某某县某某局党组关于巡察整改情况的通报", "巡察", "县委第二巡察组", "县某某局党组", "中共某某县某某局党组",
			"根据县委统一部署，2024年4月8日至6月7日，县委第二巡察组对县某某局党组开展了巡察。8月16日，县委巡察组反馈了巡察意见。\n\n"+
				"（一）同步落实省委第五巡察组反馈意见。\n"), []string{"inspection-kind"}},
		{"planted: 县委巡视组, the notice's own group, in a county notice", shapedNotice(
			"中共某某县某某局党组关于巡察整改情况的通报", "巡察", "县委第二巡察组", "县某某局党组", "中共某某县某某局党组",
			"根据县委统一部署，2024年4月8日至6月7日，县委第二巡视组对县某某局党组开展了巡察。8月16日，县委巡察组反馈了巡察意见。\n"), []string{"inspection-kind"}},
		{"planted: the introduction says 巡察 of a 巡视", shapedNotice(
			"中共重庆市某某委员会党组关于巡视整改情况的通报", "巡视", "市委第三巡视组", "市某某委员会党组", "中共重庆市某某委员会党组",
			"根据市委统一部署，2024年4月8日至6月7日，市委第三巡视组对市某某委员会党组开展了巡视。8月16日，市委巡视组向市某某委员会党组反馈了巡察意见。\n"), []string{"inspection-kind-text"}},
		{"planted: a 巡视 group with kind 巡察", shapedNotice(
			"中共北京市东城区某某局党组关于巡察整改情况的通报", "巡察", "区委第二巡视组", "区某某局党组", "中共北京市东城区某某局党组",
			"根据区委统一部署，2024年4月8日至6月7日，区委第二巡察组对区某某局党组开展了巡察。8月16日，区委巡察组反馈了巡察意见。\n"), []string{"inspection-kind"}},
		{"planted: a district committee's group with kind 巡视", shapedNotice(
			"中共北京市东城区某某局党组关于整改情况的通报", "巡视", "东城区委第二巡视组", "区某某局党组", "中共北京市东城区某某局党组",
			"根据区委统一部署，2024年4月8日至6月7日，东城区委第二巡视组对区某某局党组开展了巡视。8月16日，反馈了意见。\n"), []string{"inspection-kind", "inspection-kind"}},
		{"planted: the title names the other kind", shapedNotice(
			"中共某某县某某局党组关于巡视整改情况的通报", "巡察", "县委第二巡察组", "县某某局党组", "中共某某县某某局党组",
			"根据县委统一部署，2024年4月8日至6月7日，县委第二巡察组对县某某局党组开展了巡察。8月16日，县委巡察组反馈了巡察意见。\n"), []string{"inspection-kind"}},
	}
	conv := markdown.New(markdown.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := parseNotice(t, tt.src)
			var got []string
			for _, d := range Notice(n, conv).Problems {
				if d.Rule == ruleInspectionKind.ID || d.Rule == ruleInspectionKindText.ID {
					got = append(got, d.Rule)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q:\n%v", got, tt.want, Notice(n, conv).Problems)
			}
		})
	}
}

func TestGroupStem(t *testing.T) {
	tests := []struct{ group, want string }{
		{"县委第二巡察组", "县委第二"},
		{"中共某某县委第二巡察组", "县委第二"},
		{"省委第六巡视组", "省委第六"},
		{"中央第十巡视组", "中央第十"},
		{"北京市东城区委第三巡察组", "区委第三"},
		{"第一巡察组", ""},
		{"县委巡察组", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := groupStem(tt.group); got != tt.want {
			t.Errorf("groupStem(%q) = %q, want %q", tt.group, got, tt.want)
		}
	}
}

// FuzzGroupStem: any group name gives a stem that ends it before its kind,
// or none, without a panic.
func FuzzGroupStem(f *testing.F) {
	for _, s := range []string{"县委第二巡察组", "中央第十巡视组", "第一巡察组", "委第巡", "中央第", "\xe5委第巡"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, group string) {
		if stem := groupStem(group); stem != "" && !strings.Contains(group, stem) {
			t.Errorf("groupStem(%q) = %q, not in the group", group, stem)
		}
	})
}

// TestOwnGroupRenamed: one search of the whole text finds the places a
// search of each paragraph finds, on the golden test's notices with their
// group named with either kind here and there.
func TestOwnGroupRenamed(t *testing.T) {
	conv := markdown.New(markdown.Options{})
	found := 0
	for _, n := range goldenNotices(t) {
		for _, other := range []string{notice.KindXunshi, notice.KindXuncha} {
			m := *n
			if stem := groupStem(n.Inspection.Group); stem != "" {
				name := stem + other + "组"
				m.Body = []byte(strings.NewReplacer("。", "。"+name, "，", name+"，"+name, "\n\n", "\n\n"+name+name).Replace(string(n.Body)))
			}
			doc := conv.Parse(m.Body)
			c := &checker{n: &m, body: newBody(m.Body, doc.Prose), entries: doc.Outline}
			var got []int
			for at := range c.ownGroupRenamed(other, "") {
				got = append(got, at)
			}
			slices.Sort(got)
			want := groupRenamedByParas(c, other)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("%s, %s: found at %v, want %v", n.Path, other, got, want)
			}
			found += len(want)
		}
	}
	if found < 1000 {
		t.Errorf("found %d names, want at least 1000: the test proves little", found)
	}
}

// committeeRE is what committeeOf finds.
var committeeRE = regexp.MustCompile(`(中央|省委|自治区党委|[\p{Han}]{1,8}?市委|[\p{Han}]{1,8}?[县区旗]委)`)

// FuzzCommitteeOf: committeeOf finds what its regular expression finds.
func FuzzCommitteeOf(f *testing.F) {
	for _, s := range []string{"市委第六巡察组", "中共杭州市委第一巡察组", "省委第三巡视组", "中央第一巡视组", "西湖区委巡察组", "自治区党委巡视组",
		"某某旗委", "市委", "一二三四五六七八九市委", "一二三四五六七八市委", "杭州市县委", "省委市委", "a市委", "\xe5市委", "县县委委", "中共中央", "区市委"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := committeeOf(s), committeeRE.FindString(s); got != want {
			t.Errorf("committeeOf(%q) = %q, want %q", s, got, want)
		}
	})
}

package importer

import (
	"slices"
	"testing"

	"disclose/internal/notice"
)

// FuzzReadAct reads introductions of any shape: the reader never panics,
// names only known forms, never reads a summary that lists more units than
// it counts nor both a summary and a single organisation, and never
// replaces a pronoun by an empty name.
func FuzzReadAct(f *testing.F) {
	for _, s := range []string{
		"根据省委统一部署，2024年3月18日至5月20日，省委第六巡视组对省妇联党组开展了常规巡视。",
		"中央第十一巡视组于2024年10月8日至12月20日对某某部党组开展了巡视“回头看”。",
		"区委组建4个巡察组，对区民政局、区司法局等12个单位党组织开展了提级交叉巡察。",
		"市委第一巡察组与县委第二巡察组组成联动巡察组，对某某镇党委开展了联动巡察。",
		"县委派出五个巡察组，对全县十八个村党组织开展了巡察。", "对我县进行了巡视", "对、等0个开展巡察", "对我开展巡视",
		"我局于2025年4月1日至5月15日接受了县委第一巡察组的巡察“回头看”。", "于接受巡视组巡视",
	} {
		f.Add(s, "中共某某县委员会")
	}
	f.Fuzz(func(t *testing.T, s, issuer string) {
		a, ok := readAct(s)
		if !ok {
			return
		}
		for _, form := range a.form {
			if !slices.Contains(notice.Forms, form) {
				t.Errorf("form %q is not one of %v", form, notice.Forms)
			}
		}
		if (a.units > 0 || len(a.named) > 0 || a.groups > 0) && (a.units < max(len(a.named), 1) || a.org != "") {
			t.Errorf("summary of %d units, %d groups, named %q, with organisation %q", a.units, a.groups, a.named, a.org)
		}
		if a.org != "" && pronounRE.MatchString(a.org) {
			if name, ok := unpronoun(a.org, issuer); ok && name == "" {
				t.Errorf("%q with issuer %q: resolved to an empty name", a.org, issuer)
			}
		}
	})
}

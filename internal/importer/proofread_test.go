package importer_test

import (
	"fmt"
	"strings"
	"testing"

	"disclose/internal/importer"
)

// TestImportProofreads: a notice whose text contradicts itself (signed
// before the feedback it answers) is not called ready by import, which
// would have the build refuse it; a correct one is. Found by FuzzText.
func TestImportProofreads(t *testing.T) {
	text := func(signed string) string {
		return strings.Join([]string{
			"中共某县教育局委员会关于县委第二轮巡察整改进展情况的通报",
			"2025-03-20 16:45 某县纪委县监委网站",
			"根据县委统一部署，2024年9月2日至10月31日，县委第二巡察组对县教育局党委开展了巡察。1月28日，县委第二巡察组向县教育局党委反馈了巡察意见。",
			"一、关于“落实不够到位”问题的整改情况",
			"（一）落实根本任务。制定方案。",
			"欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。联系方式：电话0577-63701234；邮政信箱：某县某镇县前路1号县教育局办公室；电子邮箱：jyj@example.gov.cn。",
			"中共某县教育局委员会", signed}, "\n")
	}
	tests := []struct {
		signed   string
		complete bool
		warning  string
	}{
		{"2025年3月20日", true, ""},
		{"2025年1月20日", false, "[date-order]"},
	}
	for _, tt := range tests {
		t.Run(tt.signed, func(t *testing.T) {
			r, problems := importer.Text("in.txt", []byte(text(tt.signed)), importer.Options{})
			if r == nil {
				t.Fatalf("no result: %v", problems)
			}
			if r.Complete != tt.complete {
				t.Errorf("complete: got %v, want %v (%v)", r.Complete, tt.complete, problems)
			}
			if tt.warning != "" && !strings.Contains(fmt.Sprint(problems), tt.warning) {
				t.Errorf("got %v, want a warning naming %s", problems, tt.warning)
			}
		})
	}
}

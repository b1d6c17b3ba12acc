package importer

import (
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestChineseScore: Chinese text scores high, and the same bytes read in
// the wrong encoding score low, both ways round.
func TestChineseScore(t *testing.T) {
	for _, s := range []string{
		"某学院某医院实施同志",
		"中共某县委巡察工作领导小组办公室关于巡察整改的通报",
		"根据县委统一部署，县委第二巡察组对县民政局党组开展了巡察。",
	} {
		t.Run(s, func(t *testing.T) {
			asGBK, err := simplifiedchinese.GBK.NewEncoder().String(s)
			if err != nil {
				t.Fatal(err)
			}
			right := chineseScore(s)
			// GBK bytes read as UTF-8 (lossy where they are not UTF-8), and
			// UTF-8 bytes read as GB18030.
			wrong := []string{asGBK}
			if gb, err := simplifiedchinese.GB18030.NewDecoder().String(s); err == nil {
				wrong = append(wrong, gb)
			}
			if right < 0.8 {
				t.Errorf("got %.2f for the Chinese text, want 0.8 or more", right)
			}
			for _, w := range wrong {
				if got := chineseScore(w); got >= 0.3 {
					t.Errorf("got %.2f for %q, want under 0.3", got, w)
				}
			}
		})
	}
}

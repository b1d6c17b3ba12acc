package render

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

var aboutRE = regexp.MustCompile(`<p class="about">.*?</p>`)

// TestRoundSummaryListings: a round summary has no single group or
// organisation, and the listings write no empty field for them.
func TestRoundSummaryListings(t *testing.T) {
	src := strings.Replace(archiveTestNotice(2024, "round", ""), "group = \"市委第一巡察组\"\norganization = \"某局党组\"\n",
		"groups = 4\nunits = 12\nnamed = [\"区民政局\", \"区司法局\"]\n", 1)
	out := renderForArchive(t, fstest.MapFS{"content/2024/round.md": mapFile(src)})
	for _, page := range []string{"index.html", "2024/index.html"} {
		about := aboutRE.FindString(out[page])
		if about == "" || strings.Contains(about, "· ·") || strings.Contains(about, "· </p>") || strings.Contains(about, "单位 ·") {
			t.Errorf("%s: got %q, want the date alone", page, about)
		}
	}
	if !strings.Contains(out["notices.json"], `"units":12,"named":["区民政局","区司法局"]`) {
		t.Errorf("notices.json: no units and named units in\n%s", out["notices.json"])
	}
}

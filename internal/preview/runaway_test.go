package preview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// notice.html as built in, to be overridden by a site's own.
func builtinNotice(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../templates", "notice.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// runaway is notice.html with a loop that does not end before the page's
// bounds stop it, writing chunk on each turn.
func runaway(t *testing.T, chunk string) string {
	src := builtinNotice(t)
	if !strings.Contains(src, `{{define "main"}}`) {
		t.Fatal(`notice.html has no {{define "main"}}`)
	}
	return strings.Replace(src, `{{define "main"}}`, `{{define "main"}}{{range $i := 1000000000000}}`+chunk+`{{end}}`, 1)
}

// waitLog waits until the server's log holds s.
func (h *harness) waitLog(s string) {
	h.t.Helper()
	for end := time.Now().Add(deadline); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(h.log.String(), s) {
			return
		}
	}
	h.t.Fatalf("the log never said %q:\n%s", s, h.log)
}

// TestRunawayTemplate saves a template that writes without end: the build
// stops at the page's bound with a clear message, and the last good pages
// stay served with the problem over them. (It once ran for 4 min 44 s and
// took 6.5 GB.)
func TestRunawayTemplate(t *testing.T) {
	h := start(t, newSite(t, 2), Options{Drafts: true})
	const aPage = "/xszg/2025/notice-00000/"
	s := h.open(aPage)
	h.write("templates/notice.html", runaway(t, strings.Repeat("写", 1000)))
	s.want("reload", "")
	body := h.page(aPage)
	if !strings.Contains(body, "<h1>") || !strings.Contains(body, "disclose-problems") {
		t.Errorf("want the last good page with the problem over it:\n%.2000s", body)
	}
	if !strings.Contains(h.log.String(), "页面模板写出的内容超过上限") {
		t.Errorf("the log does not say the template wrote too much:\n%s", h.log)
	}
}

// TestNewerSaveCancels saves a template that runs for seconds, then, while
// its build runs, the fix: the slow build is cancelled, not waited for, and
// the fix is built and served.
func TestNewerSaveCancels(t *testing.T) {
	h := start(t, newSite(t, 2), Options{Drafts: true})
	const aPage = "/xszg/2025/notice-00000/"
	s := h.open(aPage)
	h.write("templates/notice.html", runaway(t, " "))
	h.waitLog("仍在构建")
	h.write("templates/notice.html", strings.Replace(builtinNotice(t), "<h1>", `<h1 class="fixed">`, 1))
	s.want("reload", "")
	if body := h.page(aPage); !strings.Contains(body, `<h1 class="fixed">`) || strings.Contains(body, "disclose-problems") {
		t.Errorf("want the fixed page, with no problem over it:\n%.2000s", body)
	}
	log := h.log.String()
	if !strings.Contains(log, "已取消构建: 有更新的保存") {
		t.Errorf("the log does not say the slow build was cancelled:\n%s", log)
	}
	if strings.Contains(log, "超过上限") {
		t.Errorf("the slow build ran into its bounds, want it cancelled first:\n%s", log)
	}
}

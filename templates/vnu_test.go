package templates_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A page the checker must fault, run with the sites to show that the
// checker runs and reports: a test that cannot fail proves nothing.
const invalidPage = `<!DOCTYPE html><html lang="zh-CN"><head><title>x</title></head><body><p><div>x</div></p><img src="a.png"></body></html>`

// TestNuHtmlChecker runs the Nu Html Checker (vnu-jar from npm, on Java) on
// every page and the stylesheet of both test sites: there must be no error.
func TestNuHtmlChecker(t *testing.T) {
	jar := needFile(t, filepath.Join("..", "node_modules", "vnu-jar", "build", "dist", "vnu.jar"))
	java := needTool(t, "java", "apt-get install default-jre-headless")
	if testing.Short() {
		t.Skip("the Nu Html Checker is skipped in -short mode")
	}
	dir := t.TempDir()
	for _, s := range buildSites(t) {
		s.writeTo(t, filepath.Join(dir, s.name))
	}
	canary := filepath.Join(dir, "canary", "invalid.html")
	if err := os.MkdirAll(filepath.Dir(canary), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(canary, []byte(invalidPage), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--format", "json", "--also-check-css", "--skip-non-html", dir)
	var out bytes.Buffer
	cmd.Stderr = &out // the checker writes its report there
	err := cmd.Run()  // and exits 1 when it finds errors, as it must here
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	var report struct {
		Messages []struct {
			Type, URL, Message string
			LastLine           int
		}
	}
	if err := json.Unmarshal(out.Bytes(), &report); err != nil {
		t.Fatalf("reading the checker's report: %v\n%s", err, out.String())
	}
	canaryErrors := 0
	for _, m := range report.Messages {
		if strings.HasSuffix(m.URL, "/canary/invalid.html") {
			canaryErrors++
			continue
		}
		t.Errorf("%s:%d: %s: %s", strings.TrimPrefix(m.URL, "file:"+dir+"/"), m.LastLine, m.Type, m.Message)
	}
	if canaryErrors == 0 {
		t.Errorf("the checker found no error in %s, want some: is it checking anything?", invalidPage)
	}
}

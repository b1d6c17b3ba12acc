package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// verify --sha256 accepts the sum of the ZIP or of its manifest, as the
// year's page publishes them, and nothing else.
func TestVerifyPublishedSum(t *testing.T) {
	dir := t.TempDir()
	if err := exec.Command("cp", "-r", "../../content", dir).Run(); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if code := run(context.Background(), []string{"archive", "--site", dir, "--year", "2025", "--sealed", "2026-01-05"}, &out, &errs); code != exitOK {
		t.Fatalf("archive: exit %d\n%s", code, errs.String())
	}
	manifestSum := regexp.MustCompile(`SHA-256 of manifest.json: +([0-9a-f]{64})`).FindStringSubmatch(out.String())
	if manifestSum == nil {
		t.Fatalf("archive printed no manifest sum:\n%s", out.String())
	}
	bundle := filepath.Join(dir, "archive", "example.org-xszg-2025-v1.zip")
	data, err := os.ReadFile(bundle)
	if err != nil {
		t.Fatal(err)
	}
	zipSum := sha256.Sum256(data)
	tests := []struct {
		sum  string
		want int
	}{
		{hex.EncodeToString(zipSum[:]), exitOK},
		{manifestSum[1], exitOK},
		{"  " + manifestSum[1] + "\n", exitOK},
		{"0123456789012345678901234567890123456789012345678901234567890123", exitProblems},
	}
	for _, tt := range tests {
		out.Reset()
		if code := run(context.Background(), []string{"verify", "--sha256", tt.sum, bundle}, &out, &errs); code != tt.want {
			t.Errorf("verify --sha256 %q: exit %d, want %d\n%s", tt.sum, code, tt.want, out.String())
		}
	}
}

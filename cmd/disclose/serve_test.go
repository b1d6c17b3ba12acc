package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServe runs `disclose serve` on 127.0.0.1:0 in the sample site, reads
// the URL it prints, loads the sample notice from it, and stops it as
// Ctrl-C does.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("cp", "-r", "../../content", dir).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	outR, outW := io.Pipe()
	var stderr bytes.Buffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"serve", "--site", dir, "--addr", "127.0.0.1:0"}, outW, &stderr)
		outW.Close()
	}()
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(outR)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	urlRE := regexp.MustCompile(`^预览地址 (http://127\.0\.0\.1:[1-9][0-9]*/xszg/) \(草稿显示\).*; serving http://\S+ from memory, drafts shown`)
	var url string
	for url == "" {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("serve ended without printing its URL; stderr:\n%s", &stderr)
			}
			if m := urlRE.FindStringSubmatch(line); m != nil {
				url = m[1]
			}
		case <-time.After(15 * time.Second):
			t.Fatal("serve printed no URL")
		}
	}
	resp, err := http.Get(url + "2025/zhejiang-womens-federation/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `<h1><span class="title-line">中共浙江省妇女联合会党组</span><span class="title-line">关于巡视整改情况的通报</span></h1>`) {
		t.Errorf("GET the sample notice: got status %d and\n%.300s", resp.StatusCode, body)
	}
	stop()
	select {
	case c := <-code:
		if c != exitOK {
			t.Errorf("serve exited %d after Ctrl-C, want 0; stderr:\n%s", c, &stderr)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after Ctrl-C")
	}
	var rest []string
	for line := range lines {
		rest = append(rest, line)
	}
	if len(rest) == 0 || rest[len(rest)-1] != "已停止; stopped" {
		t.Errorf("serve's last lines: %q, want them to end with \"stopped\"", rest)
	}
}

func TestLoopback(t *testing.T) {
	tests := []struct {
		addr  string
		want  bool
		isErr bool
	}{
		{"127.0.0.1:8080", true, false},
		{"127.0.0.1:0", true, false},
		{"localhost:8080", true, false},
		{"[::1]:8080", true, false},
		{"0.0.0.0:8080", false, false},
		{":8080", false, false},
		{"192.168.1.10:80", false, false},
		{"[::]:8080", false, false},
		{"example.org:80", false, false},
		{"8080", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			got, err := loopback(tt.addr)
			if got != tt.want || (err != nil) != tt.isErr {
				t.Errorf("loopback(%q) = %v, %v; want %v, error %v", tt.addr, got, err, tt.want, tt.isErr)
			}
		})
	}
}

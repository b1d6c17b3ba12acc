package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"disclose/internal/preview"
)

// pollEvery is how often --poll looks at the files.
const pollEvery = time.Second

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [--site DIR] [--addr 127.0.0.1:8080] [--no-drafts] [--poll] [--expose]", stderr)
	siteDir := fs.String("site", ".", "网站文件夹, 其中有 content/, 可有 templates/; the site `folder`, holding content/ and, optionally, templates/")
	addr := fs.String("addr", "127.0.0.1:8080", "监听地址, 端口写 0 则自动选空闲端口; the `address` to listen on; port 0 picks a free port")
	noDrafts := fs.Bool("no-drafts", false, "不显示草稿, 与发布的网站一致; leave drafts out, as the published site does")
	poll := fs.Bool("poll", false, "每秒检查一次改动, 用于网络共享文件夹和 WSL; look for changes every second instead of asking the system (for network shares and WSL)")
	expose := fs.Bool("expose", false, "允许本机以外的地址访问: 其他电脑将能看到草稿; allow an address other than the loopback one: other computers can then see the drafts")
	if code, ok := parse(fs, args, 0); !ok {
		return code
	}
	local, err := loopback(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "disclose serve: 地址 --addr %s 有误: %v\n", *addr, err)
		return exitUsage
	}
	if !local && !*expose {
		fmt.Fprintf(stderr, "disclose serve: 预览包含草稿, 仅限本机访问: %[1]s 可从其他计算机访问; 确需如此请加 --expose, 或用 --addr 127.0.0.1:8080; %[1]s is reachable from other computers, and the preview shows drafts: give --expose to allow it, or use --addr 127.0.0.1:8080\n", *addr)
		return exitUsage
	}
	if !local {
		fmt.Fprintf(stderr, "warning: 预览地址 %[1]s 可从其他计算机访问, 草稿也能被看到; serving on %[1]s: other computers can see the drafts\n", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "disclose serve: 无法在 %[1]s 上监听, 请换一个端口, 如 --addr 127.0.0.1:0; cannot listen on %[1]s: %[2]v\n", *addr, err)
		return exitProblems
	}
	opts := preview.Options{Site: *siteDir, Drafts: !*noDrafts, Log: stdout}
	if *poll {
		opts.Poll = pollEvery
	}
	if *expose {
		host, _, _ := net.SplitHostPort(*addr) // checked by loopback
		opts.Hosts = []string{host}
	}
	srv, err := preview.New(opts)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "disclose serve: %v\n", err)
		return exitProblems
	}
	defer srv.Close()
	fmt.Fprintf(stdout, "预览地址 %[1]s (草稿%[3]s), 在内存中生成, 不改动 public/; 按 Ctrl-C 停止; serving %[1]s from memory, drafts %[2]s; public/ is not touched. Press Ctrl-C to stop.\n",
		srv.URL(ln.Addr()), map[bool]string{true: "shown", false: "left out"}[opts.Drafts], map[bool]string{true: "显示", false: "不显示"}[opts.Drafts])
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "disclose serve: %v\n", err)
		return exitProblems
	}
	fmt.Fprintln(stdout, "已停止; stopped")
	return exitOK
}

// loopback reports whether addr (host:port) listens on this computer only.
func loopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, err
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"disclose/internal/bundle"
)

// runVersion is "disclose version" (and --version): the version the
// binary was built as, the same one an archive's manifest names as its
// generator, then the Git revision it was built from, when the go command
// stamped one (.ci/release builds always have it).
func runVersion(stdout io.Writer) int {
	fmt.Fprintln(stdout, bundle.Generator())
	fmt.Fprintf(stdout, "系统 (system): %s/%s\n", runtime.GOOS, runtime.GOARCH)
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return exitOK
	}
	vcs := map[string]string{}
	for _, s := range info.Settings {
		vcs[s.Key] = s.Value
	}
	if rev := vcs["vcs.revision"]; rev != "" {
		state := ""
		if vcs["vcs.modified"] == "true" {
			state = ", 含未提交的修改 (with uncommitted changes)"
		}
		fmt.Fprintf(stdout, "源码版本 (revision): %s (%s%s)\n", rev, vcs["vcs.time"], state)
	} else {
		fmt.Fprintln(stdout, "源码版本 (revision): 未知, 这是开发版本 (unknown: a development build)")
	}
	return exitOK
}

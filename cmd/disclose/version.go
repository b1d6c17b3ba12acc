package main

import (
	"fmt"
	"io"
	"runtime"

	"disclose/internal/version"
)

// runVersion is "disclose version" (and --version): the version the
// binary was built as, the same one an archive's manifest names as its
// generator, then the Git revision it was built from, when the go command
// stamped one (.ci/release builds always have it).
func runVersion(stdout io.Writer) int {
	fmt.Fprintln(stdout, version.Generator())
	fmt.Fprintf(stdout, "系统 (system): %s/%s\n", runtime.GOOS, runtime.GOARCH)
	s := version.Read()
	if s.Revision == "" {
		fmt.Fprintln(stdout, "源码版本 (revision): 未知, 这是开发版本 (unknown: a development build)")
		return exitOK
	}
	state := ""
	if s.Modified {
		state = ", 含未提交的修改 (with uncommitted changes)"
	}
	fmt.Fprintf(stdout, "源码版本 (revision): %s (%s%s)\n", s.Revision, s.Time, state)
	return exitOK
}

// Package browser finds and starts headless Chromium, for the steps that
// need a real browser engine: printing notices to PDF (package pdf) and the
// tests of the default templates. It sits beside the build pipeline and
// uses none of it.
//
// Chromium is looked for as $DISCLOSE_CHROMIUM, then under its usual names
// on PATH. It runs headless, without sandbox (it refuses to start as root
// with one), GPU, background networking, component updates, sync or the
// first-run dialogs, in a fresh profile folder removed when it stops.
//
// Printing prefers Chromium's headless shell (FindPrinter, StartPrinter):
// the same engine, laying out and printing the same pages into the same
// PDF, without the browser around it. The full browser in headless mode
// starts a print compositor process for each PDF and composites every
// page it loads for a screen nobody sees; measured on a year of 200
// notices, it spent three to four times the shell's CPU
// (docs/performance.md).
package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// EnvPath names the environment variable that points at the Chromium
// executable when it is not on PATH under a usual name.
const EnvPath = "DISCLOSE_CHROMIUM"

// names are Chromium's executables on Debian, Ubuntu, Fedora, macOS
// (through a symlink on PATH) and the Google builds.
var names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// shells are the executables of Chromium's headless shell: Debian's
// chromium-headless-shell, Chrome for Testing's chrome-headless-shell, and
// headless_shell as Chromium's own build names it.
var shells = []string{"chromium-headless-shell", "chrome-headless-shell", "headless_shell"}

// ErrNotFound is returned by Find when there is no Chromium to run.
var ErrNotFound = errors.New("未找到 Chromium 浏览器, 请先安装 (Debian、Ubuntu: apt-get install chromium) 或设置 " + EnvPath +
	"; no Chromium found: install it (Debian, Ubuntu: apt-get install chromium) or set " + EnvPath + " to its path")

// Find returns the path of the Chromium executable.
func Find() (string, error) { return find(names) }

// FindPrinter returns the path of the Chromium to print with:
// $DISCLOSE_CHROMIUM when it is set, else the headless shell when it is
// installed, else the browser Find returns.
func FindPrinter() (string, error) { return find(append(shells[:len(shells):len(shells)], names...)) }

// find returns $DISCLOSE_CHROMIUM, or the first of names on PATH.
func find(names []string) (string, error) {
	if p := os.Getenv(EnvPath); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("%[1]s=%[2]s 不是可运行的程序; %[1]s=%[2]s is not a program that can run: %[3]w", EnvPath, p, ErrNotFound)
		}
		return path, nil
	}
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", ErrNotFound
}

// Start starts headless Chromium and returns a context whose tab it drives
// (pass it to chromedp.Run); cancel stops the browser and removes its
// profile.
func Start(ctx context.Context) (context.Context, context.CancelFunc, error) {
	path, err := Find()
	if err != nil {
		return nil, nil, err
	}
	return start(ctx, path)
}

// StartPrinter is Start with the Chromium FindPrinter returns: the one to
// print pages to PDF with.
func StartPrinter(ctx context.Context) (context.Context, context.CancelFunc, error) {
	path, err := FindPrinter()
	if err != nil {
		return nil, nil, err
	}
	return start(ctx, path)
}

// start starts the Chromium at path.
func start(ctx context.Context, path string) (context.Context, context.CancelFunc, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	// Start the browser now, so that a Chromium that cannot run says so
	// here rather than in the first step of the caller.
	if err := chromedp.Do(tabCtx); err != nil {
		cancelTab()
		cancelAlloc()
		return nil, nil, fmt.Errorf("无法启动 Chromium (%s): %w", path, err)
	}
	return tabCtx, func() { cancelTab(); cancelAlloc() }, nil
}

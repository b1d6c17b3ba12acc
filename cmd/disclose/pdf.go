package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"disclose/internal/browser"
	"disclose/internal/build"
)

// pdfFlag is build's --pdf: unset, --pdf (print) or --pdf=false (none).
type pdfFlag struct {
	set, on bool
}

func (f *pdfFlag) IsBoolFlag() bool { return true }
func (f *pdfFlag) String() string   { return "" }
func (f *pdfFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	f.set, f.on = true, on
	return nil
}

// mode is what the flag asks of the build.
func (f *pdfFlag) mode() build.PDFMode {
	switch {
	case !f.set:
		return build.PDFAuto
	case f.on:
		return build.PDFPrint
	}
	return build.PDFNone
}

// reportPDF says what the build did about PDFs: how many it printed and
// reused, which it could not make and why. It returns the exit code.
func reportPDF(res build.Result, out string, stdout, stderr io.Writer) int {
	s := res.PDF
	switch res.PDFs {
	case "print":
		// With nothing printed for want of a browser, no PDF is called
		// current: the message below says what is missing.
		switch {
		case s.Printed+s.Reused > 0:
			fmt.Fprintf(stdout, "新打印 PDF %[1]d 份, 沿用 %[2]d 份; printed %[1]d PDF, reused %[2]d from the cache\n", s.Printed, s.Reused)
		case res.NoBrowser == nil:
			fmt.Fprintln(stdout, "均为最新的 PDF 版, 无需打印; every PDF is current: none printed")
		}
	case "keep":
		fmt.Fprintf(stdout, "沿用 PDF %[1]d 份; kept %[1]d PDFs still current, printed none\n", s.Reused)
		if s.Missing > 0 {
			fmt.Fprintf(stderr, "警告: %[1]d 篇通报修改后尚无 PDF 版: 请运行 disclose build --pdf 重新打印 (--pdf=false 删除全部 PDF); warning: %[1]d notices changed since their PDF was printed and have none now: run disclose build --pdf; --pdf=false removes all PDFs\n",
				s.Missing)
		}
	}
	if s.Pruned > 0 {
		fmt.Fprintf(stdout, "已从 PDF 缓存删除久未使用的 %[1]d 份; removed %[1]d PDFs no build had used for long from the cache\n", s.Pruned)
	}
	if res.NoBrowser == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "disclose build --pdf: %v\n", res.NoBrowser)
	if errors.Is(res.NoBrowser, browser.ErrNotFound) {
		fmt.Fprintf(stderr, "网站已生成在 %[1]s, 仅未生成 PDF; the site was built in %[1]s; only the PDF files are missing\n", out)
	}
	return exitProblems
}

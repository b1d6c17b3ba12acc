package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"disclose/internal/browser"
	"disclose/internal/pdf"
)

// printPDF prints every notice of the site just built in out to PDF
// (build --pdf). The site itself is already published; a failure here says
// so, and leaves every page in place.
func printPDF(ctx context.Context, out string, stdout, stderr io.Writer) int {
	written, err := pdf.Site(ctx, out)
	for _, name := range written {
		fmt.Fprintf(stdout, "已打印 %[1]s; printed %[1]s\n", name)
	}
	if err != nil {
		fmt.Fprintf(stderr, "disclose build --pdf: %v\n", err)
		if errors.Is(err, browser.ErrNotFound) {
			fmt.Fprintf(stderr, "网站已生成在 %[1]s, 仅未生成 PDF; the site was built in %[1]s; only the PDF files are missing\n", out)
		}
		return exitProblems
	}
	return exitOK
}

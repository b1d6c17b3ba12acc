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
		fmt.Fprintf(stdout, "printed %s\n", name)
	}
	if err != nil {
		fmt.Fprintf(stderr, "disclose build --pdf: %v\n", err)
		if errors.Is(err, browser.ErrNotFound) {
			fmt.Fprintf(stderr, "the site was built in %s; only the PDF files are missing (网站已生成, 仅未生成 PDF)\n", out)
		}
		return exitProblems
	}
	return exitOK
}

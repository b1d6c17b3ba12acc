package build

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"

	"disclose/internal/notice"
	"disclose/internal/pdf"
	"disclose/internal/render"
	"disclose/internal/site"
)

// PDFMode says what a build to disk does about the notices' PDFs.
type PDFMode int

const (
	// PDFAuto prints as site.toml's pdf says; without it, a build of an
	// output that has PDFs keeps those still current and prints none.
	PDFAuto PDFMode = iota
	// PDFPrint prints every notice whose PDF is not in the cache
	// (build --pdf).
	PDFPrint
	// PDFNone makes no PDFs, and so removes those the output had
	// (build --pdf=false).
	PDFNone
)

// PDFOptions says how a build to disk makes the notices' PDFs.
type PDFOptions struct {
	Mode  PDFMode
	Cache string // the folder of printed PDFs; "" for pdf.DefaultCache
}

// Result tells what a build to disk did besides its problems.
type Result struct {
	PDF  pdf.Stats
	PDFs string // "print", "keep" or "": what the build did about PDFs
	// NoBrowser is browser.ErrNotFound, or the error starting Chromium,
	// when the build was to print and could not: the site was built
	// without the PDFs that were not in the cache.
	NoBrowser error
}

// pdfPlan is how one build makes PDFs, once the settings are read.
type pdfPlan struct {
	opts    PDFOptions
	had     bool   // the output has PDFs: its notices.json lists one
	mode    string // "print", "keep" or ""
	printer *pdf.Printer

	mu        sync.Mutex
	noBrowser error
}

// hasPDFs reports whether the site built in out has PDFs: its notices.json
// lists one. The file is read piece by piece, up to the first PDF it
// lists: a large site's (1.2 KB a notice) is never held whole.
func hasPDFs(out string) bool {
	f, err := os.Open(filepath.Join(out, "notices.json"))
	if err != nil {
		return false
	}
	defer f.Close()
	return contains(f, []byte(`"pdf":{"url":`), 64<<10)
}

// contains reports whether what r reads holds pattern, reading it in
// pieces of size bytes (at least len(pattern)); a read error ends it.
func contains(r io.Reader, pattern []byte, size int) bool {
	keep := len(pattern) - 1 // the end of a piece, which may begin a match
	buf := make([]byte, keep+max(size, len(pattern)))
	have := 0 // bytes of buf kept from the last piece
	for {
		n, err := io.ReadFull(r, buf[have:])
		if bytes.Contains(buf[:have+n], pattern) {
			return true
		}
		if err != nil {
			return false
		}
		have = copy(buf, buf[have+n-keep:have+n])
	}
}

// resolve decides what the build does about PDFs. A plain build of an
// output with PDFs keeps them, for the user who printed with --pdf once
// and builds again after an edit expects the PDFs still there: what
// --pdf printed is not lost to a build that did not mention it. Only
// --pdf=false removes them.
func (p *pdfPlan) resolve(settings *site.Settings) string {
	switch {
	case p.opts.Mode == PDFNone:
		return ""
	case p.opts.Mode == PDFPrint || settings.PDF:
		return "print"
	case p.had:
		return "keep"
	}
	return ""
}

// start sets r to print, or to keep PDFs, as the plan says; it returns the
// mode, which is part of the build's key.
func (p *pdfPlan) start(settings *site.Settings, t *render.Templates, r *render.Renderer) string {
	p.mode = p.resolve(settings)
	if p.mode == "" {
		return ""
	}
	cache := p.opts.Cache
	if cache == "" {
		cache, _ = pdf.DefaultCache() // none: print every time
	}
	assets, css := t.Assets()
	p.printer = pdf.NewPrinter(pdf.Config{Base: settings.BasePath(), Assets: assets, Stylesheet: css,
		Cache: cache, Offline: p.mode == "keep"})
	r.Print(func(_ *notice.Notice, path string, page []byte) ([]byte, error) {
		data, err := p.printer.Print(context.Background(), path, page)
		var start *pdf.StartError
		if errors.As(err, &start) {
			// Without a browser the site is built all the same, without
			// the PDFs not in the cache, and the caller says so.
			p.mu.Lock()
			p.noBrowser = start.Err
			p.mu.Unlock()
			return nil, nil
		}
		return data, err
	})
	return p.mode
}

// close stops the printer's browser and returns what it did.
func (p *pdfPlan) close() pdf.Stats {
	if p.printer == nil {
		return pdf.Stats{}
	}
	p.printer.Close()
	return p.printer.Stats()
}

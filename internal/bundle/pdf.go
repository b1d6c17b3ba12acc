package bundle

import (
	"fmt"
	"io/fs"
	"slices"
	"sync"

	"disclose/internal/diag"
	"disclose/internal/notice"
	"disclose/internal/pdf"
	"disclose/internal/render"
	"disclose/internal/site"
)

// pdfsOf returns the printer of a bundle: it prints nothing, but finds in
// the PDF cache the PDF a build printed of each notice's page as the site
// publishes it (not of the bundle's page, whose links are relative), so
// the bundle holds the very PDF the site links. missing reports, once the
// pages are rendered, the notices with none, when the site prints
// (pdf = true): a warning each, since the bundle is then not what the
// site publishes.
func pdfsOf(fsys fs.FS, s *site.Site, cache string) (render.Printer, func(prints bool) diag.List, error) {
	if cache == "" {
		cache, _ = pdf.DefaultCache()
	}
	t, problems := render.LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL)
	if problems.HasErrors() {
		return nil, nil, fmt.Errorf("无法读取模板; cannot load the templates: %v", problems)
	}
	r := render.NewRenderer(s.Settings, t)
	assets, css := t.Assets()
	var mu sync.Mutex
	var without []string
	printer := func(n *notice.Notice, _ string, _ []byte) ([]byte, error) {
		page, err := r.Page(n)
		if err != nil {
			return nil, err
		}
		data, ok := pdf.Lookup(cache, page, assets[css])
		if !ok {
			mu.Lock()
			without = append(without, n.Path)
			mu.Unlock()
			return nil, nil
		}
		return data, nil
	}
	missing := func(prints bool) diag.List {
		var list diag.List
		if !prints {
			return nil
		}
		slices.Sort(without)
		for _, p := range without {
			list.Add(diag.Diagnostic{Severity: diag.Warning, Path: p, Rule: "archive-pdf",
				Message: "归档包中缺少本通报的 PDF 版: 请先运行 disclose build --pdf " +
					"(no PDF of this notice as it stands was printed, so the bundle holds none: run disclose build --pdf first)"})
		}
		return list
	}
	return printer, missing, nil
}

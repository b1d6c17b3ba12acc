package bundle

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"disclose/internal/diag"
	"disclose/internal/notice"
	"disclose/internal/render"
	"disclose/internal/search"
	"disclose/internal/site"
	program "disclose/internal/version"
)

// Folders of a bundle.
const (
	SiteDir    = "site"
	SourcesDir = "sources"
)

// makeBundle makes version of year's bundle; prev is the version it
// re-issues, or nil.
func makeBundle(fsys fs.FS, s *site.Site, opts Options, version int, prev *site.Seal) (*Bundle, diag.List, error) {
	year := opts.Year
	files := map[string][]byte{}
	// 1. The year's pages, linked relative to each other. The year's own
	// archive mark is left out: a bundle cannot say where it is kept.
	sub := &site.Site{Settings: s.Settings, Notices: s.InYear(year)}
	t, problems := render.LoadTemplates(fsys, s.Settings.BasePath(), s.Settings.AbsURL, render.RelativeLinks())
	if problems.HasErrors() {
		return nil, problems, ErrProblems
	}
	printed, missing, err := pdfsOf(fsys, s, opts.PDFCache)
	if err != nil {
		return nil, problems, err
	}
	var mu sync.Mutex // Render emits from several goroutines
	err = render.RenderPrinted(sub, t, printed, func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[SiteDir+"/"+p] = bytes.Clone(data)
		return nil
	})
	if err != nil {
		return nil, problems, err
	}
	files[SiteDir+"/"+search.Dir+"index.js"], err = offlineIndex(year, sub.Notices)
	if err != nil {
		return nil, problems, err
	}
	problems = append(problems, missing(s.Settings.PDF)...)
	// 2. The sources those pages were made from.
	sources, err := readSources(fsys, sub.Notices)
	if err != nil {
		return nil, problems, err
	}
	for p, data := range sources {
		files[SourcesDir+"/"+p] = data
	}
	// 3. The README, then the manifest that lists every file.
	m := Manifest{Format: Format, Title: s.Settings.Title, Site: s.Settings.AbsURL(""), Year: year,
		Version: version, Generator: program.Generator(), SourcesSHA256: sourcesSum(sources), Notices: []Notice{}}
	if prev != nil {
		m.Previous = &Previous{Version: prev.Version, Sealed: prev.Sealed.ISO(), File: prev.File,
			SHA256: prev.SHA256, ManifestSHA256: prev.ManifestSHA256}
	}
	sums := map[string]string{}
	for _, n := range sub.Notices {
		sums[n.Path] = site.SourceSum(sources[n.Path])
		m.Notices = append(m.Notices, Notice{Title: n.Title, Date: n.Date.Attr(),
			Page: SiteDir + "/" + n.URL() + "index.html", Source: SourcesDir + "/" + n.Path, Corrections: len(n.Corrections)})
	}
	name := Name(s.Settings.BaseURL, year, version)
	files["README.txt"] = readme(m, name)
	for _, p := range slices.Sorted(maps.Keys(files)) {
		m.Files = append(m.Files, fileOf(p, files[p]))
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, problems, err
	}
	files[ManifestPath] = append(manifest, '\n')
	// 4. The ZIP.
	newest, what := modTime(sub.Notices)
	data, err := writeZip(files, newest)
	if err != nil {
		return nil, problems, err
	}
	return &Bundle{Name: name, Data: data, SHA256: sum(data), ManifestSHA256: sum(files[ManifestPath]), Manifest: m, Newest: newest, NewestWhat: what, Notices: sums}, problems, nil
}

// offlineIndex is the search index of the year's notices in one script,
// search/index.js, which the search page loads from a folder opened as
// file://, where a browser refuses to fetch its files (search.Script).
func offlineIndex(year int, notices []*notice.Notice) ([]byte, error) {
	var docs []search.Doc
	texts := map[string]string{}
	for _, n := range notices {
		if n.Draft {
			continue
		}
		docs = append(docs, search.DocOf(n, string(n.Body)))
		texts[n.URL()] = search.PlainText(string(n.Body))
	}
	files := map[string][]byte{}
	y, err := search.BuildYear(year, len(docs), search.Docs(docs), "", func(p string, data []byte) error {
		files[strings.TrimPrefix(p, search.Dir)] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	files["index.json"] = search.MetaFile([]search.Year{y})
	return search.Script(files, texts), nil
}

// readSources reads the site settings, the notices and the site's own
// templates, by site-relative path. Drafts are not among the notices: what
// was never published is not sealed.
func readSources(fsys fs.FS, notices []*notice.Notice) (map[string][]byte, error) {
	paths := []string{site.SettingsPath}
	for _, n := range notices {
		paths = append(paths, n.Path)
	}
	err := fs.WalkDir(fsys, render.TemplateDir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			if p == render.TemplateDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		case strings.HasPrefix(d.Name(), ".") && p != render.TemplateDir:
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.Type().IsRegular():
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("无法读取页面模板: %w", err)
	}
	files := make(map[string][]byte, len(paths))
	for _, p := range paths {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("无法读取 %s: %w", p, err)
		}
		files[p] = data
	}
	return files, nil
}

// modTime is the time every entry of the bundle carries: that of the
// year's newest publication or correction, on the clock of China, where
// the notices were published. It is a fact of the sources, so sealing
// again gives the same bytes, and it is never before 1980, where ZIP time
// begins.
func modTime(notices []*notice.Notice) (time.Time, string) {
	newest, what := time.Date(1980, 1, 1, 0, 0, 0, 0, notice.ChinaTime), ""
	for _, n := range notices {
		if t := n.Date.In(notice.ChinaTime); t.After(newest) {
			newest, what = t, n.Path+": date"
		}
		for i, c := range n.Corrections {
			if t := time.Date(c.Date.Year(), c.Date.Month(), c.Date.Day(), 0, 0, 0, 0, notice.ChinaTime); t.After(newest) {
				newest, what = t, fmt.Sprintf("%s: corrections[%d]", n.Path, i+1)
			}
		}
	}
	return newest, what
}

// writeZip writes files as a ZIP, in the order of their paths, each
// compressed, with mode 0644 and the time mod.
func writeZip(files map[string][]byte, mod time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range slices.Sorted(maps.Keys(files)) {
		h := &zip.FileHeader{Name: p, Method: zip.Deflate, Modified: mod}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(files[p]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

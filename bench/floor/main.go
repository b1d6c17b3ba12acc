// Command floor is the benchmark's floor: the least work a notice site
// generator must do. It reads every notice under SITE/content, decodes its
// TOML front matter, converts its Markdown body with a plain goldmark and
// writes the HTML to OUT/<year>/<slug>/index.html, in a pool of GOMAXPROCS
// workers, with no templates, listings, feed or checks.
//
//	go run ./bench/floor -site /tmp/corpus-10k -out /tmp/floor-out
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark"
)

func main() {
	site := flag.String("site", "", "the site `folder`")
	out := flag.String("out", "", "the output `folder`")
	flag.Parse()
	if *site == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*site, *out); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(site, out string) error {
	var paths []string
	err := filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	jobs := make(chan string)
	errs := make(chan error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			md := goldmark.New()
			var buf bytes.Buffer
			for p := range jobs {
				if err := convert(md, &buf, site, out, p); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for _, p := range paths {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	close(errs)
	return <-errs
}

func convert(md goldmark.Markdown, buf *bytes.Buffer, site, out, p string) error {
	src, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	parts := bytes.SplitN(src, []byte("+++\n"), 3)
	if len(parts) != 3 {
		return fmt.Errorf("%s: no front matter", p)
	}
	var meta map[string]any
	if _, err := toml.Decode(string(parts[1]), &meta); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	buf.Reset()
	if err := md.Convert(parts[2], buf); err != nil {
		return err
	}
	rel, _ := filepath.Rel(filepath.Join(site, "content"), p)
	dir := filepath.Join(out, strings.TrimSuffix(rel, ".md"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644)
}

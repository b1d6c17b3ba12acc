// Command corpus writes a synthetic site of N notices for benchmarks:
//
//	go run ./bench/corpus -n 10000 -out /tmp/corpus-10k
//	go run ./bench/corpus -n 100000 -tiny -out /tmp/corpus-tiny
//
// -tiny makes each notice a valid minimal one (its front matter and a few
// short lines) instead of some 19 KB: a site whose build memory is what it
// keeps of each notice, not its text.
// The same -n and -seed give the same files. Hugo builds the same tree
// (see bench/hugo-site).
package main

import (
	"flag"
	"fmt"
	"os"

	"disclose/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "how many notices")
	seed := flag.Uint64("seed", 1, "random seed")
	tiny := flag.Bool("tiny", false, "tiny notices: each a valid minimal notice (front matter and a few short lines), not some 19 KB")
	out := flag.String("out", "", "the site `folder` to create (must not exist)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "corpus: %s exists; give a new folder\n", *out)
		os.Exit(1)
	}
	opts := corpus.Defaults(*n)
	opts.Seed = *seed
	opts.Tiny = *tiny
	if err := corpus.Write(*out, opts); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

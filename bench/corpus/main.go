// Command corpus writes a synthetic site of N notices for benchmarks:
//
//	go run ./bench/corpus -n 10000 -out /tmp/corpus-10k
//
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
	if err := corpus.Write(*out, opts); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

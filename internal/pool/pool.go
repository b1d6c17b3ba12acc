// Package pool runs a number of independent jobs on as many goroutines as
// the machine runs at once. It is the one worker pool of disclose, at the
// bottom of the import graph: render renders notices and listings with
// it, build reads notices and its record's shards and writes the shards,
// and output removes and inspects folders.
package pool

import (
	"runtime"
	"sync"
)

// Run calls work(0) … work(n-1) on GOMAXPROCS goroutines and returns the
// first error one returned. After an error no more jobs are started: a
// build that fails should fail fast. Run returns once every job started
// has returned.
func Run(n int, work func(i int) error) error {
	return run(n, runtime.GOMAXPROCS(0), work)
}

// RunN is Run on workers goroutines (at least one): for jobs that mostly
// wait, such as pages printed by a browser in another process.
func RunN(n, workers int, work func(i int) error) error {
	return run(n, max(1, workers), work)
}

// run is Run on at most workers goroutines.
func run(n, workers int, work func(i int) error) error {
	var (
		next     int
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if next >= n || firstErr != nil {
			return 0, false
		}
		next++
		return next - 1, true
	}
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr == nil {
			firstErr = err
		}
	}
	for range min(max(workers, 1), max(n, 1)) {
		wg.Go(func() {
			for i, ok := take(); ok; i, ok = take() {
				if err := work(i); err != nil {
					fail(err)
				}
			}
		})
	}
	wg.Wait()
	return firstErr
}

package watch

import (
	"context"
	"maps"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// runBatcher starts a batcher with quiet 15ms, settle 50ms and max 1s in
// the bubble.
func runBatcher(t *testing.T) (in chan<- change, out <-chan map[string]bool, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	i, o := make(chan change), make(chan map[string]bool)
	go saves.run(ctx, i, o)
	return i, o, cancel
}

// there and gone are the changes of events that leave a file at p, and
// that leave none.
func there(p string) change { return change{path: p} }
func gone(p string) change  { return change{path: p, gone: true} }

// receive returns the paths of the batch out holds now, sorted, or nil
// when it holds none, once every goroutine of the bubble is blocked.
func receive(out <-chan map[string]bool) []string {
	synctest.Wait()
	select {
	case b := <-out:
		return slices.Sorted(maps.Keys(b))
	default:
		return nil
	}
}

func TestBatcherBurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, stop := runBatcher(t)
		defer stop()
		start := time.Now()
		// Several events on a few paths, 1ms apart.
		for _, c := range []change{there("c/4913"), gone("c/4913"), there("c/a.md"), there("c/a.md~"), there("c/a.md"), gone("c/a.md~")} {
			in <- c
			time.Sleep(time.Millisecond)
		}
		// The last event came at 5ms: the batch is ready at 55ms (settle),
		// not before.
		time.Sleep(time.Until(start.Add(55*time.Millisecond - time.Nanosecond)))
		if b := receive(out); b != nil {
			t.Fatalf("got batch %v at %v, before quiet after the last event", b, time.Since(start))
		}
		time.Sleep(time.Nanosecond)
		got := receive(out)
		if want := []string{"c/4913", "c/a.md", "c/a.md~"}; !slices.Equal(got, want) {
			t.Errorf("got batch %v at %v, want %v at 55ms", got, time.Since(start), want)
		}
		if b := receive(out); b != nil {
			t.Errorf("got a second batch %v, want none", b)
		}
	})
}

// TestBatcherWaits checks when the batch of each kind of change is ready:
// the events come 1ms apart, the last at 1ms; a batch must come at the
// time given after it, and not a nanosecond before.
func TestBatcherWaits(t *testing.T) {
	tests := []struct {
		name   string
		events []change
		after  time.Duration
		want   []string
	}{
		{"a plain save: one file written twice", []change{there("a.md"), there("a.md")}, 15 * time.Millisecond, []string{"a.md"}},
		{"a save renamed over the file", []change{gone("a.md"), there("a.md")}, 15 * time.Millisecond, []string{"a.md"}},
		{"a file deleted: it may come back", []change{there("a.md"), gone("a.md")}, 50 * time.Millisecond, []string{"a.md"}},
		{"two files", []change{there("a.md"), there("b.md")}, 50 * time.Millisecond, []string{"a.md", "b.md"}},
		{"a folder and its file", []change{there("c/2026"), there("c/2026/a.md")}, 50 * time.Millisecond, []string{"c/2026", "c/2026/a.md"}},
		{"events lost", []change{there(".")}, 50 * time.Millisecond, []string{"."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				in, out, stop := runBatcher(t)
				defer stop()
				start := time.Now()
				for i, c := range tt.events {
					if i > 0 {
						time.Sleep(time.Millisecond)
					}
					in <- c
				}
				last := time.Now()
				time.Sleep(time.Until(last.Add(tt.after - time.Nanosecond)))
				if b := receive(out); b != nil {
					t.Fatalf("got batch %v at %v, want it at %v", b, time.Since(start), last.Add(tt.after).Sub(start))
				}
				time.Sleep(time.Nanosecond)
				if got := receive(out); !slices.Equal(got, tt.want) {
					t.Errorf("got batch %v at %v, want %v", got, time.Since(start), tt.want)
				}
			})
		})
	}
}

// TestBatcherSlowRenameOver checks that a save that renames the file away
// and takes a while to put the new one in its place gives one batch, once
// the file is back: never a batch in which the notice is gone.
func TestBatcherSlowRenameOver(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, stop := runBatcher(t)
		defer stop()
		in <- gone("a.md") // renamed to a.md~
		time.Sleep(40 * time.Millisecond)
		if b := receive(out); b != nil {
			t.Fatalf("got batch %v while the file was away", b)
		}
		in <- there("a.md") // the new file written
		time.Sleep(15*time.Millisecond - time.Nanosecond)
		if b := receive(out); b != nil {
			t.Fatalf("got batch %v before quiet after the file came back", b)
		}
		time.Sleep(time.Nanosecond)
		if got := receive(out); !slices.Equal(got, []string{"a.md"}) {
			t.Errorf("got batch %v, want [a.md]", got)
		}
		if b := receive(out); b != nil {
			t.Errorf("got a second batch %v, want none", b)
		}
	})
}

func TestBatcherSeparateSaves(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, stop := runBatcher(t)
		defer stop()
		for _, p := range []string{"a.md", "b.md"} {
			in <- there(p)
			time.Sleep(100 * time.Millisecond)
			if got := receive(out); !slices.Equal(got, []string{p}) {
				t.Errorf("got batch %v, want [%s]", got, p)
			}
		}
	})
}

// TestBatcherNeverQuiet checks that endless events still give a batch
// every max: a preview must not freeze while a tool rewrites files.
func TestBatcherNeverQuiet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, stop := runBatcher(t)
		defer stop()
		start := time.Now()
		var batches [][]string
		for i := 0; time.Since(start) < 2500*time.Millisecond; i++ {
			in <- there("a.md")
			in <- there("b.md")
			time.Sleep(20 * time.Millisecond)
			if b := receive(out); b != nil {
				batches = append(batches, b)
				if got, want := time.Since(start).Truncate(time.Second), time.Duration(len(batches))*time.Second; got != want {
					t.Errorf("batch %d sent at %v, want at %v", len(batches), time.Since(start), want)
				}
			}
		}
		if len(batches) != 2 {
			t.Errorf("got %d batches in 2.5s of events every 20ms, want 2 (one per max of 1s)", len(batches))
		}
	})
}

// TestBatcherBusyReader checks that events that come while the reader is
// busy are not lost: they join the batch it will read next.
func TestBatcherBusyReader(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, stop := runBatcher(t)
		defer stop()
		in <- there("a.md")
		time.Sleep(time.Second) // ready, but nobody reads
		in <- there("b.md")
		in <- there("c.md")
		if got, want := receive(out), []string{"a.md", "b.md", "c.md"}; !slices.Equal(got, want) {
			t.Errorf("got batch %v, want %v", got, want)
		}
		if b := receive(out); b != nil {
			t.Errorf("got a second batch %v, want none", b)
		}
	})
}

func TestBatcherStops(t *testing.T) {
	for _, how := range []string{"context", "input closed"} {
		t.Run(how, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				in, out := make(chan change), make(chan map[string]bool)
				go batcher{quiet: time.Millisecond, settle: time.Millisecond, max: time.Second}.run(ctx, in, out)
				in <- there("a.md")
				if how == "context" {
					cancel()
				} else {
					close(in)
				}
				synctest.Wait()
				if _, ok := <-out; ok {
					t.Errorf("out is open after the batcher was stopped by its %s", how)
				}
			})
		})
	}
}

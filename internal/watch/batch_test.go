package watch

import (
	"context"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// runBatcher starts a batcher with quiet 50ms and max 1s in the bubble.
func runBatcher(t *testing.T) (in chan<- string, out <-chan []string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	i, o := make(chan string), make(chan []string)
	go batcher{quiet: 50 * time.Millisecond, max: time.Second}.run(ctx, i, o)
	return i, o, cancel
}

// receive returns the batch out holds now, or nil when it holds none,
// once every goroutine of the bubble is blocked.
func receive(out <-chan []string) []string {
	synctest.Wait()
	select {
	case b := <-out:
		return b
	default:
		return nil
	}
}

func TestBatcherBurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, stop := runBatcher(t)
		defer stop()
		start := time.Now()
		// A Vim save: several events on a few paths, 1ms apart.
		for _, p := range []string{"c/4913", "c/a.md", "c/a.md~", "c/a.md", "c/a.md", "c/a.md~"} {
			in <- p
			time.Sleep(time.Millisecond)
		}
		// The last event came at 5ms: the batch is ready at 55ms, not before.
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

func TestBatcherSeparateSaves(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, stop := runBatcher(t)
		defer stop()
		for _, p := range []string{"a.md", "b.md"} {
			in <- p
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
			in <- "a.md"
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
		in <- "a.md"
		time.Sleep(time.Second) // ready, but nobody reads
		in <- "b.md"
		in <- "c.md"
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
				in, out := make(chan string), make(chan []string)
				go batcher{quiet: time.Millisecond, max: time.Second}.run(ctx, in, out)
				in <- "a.md"
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

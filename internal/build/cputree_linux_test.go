package build

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// cpuWatch measures the CPU time of this process and of every process
// descended from it (the browser's), which is what a build that prints
// spends: the browser's processes are not reaped into this one, so that
// neither getrusage nor /usr/bin/time sees them. It samples Linux's /proc
// every 50 ms and keeps each process's last figure; a process's last 50 ms
// before it ends may be missed.
type cpuWatch struct {
	stop, done chan struct{}
	ticks      map[int]int64 // by process: user + system, in clock ticks
	self       time.Duration // this process's, when the watch began
}

func watchCPU() *cpuWatch {
	w := &cpuWatch{stop: make(chan struct{}), done: make(chan struct{}), ticks: map[int]int64{}, self: selfCPU()}
	go func() {
		defer close(w.done)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			w.sample(os.Getpid())
			select {
			case <-w.stop:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// sample records the CPU time of the descendants of pid.
func (w *cpuWatch) sample(pid int) {
	tasks, _ := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/task")
	for _, task := range tasks {
		data, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/task/" + task.Name() + "/children")
		for _, f := range strings.Fields(string(data)) {
			child, err := strconv.Atoi(f)
			if err != nil {
				continue
			}
			if stat, err := os.ReadFile("/proc/" + f + "/stat"); err == nil {
				if i := strings.LastIndexByte(string(stat), ')'); i > 0 {
					// After the name: state, ppid, … utime (14th field), stime (15th).
					fields := strings.Fields(string(stat[i+1:]))
					if len(fields) > 12 {
						u, _ := strconv.ParseInt(fields[11], 10, 64)
						s, _ := strconv.ParseInt(fields[12], 10, 64)
						w.ticks[child] = u + s
					}
				}
			}
			w.sample(child)
		}
	}
}

// seconds stops the watch and returns the CPU seconds spent since it began
// by this process and its descendants.
func (w *cpuWatch) seconds() float64 {
	close(w.stop)
	<-w.done
	var ticks int64
	for _, t := range w.ticks {
		ticks += t
	}
	const hz = 100 // USER_HZ, the unit of /proc/*/stat on every Linux
	return (selfCPU() - w.self).Seconds() + float64(ticks)/hz
}

// selfCPU is this process's user and system time.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

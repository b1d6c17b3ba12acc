package build

import (
	"os"
	"strconv"
	"strings"
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
	self       int64         // this process's, when the watch began
}

func watchCPU() *cpuWatch {
	w := &cpuWatch{stop: make(chan struct{}), done: make(chan struct{}), ticks: map[int]int64{}, self: ticksOf(strconv.Itoa(os.Getpid()))}
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
			if t := ticksOf(f); t >= 0 {
				w.ticks[child] = t
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
	ticks := ticksOf(strconv.Itoa(os.Getpid())) - w.self
	for _, t := range w.ticks {
		ticks += t
	}
	const hz = 100 // USER_HZ, the unit of /proc/*/stat on every Linux
	return float64(ticks) / hz
}

// ticksOf returns the user and system time of the process pid, in clock
// ticks, or -1 when it cannot be read.
func ticksOf(pid string) int64 {
	stat, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return -1
	}
	i := strings.LastIndexByte(string(stat), ')')
	if i < 0 {
		return -1
	}
	// After the name: state, ppid, … utime (14th field), stime (15th).
	fields := strings.Fields(string(stat[i+1:]))
	if len(fields) < 13 {
		return -1
	}
	u, _ := strconv.ParseInt(fields[11], 10, 64)
	s, _ := strconv.ParseInt(fields[12], 10, 64)
	return u + s
}

//go:build !linux

package build

// cpuWatch measures nothing where there is no /proc: seconds is 0 and the
// benchmarks report no CPU figure.
type cpuWatch struct{}

func watchCPU() *cpuWatch            { return &cpuWatch{} }
func (w *cpuWatch) seconds() float64 { return 0 }

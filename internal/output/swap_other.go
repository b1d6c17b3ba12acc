//go:build !linux

package output

func swap(staging, dir string) (string, error) { return swapByRename(staging, dir) }

//go:build !unix

package output

import "os"

// syncDir does nothing where a folder cannot be opened for syncing
// (Windows): a rename there is as durable as the file system makes it.
func syncDir(root *os.Root, dir string) error { return nil }

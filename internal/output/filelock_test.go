package output

import (
	"errors"
	"path/filepath"
	"testing"
)

// TestLockFile: builds share the lock; an exclusive taker does not wait and
// fails while any holds it, and gets it once they let go.
func TestLockFile(t *testing.T) {
	if !FileLocks {
		t.Skip("no file locks on this system")
	}
	name := filepath.Join(t.TempDir(), "lock")
	a, err := LockFile(name, false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := LockFile(name, false)
	if err != nil {
		t.Fatalf("a second shared lock: %v", err)
	}
	if f, err := LockFile(name, true); !errors.Is(err, ErrLocked) {
		t.Errorf("exclusive while shared: got %v, %v; want ErrLocked", f, err)
	}
	a.Close()
	if f, err := LockFile(name, true); !errors.Is(err, ErrLocked) {
		t.Errorf("exclusive while one shared holder is left: got %v, %v; want ErrLocked", f, err)
	}
	b.Close()
	c, err := LockFile(name, true)
	if err != nil {
		t.Fatalf("exclusive once all let go: %v", err)
	}
	if f, err := LockFile(name, true); !errors.Is(err, ErrLocked) {
		t.Errorf("exclusive twice: got %v, %v; want ErrLocked", f, err)
	}
	c.Close()
}

// Package version names the running program: the module version or the
// VCS revision the go command stamped into it, else the SHA-256 of its
// own executable. The archive manifest's generator, the build record's
// key and "disclose version" all ask it, so that they name one program
// alike. It sits at the bottom of the graph, beside diag: it imports
// nothing of the project.
package version

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"runtime"
	"runtime/debug"
)

// Stamp is what the go command stamped into the build: the module version
// ("" for a development build), the VCS revision and commit time, and
// whether the work tree had changes. A build made outside a repository (go
// run, a copy of the sources, a git worktree, -buildvcs=false) has no
// revision.
type Stamp struct {
	Version, Revision, Time string
	Modified                bool
}

// Read returns the running program's stamp.
func Read() Stamp {
	info, _ := debug.ReadBuildInfo()
	return stampOf(info)
}

func stampOf(info *debug.BuildInfo) Stamp {
	var s Stamp
	if info == nil {
		return s
	}
	if v := info.Main.Version; v != "(devel)" {
		s.Version = v
	}
	for _, b := range info.Settings {
		switch b.Key {
		case "vcs.revision":
			s.Revision = b.Value
		case "vcs.time":
			s.Time = b.Value
		case "vcs.modified":
			s.Modified = b.Value == "true"
		}
	}
	return s
}

// Name names the build by the first of these it carries: its module
// version (a tag, or the pseudo-version Go derives from the commit), its
// VCS revision (+dirty for a work tree with changes), or else exe, the
// SHA-256 of its executable, which names that very build. Never "devel".
func (s Stamp) Name(exe func() []byte) string {
	switch {
	case s.Version != "":
		return s.Version
	case s.Revision != "" && s.Modified:
		return s.Revision + "+dirty"
	case s.Revision != "":
		return s.Revision
	}
	if sum := exe(); sum != nil {
		return "executable sha256:" + hex.EncodeToString(sum)
	}
	return "unknown build"
}

// Generator names the running program and the Go release it was built
// with, as an archive's manifest and "disclose version" print it.
func Generator() string {
	return "disclose " + Read().Name(ExecutableSum) + " (" + runtime.Version() + ")"
}

// Identity is what tells this build from another for the build record:
// its revision when it was built from a clean checkout, else its
// executable's SHA-256; nil when neither can be read.
func Identity() []byte {
	if s := Read(); s.Revision != "" && !s.Modified {
		return []byte("revision " + s.Revision)
	}
	return ExecutableSum()
}

// ExecutableSum is the SHA-256 of the running program's executable, nil
// when it cannot be read.
func ExecutableSum() []byte {
	name, err := os.Executable()
	if err != nil {
		return nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil
	}
	return h.Sum(nil)
}

package notice

import (
	"crypto/sha256"

	"disclose/internal/diag"
)

// Snapshot is a parsed notice without its source, in a form that
// encoding/gob can store: what a build cache keeps to restore an unchanged
// notice without parsing its front matter again.
type Snapshot struct {
	Path, Slug  string
	Year        int
	FrontMatter FrontMatter
	BodyOffset  int
	FrontSum    [sha256.Size]byte
	Keys        []KeySnapshot // those DropSource keeps
}

// KeySnapshot is where one front-matter key is written.
type KeySnapshot struct {
	Key string
	Pos diag.Pos
}

// Snapshot returns n's snapshot. Call it after DropSource.
func (n *Notice) Snapshot() Snapshot {
	s := Snapshot{Path: n.Path, Slug: n.Slug, Year: n.Year, FrontMatter: n.FrontMatter,
		BodyOffset: n.BodyOffset, FrontSum: n.frontSum}
	for _, k := range n.Keys.kept {
		s.Keys = append(s.Keys, KeySnapshot{k.key, k.pos})
	}
	return s
}

// Restore makes the notice s was taken of, source dropped.
func Restore(s Snapshot) *Notice {
	n := &Notice{Path: s.Path, Slug: s.Slug, Year: s.Year, FrontMatter: s.FrontMatter,
		BodyOffset: s.BodyOffset, frontSum: s.FrontSum}
	n.Keys = Keys{path: s.Path, kept: make([]keptPos, len(s.Keys))}
	for i, k := range s.Keys {
		n.Keys.kept[i] = keptPos{k.Key, k.Pos}
	}
	return n
}

package notice

import "disclose/internal/diag"

// Snapshot is a parsed notice without its body, in a form that encoding/gob
// can store: what a build cache keeps to restore an unchanged notice
// without parsing its front matter again.
type Snapshot struct {
	Path, Slug  string
	Year        int
	FrontMatter FrontMatter
	Front       []byte // the source up to the end of the front matter
	FrontOffset int    // where the TOML starts in it
	Keys        []KeySnapshot
}

// KeySnapshot is where one front-matter key is written.
type KeySnapshot struct {
	Key       string
	Line, Col int32
}

// Snapshot returns n's snapshot. Call it after DropBody: it shares the
// bytes the notice keeps.
func (n *Notice) Snapshot() Snapshot {
	s := Snapshot{Path: n.Path, Slug: n.Slug, Year: n.Year, FrontMatter: n.FrontMatter,
		Front: n.File.Source()[:n.BodyOffset], FrontOffset: n.front}
	for _, k := range n.Keys.at {
		s.Keys = append(s.Keys, KeySnapshot{k.key, k.line, k.col})
	}
	return s
}

// Restore makes the notice s was taken of, body dropped.
func Restore(s Snapshot) *Notice {
	f := diag.NewFile(s.Path, s.Front)
	n := &Notice{Path: s.Path, Slug: s.Slug, Year: s.Year, FrontMatter: s.FrontMatter,
		BodyOffset: len(s.Front), File: f, front: s.FrontOffset}
	at := make([]keyPos, len(s.Keys))
	for i, k := range s.Keys {
		at[i] = keyPos{k.Key, k.Line, k.Col}
	}
	n.Keys = Keys{file: f, firstLine: f.Pos(s.FrontOffset).Line, at: at}
	return n
}

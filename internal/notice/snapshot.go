package notice

// Snapshot is a parsed notice without its source, in a form that
// encoding/gob can store: what a build cache keeps to restore an unchanged
// notice without parsing its front matter again.
type Snapshot struct {
	Path, Slug  string
	Year        int
	FrontMatter FrontMatter
	BodyOffset  int
	FrontSum    [16]byte
	Keys        []KeySnapshot // those DropSource keeps
}

// KeySnapshot is where one front-matter key is written: line, and column
// in characters.
type KeySnapshot struct {
	Key       string
	Line, Col int32
}

// Snapshot returns n's snapshot. Call it after DropSource.
func (n *Notice) Snapshot() Snapshot {
	s := Snapshot{Path: n.Path, Slug: n.Slug, Year: n.Year, FrontMatter: n.FrontMatter,
		BodyOffset: n.BodyOffset, FrontSum: n.frontSum}
	for _, k := range n.Keys.located() {
		s.Keys = append(s.Keys, KeySnapshot{k.key, k.line, k.col})
	}
	return s
}

// Restore makes the notice s was taken of, source dropped.
func Restore(s Snapshot) *Notice {
	n := &Notice{Path: s.Path, Slug: s.Slug, Year: s.Year, FrontMatter: s.FrontMatter,
		BodyOffset: s.BodyOffset, frontSum: s.FrontSum}
	n.Keys = Keys{path: s.Path, at: make([]keyPos, len(s.Keys))}
	for i, k := range s.Keys {
		n.Keys.at[i] = keyPos{k.Key, k.Line, k.Col}
	}
	return n
}

package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Kinds and Levels are the values the kind and level filters offer.
var (
	Kinds  = []string{"巡视", "巡察"}
	Levels = []string{"中央", "省", "市", "县"}
)

// Dir is the folder of the index below the output folder.
const Dir = "search/"

// Year is what index.json says of one year's part of the index.
type Year struct {
	Year   int    `json:"year"`
	Docs   int    `json:"docs"`
	Chunks int    `json:"chunks"`
	Blocks int    `json:"blocks"`
	Digest string `json:"digest"` // of what the part was built from; see Build
}

// Files lists the files of y's part, below the output folder.
func (y Year) Files() []string {
	dir := Dir + strconv.Itoa(y.Year) + "/"
	files := []string{dir + "facets.json"}
	for k := range y.Chunks {
		files = append(files, dir+"c"+strconv.Itoa(k)+".bin")
	}
	for f := range y.SlotFiles() {
		files = append(files, dir+"p"+strconv.Itoa(f)+".bin")
	}
	for k := range y.Blocks {
		files = append(files, dir+"d"+strconv.Itoa(k)+".json")
	}
	return files
}

// SlotFiles is the number of y's slots files: chunk k's slots are in the
// file p<k % SlotFiles>.bin, so that a year of many chunks writes far
// fewer files than two a chunk (its slots are read by range requests).
func (y Year) SlotFiles() int { return min(y.Chunks, slotFiles) }

// slotFiles is the most slots files a year has: parts, so that a part of
// the entries makes one slots file whole (yearIndex.chunks).
const slotFiles = parts

// BuildYear indexes the n published notices of year, in the order of the
// year's page, that doc returns one at a time (so that only one notice's
// body is in memory at once), and hands each file of the year's part to
// emit: its path below the output folder and its bytes. digest identifies
// what the docs were made from (the caller's choice: the sources' hashes):
// a later build whose year has the same digest may carry the part over.
// It keeps the year's postings in memory until they are written: see
// Scratch.BuildYear for a large year.
func BuildYear(year, n int, doc func(i int) (Doc, error), digest string, emit func(path string, data []byte) error) (Year, error) {
	return Scratch("").BuildYear(year, n, doc, digest, emit)
}

// Scratch is a folder where BuildYear may keep a year's postings in a
// file while it reads the notices, once they take more than a few
// megabytes (entries.go), so that the memory a year takes does not grow
// with its number of notices; "" keeps them in memory. The file is
// removed at once, or when BuildYear returns where the system does not
// allow that.
type Scratch string

// BuildYear is the package's BuildYear, keeping a large year's postings
// in a file in dir until they are written.
func (s Scratch) BuildYear(year, n int, doc func(i int) (Doc, error), digest string, emit func(path string, data []byte) error) (Year, error) {
	return s.NewBuilder(false).BuildYear(year, n, doc, digest, emit)
}

// Builder builds the parts of years one after the other, each in the
// memory the one before it used: the buffers its postings wait in
// (entries.go) and those its chunks are made in, which a build would
// otherwise allocate, clear and collect again for every year. A year
// whose postings went to a file (a large year; see Scratch) lets them go,
// so that a builder holds between years no more than a year of a
// 10,000-notice site takes. A Builder builds one year at a time.
type Builder struct {
	dir   Scratch
	parts [parts][]byte // the entries' buffers, empty
	a     assembler     // its buffers, and whether emit lets it use them again (recycle)
	work  scratch       // what the last year's index worked in
}

// NewBuilder returns a Builder that keeps a large year's postings in a
// file in s until they are written. recycle tells that the emit given to
// its BuildYear keeps none of the bytes it is handed after it returns (a
// build to disk writes them at once), so that they are used again for the
// next file.
func (s Scratch) NewBuilder(recycle bool) *Builder {
	return &Builder{dir: s, a: assembler{recycle: recycle}}
}

// BuildYear is the package's BuildYear, in the memory of the year b built
// before.
func (b *Builder) BuildYear(year, n int, doc func(i int) (Doc, error), digest string, emit func(path string, data []byte) error) (Year, error) {
	return b.buildYear(year, n, doc, digest, emit, (*yearIndex).chunkCount)
}

// buildYear is BuildYear, the number of chunks given by chunks once the
// notices are read.
func (b *Builder) buildYear(year, n int, doc func(i int) (Doc, error), digest string, emit func(path string, data []byte) error, chunks func(*yearIndex) int) (Year, error) {
	y := newYearIndex(n, string(b.dir))
	y.ents.part, b.parts = b.parts, [parts][]byte{}
	y.use(b.work)
	b.work = scratch{}
	defer func() {
		spilled := y.ents.size > 0
		y.close()
		if !spilled {
			// Nothing went to a file: the buffers are those of a year
			// of a usual size, kept for the next.
			b.parts = y.ents.part
			for j := range b.parts {
				b.parts[j] = b.parts[j][:0]
			}
			b.work = y.spent
		} else {
			b.a = assembler{recycle: b.a.recycle}
		}
	}()
	docs := make([]Doc, n)
	for i := range n {
		d, err := doc(i)
		if err != nil {
			return Year{}, err
		}
		y.add(&d)
		d.Fields = nil // the body is indexed: let it go
		docs[i] = d
	}
	if err := y.finish(); err != nil {
		return Year{}, err
	}
	info := Year{Year: year, Docs: n, Chunks: chunks(y), Blocks: (n + BlockSize - 1) / BlockSize, Digest: digest}
	dir := Dir + strconv.Itoa(year) + "/"
	if err := emit(dir+"facets.json", facets(docs)); err != nil {
		return info, err
	}
	// Each chunk's files are handed on as soon as they are made, from
	// the entries of its terms alone.
	err := y.chunks(&b.a, info.Chunks, func(k int, c []byte) error {
		return emit(dir+"c"+strconv.Itoa(k)+".bin", c)
	}, func(f int, p []byte) error {
		return emit(dir+"p"+strconv.Itoa(f)+".bin", p)
	})
	if err != nil {
		return info, err
	}
	for k := range info.Blocks {
		if err := emit(dir+"d"+strconv.Itoa(k)+".json", block(docs[k*BlockSize:min(n, (k+1)*BlockSize)])); err != nil {
			return info, err
		}
	}
	return info, nil
}

// Docs returns the doc function of BuildYear for docs already in memory.
func Docs(docs []Doc) func(int) (Doc, error) {
	return func(i int) (Doc, error) { return docs[i], nil }
}

// facets are each doc's kind, level and round, as indexes into Kinds,
// Levels and the year's list of rounds, plus one (0: not known).
func facets(docs []Doc) []byte {
	var f struct {
		Rounds []string `json:"rounds"`
		Kind   []int    `json:"k"`
		Level  []int    `json:"l"`
		Round  []int    `json:"r"`
	}
	f.Rounds = []string{}
	rounds := map[string]int{}
	for _, d := range docs {
		f.Kind = append(f.Kind, indexOf(Kinds, d.Kind))
		f.Level = append(f.Level, indexOf(Levels, d.Level))
		r := 0
		if d.Round != "" {
			if r = rounds[d.Round]; r == 0 {
				f.Rounds = append(f.Rounds, d.Round)
				r = len(f.Rounds)
				rounds[d.Round] = r
			}
		}
		f.Round = append(f.Round, r)
	}
	return marshal(f)
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i + 1
		}
	}
	return 0
}

// block lists docs as the results show them: path, title, date, unit.
func block(docs []Doc) []byte {
	rows := make([][4]string, len(docs))
	for i, d := range docs {
		rows[i] = [4]string{d.Path, d.Title, d.Date, d.Unit}
	}
	return marshal(rows)
}

// marshal is json.Marshal without HTML escaping, and a final newline.
func marshal(v any) []byte {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		panic(fmt.Sprintf("search: %v", err)) // only plain values are encoded
	}
	return b.Bytes()
}

// Meta is index.json: the years, newest first, and the filters' values.
type Meta struct {
	Years  []Year   `json:"years"`
	Kinds  []string `json:"kinds"`
	Levels []string `json:"levels"`
}

// MetaFile returns index.json for the parts in years, newest first.
func MetaFile(years []Year) []byte {
	if years == nil {
		years = []Year{}
	}
	return marshal(Meta{Years: years, Kinds: Kinds, Levels: Levels})
}

// ReadMeta reads an index.json written by MetaFile, as a later build
// finds it in the output it replaces.
func ReadMeta(data []byte) (Meta, error) {
	var m Meta
	err := json.Unmarshal(data, &m)
	return m, err
}

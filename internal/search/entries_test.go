package search

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"disclose/internal/corpus"
)

// yearFiles indexes docs as BuildYear does, the entries spilled to a file
// in dir once they hold more than limit bytes ("" and 0: in memory), and
// returns the files by path, and what dir held while the file was in use.
func yearFiles(t *testing.T, docs []Doc, dir string, limit int) (map[string][]byte, []string) {
	t.Helper()
	y := newYearIndex(len(docs), dir)
	defer y.close()
	if limit > 0 {
		y.ents.limit = limit
	}
	for i := range docs {
		y.add(&docs[i])
	}
	if err := y.finish(); err != nil {
		t.Fatal(err)
	}
	var held []string
	if dir != "" {
		if y.ents.file == nil {
			t.Fatal("the entries were not spilled")
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			held = append(held, e.Name())
		}
	}
	files := map[string][]byte{"chunks": []byte(fmt.Sprint(y.chunkCount()))}
	err := y.chunks(&assembler{}, y.chunkCount(), func(k int, c []byte) error {
		files[fmt.Sprint("c", k)] = c
		return nil
	}, func(f int, p []byte) error {
		files[fmt.Sprint("p", f)] = p
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, held
}

// A year whose entries were moved to a file is written as one whose
// entries stayed in memory, byte for byte, however the chunks fall on the
// parts; and the file is gone from its folder as soon as it is made.
func TestSpilledEntries(t *testing.T) {
	var docs []Doc
	for i := range 1500 {
		var body strings.Builder
		for j := range 40 + i%50 {
			// Many terms: characters of the common block, in runs.
			fmt.Fprintf(&body, "整改%c%c%c落实第%d项，", 0x4E00+rune((i*131+j*17)%6000), 0x4E00+rune((i*7+j*29)%6000), 0x4E00+rune(j*i%6000), j)
		}
		docs = append(docs, Doc{Title: fmt.Sprint("通报", i, "号"), Fields: []string{"某局党组", "市委第二巡察组", "", "教育提醒4人；", body.String()}})
	}
	for _, tt := range []struct {
		name   string
		docs   []Doc
		chunks func(int) bool
	}{
		{"no more chunks than parts", docs[:150], func(n int) bool { return n > 1 && n <= parts }},
		{"more chunks than parts", docs, func(n int) bool { return n > parts }},
		{"one group", docs[:GroupSize-3], func(n int) bool { return true }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want, _ := yearFiles(t, tt.docs, "", 0)
			if n, _ := strconv.Atoi(string(want["chunks"])); !tt.chunks(n) {
				t.Fatalf("%d chunks", n)
			}
			dir := t.TempDir()
			got, held := yearFiles(t, tt.docs, dir, 1<<10)
			if len(held) != 0 {
				t.Errorf("the folder held %v while the year was built", held)
			}
			if !maps.EqualFunc(got, want, slices.Equal) {
				t.Errorf("spilled: %d files differ from those of the year in memory (%d)", len(got), len(want))
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("left behind: %v", entries)
			}
		})
	}
	if n := newYearIndex(0, ""); n.ents.limit != spillAt {
		t.Errorf("limit %d", n.ents.limit)
	}
}

// A year that cannot move its entries to the folder says so, naming it,
// rather than building a part without them.
func TestSpillFolderMissing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gone")
	var docs []Doc
	for i := range 2 * GroupSize {
		docs = append(docs, Doc{Title: fmt.Sprint("通报", i), Fields: []string{strings.Repeat("整改落实", 50)}})
	}
	y := newYearIndex(len(docs), dir)
	defer y.close()
	y.ents.limit = 1
	for i := range docs {
		y.add(&docs[i])
	}
	err := y.finish()
	if err == nil || !strings.Contains(err.Error(), "临时文件") || !strings.Contains(err.Error(), dir) {
		t.Fatalf("got %v, want the folder named", err)
	}
	if _, err := Scratch(dir).BuildYear(2025, len(docs), Docs(docs), "", func(string, []byte) error { return nil }); err != nil {
		t.Errorf("a year of %d notices spilled below %d MiB: %v", len(docs), spillAt>>20, err)
	}
}

// A year of more chunks than slots files keeps the slots of the chunks k
// whose k % 64 is f in the one file p<f>.bin: the files BuildYear writes
// are those Year.Files lists, and a phrase is found by its slots in them,
// in every group of notices.
func TestSlotFilesShared(t *testing.T) {
	var docs []Doc
	var want []Hit
	for i := range 1500 {
		var body strings.Builder
		for j := range 40 + i%50 {
			fmt.Fprintf(&body, "整改%c%c%c落实第%d项，", 0x4E00+rune((i*131+j*17)%6000), 0x4E00+rune((i*7+j*29)%6000), 0x4E00+rune(j*i%6000), j)
		}
		// The characters above are below U+5B70: 销 and 管 are not.
		if i%37 == 5 {
			body.WriteString("实行销号管理。")
			want = append(want, Hit{2025, i})
		} else {
			body.WriteString("实行销号，管理销号。")
		}
		docs = append(docs, Doc{Title: fmt.Sprint("通报", i, "号"), Fields: []string{"某局党组", body.String()}})
	}
	files := map[string][]byte{}
	y, err := BuildYear(2025, len(docs), Docs(docs), "", func(p string, d []byte) error {
		if _, ok := files[p]; ok {
			t.Errorf("%s written twice", p)
		}
		files[p] = d
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if y.Chunks <= slotFiles || y.SlotFiles() != slotFiles {
		t.Fatalf("%d chunks, %d slots files; the test wants more chunks than %d", y.Chunks, y.SlotFiles(), slotFiles)
	}
	listed := y.Files()
	if got := slices.Sorted(maps.Keys(files)); !slices.Equal(got, slices.Sorted(slices.Values(listed))) {
		t.Errorf("wrote %d files, Files lists %d", len(got), len(listed))
	}
	p := 0
	for _, f := range listed {
		if strings.HasPrefix(f, Dir+"2025/p") {
			p++
		}
	}
	if p != slotFiles {
		t.Errorf("%d slots files, want %d", p, slotFiles)
	}
	files[Dir+"index.json"] = MetaFile([]Year{y})
	if got, err := Match(readMap(files), "销号管理"); err != nil || !slices.Equal(got, want) {
		t.Errorf("got %v, %v, want %v", got, err, want)
	}
}

// A Builder that builds years one after the other, in the buffers of the
// year before, and makes each file in the bytes of the last when emit
// keeps none, writes each year as a new one does: a large year after a
// small one, a small after a large, one of a few notices, and the large
// one again.
func TestBuilderReusesItsMemory(t *testing.T) {
	var docs []Doc
	err := corpus.Files(corpus.Defaults(700), func(f corpus.File) error {
		if d, _, ok := corpusDoc(len(docs), f); ok {
			docs = append(docs, d)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b := Scratch(t.TempDir()).NewBuilder(true)
	for i, size := range []int{600, 70, 3, 650} {
		year := docs[:size]
		if i%2 == 1 {
			year = docs[len(docs)-size:]
		}
		want := map[string][]byte{}
		wantY, err := BuildYear(2020+i, size, Docs(year), "d", func(p string, d []byte) error {
			want[p] = d
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]byte{}
		gotY, err := b.BuildYear(2020+i, size, Docs(year), "d", func(p string, d []byte) error {
			got[p] = bytes.Clone(d) // the builder writes its next file in d
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if gotY != wantY || len(got) != len(want) {
			t.Fatalf("year %d: %+v, %d files; want %+v, %d files", i, gotY, len(got), wantY, len(want))
		}
		for p, d := range want {
			if !bytes.Equal(got[p], d) {
				t.Errorf("year %d: %s differs", i, p)
			}
		}
	}
}

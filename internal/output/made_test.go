package output

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The writer remembers the folders it made lately, not every one: a site
// has a folder a notice. A folder it forgot is written into again (its
// second file) as one it remembers is.
func TestMadeFoldersBounded(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	w, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := madeAtMost*2 + 10
	var want []string
	for i := range n {
		want = append(want, fmt.Sprintf("2025/n%d/index.html", i))
		if err := w.Write(want[i], []byte("page")); err != nil {
			t.Fatal(err)
		}
		if len(w.made) > madeAtMost {
			t.Fatalf("after %d folders the writer remembers %d, more than %d", i+1, len(w.made), madeAtMost)
		}
	}
	for i := range n { // each folder again, most of them forgotten
		p := fmt.Sprintf("2025/n%d/notice.json", i)
		want = append(want, p)
		if err := w.Write(p, []byte("{}")); err != nil {
			t.Fatal(err)
		}
	}
	got := w.Files()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("the writer lists %d files, want %d", len(got), len(want))
	}
	if _, err := w.Commit(false); err != nil {
		t.Fatal(err)
	}
	for _, p := range want {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil {
			t.Fatal(err)
		}
	}
}

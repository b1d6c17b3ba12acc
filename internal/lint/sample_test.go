package lint

import (
	"fmt"
	"os"
	"testing"

	"disclose/internal/diag"
	"disclose/internal/markdown"
	"disclose/internal/site"
)

// TestSampleSite: the repository's sample notice, a real published one,
// raises nothing at all.
func TestSampleSite(t *testing.T) {
	s, problems := site.Load(os.DirFS("../.."), site.Options{})
	if s == nil {
		t.Fatalf("the sample site does not load:\n%v", problems)
	}
	conv := markdown.New(markdown.Options{})
	var got diag.List
	for _, n := range s.Notices {
		got = append(got, Notice(n, conv).Problems...)
	}
	if len(got) != 0 {
		t.Errorf("got findings on the sample site, want none:\n%v", got)
	}
}

// TestNoticeWithDoc: proofreading a body the build converted finds what
// proofreading it alone finds, whatever the site's HTML setting.
func TestNoticeWithDoc(t *testing.T) {
	notices := corpusNotices(t, 12)
	notices = append(notices, parseNotice(t, variant(t, "（一）推进文化建设。", "(三)推进文化建设,,一是  二是。")))
	for _, unsafe := range []bool{false, true} {
		conv := markdown.New(markdown.Options{UnsafeHTML: unsafe})
		for _, n := range notices {
			doc, err := conv.Convert(n.Body)
			if err != nil {
				t.Fatal(err)
			}
			got, want := NoticeWithDoc(n, doc), Notice(n, markdown.New(markdown.Options{}))
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s, unsafe HTML %v: got %v, want %v", n.Path, unsafe, got, want)
			}
		}
	}
}

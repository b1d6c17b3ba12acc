package bundle

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"os"
	"strings"
	"testing"
	"time"
)

// testBundle is the sealed 2024 of the test site.
func testBundle(t *testing.T) []byte {
	t.Helper()
	return mustMake(t, copySite(t, false, time.Now()), Options{Year: 2024}).Data
}

func verify(data []byte) Report { return Verify(bytes.NewReader(data), int64(len(data))) }

func TestVerifyFreshBundle(t *testing.T) {
	data := testBundle(t)
	r := verify(data)
	if !r.OK() {
		t.Fatalf("a fresh bundle: problems %v, want none", r.Problems)
	}
	if r.Checked != len(r.Manifest.Files) {
		t.Errorf("checked %d files, want %d", r.Checked, len(r.Manifest.Files))
	}
	if want := sum(unzipAll(t, data)[ManifestPath]); r.ManifestSHA256 != want {
		t.Errorf("ManifestSHA256 = %s, want %s", r.ManifestSHA256, want)
	}
}

func TestVerifyFindsEachProblem(t *testing.T) {
	data := testBundle(t)
	const page = "site/2024/city-bureau-a/index.html"
	tests := []struct {
		name   string
		bundle func() []byte
		want   []Problem // path and kind; the message is not compared
	}{
		{"an altered file", func() []byte {
			return rezip(t, data, func(f map[string][]byte) {
				f[page] = bytes.Replace(f[page], []byte("教育局"), []byte("交通局"), 1)
			})
		}, []Problem{{Path: page, Kind: Altered}}},
		{"a longer file", func() []byte {
			return rezip(t, data, func(f map[string][]byte) { f["README.txt"] = append(f["README.txt"], '!') })
		}, []Problem{{Path: "README.txt", Kind: Altered}}},
		{"a removed file", func() []byte {
			return rezip(t, data, func(f map[string][]byte) { delete(f, "sources/content/site.toml") })
		}, []Problem{{Path: "sources/content/site.toml", Kind: Missing}}},
		{"an added file", func() []byte {
			return rezip(t, data, func(f map[string][]byte) { f["site/2024/extra.html"] = []byte("<p>added</p>") })
		}, []Problem{{Path: "site/2024/extra.html", Kind: Added}}},
		{"a file with an unsafe name", func() []byte {
			return rezip(t, data, func(f map[string][]byte) { f["../evil.txt"] = []byte("x") })
		}, []Problem{{Path: "../evil.txt", Kind: Added}}},
		{"no manifest", func() []byte {
			return rezip(t, data, func(f map[string][]byte) { delete(f, ManifestPath) })
		}, []Problem{{Path: ManifestPath, Kind: Malformed}}},
		{"a manifest that is not JSON", func() []byte {
			return rezip(t, data, func(f map[string][]byte) { f[ManifestPath] = []byte("{\"format\": ") })
		}, []Problem{{Path: ManifestPath, Kind: Malformed}}},
		{"a manifest of another format", func() []byte {
			return rezip(t, data, func(f map[string][]byte) {
				f[ManifestPath] = bytes.Replace(f[ManifestPath], []byte(Format), []byte("other/9"), 1)
			})
		}, []Problem{{Path: ManifestPath, Kind: Malformed}}},
		{"a truncated ZIP", func() []byte { return data[:len(data)/2] }, []Problem{{Path: "", Kind: Damaged}}},
		{"not a ZIP", func() []byte { return []byte("hello") }, []Problem{{Path: "", Kind: Damaged}}},
		{"a damaged entry", func() []byte { return corruptEntry(t, data, page) }, []Problem{{Path: page, Kind: Damaged}}},
		{"a local name patched to ../../pwn.htm", func() []byte {
			return patchLocalName(t, data, ManifestPath, "../../pwn.htm")
		}, []Problem{{Path: ManifestPath, Kind: Altered}}},
		{"a page's local name patched to leave the folder", func() []byte {
			return patchLocalName(t, data, page, "../../pwn"+strings.Repeat("x", len(page)-13)+".htm")
		}, []Problem{{Path: page, Kind: Altered}}},
		{"several at once", func() []byte {
			return rezip(t, data, func(f map[string][]byte) {
				f[page] = []byte("changed")
				delete(f, "site/index.html")
				f["zzz.txt"] = nil
			})
		}, []Problem{{Path: page, Kind: Altered}, {Path: "site/index.html", Kind: Missing}, {Path: "zzz.txt", Kind: Added}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := verify(tt.bundle())
			if r.OK() {
				t.Fatalf("OK, want problems %v", tt.want)
			}
			var got []Problem
			for _, p := range r.Problems {
				if p.Message == "" || !strings.Contains(p.String(), p.Path) {
					t.Errorf("problem %+v: its message must say what is wrong and name the file", p)
				}
				got = append(got, Problem{Path: p.Path, Kind: p.Kind})
			}
			if !equalProblems(got, tt.want) {
				t.Errorf("problems:\ngot  %v\nwant %v", got, tt.want)
			}
		})
	}
}

func equalProblems(a, b []Problem) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// corruptEntry flips a byte in the middle of name's compressed data, so
// that it no longer inflates to what its checksum says.
func corruptEntry(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	out := bytes.Clone(data)
	i := bytes.Index(out, []byte(name))
	if i < 0 {
		t.Fatalf("%s not in the ZIP", name)
	}
	// The local header's name is followed by the extra field and the data;
	// 200 bytes on is well inside the compressed page.
	out[i+len(name)+200] ^= 0xff
	return out
}

// patchLocalName overwrites, in place, the name in the local file header
// of the file name with another name of the same length, as an attacker
// with a hex editor does: the central directory still names the file as
// before, so archive/zip alone sees nothing wrong.
func patchLocalName(t testing.TB, data []byte, name, to string) []byte {
	t.Helper()
	if len(to) != len(name) {
		t.Fatalf("%q and %q differ in length", name, to)
	}
	out := bytes.Clone(data)
	hdr := append([]byte("PK\x03\x04"), make([]byte, 22)...)
	for i := 0; ; i++ {
		j := bytes.Index(out[i:], []byte(name))
		if j < 0 {
			t.Fatalf("no local header names %s", name)
		}
		i += j
		// A local header is 30 bytes, the name at 30; its length at 26.
		if i >= 30 && bytes.Equal(out[i-30:i-26], hdr[:4]) && int(out[i-4])|int(out[i-3])<<8 == len(name) {
			copy(out[i:], to)
			return out
		}
	}
}

// A ZIP after other bytes (a self-extracting stub) is still read: the
// local headers are found where the central directory says, moved by the
// stub's length, as archive/zip does.
func TestVerifyAfterStub(t *testing.T) {
	data := append([]byte("#!/bin/sh\nexit 0\n"), testBundle(t)...)
	if r := verify(data); !r.OK() {
		t.Errorf("problems %v, want none", r.Problems)
	}
}

// A folder entry, which some ZIP tools add when a bundle is packed again,
// is no added file.
func TestVerifyPassesOverFolders(t *testing.T) {
	data := rezip(t, testBundle(t), func(f map[string][]byte) { f["site/"] = nil })
	if r := verify(data); !r.OK() {
		t.Errorf("problems %v, want none", r.Problems)
	}
}

// Verify reads anything without panicking, and never calls a bundle intact
// unless every file it lists was checked.
func FuzzVerify(f *testing.F) {
	b, problems, err := Make(os.DirFS("testdata/site"), Options{Year: 2024})
	if err != nil {
		f.Fatal(err, problems)
	}
	f.Add(b.Data)
	f.Add(b.Data[:len(b.Data)-30])
	f.Add(rezip(f, b.Data, func(files map[string][]byte) { files["x"] = []byte("y") }))
	f.Add(rezip(f, b.Data, func(files map[string][]byte) {
		files[ManifestPath] = []byte(`{"format":"disclose-archive/1","files":[{"path":"a","size":-1}]}`)
	}))
	f.Add(patchLocalName(f, b.Data, ManifestPath, "../../pwn.htm"))
	f.Add(toZip64(f, b.Data))
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := verify(data)
		if r.OK() && r.Checked != len(r.Manifest.Files) {
			t.Errorf("OK with %d of %d files checked", r.Checked, len(r.Manifest.Files))
		}
		for _, p := range r.Problems {
			if p.Message == "" {
				t.Errorf("problem %+v has no message", p)
			}
		}
	})
}

// toZip64 rewrites the end of a ZIP as a ZIP64 archive writes it: a ZIP64
// end record and its locator before an end record whose count, size and
// offset say "see the ZIP64 record" (all ones). archive/zip reads it so;
// Verify must find the local headers through it too.
func toZip64(t testing.TB, data []byte) []byte {
	t.Helper()
	i := bytes.LastIndex(data, []byte("PK\x05\x06"))
	if i < 0 || len(data)-i != 22 {
		t.Fatal("no end record without a comment")
	}
	end := data[i:]
	le := binary.LittleEndian
	count := uint64(le.Uint16(end[10:]))
	size, off := uint64(le.Uint32(end[12:])), uint64(le.Uint32(end[16:]))
	out := bytes.Clone(data[:i])
	rec64 := len(out)
	out = le.AppendUint32(out, 0x06064b50)
	out = le.AppendUint64(out, 44) // the size of what follows
	out = le.AppendUint16(out, 45)
	out = le.AppendUint16(out, 45)
	out = le.AppendUint32(out, 0)
	out = le.AppendUint32(out, 0)
	out = le.AppendUint64(out, count)
	out = le.AppendUint64(out, count)
	out = le.AppendUint64(out, size)
	out = le.AppendUint64(out, off)
	out = le.AppendUint32(out, 0x07064b50)
	out = le.AppendUint32(out, 0)
	out = le.AppendUint64(out, uint64(rec64))
	out = le.AppendUint32(out, 1)
	out = append(out, "PK\x05\x06"...)
	out = le.AppendUint16(out, 0)
	out = le.AppendUint16(out, 0)
	out = le.AppendUint16(out, 0xffff)
	out = le.AppendUint16(out, 0xffff)
	out = le.AppendUint32(out, 0xffffffff)
	out = le.AppendUint32(out, 0xffffffff)
	return le.AppendUint16(out, 0)
}

func TestVerifyZip64(t *testing.T) {
	data := toZip64(t, testBundle(t))
	if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatalf("archive/zip does not read the ZIP64 form: %v", err)
	}
	if r := verify(data); !r.OK() {
		t.Errorf("problems %v, want none", r.Problems)
	}
	patched := toZip64(t, patchLocalName(t, testBundle(t), ManifestPath, "../../pwn.htm"))
	r := verify(patched)
	if len(r.Problems) != 1 || r.Problems[0].Path != ManifestPath || r.Problems[0].Kind != Altered {
		t.Errorf("a patched local name in a ZIP64 archive: got %v, want manifest.json altered", r.Problems)
	}
}

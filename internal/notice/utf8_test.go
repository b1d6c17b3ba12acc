package notice

import (
	"encoding/binary"
	"testing"
	"unicode/utf8"
)

// invalidUTF8 is InvalidUTF8 without its shortcuts: the reference.
func invalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, w := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && w == 1 {
			return i
		}
		i += w
	}
	return len(src)
}

// FuzzInvalidUTF8: the shortcut for three-byte characters finds the same
// first bad byte as decoding rune by rune, and agrees with utf8.Valid.
func FuzzInvalidUTF8(f *testing.F) {
	for _, s := range []string{
		"关于巡视整改进展情况的通报",
		"a\xffb",
		"\xe0\x80\x80", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xed\xa0\x80", // E0 and ED bounds
		"\xef\xbf\xbd", "\xe4\xb8", "中\xe4", "\xe4\xb8\x41", "\xf0\x9f\x98\x80", "\xc3\xa9",
		// longer than 24 bytes: fastPrefix reads them
		"根据省委统一部署，2024年3月18日至5月20日，省委第六巡视组开展了常规巡视。\n\n（一）加强管理。",
		"巡视整改情况予以公布巡视整\xed\x9f\xbf改情况予以公布\xe0\xa0\x80巡视整改情况予以公布",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		got, want := InvalidUTF8(src), invalidUTF8(src)
		if got != want {
			t.Errorf("InvalidUTF8(%q) = %d, want %d", src, got, want)
		}
		if valid := utf8.Valid(src); valid != (got == len(src)) {
			t.Errorf("InvalidUTF8(%q) = %d of %d, but utf8.Valid says %v", src, got, len(src), valid)
		}
	})
}

func BenchmarkInvalidUTF8(b *testing.B) {
	var src []byte
	for len(src) < 16<<10 {
		src = append(src, "（一）加强干部日常管理监督。修订《机关财务管理制度》，举办“预算绩效管理与实务”专题辅导。\n\n"...)
	}
	b.Run("InvalidUTF8", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if InvalidUTF8(src) != len(src) {
				b.Fatal("invalid")
			}
		}
	})
	b.Run("utf8.Valid", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if !utf8.Valid(src) {
				b.Fatal("invalid")
			}
		}
	})
}

// TestInvalidUTF8EveryByte: a bad byte, or a lead byte of the E0 and ED
// bounds, at any place in a run of Chinese and of ASCII is found where
// decoding rune by rune finds it, whichever shortcut reads that place.
func TestInvalidUTF8EveryByte(t *testing.T) {
	text := []byte("根据省委统一部署，巡视组开展了常规巡视。2024 年 3 月 18 日 to May 20, 整改情况予以公布。")
	for i := range text {
		for _, c := range []byte{0xff, 0x80, 0xe0, 0xed, 0xc3, 'a', 0xe4} {
			src := append([]byte{}, text...)
			src[i] = c
			if got, want := InvalidUTF8(src), invalidUTF8(src); got != want {
				t.Errorf("byte %d set to %#x: InvalidUTF8 = %d, want %d", i, c, got, want)
			}
		}
	}
}

// TestFastPrefix: fastPrefix takes, of 24 bytes, the characters of three
// bytes that lead3 allows up to the first that is not one, whatever byte
// is set at any place among them.
func TestFastPrefix(t *testing.T) {
	text := []byte("加强干部日常管理监督。修订“预算”")
	want := func(b []byte) int {
		for i := 0; i < 24; i += 3 {
			if !lead3(b[i]) || b[i+1]&0xC0 != 0x80 || b[i+2]&0xC0 != 0x80 {
				return i
			}
		}
		return 24
	}
	le := binary.LittleEndian
	for i := range 24 {
		for c := range 256 {
			b := append([]byte{}, text[:24]...)
			b[i] = byte(c)
			if got := fastPrefix(le.Uint64(b), le.Uint64(b[8:]), le.Uint64(b[16:])); got != want(b) {
				t.Errorf("byte %d set to %#x: fastPrefix = %d, want %d", i, c, got, want(b))
			}
		}
	}
}

// TestAnyLead3Prefix: of 24 bytes with no byte E0 or ED, anyLead3Prefix
// takes what fastPrefix takes, whatever other byte is set at any place.
func TestAnyLead3Prefix(t *testing.T) {
	text := []byte("加强干部日常管理监督。修订“预算”")
	le := binary.LittleEndian
	for i := range 24 {
		for c := range 256 {
			if c == 0xE0 || c == 0xED {
				continue
			}
			b := append([]byte{}, text[:24]...)
			b[i] = byte(c)
			w0, w1, w2 := le.Uint64(b), le.Uint64(b[8:]), le.Uint64(b[16:])
			if got, want := anyLead3Prefix(w0, w1, w2), fastPrefix(w0, w1, w2); got != want {
				t.Errorf("byte %d set to %#x: anyLead3Prefix = %d, fastPrefix = %d", i, c, got, want)
			}
		}
	}
}

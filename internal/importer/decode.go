package importer

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"

	"disclose/internal/diag"
	"disclose/internal/notice"
)

// Encodings a text notice may come in.
const (
	UTF8    = "UTF-8"
	GB18030 = "GB18030" // text with characters of GB18030's four-byte forms
	GBK     = "GBK"     // and GB2312, its subset: old Windows files; read as GB18030
	UTF16LE = "UTF-16LE"
	UTF16BE = "UTF-16BE"
)

// decode returns data as UTF-8 and the encoding it was in: UTF-16 when it
// starts with a byte-order mark (Notepad's "Unicode"), UTF-8 when it is valid
// UTF-8, GB18030 (which reads GBK and GB2312) otherwise. A file that is none
// of these gets a diagnostic at the first byte that cannot be read.
func decode(name string, data []byte) (string, string, *diag.Diagnostic) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(name, data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(name, data[2:], true)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	gb := err == nil && !hasBadRune(data, text)
	switch {
	case utf8.Valid(data) && gb && chineseScore(string(text)) > max(chineseScore(string(data)), 0):
		// Short GBK text can be valid UTF-8 too: the reading that
		// gives Chinese wins.
		return string(text), gbName(data), nil
	case utf8.Valid(data):
		return string(data), UTF8, nil
	case gb:
		return string(text), gbName(data), nil
	}
	return "", "", undecodable(name, data)
}

// gbName names the encoding of data, which GB18030 decodes: GBK unless
// it uses GB18030's four-byte forms, which GBK does not have.
func gbName(data []byte) string {
	for i := 0; i < len(data); {
		n := gbLen(data[i:])
		if n == 4 {
			return GB18030
		}
		i += n
	}
	return GBK
}

// chineseScore rates how well text reads as Chinese, from -1 to 1: each
// character beyond ASCII counts 1 when it is one of GB2312's 3755 common
// characters or its punctuation (、。，：“”《》…), 0 when it is one of
// GB2312's other characters and symbols, and -1 otherwise: a rare
// character, another script, a rune no encoding of Chinese has. A Chinese
// notice scores near 1; the same bytes read in the wrong encoding score
// near 0 or below, whichever way round.
func chineseScore(text string) float64 {
	wide := 0
	for _, r := range text {
		if r >= utf8.RuneSelf {
			wide++
		}
	}
	if wide == 0 {
		return 0
	}
	enc, _ := encoding.ReplaceUnsupported(simplifiedchinese.GBK.NewEncoder()).String(text)
	score, pairs := 0, 0
	for i := 0; i < len(enc); i++ {
		b := enc[i]
		if b < 0x81 || i+1 == len(enc) {
			continue
		}
		pairs++
		switch {
		case b >= 0xB0 && b <= 0xD7, b == 0xA1, b == 0xA3: // common characters, punctuation
			score++
		case b >= 0xD8 && b <= 0xF7, b >= 0xA2 && b <= 0xA9: // other characters, symbols
		default: // GBK's rare characters
			score--
		}
		i++
	}
	score -= wide - pairs // runes GBK does not have
	return float64(score) / float64(wide)
}

// hasBadRune reports whether decoding put a replacement character in text
// that the input did not hold: GB18030 encodes U+FFFD as 84 31 A4 37.
func hasBadRune(in, out []byte) bool {
	return bytes.Count(out, []byte("\uFFFD")) > bytes.Count(in, []byte{0x84, 0x31, 0xA4, 0x37})
}

func decodeUTF16(name string, data []byte, bigEndian bool) (string, string, *diag.Diagnostic) {
	enc := UTF16LE
	if bigEndian {
		enc = UTF16BE
	}
	if len(data)%2 != 0 {
		return "", "", &diag.Diagnostic{Path: name, Message: "文件不完整: " + enc + " 文本的字节数为奇数; " + enc + " text with an odd number of bytes: the file is cut short"}
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		hi, lo := data[2*i+1], data[2*i]
		if bigEndian {
			hi, lo = lo, hi
		}
		units[i] = uint16(hi)<<8 | uint16(lo)
	}
	return string(utf16.Decode(units)), enc, nil
}

// undecodable reports the first byte of data that is neither UTF-8 nor
// GB18030, at its line and column: the file is probably not text.
func undecodable(name string, data []byte) *diag.Diagnostic {
	if off := notice.InvalidUTF8(data); bytes.ContainsFunc(data[:off], func(r rune) bool { return r >= utf8.RuneSelf }) {
		// UTF-8 text up to a broken byte: say where it is.
		f := diag.NewFile(name, data)
		p := f.Pos(off)
		return &diag.Diagnostic{Path: name, Line: p.Line, Col: p.Col, Rule: "encoding",
			Message: "文件编码有误: 此前是 UTF-8 文本, 此处的字节不是, 文件已损坏, 请重新保存为 UTF-8; the file is UTF-8 text up to here, then a byte that is not: it is damaged; save it again as UTF-8"}
	}
	lineNo := 1
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		if col := badGB18030(line); col > 0 {
			return &diag.Diagnostic{Path: name, Line: lineNo, Col: col, Rule: "encoding",
				Message: "无法识别文件编码: 既不是 UTF-8 也不是 GB18030/GBK 文本, 请另存为 UTF-8 文本或导入 .docx; the file is neither UTF-8 nor GB18030/GBK text; save it as UTF-8 text or give the .docx"}
		}
		lineNo++
	}
	return &diag.Diagnostic{Path: name, Message: "无法识别文件编码; the file is neither UTF-8 nor GB18030/GBK text", Rule: "encoding"}
}

// badGB18030 returns the 1-based column of the first character of line that
// GB18030 cannot decode, or 0. Lines split safely at "\n": no byte of a
// multi-byte GB18030 character is 0x0A.
func badGB18030(line []byte) int {
	dec := simplifiedchinese.GB18030.NewDecoder()
	col := 1
	for i := 0; i < len(line); col++ {
		n := gbLen(line[i:])
		out, err := dec.Bytes(line[i : i+n])
		if err != nil || hasBadRune(line[i:i+n], out) {
			return col
		}
		i += n
	}
	return 0
}

// gbLen is the length of the GB18030 character that b starts with, judged by
// its bytes' ranges alone: 1, 2 or 4.
func gbLen(b []byte) int {
	switch {
	case b[0] < 0x80 || b[0] == 0x80 || b[0] == 0xFF || len(b) < 2:
		return 1
	case b[1] >= 0x30 && b[1] <= 0x39 && len(b) >= 4:
		return 4
	}
	return 2
}

// lines splits text into lines at "\r\n", "\r" or "\n", as CommonMark does,
// and cleans each: control characters are removed (they are invisible and
// never part of a published notice) and reported, and the indentation and
// trailing spaces at either end are removed (the page indents paragraphs
// itself) and counted. Blank lines are dropped: they only separate.
func lines(name, text string, problems *diag.List) (out []line, trimmed int) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	for i, s := range strings.Split(text, "\n") {
		s = dropControls(name, i+1, s, problems)
		t := strings.TrimFunc(s, unicode.IsSpace)
		if t == "" {
			continue
		}
		if t != s {
			trimmed++
		}
		out = append(out, line{Text: t, No: i + 1})
	}
	return out, trimmed
}

// dropControls removes the control characters of s but tabs, reporting each.
func dropControls(name string, lineNo int, s string, problems *diag.List) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		col++
		if isControl(r) {
			problems.Add(diag.Diagnostic{Path: name, Line: lineNo, Col: col, Severity: diag.Warning, Rule: "control",
				Message: fmt.Sprintf("已删除不可见的控制字符 U+%04[1]X; removed the invisible control character U+%04[1]X", r)})
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isControl(r rune) bool { return unicode.IsControl(r) && r != '\t' }

package notice

import (
	"bytes"
	"errors"
)

// Split cuts src into its TOML front matter and its Markdown body. The
// front matter sits between two lines that read "+++", the first of them the
// file's first line (after an optional UTF-8 byte-order mark). frontOff and
// bodyOff are the byte offsets in src at which each part starts, so that
// positions found in either part map back to lines of the file.
func Split(src []byte) (front []byte, frontOff int, body []byte, bodyOff int, err error) {
	off := 0
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		off = 3
	}
	line, next := readLine(src, off)
	if !isFence(line) {
		return nil, 0, nil, 0, errNoFrontMatter
	}
	frontOff = next
	for pos := next; pos < len(src); {
		line, next = readLine(src, pos)
		if isFence(line) {
			return src[frontOff:pos], frontOff, src[next:], next, nil
		}
		pos = next
	}
	return nil, 0, nil, 0, errUnclosed
}

var (
	errNoFrontMatter = errors.New("文件应以一行 +++ 开头, 接着是前置信息 (TOML), 再以一行 +++ 结束; the file must start with a line +++, then the front matter (TOML), then another line +++")
	errUnclosed      = errors.New("第 1 行 +++ 开始的前置信息没有结束: 在其后加一行 +++; the front matter opened by +++ on line 1 is never closed: add a line +++ after it")
)

// readLine returns the line starting at off, without its line ending, and
// the offset of the next line.
func readLine(src []byte, off int) (line []byte, next int) {
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return src[off:], len(src)
	}
	return src[off : off+i], off + i + 1
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t\r")) == "+++"
}

package bundle

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// A ZIP names each file twice: in the central directory at its end, which
// archive/zip reads, and in a local header before the file's data, which
// many unpackers read instead as they stream through the file. A bundle
// whose local name is patched ("../../pwn.htm") passes every check of the
// central directory and unpacks somewhere else, or as another file. So
// Verify reads the local headers too (localNames) and treats any name that
// differs as tampering.

// ZIP record signatures and sizes (APPNOTE.TXT 4.3).
const (
	sigLocal      = 0x04034b50
	sigCentral    = 0x02014b50
	sigEnd        = 0x06054b50
	sigEnd64      = 0x06064b50
	sigLocator64  = 0x07064b50
	lenLocal      = 30
	lenCentral    = 46
	lenEnd        = 22
	lenEnd64      = 56
	lenLocator64  = 20
	maxComment    = 1<<16 - 1
	zip64ExtraTag = 0x0001
)

// errZip is a ZIP whose structure cannot be followed.
var errZip = errors.New("the ZIP structure is broken")

// localNames returns the name in each local file header of the ZIP in r,
// in the order of its central directory (that of zip.Reader.File).
func localNames(r io.ReaderAt, size int64) ([]string, error) {
	dirOff, count, base, err := centralDirectory(r, size)
	if err != nil {
		return nil, err
	}
	offsets, err := headerOffsets(r, size, dirOff, count)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(offsets))
	for i, off := range offsets {
		if names[i], err = localName(r, size, base+off); err != nil {
			return nil, fmt.Errorf("file %d: %w", i+1, err)
		}
	}
	return names, nil
}

// centralDirectory finds the end record and returns where the central
// directory starts, how many records it holds and base, the number of
// bytes before the ZIP proper (a self-extracting stub) that every offset
// it gives is to be moved by, as archive/zip does.
func centralDirectory(r io.ReaderAt, size int64) (dirOff, count, base int64, err error) {
	tail := min(size, lenEnd+maxComment)
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0, 0, 0, err
	}
	i := bytes.LastIndex(buf, le32(sigEnd))
	if i < 0 || len(buf)-i < lenEnd {
		return 0, 0, 0, errZip
	}
	end := buf[i:]
	endAt := size - tail + int64(i)
	count = int64(binary.LittleEndian.Uint16(end[10:]))
	dirSize := int64(binary.LittleEndian.Uint32(end[12:]))
	dirOff = int64(binary.LittleEndian.Uint32(end[16:]))
	if count == 0xffff || dirSize == 0xffffffff || dirOff == 0xffffffff {
		var d64At int64
		if d64At, count, dirSize, dirOff, err = end64(r, endAt); err != nil {
			return 0, 0, 0, err
		}
		endAt = d64At
	}
	base = endAt - dirSize - dirOff
	if base < 0 || dirOff+base > size {
		return 0, 0, 0, errZip
	}
	return dirOff + base, count, base, nil
}

// end64 reads the ZIP64 end record that the locator before endAt points
// to: where it is, the count, size and offset of the central directory.
func end64(r io.ReaderAt, endAt int64) (at, count, dirSize, dirOff int64, err error) {
	loc := make([]byte, lenLocator64)
	if endAt < lenLocator64 {
		return 0, 0, 0, 0, errZip
	}
	if _, err := r.ReadAt(loc, endAt-lenLocator64); err != nil || binary.LittleEndian.Uint32(loc) != sigLocator64 {
		return 0, 0, 0, 0, errZip
	}
	at = int64(binary.LittleEndian.Uint64(loc[8:]))
	rec := make([]byte, lenEnd64)
	if at < 0 || at > endAt {
		return 0, 0, 0, 0, errZip
	}
	if _, err := r.ReadAt(rec, at); err != nil || binary.LittleEndian.Uint32(rec) != sigEnd64 {
		return 0, 0, 0, 0, errZip
	}
	u := func(o int) int64 { return int64(binary.LittleEndian.Uint64(rec[o:]) & (1<<62 - 1)) }
	return at, u(32), u(40), u(48), nil
}

// headerOffsets walks the central directory at dirOff and returns the
// offset of each file's local header.
func headerOffsets(r io.ReaderAt, size, dirOff, count int64) ([]int64, error) {
	if count > size/lenCentral {
		return nil, errZip // more records than the file can hold
	}
	sr := io.NewSectionReader(r, dirOff, size-dirOff)
	offsets := make([]int64, 0, count)
	rec := make([]byte, lenCentral)
	for range count {
		if _, err := io.ReadFull(sr, rec); err != nil || binary.LittleEndian.Uint32(rec) != sigCentral {
			return nil, errZip
		}
		nameLen := int(binary.LittleEndian.Uint16(rec[28:]))
		extraLen := int(binary.LittleEndian.Uint16(rec[30:]))
		commentLen := int64(binary.LittleEndian.Uint16(rec[32:]))
		vars := make([]byte, nameLen+extraLen)
		if _, err := io.ReadFull(sr, vars); err != nil {
			return nil, errZip
		}
		if _, err := sr.Seek(commentLen, io.SeekCurrent); err != nil {
			return nil, errZip
		}
		off := int64(binary.LittleEndian.Uint32(rec[42:]))
		if off == 0xffffffff {
			var ok bool
			if off, ok = zip64Offset(rec, vars[nameLen:]); !ok {
				return nil, errZip
			}
		}
		offsets = append(offsets, off)
	}
	return offsets, nil
}

// zip64Offset reads the local header offset from a central record's ZIP64
// extra field, which holds, in this order, each of the uncompressed size,
// the compressed size and the offset whose 32-bit field is all ones.
func zip64Offset(rec, extra []byte) (int64, bool) {
	for len(extra) >= 4 {
		tag, n := binary.LittleEndian.Uint16(extra), int(binary.LittleEndian.Uint16(extra[2:]))
		if len(extra) < 4+n {
			return 0, false
		}
		field := extra[4 : 4+n]
		extra = extra[4+n:]
		if tag != zip64ExtraTag {
			continue
		}
		for _, o := range []int{24, 20} { // uncompressed, compressed
			if binary.LittleEndian.Uint32(rec[o:]) == 0xffffffff {
				if len(field) < 8 {
					return 0, false
				}
				field = field[8:]
			}
		}
		if len(field) < 8 {
			return 0, false
		}
		return int64(binary.LittleEndian.Uint64(field) & (1<<62 - 1)), true
	}
	return 0, false
}

// localName reads the name of the local header at off.
func localName(r io.ReaderAt, size, off int64) (string, error) {
	hdr := make([]byte, lenLocal)
	if off < 0 || off > size-lenLocal {
		return "", errZip
	}
	if _, err := r.ReadAt(hdr, off); err != nil || binary.LittleEndian.Uint32(hdr) != sigLocal {
		return "", errors.New("no local file header where the central directory says (找不到本地文件头)")
	}
	name := make([]byte, binary.LittleEndian.Uint16(hdr[26:]))
	if _, err := r.ReadAt(name, off+lenLocal); err != nil {
		return "", errZip
	}
	return string(name), nil
}

func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

// checkLocalNames reports each file whose local header names another file
// than the central directory does: an unpacker that reads local headers
// would write it elsewhere.
func (r *Report) checkLocalNames(ra io.ReaderAt, size int64, files []*zip.File) {
	names, err := localNames(ra, size)
	if err == nil && len(names) != len(files) {
		err = fmt.Errorf("%d local file headers for %d files", len(names), len(files))
	}
	if err != nil {
		r.add("", Damaged, fmt.Sprintf("ZIP 文件的本地文件头无法与中央目录核对, 可能已被篡改 (the local file headers cannot be matched with the central directory: %v)", err))
		return
	}
	for i, f := range files {
		if names[i] != f.Name {
			r.add(f.Name, Altered, fmt.Sprintf("本地文件头中的文件名是 %q, 与中央目录不符, 文件已被篡改; 解压工具可能把它写到别处 (the local file header names %q, not the central directory's name: tampered with)", names[i], names[i]))
		}
	}
}

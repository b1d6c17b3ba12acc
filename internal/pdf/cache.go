package pdf

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"time"

	"disclose/internal/output"
)

// keyVersion changes when what decides a PDF's bytes changes in a way the
// page and the stylesheet do not show: the way it is printed.
const keyVersion = "disclose pdf 1\n"

// key names the PDF of page printed with the stylesheet css.
func key(page, css []byte) string {
	h := sha256.New()
	h.Write([]byte(keyVersion))
	var n [8]byte
	for i, l := 0, uint64(len(page)); i < 8; i++ {
		n[i] = byte(l >> (8 * i))
	}
	h.Write(n[:]) // the length first: page and css cannot be cut otherwise
	h.Write(page)
	h.Write(css)
	return hex.EncodeToString(h.Sum(nil))
}

// DefaultCache is the folder of printed PDFs: pdf/ in disclose's folder of
// the user's cache, beside the records of builds. It holds PDFs of every
// site built on this machine, shared between sites and output folders: a
// page printed for one is not printed again for another.
func DefaultCache() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "disclose", "pdf"), nil
}

// lookup returns the PDF kept under key k in the folder dir, and marks it
// used at the time now (see prune.go).
func lookup(dir, k string, now time.Time) ([]byte, bool) {
	if dir == "" {
		return nil, false
	}
	name := filepath.Join(dir, k[:2], k+".pdf")
	data, err := os.ReadFile(name)
	if err != nil || len(data) < 5 || string(data[:5]) != "%PDF-" {
		return nil, false
	}
	if info, err := os.Stat(name); err == nil && now.Sub(info.ModTime()) > touchAfter {
		_ = os.Chtimes(name, time.Time{}, now) // a mark not set costs at most a PDF printed again
	}
	return data, true
}

// Lookup returns the PDF of page printed with the stylesheet css, when the
// cache folder dir holds it, and marks it used.
func Lookup(dir string, page, css []byte) ([]byte, bool) {
	if l := share(dir); l != nil {
		defer l.Close()
	}
	return lookup(dir, key(page, css), time.Now())
}

// store keeps data under key k in the folder dir, whole or not at all.
func store(dir, k string, data []byte) error {
	if dir == "" {
		return nil
	}
	sub := filepath.Join(dir, k[:2])
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return err
	}
	return output.WriteFile(filepath.Join(sub, k+".pdf"), data)
}

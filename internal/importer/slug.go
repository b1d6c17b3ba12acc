package importer

import (
	"fmt"

	"disclose/internal/notice"
)

// defaultSlug makes a slug from what the text says, since a slug must be
// ASCII and the text is Chinese: the kind of inspection in pinyin and the
// publication date, "xunshi-0617". An editor may give a better one.
func defaultSlug(fm notice.FrontMatter) string {
	kind := "notice"
	switch fm.Inspection.Kind {
	case notice.KindXunshi:
		kind = "xunshi"
	case notice.KindXuncha:
		kind = "xuncha"
	}
	d := fm.Date.Time
	if !fm.Date.Set() {
		d = fm.Signature.Date.Time
	}
	if d.IsZero() {
		return kind
	}
	return fmt.Sprintf("%s-%02d%02d", kind, d.Month(), d.Day())
}

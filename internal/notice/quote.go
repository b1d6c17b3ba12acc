package notice

import (
	"fmt"
	"strings"
)

// QuoteTOML writes s as a TOML basic string, for the programs that write
// front matter or other TOML (import, archive): quotes, backslashes and
// control characters escaped, every other character as it is.
func QuoteTOML(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

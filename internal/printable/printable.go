package printable

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Name returns s, a file name or any one-line text, with every control
// character (line breaks and tabs too), DEL and invalid UTF-8 byte
// escaped: "a\x1b[31m.yaml".
func Name(s string) string { return escape(s, false) }

// Text returns s, a message of one or more lines, as Name does but for
// its line feeds and tabs, which stay.
func Text(s string) string { return escape(s, true) }

// escape escapes s; lines keeps "\n" and "\t".
func escape(s string, lines bool) string {
	if !needsEscape(s, lines) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case !escaped(r, n, lines):
			b.WriteString(s[i : i+n])
		case n == 1 && r == utf8.RuneError:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r >= 0x80:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\x%02x`, r)
		}
		i += n
	}
	return b.String()
}

// needsEscape says whether s has anything to escape.
func needsEscape(s string, lines bool) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if escaped(r, n, lines) {
			return true
		}
		i += n
	}
	return false
}

// escaped says whether the rune r, n bytes long, is escaped: a C0 or C1
// control, DEL, or an invalid byte (utf8.RuneError of length 1).
func escaped(r rune, n int, lines bool) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return true
	case lines && (r == '\n' || r == '\t'):
		return false
	}
	return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0
}

package safetext

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Unsafe reports whether r is a character that the policy escapes
// wherever text leaves asyncgantt: a C0 or C1 control character or DEL
// (tab and newline included: Text and Writer keep those two), a
// bidirectional formatting character (U+061C, U+200E, U+200F, U+202A to
// U+202E, U+2066 to U+2069), a deprecated format character (U+206A to
// U+206F), an interlinear annotation character (U+FFF9 to U+FFFB, which
// hide the text they enclose), the line and paragraph separators U+2028
// and U+2029, or a noncharacter U+FFFE or U+FFFF. (A byte that is not
// part of valid UTF-8 is escaped too; U+FFFD itself is kept.)
func Unsafe(r rune) bool {
	switch {
	case r < 0x20 || r >= 0x7f && r < 0xa0:
		return true
	case r < 0x061c:
		return false
	}
	switch r {
	case 0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0xfffe, 0xffff:
		return true
	}
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x206f || r >= 0xfff9 && r <= 0xfffb
}

// Line returns s with every unsafe character (see Unsafe), tabs and line
// breaks included, replaced by its escape: the text stays on one line and
// cannot drive a terminal or reorder what is around it. It returns s
// itself when there is nothing to escape.
func Line(s string) string { return escape(s, false) }

// Text returns s as Line does, but keeps tabs and newlines ("\n"): a
// message or a listing of several lines. A carriage return is escaped: on
// a terminal it would overwrite the line it ends.
func Text(s string) string { return escape(s, true) }

// Clean reports whether Line would return s unchanged.
func Clean(s string) bool { return clean(s, false) }

// clean reports whether s has nothing to escape; lines keeps tabs and
// newlines.
func clean(s string, lines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return cleanFrom(s[i:], lines)
		case c >= 0x20 && c != 0x7f:
		case lines && (c == '\n' || c == '\t'):
		default:
			return false
		}
	}
	return true
}

// cleanFrom is clean for s from its first non-ASCII byte on.
func cleanFrom(s string, lines bool) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Unsafe(r) && !(lines && (r == '\n' || r == '\t')) {
			return false
		}
		i += size
	}
	return true
}

func escape(s string, lines bool) string {
	if clean(s, lines) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case lines && (r == '\n' || r == '\t'):
			b.WriteByte(byte(r))
		case r == utf8.RuneError && size == 1:
			writeEscape(&b, rune(s[i]))
		case Unsafe(r):
			writeEscape(&b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// writeEscape writes the escape of r as Python writes it in a string
// literal: \t \n \r, \xNN below U+0100, \uNNNN in the BMP, else
// \UNNNNNNNN. An invalid byte is written as the \xNN of its value.
func writeEscape(b *strings.Builder, r rune) {
	const hex = "0123456789abcdef"
	switch {
	case r == '\t':
		b.WriteString(`\t`)
	case r == '\n':
		b.WriteString(`\n`)
	case r == '\r':
		b.WriteString(`\r`)
	case r < 0x100:
		b.WriteString(`\x`)
		b.WriteByte(hex[r>>4])
		b.WriteByte(hex[r&0xf])
	case r < 0x10000:
		b.WriteString(`\u`)
		b.WriteString(pad(strconv.FormatInt(int64(r), 16), 4))
	default:
		b.WriteString(`\U`)
		b.WriteString(pad(strconv.FormatInt(int64(r), 16), 8))
	}
}

func pad(s string, n int) string {
	return strings.Repeat("0", max(0, n-len(s))) + s
}

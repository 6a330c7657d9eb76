package svg

import (
	"strings"
	"unicode/utf8"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
)

// Attr returns s escaped for use inside a double-quoted XML or HTML
// attribute value: & < > " ' become character references; control
// characters other than tab and newline, the bidirectional formatting
// characters, the characters XML forbids and invalid UTF-8 become visible
// escapes (safetext.Text: "\x1b", "\u202e"). Newlines and tabs become
// references so attribute normalisation keeps them. It is the one choke
// point for every attribute value an emitter writes: svgo escapes text
// content but not attributes.
func Attr(s string) string {
	s = safetext.Text(s)
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\n':
			b.WriteString("&#10;")
		case r == '\t':
			b.WriteString("&#9;")
		case r == '\r':
			b.WriteString("&#13;")
		case !xmlChar(r) || (r == utf8.RuneError && size == 1):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cleanText returns s with the characters that could drive a reader or
// reorder text, and those XML forbids, written as visible escapes
// (safetext.MixedText), for text content written by code that escapes
// markup itself; tabs and newlines are kept, and so are the isolates the
// layout set around the input's right-to-left parts (see
// render.Item.Text), as the characters FSI and PDI: a tooltip or a
// title has no markup to isolate them with.
func cleanText(s string) string { return safetext.MixedText(s) }

// cleanLine is cleanText for a text that must stay on one line, such as
// a figure's label: tabs and newlines are escaped too.
func cleanLine(s string) string { return safetext.Mixed(s) }

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

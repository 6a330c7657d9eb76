package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Repr returns the Python repr of a value a scenario writes: nil (None), a
// string, an int64, a bool, or a []any of those (see Step.Value). Other
// values are written with fmt's %v.
func Repr(v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case string:
		return StringRepr(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		if v {
			return "True"
		}
		return "False"
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = Repr(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// StringRepr quotes s as Python's repr does for printable text: in single
// quotes, or double quotes when s has a single quote and no double one,
// with backslash escapes for the quote, backslashes and control
// characters.
func StringRepr(s string) string {
	q := byte('\'')
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(q):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// FormatSeconds writes a duration as a number of seconds with at most six
// decimals and no trailing zeros, as a Python float literal: 2, 1.5, 0.25.
func FormatSeconds(d time.Duration) string {
	s := fmt.Sprintf("%.6f", d.Seconds())
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

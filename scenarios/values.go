package scenarios

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:generate sh -c "python3 gen_printable.py > isprintable.go"

// IsPrintable reports whether Python 3.11's str.isprintable() calls r
// printable: what repr() shows as it is rather than escaped.
func IsPrintable(r rune) bool {
	if r < 0x80 {
		return r >= 0x20 && r < 0x7f
	}
	i := sort.Search(len(nonPrintable), func(i int) bool { return nonPrintable[i][1] >= r })
	return i == len(nonPrintable) || r < nonPrintable[i][0]
}

// writeEscape writes r as Python's repr escapes it: \xhh, \uhhhh or
// \Uhhhhhhhh.
func writeEscape(b *strings.Builder, r rune) {
	switch {
	case r < 0x100:
		fmt.Fprintf(b, `\x%02x`, r)
	case r < 0x10000:
		fmt.Fprintf(b, `\u%04x`, r)
	default:
		fmt.Fprintf(b, `\U%08x`, r)
	}
}

// StringRepr quotes s as Python 3.11's repr() does: in single quotes, or
// double quotes when s has a single quote and no double one; backslash,
// the quote, \t, \n and \r escaped, and every character str.isprintable
// calls not printable as \xhh, \uhhhh or \Uhhhhhhhh. The result is also a
// Python literal that reads back as s.
func StringRepr(s string) string {
	q := '\''
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = '"'
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteRune(q)
	writeTextBody(&b, s, q, false)
	b.WriteRune(q)
	return b.String()
}

// PythonTextBody writes s as the body of a Python string literal in
// double quotes (an f-string's when fstring, whose braces are doubled),
// so that Python reads back exactly s: backslashes, quotes, line breaks
// and every character that is not printable are escaped.
func PythonTextBody(s string, fstring bool) string {
	var b strings.Builder
	b.Grow(len(s))
	writeTextBody(&b, s, '"', fstring)
	return b.String()
}

// writeTextBody writes s as the body of a Python string literal quoted by
// q: backslashes, q, \n, \t, \r and every character str.isprintable
// calls not printable escaped, and an f-string's braces doubled.
func writeTextBody(b *strings.Builder, s string, q rune, fstring bool) {
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == q:
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case fstring && (r == '{' || r == '}'):
			b.WriteRune(r)
			b.WriteRune(r)
		case IsPrintable(r):
			b.WriteRune(r)
		default:
			writeEscape(b, r)
		}
	}
}

// FloatRepr writes f as Python's repr() does: the shortest digits that
// read back as f, in fixed notation when its decimal exponent is from -4
// to 15 (1.5, 2.0, 1e-05, 1e+16), and inf, -inf, nan.
func FloatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, expText, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expText)
	sign := ""
	if strings.HasPrefix(mant, "-") {
		sign, mant = "-", mant[1:]
	}
	digits := strings.Replace(mant, ".", "", 1)
	decpt := exp + 1 // digits[0:decpt] is the integer part
	if -4 < decpt && decpt <= 16 {
		switch {
		case decpt <= 0:
			return sign + "0." + strings.Repeat("0", -decpt) + digits
		case decpt >= len(digits):
			return sign + digits + strings.Repeat("0", decpt-len(digits)) + ".0"
		default:
			return sign + digits[:decpt] + "." + digits[decpt:]
		}
	}
	m := digits[:1]
	if len(digits) > 1 {
		m += "." + digits[1:]
	}
	e := exp
	es := "+"
	if e < 0 {
		es, e = "-", -e
	}
	return fmt.Sprintf("%s%se%s%02d", sign, m, es, e)
}

// Repr returns the Python repr of a constant of the language: nil (None),
// a bool, an int64 or *big.Int, a float64, a string, or a []any of those
// (a list). Other values are written with fmt's %v.
func Repr(v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case string:
		return StringRepr(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case *big.Int:
		return v.String()
	case float64:
		return FloatRepr(v)
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

// FormatSeconds writes a duration as a number of seconds with at most six
// decimals and no trailing zeros, as a Python float literal: 2, 1.5, 0.25.
func FormatSeconds(d time.Duration) string {
	s := fmt.Sprintf("%.6f", d.Seconds())
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

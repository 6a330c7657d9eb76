package runner

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// formatSpec is Python's format spec mini-language:
// [[fill]align][sign][#][0][width][grouping][.precision][type].
type formatSpec struct {
	fill      rune
	align     byte // '<', '>', '^', '=' or 0
	sign      byte // '+', '-', ' ' or 0
	alt       bool
	zero      bool
	width     int
	grouping  byte // ',', '_' or 0
	precision int  // -1: none
	typ       byte // 0: none
}

func parseSpec(s string, v any) (formatSpec, *pyExc) {
	f := formatSpec{fill: ' ', precision: -1}
	i := 0
	if r, n := utf8.DecodeRuneInString(s); n > 0 && n < len(s) && strings.IndexByte("<>^=", s[n]) >= 0 {
		f.fill, f.align = r, s[n]
		i = n + 1
	} else if len(s) > 0 && strings.IndexByte("<>^=", s[0]) >= 0 {
		f.align = s[0]
		i = 1
	}
	if i < len(s) && strings.IndexByte("+- ", s[i]) >= 0 {
		f.sign = s[i]
		i++
	}
	if i < len(s) && s[i] == '#' {
		f.alt = true
		i++
	}
	if i < len(s) && s[i] == '0' {
		f.zero = true
		i++
	}
	j := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > j {
		f.width, _ = strconv.Atoi(s[j:i])
	}
	if i < len(s) && (s[i] == ',' || s[i] == '_') {
		f.grouping = s[i]
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == j {
			return f, newExc("ValueError", "Format specifier missing precision")
		}
		f.precision, _ = strconv.Atoi(s[j:i])
	}
	if i < len(s) {
		f.typ = s[i]
		i++
	}
	if i < len(s) || f.width > 1_000_000 || f.precision > 1_000 {
		if i < len(s) {
			return f, newExc("ValueError", "Invalid format specifier '"+s+"' for object of type '"+typeName(v)+"'")
		}
		return f, fatal("format spec %q asks for more than asyncgantt writes", s)
	}
	if f.zero && f.align == 0 {
		f.fill = '0'
	}
	return f, nil
}

// format is Python's format(v, spec), for the values of a run.
func format(v any, spec string) (string, *pyExc) {
	if spec == "" {
		return str(v), nil
	}
	switch x := v.(type) {
	case bool:
		f, e := parseSpec(spec, v)
		if e != nil {
			return "", e
		}
		if f.typ == 's' {
			return "", unknownCode(f.typ, v)
		}
		n := int64(0)
		if x {
			n = 1
		}
		return formatInt(big.NewInt(n), f, v)
	case int64, *big.Int:
		f, e := parseSpec(spec, v)
		if e != nil {
			return "", e
		}
		n, _ := asNum(x)
		return formatInt(n.big(), f, v)
	case float64:
		f, e := parseSpec(spec, v)
		if e != nil {
			return "", e
		}
		return formatFloat(x, f, v)
	case string:
		f, e := parseSpec(spec, v)
		if e != nil {
			return "", e
		}
		return formatStr(x, f, v)
	}
	return "", typeError("unsupported format string passed to %s.__format__", typeName(v))
}

func unknownCode(c byte, v any) *pyExc {
	return newExc("ValueError", "Unknown format code '"+string(c)+"' for object of type '"+typeName(v)+"'")
}

func formatStr(s string, f formatSpec, v any) (string, *pyExc) {
	if f.typ != 0 && f.typ != 's' {
		return "", unknownCode(f.typ, v)
	}
	switch {
	case f.sign != 0 && f.sign == ' ':
		return "", newExc("ValueError", "Space not allowed in string format specifier")
	case f.sign != 0:
		return "", newExc("ValueError", "Sign not allowed in string format specifier")
	case f.alt:
		return "", newExc("ValueError", "Alternate form (#) not allowed in string format specifier")
	case f.grouping != 0:
		return "", newExc("ValueError", "Cannot specify '"+string(f.grouping)+"' with 's'.")
	case f.align == '=':
		return "", newExc("ValueError", "'=' alignment not allowed in string format specifier")
	}
	if f.precision >= 0 {
		if r := []rune(s); len(r) > f.precision {
			s = string(r[:f.precision])
		}
	}
	if f.align == 0 {
		f.align = '<'
	}
	return pad("", s, f), nil
}

// pad pads sign+body to the spec's width.
func pad(sign, body string, f formatSpec) string {
	n := utf8.RuneCountInString(sign) + utf8.RuneCountInString(body)
	if n >= f.width {
		return sign + body
	}
	fill := strings.Repeat(string(f.fill), f.width-n)
	switch f.align {
	case '<':
		return sign + body + fill
	case '^':
		left := (f.width - n) / 2
		return strings.Repeat(string(f.fill), left) + sign + body + strings.Repeat(string(f.fill), f.width-n-left)
	case '=':
		return sign + fill + body
	}
	return fill + sign + body
}

func signOf(neg bool, f formatSpec) string {
	switch {
	case neg:
		return "-"
	case f.sign == '+':
		return "+"
	case f.sign == ' ':
		return " "
	}
	return ""
}

// group inserts sep every 3 digits (every 4 for hex, octal and binary
// with '_') of an integer part.
func group(digits string, sep byte, every int) string {
	if sep == 0 || len(digits) <= every {
		return digits
	}
	var b strings.Builder
	first := len(digits) % every
	if first > 0 {
		b.WriteString(digits[:first])
	}
	for i := first; i < len(digits); i += every {
		if b.Len() > 0 {
			b.WriteByte(sep)
		}
		b.WriteString(digits[i : i+every])
	}
	return b.String()
}

// numericAlign sets a number's default alignment: right, or sign-aware
// zero padding with the 0 flag.
func numericAlign(f *formatSpec) {
	if f.align == 0 {
		f.align = '>'
		if f.zero {
			f.align = '='
		}
	}
}

func formatInt(n *big.Int, f formatSpec, v any) (string, *pyExc) {
	numericAlign(&f)
	switch f.typ {
	case 0, 'd', 'n', 'x', 'X', 'o', 'b', 'c':
		if f.precision >= 0 {
			return "", newExc("ValueError", "Precision not allowed in integer format specifier")
		}
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		x, _ := new(big.Float).SetInt(n).Float64()
		return formatFloat(x, f, v)
	default:
		return "", unknownCode(f.typ, v)
	}
	if f.typ == 'c' {
		return "", fatal("format code 'c' is not supported")
	}
	neg := n.Sign() < 0
	abs := new(big.Int).Abs(n)
	base, prefix, every := 10, "", 3
	switch f.typ {
	case 'x', 'X':
		base, prefix, every = 16, "0x", 4
	case 'o':
		base, prefix, every = 8, "0o", 4
	case 'b':
		base, prefix, every = 2, "0b", 4
	}
	if f.grouping == ',' && base != 10 {
		return "", newExc("ValueError", "Cannot specify ',' with '"+string(f.typ)+"'.")
	}
	digits := abs.Text(base)
	if f.typ == 'X' {
		digits = strings.ToUpper(digits)
		prefix = "0X"
	}
	if !f.alt {
		prefix = ""
	}
	sign := signOf(neg, f) + prefix
	if f.align == '=' && f.fill == '0' && f.grouping != 0 {
		// Zero padding goes between the digit groups.
		want := f.width - len(sign)
		for len(group(digits, f.grouping, every)) < want {
			digits = "0" + digits
		}
	}
	return pad(sign, group(digits, f.grouping, every), f), nil
}

func formatFloat(x float64, f formatSpec, v any) (string, *pyExc) {
	numericAlign(&f)
	switch f.typ {
	case 0, 'e', 'E', 'f', 'F', 'g', 'G', '%', 'n':
	default:
		return "", unknownCode(f.typ, v)
	}
	neg := math.Signbit(x) && !math.IsNaN(x)
	a := math.Abs(x)
	var body string
	prec := f.precision
	switch {
	case math.IsInf(a, 0) || math.IsNaN(a):
		body = "inf"
		if math.IsNaN(a) {
			body = "nan"
		}
		if f.typ == 'E' || f.typ == 'F' || f.typ == 'G' {
			body = strings.ToUpper(body)
		}
		if f.typ == '%' {
			body += "%"
		}
	case f.typ == 'f' || f.typ == 'F':
		if prec < 0 {
			prec = 6
		}
		body = strconv.FormatFloat(a, 'f', prec, 64)
	case f.typ == '%':
		if prec < 0 {
			prec = 6
		}
		body = strconv.FormatFloat(a*100, 'f', prec, 64) + "%"
	case f.typ == 'e' || f.typ == 'E':
		if prec < 0 {
			prec = 6
		}
		body = strconv.FormatFloat(a, 'e', prec, 64)
		if f.typ == 'E' {
			body = strings.ToUpper(body)
		}
	case f.typ == 'g' || f.typ == 'G' || f.typ == 'n':
		if prec < 0 {
			prec = 6
		}
		body = formatG(a, prec, f.alt, false)
		if f.typ == 'G' {
			body = strings.ToUpper(body)
		}
	default: // no type
		if prec < 0 {
			body = strings.TrimPrefix(scenarios.FloatRepr(a), "-")
		} else {
			body = formatG(a, prec, f.alt, true)
		}
	}
	if f.grouping != 0 {
		intPart, rest := body, ""
		if i := strings.IndexAny(body, ".e%"); i >= 0 {
			intPart, rest = body[:i], body[i:]
		}
		if f.align == '=' && f.fill == '0' {
			want := f.width - len(signOf(neg, f)) - len(rest)
			for len(group(intPart, f.grouping, 3)) < want {
				intPart = "0" + intPart
			}
		}
		body = group(intPart, f.grouping, 3) + rest
	}
	if f.alt && !strings.Contains(body, ".") && (f.typ == 'f' || f.typ == 'F' || f.typ == 'e' || f.typ == 'E' || f.typ == '%') {
		if i := strings.IndexAny(body, "e%"); i >= 0 {
			body = body[:i] + "." + body[i:]
		} else {
			body += "."
		}
	}
	return pad(signOf(neg, f), body, f), nil
}

// formatG is the 'g' presentation with precision prec (significant
// digits); noType is the spec without a type and with a precision, which
// keeps at least one digit after the point in fixed notation.
func formatG(a float64, prec int, alt, noType bool) string {
	if prec == 0 {
		prec = 1
	}
	if a == 0 {
		if alt {
			return "0." + strings.Repeat("0", prec-1)
		}
		if noType {
			return "0.0"
		}
		return "0"
	}
	s := strconv.FormatFloat(a, 'e', prec-1, 64)
	mant, expText, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expText)
	var out string
	if -4 <= exp && exp < prec {
		out = strconv.FormatFloat(a, 'f', prec-1-exp, 64)
		if !alt {
			if strings.Contains(out, ".") {
				out = strings.TrimRight(strings.TrimRight(out, "0"), ".")
			}
			if noType && !strings.Contains(out, ".") {
				out += ".0"
			}
		}
		return out
	}
	if !alt && strings.Contains(mant, ".") {
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	}
	sign := "+"
	if exp < 0 {
		sign, exp = "-", -exp
	}
	es := strconv.Itoa(exp)
	if len(es) < 2 {
		es = "0" + es
	}
	return mant + "e" + sign + es
}

package scenarios

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The scanner of expressions: Python's tokens, and durations (2s, 500ms).

type tokKind uint8

const (
	tEOF tokKind = iota
	tName
	tNumber // Value: int64, *big.Int or float64
	tDuration
	tString  // Value: the text
	tFString // Value: the raw text between the quotes; raw says r
	tOp
)

type etoken struct {
	kind tokKind
	off  int
	text string // the operator or name; the source text otherwise
	val  any
	raw  bool // an r-string
	// fOff is where an f-string's body starts in the source.
	fOff int
}

// ExprError is a mistake in an expression: what is wrong, at byte Off of
// its text.
type ExprError struct {
	Off int
	Msg string
}

func (e *ExprError) Error() string { return e.Msg }

var keywords = map[string]bool{
	"and": true, "or": true, "not": true, "in": true, "is": true, "if": true, "else": true, "for": true,
	"None": true, "True": true, "False": true, "lambda": true, "await": true, "async": true, "yield": true,
}

// threeOps and twoOps are the operators of more than one character.
var threeOps = []string{"**=", "//=", "..."}
var twoOps = []string{"**", "//", "==", "!=", "<=", ">=", "->", ":=", "+=", "-=", "*=", "/=", "%=", "<<", ">>"}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentChar(c byte) bool  { return isIdentStart(c) || c >= '0' && c <= '9' }
func isDigit(c byte) bool      { return c >= '0' && c <= '9' }

// scan splits src into tokens.
func scan(src string) ([]etoken, error) {
	var toks []etoken
	i := 0
	for {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
			i++
		}
		if i == len(src) {
			toks = append(toks, etoken{kind: tEOF, off: i})
			return toks, nil
		}
		c := src[i]
		start := i
		switch {
		case c == '#':
			return nil, &ExprError{i, "a comment (#) is not part of an expression; in YAML, ' #' starts a comment, so quote the text"}
		case isIdentStart(c):
			for i < len(src) && isIdentChar(src[i]) {
				i++
			}
			word := src[start:i]
			if i < len(src) && (src[i] == '\'' || src[i] == '"') && isStringPrefix(word) {
				t, next, err := scanString(src, start, i, strings.ToLower(word))
				if err != nil {
					return nil, err
				}
				toks = append(toks, t)
				i = next
				continue
			}
			toks = append(toks, etoken{kind: tName, off: start, text: word})
		case isDigit(c) || c == '.' && i+1 < len(src) && isDigit(src[i+1]):
			t, next, err := scanNumber(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = next
		case c == '\'' || c == '"':
			t, next, err := scanString(src, start, i, "")
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = next
		case c >= utf8.RuneSelf:
			r, _ := utf8.DecodeRuneInString(src[i:])
			return nil, &ExprError{i, fmt.Sprintf("%q cannot be part of an expression: names are ASCII letters, digits and _; quote text", r)}
		default:
			op := ""
			for _, o := range threeOps {
				if strings.HasPrefix(src[i:], o) {
					op = o
				}
			}
			if op == "" {
				for _, o := range twoOps {
					if strings.HasPrefix(src[i:], o) {
						op = o
					}
				}
			}
			if op == "" {
				if !strings.ContainsRune("+-*/%()[]{},:.=<>!~&|^@;", rune(c)) {
					return nil, &ExprError{i, fmt.Sprintf("%q cannot be part of an expression", c)}
				}
				op = string(c)
			}
			toks = append(toks, etoken{kind: tOp, off: i, text: op})
			i += len(op)
		}
	}
}

func isStringPrefix(w string) bool {
	switch strings.ToLower(w) {
	case "r", "u", "f", "rf", "fr", "b", "br", "rb":
		return true
	}
	return false
}

// durationUnits are the units a duration literal may have, longest first.
var durationUnits = []string{"ns", "us", "µs", "μs", "ms", "s", "m", "h"}

// scanNumber reads a number, or a duration (a number and a unit, 1m30s).
func scanNumber(src string, i int) (etoken, int, error) {
	start := i
	isFloat := false
	if strings.HasPrefix(src[i:], "0x") || strings.HasPrefix(src[i:], "0X") || strings.HasPrefix(src[i:], "0o") ||
		strings.HasPrefix(src[i:], "0O") || strings.HasPrefix(src[i:], "0b") || strings.HasPrefix(src[i:], "0B") {
		i += 2
		for i < len(src) && (isIdentChar(src[i])) {
			i++
		}
	} else {
		for i < len(src) && (isDigit(src[i]) || src[i] == '_') {
			i++
		}
		if i < len(src) && src[i] == '.' && !(i+1 < len(src) && isIdentStart(src[i+1]) && src[i+1] != 'e' && src[i+1] != 'E') {
			isFloat = true
			i++
			for i < len(src) && (isDigit(src[i]) || src[i] == '_') {
				i++
			}
		}
		if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
			j := i + 1
			if j < len(src) && (src[j] == '+' || src[j] == '-') {
				j++
			}
			if j < len(src) && isDigit(src[j]) {
				isFloat = true
				i = j
				for i < len(src) && (isDigit(src[i]) || src[i] == '_') {
					i++
				}
			}
		}
	}
	num := src[start:i]
	// A unit right after the number makes a duration: 2s, 1.5ms, 1m30s.
	if i < len(src) && !isFloat || i < len(src) && isFloat {
		if end := durationEnd(src, start, i); end > i {
			text := src[start:end]
			d, err := ParseDuration(text)
			if err != nil {
				return etoken{}, 0, &ExprError{start, err.Error()}
			}
			return etoken{kind: tDuration, off: start, text: text, val: durationValue(d)}, end, nil
		}
	}
	if i < len(src) && isIdentChar(src[i]) {
		j := i
		for j < len(src) && isIdentChar(src[j]) {
			j++
		}
		return etoken{}, 0, &ExprError{start, fmt.Sprintf("%q is not a number; a duration's unit is one of ns, us, ms, s, m, h (2s, 500ms)", src[start:j])}
	}
	clean := strings.ReplaceAll(num, "_", "")
	if strings.Contains(num, "__") || strings.HasSuffix(num, "_") || strings.Contains(num, "_.") || strings.Contains(num, "._") {
		return etoken{}, 0, &ExprError{start, fmt.Sprintf("%q is not a valid number: _ goes between digits", num)}
	}
	if isFloat {
		f, err := strconv.ParseFloat(clean, 64)
		if err != nil {
			// Python reads 1e999 as inf.
			if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
				return etoken{}, 0, &ExprError{start, fmt.Sprintf("%q is not a valid number", num)}
			}
		}
		return etoken{kind: tNumber, off: start, text: num, val: f}, i, nil
	}
	if len(clean) > 1 && clean[0] == '0' && isDigit(clean[1]) {
		if strings.Trim(clean, "0") != "" {
			return etoken{}, 0, &ExprError{start, fmt.Sprintf("%q: leading zeros are not allowed in Python integers; write %s", num, strings.TrimLeft(clean, "0"))}
		}
	}
	n, ok := new(big.Int).SetString(clean, 0)
	if !ok {
		return etoken{}, 0, &ExprError{start, fmt.Sprintf("%q is not a valid number", num)}
	}
	return etoken{kind: tNumber, off: start, text: num, val: normInt(n)}, i, nil
}

// durationEnd returns where a duration starting at start ends, when the
// number ending at numEnd is followed by units (1m30s: units and numbers
// alternate), or numEnd.
func durationEnd(src string, start, numEnd int) int {
	i := numEnd
	end := numEnd
	for i < len(src) {
		unit := ""
		for _, u := range durationUnits {
			if strings.HasPrefix(src[i:], u) {
				unit = u
				break
			}
		}
		if unit == "" {
			break
		}
		j := i + len(unit)
		if j < len(src) && isIdentStart(src[j]) {
			// 2sec, 1min: not a unit. Compound units go on with a digit.
			return numEnd
		}
		end = j
		if j < len(src) && (isDigit(src[j]) || src[j] == '.') {
			k := j
			for k < len(src) && (isDigit(src[k]) || src[k] == '.') {
				k++
			}
			i = k
			continue
		}
		break
	}
	if end > numEnd && end < len(src) && isIdentChar(src[end]) {
		return numEnd
	}
	return end
}

// durationValue is a duration's number of seconds: an int64 when whole,
// else a float64.
func durationValue(d time.Duration) any {
	if d%time.Second == 0 {
		return int64(d / time.Second)
	}
	return d.Seconds()
}

// normInt returns n as an int64 when it fits, else n.
func normInt(n *big.Int) any {
	if n.IsInt64() {
		return n.Int64()
	}
	return n
}

// scanString reads a string literal whose prefix starts at start and
// whose opening quote is at q.
func scanString(src string, start, q int, prefix string) (etoken, int, error) {
	if strings.Contains(prefix, "b") {
		return etoken{}, 0, &ExprError{start, "bytes (b'...') are not values of the language; write text"}
	}
	quote := src[q : q+1]
	if strings.HasPrefix(src[q:], quote+quote+quote) {
		quote = quote + quote + quote
	}
	raw := strings.Contains(prefix, "r")
	body := q + len(quote)
	i := body
	for {
		if i >= len(src) {
			return etoken{}, 0, &ExprError{start, "text is not closed: a quote is missing"}
		}
		if src[i] == '\\' && i+1 < len(src) {
			i += 2
			continue
		}
		if len(quote) == 1 && src[i] == '\n' {
			return etoken{}, 0, &ExprError{start, "text is not closed before the end of the line"}
		}
		if strings.HasPrefix(src[i:], quote) {
			break
		}
		i++
	}
	text := src[body:i]
	end := i + len(quote)
	if strings.Contains(prefix, "f") {
		return etoken{kind: tFString, off: start, text: src[start:end], val: text, raw: raw, fOff: body}, end, nil
	}
	s := text
	if !raw {
		var err error
		s, err = unescape(text, body)
		if err != nil {
			return etoken{}, 0, err
		}
	}
	return etoken{kind: tString, off: start, text: src[start:end], val: s}, end, nil
}

// unescape replaces Python's backslash escapes in text (at offset off).
func unescape(text string, off int) (string, error) {
	if !strings.Contains(text, `\`) {
		return text, nil
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '\\' || i+1 == len(text) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := text[i]; e {
		case '\n':
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(text) && j < i+3 && text[j] >= '0' && text[j] <= '7' {
				j++
			}
			n, _ := strconv.ParseUint(text[i:j], 8, 32)
			b.WriteRune(rune(n))
			i = j - 1
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			h := text[i+1 : min(i+1+n, len(text))]
			v, err := strconv.ParseUint(h, 16, 32)
			if err != nil || len(h) != n {
				return "", &ExprError{off + i - 1, fmt.Sprintf(`\%c needs %d hex digits`, e, n)}
			}
			if v > utf8.MaxRune || v >= 0xd800 && v < 0xe000 {
				return "", &ExprError{off + i - 1, fmt.Sprintf(`\%c%s is not a character asyncgantt can hold`, e, h)}
			}
			b.WriteRune(rune(v))
			i += n
		case 'N':
			return "", &ExprError{off + i - 1, `\N{...} is not supported; write the character or \u and its code`}
		default:
			// Python keeps unknown escapes as they are.
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String(), nil
}

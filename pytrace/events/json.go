package events

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// value is one element of an event: an integer, a string or a list.
type value struct {
	kind byte // 'n', 's' or 'l'
	n    int64
	s    string
	list []value
}

// parseLine parses one event line: a JSON array of integers, strings and
// arrays. It is a small parser for the probe's restricted JSON, several
// times faster than encoding/json on it.
func parseLine(b []byte) ([]value, error) {
	p := parser{b: b}
	p.space()
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.b) {
		return nil, errors.New("text after the event's array")
	}
	if v.kind != 'l' {
		return nil, errors.New("an event is a JSON array")
	}
	return v.list, nil
}

type parser struct {
	b []byte
	i int
}

func (p *parser) space() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\t' || p.b[p.i] == '\r' || p.b[p.i] == '\n') {
		p.i++
	}
}

func (p *parser) value() (value, error) {
	if p.i >= len(p.b) {
		return value{}, errors.New("unexpected end of line")
	}
	switch c := p.b[p.i]; {
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.str()
		return value{kind: 's', s: s}, err
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 'n' && p.literal("null"):
		return value{kind: 'n'}, nil
	}
	return value{}, errors.New("unexpected character " + strconv.QuoteRune(rune(p.b[p.i])))
}

func (p *parser) literal(s string) bool {
	if len(p.b)-p.i >= len(s) && string(p.b[p.i:p.i+len(s)]) == s {
		p.i += len(s)
		return true
	}
	return false
}

func (p *parser) array() (value, error) {
	p.i++ // [
	var list []value
	p.space()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return value{kind: 'l', list: list}, nil
	}
	for {
		p.space()
		v, err := p.value()
		if err != nil {
			return value{}, err
		}
		list = append(list, v)
		p.space()
		if p.i >= len(p.b) {
			return value{}, errors.New("unterminated array")
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return value{kind: 'l', list: list}, nil
		default:
			return value{}, errors.New("expected , or ] in an array")
		}
	}
}

func (p *parser) number() (value, error) {
	start := p.i
	if p.b[p.i] == '-' {
		p.i++
	}
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	if p.i < len(p.b) && (p.b[p.i] == '.' || p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		// A float: the probe writes none; read it, rounded to an integer.
		for p.i < len(p.b) && (p.b[p.i] == '.' || p.b[p.i] == 'e' || p.b[p.i] == 'E' || p.b[p.i] == '+' || p.b[p.i] == '-' || (p.b[p.i] >= '0' && p.b[p.i] <= '9')) {
			p.i++
		}
		f, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
		if err != nil {
			return value{}, err
		}
		return value{kind: 'n', n: int64(f)}, nil
	}
	n, err := strconv.ParseInt(string(p.b[start:p.i]), 10, 64)
	if err != nil {
		return value{}, err
	}
	return value{kind: 'n', n: n}, nil
}

func (p *parser) str() (string, error) {
	p.i++ // "
	start := p.i
	for p.i < len(p.b) && p.b[p.i] != '"' && p.b[p.i] != '\\' {
		p.i++
	}
	if p.i < len(p.b) && p.b[p.i] == '"' {
		s := p.b[start:p.i]
		p.i++
		if utf8.Valid(s) {
			return string(s), nil
		}
		return string([]rune(string(s))), nil
	}
	buf := append([]byte(nil), p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return string([]rune(string(buf))), nil
		case c == '\\':
			if p.i+1 >= len(p.b) {
				return "", errors.New("unterminated string")
			}
			e := p.b[p.i+1]
			p.i += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, err := p.hex4()
				if err != nil {
					return "", err
				}
				if utf16.IsSurrogate(r) && p.i+1 < len(p.b) && p.b[p.i] == '\\' && p.b[p.i+1] == 'u' {
					p.i += 2
					r2, err := p.hex4()
					if err != nil {
						return "", err
					}
					r = utf16.DecodeRune(r, r2)
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return "", errors.New("bad escape in a string")
			}
		default:
			buf = append(buf, c)
			p.i++
		}
	}
	return "", errors.New("unterminated string")
}

func (p *parser) hex4() (rune, error) {
	if p.i+4 > len(p.b) {
		return 0, errors.New("short \\u escape")
	}
	n, err := strconv.ParseUint(string(p.b[p.i:p.i+4]), 16, 32)
	if err != nil {
		return 0, errors.New("bad \\u escape")
	}
	p.i += 4
	return rune(n), nil
}

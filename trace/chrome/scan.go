package chrome

// A scanner of JSON text for the fast path (fast.go): it reads strings,
// numbers, literals and nested values from a byte slice, and says when
// the slice ends too early (scanShort) or when it is not sure (scanBad).

// scanStatus says how a scan of a value ended.
type scanStatus int

const (
	scanOK    scanStatus = iota
	scanShort            // the buffer ends inside the value
	scanBad              // not sure: leave it to encoding/json
)

// scanner reads JSON from a byte slice.
type scanner struct {
	b []byte
	i int
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// str reads a string at s.i; it returns its text between the quotes and
// whether it is plain (no escapes, ASCII only).
func (s *scanner) str() (text []byte, plain bool, st scanStatus) {
	if s.i >= len(s.b) {
		return nil, false, scanShort
	}
	if s.b[s.i] != '"' {
		return nil, false, scanBad
	}
	start := s.i + 1
	plain = true
	for j := start; j < len(s.b); j++ {
		c := s.b[j]
		switch {
		case c == '"':
			s.i = j + 1
			return s.b[start:j], plain, scanOK
		case c == '\\':
			plain = false
			j++
			if j >= len(s.b) {
				return nil, false, scanShort
			}
			switch s.b[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(s.b) {
					return nil, false, scanShort
				}
				for _, h := range s.b[j+1 : j+5] {
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return nil, false, scanBad
					}
				}
				j += 4
			default:
				return nil, false, scanBad
			}
		case c < 0x20:
			return nil, false, scanBad
		case c >= 0x80:
			plain = false
		}
	}
	return nil, false, scanShort
}

// number reads a number at s.i, by JSON's grammar.
func (s *scanner) number() (text []byte, st scanStatus) {
	start, j, b := s.i, s.i, s.b
	digits := func() int {
		n := 0
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
			n++
		}
		return n
	}
	if j < len(b) && b[j] == '-' {
		j++
	}
	if j < len(b) && b[j] == '0' {
		j++
	} else if digits() == 0 {
		return nil, shortOrBad(j, b)
	}
	if j < len(b) && b[j] == '.' {
		j++
		if digits() == 0 {
			return nil, shortOrBad(j, b)
		}
	}
	if j < len(b) && (b[j] == 'e' || b[j] == 'E') {
		j++
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		if digits() == 0 {
			return nil, shortOrBad(j, b)
		}
	}
	if j >= len(b) {
		return nil, scanShort // the number may go on
	}
	s.i = j
	return b[start:j], scanOK
}

func shortOrBad(j int, b []byte) scanStatus {
	if j >= len(b) {
		return scanShort
	}
	return scanBad
}

// literal reads true, false or null.
func (s *scanner) literal(word string) scanStatus {
	n := min(len(word), len(s.b)-s.i)
	if string(s.b[s.i:s.i+n]) != word[:n] {
		return scanBad
	}
	if n < len(word) {
		return scanShort
	}
	s.i += n
	return scanOK
}

// value skips any JSON value and returns its text.
func (s *scanner) value(depth int) (text []byte, st scanStatus) {
	if depth > 1000 {
		return nil, scanBad
	}
	if s.i >= len(s.b) {
		return nil, scanShort
	}
	start := s.i
	switch c := s.b[s.i]; {
	case c == '"':
		_, _, st = s.str()
	case c == '-' || c >= '0' && c <= '9':
		_, st = s.number()
	case c == 't':
		st = s.literal("true")
	case c == 'f':
		st = s.literal("false")
	case c == 'n':
		st = s.literal("null")
	case c == '[' || c == '{':
		st = s.compound(depth)
	default:
		st = scanBad
	}
	if st != scanOK {
		return nil, st
	}
	return s.b[start:s.i], scanOK
}

// compound skips an array or object.
func (s *scanner) compound(depth int) scanStatus {
	obj := s.b[s.i] == '{'
	closer := byte(']')
	if obj {
		closer = '}'
	}
	s.i++
	s.space()
	if s.i >= len(s.b) {
		return scanShort
	}
	if s.b[s.i] == closer {
		s.i++
		return scanOK
	}
	for {
		if obj {
			if _, _, st := s.str(); st != scanOK {
				return st
			}
			s.space()
			if s.i >= len(s.b) {
				return scanShort
			}
			if s.b[s.i] != ':' {
				return scanBad
			}
			s.i++
			s.space()
		}
		if _, st := s.value(depth + 1); st != scanOK {
			return st
		}
		s.space()
		if s.i >= len(s.b) {
			return scanShort
		}
		switch s.b[s.i] {
		case ',':
			s.i++
			s.space()
		case closer:
			s.i++
			return scanOK
		default:
			return scanBad
		}
	}
}

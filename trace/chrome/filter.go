package chrome

import (
	"bufio"
)

// commaFilter passes JSON text through, replacing a comma that comes right
// before "]", "}" or the end of the input (a trailing comma, which the
// Chrome format allows) with a space, so that encoding/json accepts it.
// Every other byte keeps its offset, so that error offsets stay exact.
type commaFilter struct {
	r       *bufio.Reader
	inStr   bool
	esc     bool
	pending bool // a comma outside strings is held back
	out     []byte
	err     error
}

func (f *commaFilter) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(f.out) > 0 {
			c := copy(p[n:], f.out)
			f.out = f.out[c:]
			n += c
			continue
		}
		if f.err != nil || (n > 0 && f.r.Buffered() == 0) {
			break
		}
		b, err := f.r.ReadByte()
		if err != nil {
			f.err = err
			if f.pending {
				f.pending = false
				f.out = append(f.out[:0], ' ')
			}
			continue
		}
		f.out = f.out[:0]
		f.feed(b)
	}
	if n > 0 {
		return n, nil
	}
	return 0, f.err
}

func (f *commaFilter) feed(b byte) {
	if f.pending {
		switch b {
		case ' ', '\t', '\n', '\r':
			// Whitespace goes out now and the held comma after it: the
			// decoder does not mind, and the byte count is unchanged.
			f.out = append(f.out, b)
			return
		case ']', '}':
			f.out = append(f.out, ' ')
		default:
			f.out = append(f.out, ',')
		}
		f.pending = false
	}
	switch {
	case f.inStr:
		switch {
		case f.esc:
			f.esc = false
		case b == '\\':
			f.esc = true
		case b == '"':
			f.inStr = false
		}
	case b == '"':
		f.inStr = true
	case b == ',':
		f.pending = true
		return
	}
	f.out = append(f.out, b)
}

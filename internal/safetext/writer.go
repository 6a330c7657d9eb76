package safetext

import (
	"io"
	"unicode/utf8"
)

// Writer applies Text to everything written through it before passing it
// on to w: for a stream of messages, such as standard error, whose text
// quotes names and lines from the input. A character split between two
// writes is escaped (or kept) whole; a byte sequence that can never become
// UTF-8 is escaped at once. Close is not needed: a write that ends inside
// a character keeps at most three bytes back until the next write, and
// Flush writes them out as escapes.
type Writer struct {
	w    io.Writer
	tail []byte // the start of a character split at the end of a write
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write escapes p (see Text) and writes it to the underlying writer. It
// returns len(p) when the underlying write succeeds, so that callers that
// check the count are not confused by the escapes' extra bytes.
func (sw *Writer) Write(p []byte) (int, error) {
	data := p
	if len(sw.tail) > 0 {
		data = append(sw.tail, p...)
		sw.tail = nil
	}
	// Keep back an incomplete character at the end, to be completed by
	// the next write.
	cut := len(data)
	for k := 1; k <= utf8.UTFMax-1 && k <= len(data); k++ {
		c := data[len(data)-k]
		if c < 0x80 {
			break
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(data[len(data)-k:]) {
				cut = len(data) - k
			}
			break
		}
	}
	if cut < len(data) {
		sw.tail = append([]byte(nil), data[cut:]...)
	}
	s := Text(string(data[:cut]))
	if _, err := io.WriteString(sw.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes out, escaped, the bytes of an incomplete character kept
// back from the last write, if any.
func (sw *Writer) Flush() error {
	if len(sw.tail) == 0 {
		return nil
	}
	s := Text(string(sw.tail))
	sw.tail = nil
	_, err := io.WriteString(sw.w, s)
	return err
}

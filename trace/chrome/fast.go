package chrome

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"unicode/utf8"
)

// The fast path of Read. encoding/json decodes an event at about
// 30 MB/s; this file reads the events of a well-formed file several
// times faster with a scanner of its own, over a buffer reused from event
// to event, copying nothing but what is kept.
//
// It is conservative: at the first byte it is not sure about (invalid
// JSON, a value of the wrong type, an escaped key, a key in other case,
// the end of the events), it hands the rest of the file back to
// encoding/json, positioned exactly where it stopped, so that what
// follows (the closing brackets, or the error message and its offset) is
// decided by the same code as before. The fast path therefore never
// accepts what the decoder would reject, and never reports an error of
// its own.

// fastReader is a window on the file from the fast path's start.
type fastReader struct {
	src io.Reader
	buf []byte
	pos int   // next byte to read in buf
	off int64 // file offset of buf[0]
	eof bool
}

// fill reads more of the file, keeping buf[keep:]; it returns false at the
// end of the file.
func (r *fastReader) fill(keep int) bool {
	if r.eof {
		return false
	}
	if keep > 0 {
		n := copy(r.buf, r.buf[keep:])
		r.buf = r.buf[:n]
		r.pos -= keep
		r.off += int64(keep)
	}
	if len(r.buf) == cap(r.buf) {
		r.buf = append(r.buf, make([]byte, cap(r.buf))...)[:len(r.buf)]
	}
	// Fill the buffer, so that an event rescanned after a short read is
	// rescanned a few times at most, however the reader splits its reads.
	got := 0
	for len(r.buf) < cap(r.buf) && !r.eof {
		n, err := r.src.Read(r.buf[len(r.buf):cap(r.buf)])
		r.buf = r.buf[:len(r.buf)+n]
		got += n
		if err != nil {
			r.eof = true
		}
	}
	return got > 0
}

// fastEvents reads events on the fast path from where the decoder stands,
// right after the "[" of the events, then gives the rest of the file back
// to a new decoder, positioned right after the last event it read (or at
// the start) so that the decoder sees the same bytes from there on.
func (p *parser) fastEvents(array bool) error {
	if p.fastDone {
		return nil // a second "traceEvents": the decoder reads it
	}
	p.fastDone = true
	// The decoder chain holds bytes already filtered (trailing commas
	// blanked) and the file's rest, raw. Each byte must pass the filter
	// exactly once: the fast path reads both, and hands back the
	// filtered ones as they are, the raw ones through a filter.
	start := p.offset()
	pre := bytes.NewReader(append(bytes.Clone(readAllBuffered(p.dec.Buffered())), p.filter.out...))
	filteredEnd := start + int64(pre.Len())
	raw := io.Reader(p.filter.r)
	if p.filter.pending {
		raw = io.MultiReader(strings.NewReader(","), raw)
	}
	state := commaFilter{inStr: p.filter.inStr, esc: p.filter.esc}
	r := &fastReader{src: io.MultiReader(pre, raw), buf: make([]byte, 0, p.bufSize), off: start}
	mark := 0 // in buf: the end of the last event read, or the start
	read := false
	// more reads more of the file, keeping buf[mark:].
	more := func() bool {
		if r.eof {
			return false
		}
		ok := r.fill(mark) // moves buf[mark:] to the front
		mark = 0
		return ok
	}
	var ev inEvent
	for {
		// After an event, a comma; then blanks and the next event.
		if read {
			if !r.skipSpace(more) || r.buf[r.pos] != ',' {
				break
			}
			r.pos++
		}
		if !r.skipSpace(more) || r.buf[r.pos] != '{' {
			break
		}
		ev = inEvent{Args: ev.Args[:0]}
		var n int
		st := scanShort
		for st == scanShort {
			from := r.pos - mark
			n, st = p.scanEvent(r.buf[r.pos:], &ev)
			if st == scanShort && !more() {
				break
			}
			r.pos = mark + from
		}
		if st != scanOK {
			break
		}
		if err := p.event(&ev, r.off+int64(mark), int64(n)); err != nil {
			return err
		}
		r.pos += n
		mark, read = r.pos, true
	}
	// Hand back: a decoder reading a prefix that puts it in the same
	// state, then the rest.
	prefix, tokens := "[", 1
	if !array {
		prefix, tokens = `{"traceEvents":[`, 3
	}
	if read {
		prefix += "{}" // an object: it ends without looking further
	}
	at := r.off + int64(mark)
	p.base = at - int64(len(prefix))
	rest := r.buf[mark:]
	k := int(min(max(filteredEnd-at, 0), int64(len(rest))))
	if at >= filteredEnd {
		state = commaFilter{} // at an event's boundary: outside strings
	}
	var tail io.Reader = bytes.NewReader(rest[k:])
	if !r.eof {
		tail = io.MultiReader(tail, raw)
	}
	state.r = bufio.NewReader(tail)
	p.filter = &state
	p.dec = json.NewDecoder(io.MultiReader(strings.NewReader(prefix), bytes.NewReader(rest[:k]), pre, p.filter))
	for range tokens {
		if _, err := p.dec.Token(); err != nil {
			return p.tokenError(err, "resuming")
		}
	}
	if read {
		var zero struct{}
		if err := p.dec.Decode(&zero); err != nil {
			return p.jsonError(err, "resuming")
		}
	}
	return nil
}

// readAllBuffered returns what a decoder holds: a bytes.Reader.
func readAllBuffered(r io.Reader) []byte {
	b, _ := io.ReadAll(r) // a bytes.Reader does not fail
	return b
}

// skipSpace skips blanks, calling more to read more; it returns false at
// the end of the file.
func (r *fastReader) skipSpace(more func() bool) bool {
	for {
		for r.pos < len(r.buf) {
			switch r.buf[r.pos] {
			case ' ', '\t', '\n', '\r':
				r.pos++
			default:
				return true
			}
		}
		if !more() {
			return false
		}
	}
}

// eventKeys are the keys of inEvent; encoding/json would also match them
// in other cases, which the fast path leaves to it.
var eventKeys = []string{"name", "cat", "ph", "ts", "dur", "pid", "tid", "id", "id2", "scope", "s", "args"}

// scanEvent reads one event object from b into ev, as encoding/json
// would decode it into an inEvent, and returns the bytes it took.
func (p *parser) scanEvent(b []byte, ev *inEvent) (int, scanStatus) {
	s := &scanner{b: b}
	if len(b) == 0 {
		return 0, scanShort
	}
	s.i++ // "{"
	s.space()
	if s.i >= len(b) {
		return 0, scanShort
	}
	if b[s.i] == '}' {
		return s.i + 1, scanOK
	}
	for {
		key, plain, st := s.str()
		if st != scanOK {
			return 0, st
		}
		if !plain {
			return 0, scanBad
		}
		s.space()
		if s.i >= len(b) {
			return 0, scanShort
		}
		if b[s.i] != ':' {
			return 0, scanBad
		}
		s.i++
		s.space()
		if st := p.scanField(s, key, ev); st != scanOK {
			return 0, st
		}
		s.space()
		if s.i >= len(b) {
			return 0, scanShort
		}
		switch b[s.i] {
		case ',':
			s.i++
			s.space()
		case '}':
			return s.i + 1, scanOK
		default:
			return 0, scanBad
		}
	}
}

// scanField reads the value of one key of an event.
func (p *parser) scanField(s *scanner, key []byte, ev *inEvent) scanStatus {
	switch string(key) {
	case "name":
		return p.scanString(s, &ev.Name)
	case "cat":
		return p.scanString(s, &ev.Cat)
	case "ph":
		return p.scanString(s, &ev.Ph)
	case "scope":
		return p.scanString(s, &ev.Scope)
	case "s":
		return p.scanString(s, &ev.S)
	case "ts":
		return p.scanNumber(s, &ev.Ts)
	case "dur":
		return p.scanNumber(s, &ev.Dur)
	case "pid":
		return p.scanID(s, &ev.Pid)
	case "tid":
		return p.scanID(s, &ev.Tid)
	case "id":
		return p.scanID(s, &ev.ID)
	case "id2":
		return scanID2(s, ev)
	case "args":
		text, st := s.value(0)
		if st != scanOK {
			return st
		}
		ev.Args = append(ev.Args[:0], text...)
		return scanOK
	}
	for _, k := range eventKeys {
		if strings.EqualFold(k, string(key)) {
			return scanBad // encoding/json would take it for k
		}
	}
	_, st := s.value(0)
	return st
}

// scanString reads a string field (or null, which leaves it as it is).
func (p *parser) scanString(s *scanner, dst *string) scanStatus {
	if s.i < len(s.b) && s.b[s.i] == 'n' {
		return s.literal("null")
	}
	start := s.i
	text, plain, st := s.str()
	if st != scanOK {
		return st
	}
	if plain || utf8.Valid(text) && bytes.IndexByte(text, '\\') < 0 {
		*dst = p.internBytes(text)
		return scanOK
	}
	var v string
	if json.Unmarshal(s.b[start:s.i], &v) != nil {
		return scanBad
	}
	*dst = v
	return scanOK
}

// scanNumber reads a number field, ts or dur (or null).
func (p *parser) scanNumber(s *scanner, dst *json.Number) scanStatus {
	if s.i < len(s.b) && s.b[s.i] == 'n' {
		return s.literal("null")
	}
	text, st := s.number()
	if st != scanOK {
		return st
	}
	*dst = json.Number(p.internBytes(text))
	return scanOK
}

// scanID reads an id field: pid, tid or id.
func (p *parser) scanID(s *scanner, id *eventID) scanStatus {
	text, st := s.value(0)
	if st != scanOK {
		return st
	}
	if n, ok := smallInt(text); ok {
		*id = eventID{text: p.internBytes(text), num: true, n: n}
		return scanOK
	}
	if err := id.UnmarshalJSON(text); err != nil {
		return scanBad
	}
	return scanOK
}

// scanID2 reads the id2 field, an object (or null).
func scanID2(s *scanner, ev *inEvent) scanStatus {
	text, st := s.value(0)
	if st != scanOK {
		return st
	}
	if string(text) == "null" {
		return scanOK
	}
	if text[0] != '{' {
		return scanBad
	}
	ev.ID2 = nil
	if json.Unmarshal(text, &ev.ID2) != nil {
		return scanBad
	}
	return scanOK
}

// smallInt parses a plain decimal integer of up to 18 digits.
func smallInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	d := b
	if neg {
		d = b[1:]
	}
	if len(d) == 0 || len(d) > 18 || (len(d) > 1 && d[0] == '0') || (neg && string(d) == "0") {
		return 0, false
	}
	var n int64
	for _, c := range d {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// maxInterned bounds how many distinct strings the parser shares.
const maxInterned = 1 << 14

// internBytes returns b as a string, shared with earlier equal strings
// while there are few distinct ones: names repeat, and a trace of a
// million spans then holds each name once.
func (p *parser) internBytes(b []byte) string {
	if s, ok := p.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(p.intern) < maxInterned && len(s) <= 256 {
		p.intern[s] = s
	}
	return s
}

// quickDetail reads args of the form {"detail":"plain text"}, as
// Write writes them, without reflection.
func (p *parser) quickDetail(args []byte) (string, bool) {
	s := &scanner{b: args}
	if len(args) < 2 || args[0] != '{' {
		return "", false
	}
	s.i = 1
	s.space()
	key, plain, st := s.str()
	if st != scanOK || !plain || string(key) != "detail" {
		return "", false
	}
	s.space()
	if s.i >= len(args) || args[s.i] != ':' {
		return "", false
	}
	s.i++
	s.space()
	text, plain, st := s.str()
	if st != scanOK || !plain {
		return "", false
	}
	s.space()
	if s.i != len(args)-1 || args[s.i] != '}' {
		return "", false
	}
	return p.internBytes(text), true
}

package chrome

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// inEvent is one event as Read decodes it; other keys are skipped.
type inEvent struct {
	Name string      `json:"name"`
	Cat  string      `json:"cat"`
	Ph   string      `json:"ph"`
	Ts   json.Number `json:"ts"`
	Dur  json.Number `json:"dur"`
	Pid  eventID     `json:"pid"`
	Tid  eventID     `json:"tid"`
	ID   eventID     `json:"id"`
	ID2  *struct {
		Local  eventID `json:"local"`
		Global eventID `json:"global"`
	} `json:"id2"`
	Scope string          `json:"scope"`
	S     string          `json:"s"`
	Args  json.RawMessage `json:"args"`
}

// Read reads a trace in the Chrome Trace Event Format from r, as
// written by Write or by other tools: the JSON array form (whose
// closing "]" may be missing) or the object form with a "traceEvents"
// array; a trailing comma is allowed. name is the file's name, used in
// errors.
//
// Each process becomes a run and each thread a lane (kind ThreadLane),
// named by process_name and thread_name metadata (else "pid 12", "tid 7")
// and ordered by their sort_index metadata, then by id. Each asynchronous
// operation (async "b"/"e" or legacy "S"/"F" events with one category, id
// and pid) becomes a lane of its own (kind TaskLane) after the threads.
// Spans ("B"/"E" pairs, "X" events, async pairs) become Running intervals
// whose Detail is the span's name; a lane keeps only its outermost spans,
// so that its intervals do not overlap. Instant events become logs. Times
// are shifted so that the earliest event of the file is at 0, on one axis
// for all runs; a span never ended is closed at the end of the trace.
// Events that are not drawn, such as counters and flows, are counted in
// the returned Stats.
//
// A file written by Write is recognised by its otherData and read
// back exactly: states, details, logs, outcomes, totals and the title.
//
// Input compressed with gzip is decompressed first, to the end of its
// last member, and each member's checksum and length are checked: a
// damaged or truncated stream is an error, never a trace. Errors about the
// decompressed text name the file "NAME (decompressed)" and give offsets
// in that text. A UTF-8 byte order mark at the start of the text is
// skipped (offsets still count it); UTF-16 is refused.
//
// The file is decoded as a stream: memory grows with the spans kept, not
// with the size of the file. Errors about the text are of type *Error;
// input that cannot be read (an error of r, a damaged gzip stream) gives
// an error naming the file and wrapping the cause, such as
// gzip.ErrChecksum. The trace returned always passes Validate.
//
// Read applies the default Limits; Limits.Read applies others.
func Read(r io.Reader, name string) (*trace.Trace, *Stats, error) {
	return Limits{}.Read(r, name)
}

// Read reads a trace as the package's Read does, within the limits l: a
// trace over one of them is an error, a *LimitError, as soon as it is
// read that far.
func (l Limits) Read(r io.Reader, name string) (*trace.Trace, *Stats, error) {
	if name == "" {
		name = "<input>"
	}
	l = l.withDefaults()
	size := bufferSize(r)
	br := bufio.NewReaderSize(r, min(size, 4096))
	src := &stickyReader{r: br}
	text := name
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: not a valid gzip file: %v", name, err)
		}
		defer zr.Close()
		src.r, text, size = zr, name+" (decompressed)", maxBuffer
	}
	// The text is read through one limit, the trailing bytes included.
	lr := &limitedReader{r: src, max: l.Bytes, size: size}
	t, stats, err := l.read(lr, text, false)
	if err == nil {
		// Read to the end, so that the last gzip member's checksum and
		// length are checked, and nothing but blanks follows the trace.
		if _, err = io.Copy(io.Discard, lr); lr.over {
			return nil, stats, &LimitError{File: text, Offset: l.Bytes, Limit: "Bytes", Max: l.Bytes}
		}
	}
	if src.err != nil {
		// The bytes could not be read: what was read says nothing.
		return nil, stats, inputError(name, src.err)
	}
	if err != nil {
		return nil, stats, err
	}
	return t, stats, nil
}

// stickyReader keeps the first error of r other than io.EOF, which a
// reader downstream may not pass on (the fast path stops at any error).
type stickyReader struct {
	r   io.Reader
	err error
}

func (s *stickyReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF && s.err == nil {
		s.err = err
	}
	return n, err
}

// inputError says why the bytes of the file name could not be read.
func inputError(name string, err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, gzip.ErrChecksum):
		return fmt.Errorf("%s: the gzip data is damaged: its checksum or length does not match the data (%w); the file was corrupted or changed after it was written", name, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s: the gzip file is truncated: it ends before the end of its compressed data and checksum (%w)", name, err)
	case errors.Is(err, gzip.ErrHeader):
		return fmt.Errorf("%s: the gzip file is damaged: the bytes after its compressed data are not gzip (%w)", name, err)
	case errors.As(err, &corrupt):
		return fmt.Errorf("%s: the gzip data is damaged (%w)", name, err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// maxBuffer is the size of the buffers Read decodes through: 64 KiB.
const maxBuffer = 64 << 10

// bufferSize returns the size of the buffers to read r through:
// maxBuffer, or less for an input known to be shorter (a bytes.Reader, a
// strings.Reader, a bytes.Buffer, a sizedReader), so that a small input —
// a test's, a fuzzer's — costs what it needs, not 150 KB of buffers.
func bufferSize(r io.Reader) int {
	switch r := r.(type) {
	case sizedReader:
		return r.size
	case interface{ Len() int }:
		return max(16, min(maxBuffer, r.Len()+1))
	}
	return maxBuffer
}

// sizedReader is a reader with the size of the buffers to read it
// through (bufferSize).
type sizedReader struct {
	io.Reader
	size int
}

// read reads a trace in the Chrome Trace Event Format from r (see Read),
// within the default limits; slow turns the fast path off, for tests that
// compare the two paths.
func read(r io.Reader, name string, slow bool) (*trace.Trace, *Stats, error) {
	return Limits{}.read(r, name, slow)
}

// read is the package's read within the limits l. A *limitedReader r is
// read through as it is (Read's, which also limits the trailing bytes).
func (l Limits) read(r io.Reader, name string, slow bool) (*trace.Trace, *Stats, error) {
	l = l.withDefaults()
	cr, ok := r.(*limitedReader)
	if !ok {
		cr = &limitedReader{r: r, max: l.Bytes, size: bufferSize(r)}
	}
	filter := &commaFilter{r: bufio.NewReaderSize(cr, cr.size)}
	bom, err := byteOrderMark(filter.r)
	if err != nil {
		return nil, &Stats{Ignored: map[string]int{}}, &Error{File: name, Msg: err.Error()}
	}
	p := &parser{
		slow:    slow,
		lim:     l,
		file:    name,
		count:   cr,
		bufSize: cr.size,
		filter:  filter,
		base:    bom,
		stats:   &Stats{Ignored: map[string]int{}},
		min:     math.MaxInt64,
		max:     math.MinInt64,
		intern:  map[string]string{},
	}
	p.dec = json.NewDecoder(p.filter)
	err = p.parse()
	if cr.over {
		// Whatever the parser made of the text cut short, it is too long.
		return nil, p.stats, &LimitError{File: name, Offset: l.Bytes, Limit: "Bytes", Max: l.Bytes}
	}
	if err != nil {
		return nil, p.stats, err
	}
	var t *trace.Trace
	if p.own != nil {
		var err error
		if t, err = p.ownTrace(); err != nil {
			return nil, p.stats, err
		}
	} else {
		if p.min <= p.max && float64(p.max-p.min) > maxMicros*1e3 {
			// Shifted to start at 0, the trace's times would be past
			// what a trace file holds: its export would not read back.
			return nil, p.stats, p.fail(p.count.n, "the events span from %s to %s µs, more than the %.0f µs (about 73 years) a trace may span", micros(p.min), micros(p.max), maxMicros)
		}
		t = p.foreignTrace()
	}
	if err := trace.Validate(t); err != nil {
		return nil, p.stats, p.fail(p.count.n, "the trace read is inconsistent: %v", err)
	}
	return t, p.stats, nil
}

// byteOrderMark skips a UTF-8 byte order mark at the start of r, and
// returns its length (0 without one); the text of a file that starts with
// a UTF-16 mark is refused.
func byteOrderMark(r *bufio.Reader) (int64, error) {
	head, _ := r.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		r.Discard(3)
		return 3, nil
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		return 0, errors.New("the file is UTF-16 text (it starts with a UTF-16 byte order mark); a Chrome trace is JSON in UTF-8: convert it, e.g. iconv -f UTF-16 -t UTF-8")
	}
	return 0, nil
}

// parser holds the state of one Read call.
type parser struct {
	slow    bool // the fast path is off
	bufSize int  // the size of the buffers read through (bufferSize)
	lim     Limits
	file    string
	count   *limitedReader
	filter  *commaFilter
	dec     *json.Decoder
	base    int64 // the file's offset of the decoder's offset 0
	stats   *Stats
	intern  map[string]string // names seen, shared (fast.go)
	// fastDone is set once the fast path has read its events.
	fastDone bool

	seenEvents bool
	own        *ownState // set when the file was written by Write
	// kept counts the events kept to be drawn, and mem estimates the
	// memory they and the lanes take, for the limits (limits.go).
	kept int
	mem  int64

	// Foreign files.
	procs    map[string]*procBuild
	threads  map[[2]string]*laneBuild
	asyncs   map[[4]string]*laneBuild
	min, max time.Duration // earliest and latest time of a drawn event
	seq      int           // events read so far, to keep sorts stable
}

// offset returns the file offset the decoder has read up to.
func (p *parser) offset() int64 { return p.dec.InputOffset() + p.base }

func (p *parser) fail(off int64, format string, a ...any) error {
	return &Error{File: p.file, Offset: off, Msg: fmt.Sprintf(format, a...)}
}

// jsonError turns an error of the JSON decoder into a *Error; what
// says what was being read.
func (p *parser) jsonError(err error, what string) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return p.fail(p.syntaxOffset(se), "%s: invalid JSON: %v", what, se)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return p.fail(p.count.n, "%s: the file ends too early (truncated?)", what)
	}
	return p.fail(p.offset(), "%s: %v", what, err)
}

// tokenError is jsonError for an error of the decoder's Token. Token
// finds some errors itself — a character where a comma, a colon, a key or
// a value should begin — and gives their offset exactly, as the decoder's
// position, which stands on the character; the others are errors of the
// scalar value it decodes, placed as jsonError places them.
func (p *parser) tokenError(err error, what string) error {
	var se *json.SyntaxError
	if errors.As(err, &se) && p.tokensOwn(se) {
		return p.fail(se.Offset+p.base, "%s: invalid JSON: %v", what, se)
	}
	return p.jsonError(err, what)
}

// tokensOwn reports whether se is an error Token found itself: at the
// decoder's position, about the character there, in one of the contexts
// Token names (those of the values it decodes are other).
func (p *parser) tokensOwn(se *json.SyntaxError) bool {
	if se.Offset != p.dec.InputOffset() {
		return false
	}
	rest, _ := io.ReadAll(p.dec.Buffered())
	if len(rest) == 0 {
		return false
	}
	msg := se.Error()
	if !strings.HasPrefix(msg, "invalid character "+quoteChar(rest[0])+" ") {
		return false
	}
	for _, context := range []string{"looking for beginning of value", "after array element", "looking for beginning of object key string", "after object key", "after object key:value pair", "after top-level value"} {
		if strings.HasSuffix(msg, " "+context) {
			return true
		}
	}
	return false
}

// quoteChar quotes a byte as encoding/json's messages do, such as 'x'.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	q := strconv.Quote(string(c))
	return "'" + q[1:len(q)-1] + "'"
}

// syntaxOffset returns the offset of the byte a syntax error in a value
// is about. The Offset of a *json.SyntaxError that a json.Decoder returns
// while reading a value is too small in a stream: it leaves out the bytes
// the decoder consumed between values (the "[" and the commas). So the
// value that failed, from the decoder's buffer and, past it, the rest of
// the stream, is decoded again on its own, where the offset is exact, and
// placed at the decoder's position.
func (p *parser) syntaxOffset(se *json.SyntaxError) int64 {
	if se.Offset == p.dec.InputOffset() && (strings.HasPrefix(se.Error(), "expected comma") || strings.HasPrefix(se.Error(), "expected colon")) {
		return se.Offset + p.base // a missing comma or colon, before a value
	}
	base := p.offset()
	rest := bufio.NewReader(io.MultiReader(p.dec.Buffered(), p.filter))
	k := 0
	for {
		c, err := rest.ReadByte()
		if err != nil {
			break
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			rest.UnreadByte()
			break
		}
		k++
	}
	var v json.RawMessage
	var again *json.SyntaxError
	if err := json.NewDecoder(rest).Decode(&v); errors.As(err, &again) && again.Offset > 0 {
		return base + int64(k) + again.Offset - 1
	}
	return se.Offset + p.base
}

const wantTrace = `expected a JSON array of trace events or an object with a "traceEvents" array`

func (p *parser) parse() error {
	tok, err := p.dec.Token()
	if err == io.EOF {
		return p.fail(0, "empty file: %s", wantTrace)
	}
	if err != nil {
		return p.tokenError(err, "not a Chrome trace")
	}
	switch tok {
	case json.Delim('['):
		if err := p.events(true); err != nil {
			return err
		}
	case json.Delim('{'):
		if err := p.object(); err != nil {
			return err
		}
	default:
		return p.fail(p.offset(), "not a Chrome trace: %s, found %s", wantTrace, describe(tok))
	}
	if tok, err := p.dec.Token(); err != io.EOF {
		if err != nil {
			return p.tokenError(err, "after the trace")
		}
		return p.fail(p.offset(), "unexpected %s after the end of the trace", describe(tok))
	}
	return nil
}

// describe names a JSON token for an error message.
func describe(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		return strconv.Quote(v.String())
	case string:
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		return "string " + strconv.Quote(v)
	case json.Number, float64:
		return fmt.Sprintf("number %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", tok)
}

func (p *parser) object() error {
	found := false
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return p.tokenError(err, "reading the trace object")
		}
		key, _ := tok.(string)
		switch key {
		case "traceEvents":
			off := p.offset()
			tok, err := p.dec.Token()
			if err != nil {
				return p.tokenError(err, `reading "traceEvents"`)
			}
			if tok != json.Delim('[') {
				return p.fail(off, `"traceEvents" must be an array of events, found %s`, describe(tok))
			}
			found = true
			if err := p.events(false); err != nil {
				return err
			}
		case "otherData":
			var other map[string]json.RawMessage
			if err := p.dec.Decode(&other); err != nil {
				var ute *json.UnmarshalTypeError
				if !errors.As(err, &ute) {
					return p.jsonError(err, `reading "otherData"`)
				}
			}
			var gen string
			if json.Unmarshal(other["generator"], &gen) == nil && gen == generator && !p.seenEvents {
				p.own = newOwnState(other)
			}
		default:
			if err := p.skip(); err != nil {
				return err
			}
		}
	}
	tok, err := p.dec.Token()
	if err != nil {
		return p.tokenError(err, `expected "}" closing the trace object`)
	}
	if tok != json.Delim('}') {
		return p.fail(p.offset(), `expected "}" closing the trace object, found %s`, describe(tok))
	}
	if !found {
		return p.fail(p.offset(), `not a Chrome trace: the object has no "traceEvents" array`)
	}
	return nil
}

// skip skips one JSON value, token by token.
func (p *parser) skip() error {
	depth := 0
	for {
		tok, err := p.dec.Token()
		if err != nil {
			return p.tokenError(err, "skipping a value")
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// events reads the events of an array whose "[" was read. array is true for
// the array form, whose closing "]" may be missing.
func (p *parser) events(array bool) error {
	if !p.slow {
		if err := p.fastEvents(array); err != nil {
			return err
		}
	}
	var ev inEvent
	for {
		off := p.offset()
		if !p.dec.More() {
			break
		}
		ev = inEvent{Args: ev.Args[:0]}
		if err := p.dec.Decode(&ev); err != nil {
			var ute *json.UnmarshalTypeError
			if errors.As(err, &ute) {
				if ute.Field == "" {
					return p.fail(off, "event %d: expected an event object, found %s", p.stats.Events+1, article(ute.Value))
				}
				return p.fail(off, "event %d: %q is %s, expected %s", p.stats.Events+1, ute.Field, article(ute.Value), jsonKind(ute.Type.String()))
			}
			var se *json.SyntaxError
			if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
				return p.jsonError(err, fmt.Sprintf("event %d", p.stats.Events+1))
			}
			if err == io.EOF {
				break // a trailing comma at the end of an unterminated array
			}
			return p.fail(off, "event %d: %v", p.stats.Events+1, err)
		}
		if err := p.event(&ev, off, p.offset()-off); err != nil {
			return err
		}
	}
	off := p.offset()
	tok, err := p.dec.Token()
	if err == io.EOF && array {
		return nil // the Chrome format allows the "]" to be missing
	}
	if err != nil {
		return p.tokenError(err, `expected "]" closing the events`)
	}
	if tok != json.Delim(']') {
		return p.fail(off, `expected an event object or "]", found %s`, describe(tok))
	}
	return nil
}

// event takes in one event decoded at offset off, of size bytes of JSON
// text, and checks the limits on what is kept.
func (p *parser) event(ev *inEvent, off, size int64) error {
	p.stats.Events++
	p.seenEvents = true
	p.seq++
	var err error
	kept := true
	if p.own != nil {
		err = p.ownEvent(ev, p.stats.Events, off)
	} else {
		kept = p.foreignEvent(ev)
	}
	if err != nil {
		return p.fail(off, "event %d: %v", p.stats.Events, err)
	}
	if kept {
		return p.charge(size, off)
	}
	return p.checkMemory(off)
}

func article(v string) string {
	if v == "" {
		return "a value"
	}
	if strings.ContainsRune("aeiou", rune(v[0])) {
		return "an " + v
	}
	return "a " + v
}

func jsonKind(goType string) string {
	switch goType {
	case "string":
		return "a string"
	case "json.Number":
		return "a number"
	}
	return "another type"
}

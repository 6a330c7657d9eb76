package trace

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file converts traces to and from the Chrome Trace Event Format, the
// JSON read by Perfetto (ui.perfetto.dev), chrome://tracing and many other
// viewers, and written by many tracers. The format is described in
// https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU
//
// Layout written by WriteChrome:
//
//	{"otherData":{"generator":"asyncgantt",...},"traceEvents":[
//	{"name":"process_name","ph":"M","pid":1,"tid":0,"args":{"name":"Sequential",...}},
//	{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"A","kind":"task",...}},
//	{"name":"A","cat":"lane","ph":"X","ts":0,"dur":2000,"pid":1,"tid":1},
//	{"name":"waiting","cat":"state","ph":"X","ts":0,"dur":1500,"pid":1,"tid":1,"args":{"detail":"sleep 1.5ms"}},
//	...
//	],"displayTimeUnit":"ms"}
//
// A run is a process (pid = run index + 1), a lane a thread (tid = lane
// index + 1). The "otherData" object comes first so that ReadChrome knows,
// before the first event, that the file is one of ours and can restore it
// exactly.

// chromeGenerator marks files written by WriteChrome, in otherData.generator.
const chromeGenerator = "asyncgantt"

// chromeFormat is the version of the layout above, in otherData.format.
const chromeFormat = "1"

// maxChromeMicros bounds the timestamps ReadChrome accepts, in microseconds:
// 2^61 ns, about 73 years, so that sums and differences of two timestamps
// never overflow a time.Duration.
const maxChromeMicros = float64(1<<61) / 1e3

// chromeOther is the "otherData" object of files written by WriteChrome.
type chromeOther struct {
	Generator   string `json:"generator"`
	Format      string `json:"format"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Clock       string `json:"clock"`
	Independent bool   `json:"independent,omitempty"`
}

// chromeOut is one event as WriteChrome writes it; the field order is the
// key order in the file.
type chromeOut struct {
	Name string      `json:"name"`
	Cat  string      `json:"cat,omitempty"`
	Ph   string      `json:"ph"`
	Ts   json.Number `json:"ts,omitempty"`
	Dur  json.Number `json:"dur,omitempty"`
	Pid  int         `json:"pid"`
	Tid  int         `json:"tid"`
	S    string      `json:"s,omitempty"`
	Args any         `json:"args,omitempty"`
}

// chromeRunArgs are the args of a process_name event written by WriteChrome.
type chromeRunArgs struct {
	Name        string      `json:"name"`
	Total       json.Number `json:"total_us"`
	Error       string      `json:"error,omitempty"`
	Warnings    []string    `json:"warnings,omitempty"`
	Interrupted bool        `json:"interrupted,omitempty"`
}

// chromeLaneArgs are the args of a thread_name event written by WriteChrome.
type chromeLaneArgs struct {
	Name   string      `json:"name"`
	Kind   string      `json:"kind"`
	Parent string      `json:"parent,omitempty"`
	Start  json.Number `json:"start_us"`
	End    json.Number `json:"end_us"`
}

// chromeSortArgs are the args of process_sort_index and thread_sort_index.
type chromeSortArgs struct {
	SortIndex int `json:"sort_index"`
}

// chromeDetailArgs are the args of a state slice.
type chromeDetailArgs struct {
	Detail string `json:"detail"`
}

// chromeLogArgs are the args of a log instant.
type chromeLogArgs struct {
	Text   string `json:"text"`
	Lane   string `json:"lane,omitempty"`
	Stream string `json:"stream,omitempty"`
}

// micros formats d, an integer number of nanoseconds, as an exact decimal
// number of microseconds: 1500 ns is "1.5", 2 ms is "2000".
func micros(d time.Duration) json.Number {
	var b []byte
	u := uint64(d)
	if d < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendUint(b, u/1000, 10)
	if f := u % 1000; f != 0 {
		frac := []byte{'.', byte('0' + f/100), byte('0' + f/10%10), byte('0' + f%10)}
		b = append(b, bytes.TrimRight(frac, "0")...)
	}
	return json.Number(b)
}

// WriteChrome writes t to w in the Chrome Trace Event Format (JSON object
// form, one event a line), for Perfetto, chrome://tracing and other viewers.
// Each run becomes a process (pid = run index + 1) and each lane a thread
// (tid = lane index + 1), named and ordered with metadata events. A task
// lane is a complete ("X") slice spanning its life, with its state
// intervals as slices nested inside it; a loop or thread lane has its
// intervals as top-level slices. Logs and task outcomes are instant events.
// Times are microseconds since the start of the run, written exactly from
// the nanosecond durations. The output is deterministic: the same trace
// always gives the same bytes. ReadChrome restores the trace exactly from
// the output.
func WriteChrome(w io.Writer, t *Trace) error {
	cw := chromeWriter{w: bufio.NewWriter(w)}
	cw.enc = json.NewEncoder(&cw.buf)
	cw.enc.SetEscapeHTML(false)
	cw.raw(`{"otherData":`)
	cw.value(chromeOther{
		Generator:   chromeGenerator,
		Format:      chromeFormat,
		Title:       t.Title,
		Description: t.Description,
		Clock:       t.Clock.String(),
		Independent: t.Independent,
	})
	cw.raw(`,"traceEvents":[` + "\n")
	for ri, r := range t.Runs {
		cw.writeRun(ri+1, r)
	}
	cw.raw("\n],\"displayTimeUnit\":\"ms\"}\n")
	if cw.err != nil {
		return cw.err
	}
	return cw.w.Flush()
}

// chromeWriter writes events one a line, remembering the first error.
type chromeWriter struct {
	w     *bufio.Writer
	buf   bytes.Buffer
	enc   *json.Encoder
	err   error
	count int
}

func (cw *chromeWriter) raw(s string) {
	if cw.err == nil {
		_, cw.err = cw.w.WriteString(s)
	}
}

func (cw *chromeWriter) value(v any) {
	if cw.err != nil {
		return
	}
	cw.buf.Reset()
	if cw.err = cw.enc.Encode(v); cw.err != nil {
		return
	}
	_, cw.err = cw.w.Write(bytes.TrimSuffix(cw.buf.Bytes(), []byte("\n")))
}

func (cw *chromeWriter) event(e chromeOut) {
	if cw.count > 0 {
		cw.raw(",\n")
	}
	cw.count++
	cw.value(e)
}

func (cw *chromeWriter) writeRun(pid int, r *Run) {
	cw.event(chromeOut{Name: "process_name", Ph: "M", Pid: pid, Args: chromeRunArgs{
		Name:        r.Name,
		Total:       micros(r.Total),
		Error:       r.Error,
		Warnings:    r.Warnings,
		Interrupted: r.Interrupted,
	}})
	cw.event(chromeOut{Name: "process_sort_index", Ph: "M", Pid: pid, Args: chromeSortArgs{pid - 1}})
	tids := make(map[string]int, len(r.Lanes))
	for li, l := range r.Lanes {
		tid := li + 1
		if _, dup := tids[l.Name]; !dup {
			tids[l.Name] = tid
		}
		cw.event(chromeOut{Name: "thread_name", Ph: "M", Pid: pid, Tid: tid, Args: chromeLaneArgs{
			Name:   l.Name,
			Kind:   l.Kind.String(),
			Parent: l.Parent,
			Start:  micros(l.Start),
			End:    micros(l.End),
		}})
		cw.event(chromeOut{Name: "thread_sort_index", Ph: "M", Pid: pid, Tid: tid, Args: chromeSortArgs{li}})
	}
	for li, l := range r.Lanes {
		cw.writeLane(pid, li+1, l)
	}
	for _, g := range r.Logs {
		e := chromeOut{Name: g.Text, Cat: "log", Ph: "i", Ts: micros(g.At), Pid: pid, S: "p",
			Args: chromeLogArgs{Text: g.Text, Lane: g.Lane}}
		if g.Stderr {
			e.Args = chromeLogArgs{Text: g.Text, Lane: g.Lane, Stream: "stderr"}
		}
		if tid, ok := tids[g.Lane]; ok && g.Lane != "" {
			e.Tid, e.S = tid, "t"
		}
		cw.event(e)
	}
}

// writeLane writes a lane's slices so that they nest properly on its
// thread: for a task lane, a parent slice spanning the lane's life (widened
// if an interval lies outside it) with the intervals inside; the intervals
// are clamped so that none overlaps the one before it.
func (cw *chromeWriter) writeLane(pid, tid int, l *Lane) {
	lo, hi := time.Duration(math.MinInt64), time.Duration(math.MaxInt64)
	if l.Kind == TaskLane {
		lo, hi = l.Start, max(l.End, l.Start)
		if n := len(l.Intervals); n > 0 {
			lo = min(lo, l.Intervals[0].Start)
			for _, iv := range l.Intervals {
				hi = max(hi, iv.End)
			}
		}
		cw.event(chromeOut{Name: l.Name, Cat: "lane", Ph: "X", Ts: micros(lo), Dur: micros(hi - lo), Pid: pid, Tid: tid})
	}
	prev := lo
	for _, iv := range l.Intervals {
		start := min(max(iv.Start, prev, lo), hi)
		end := min(max(iv.End, start), hi)
		prev = end
		e := chromeOut{Name: iv.State.String(), Cat: "state", Ph: "X", Ts: micros(start), Dur: micros(end - start), Pid: pid, Tid: tid}
		if iv.Detail != "" {
			e.Args = chromeDetailArgs{iv.Detail}
		}
		cw.event(e)
	}
	if o := l.Outcome; o != nil {
		key := map[OutcomeKind]string{Returned: "result", Raised: "exception", Cancelled: "cancelled"}[o.Kind]
		cw.event(chromeOut{Name: o.Kind.String(), Cat: "outcome", Ph: "i", Ts: micros(l.End), Pid: pid, Tid: tid, S: "t",
			Args: map[string]string{key: o.Value}})
	}
}

// ChromeError is a Chrome trace file ReadChrome cannot read: File is the
// file's name as given to ReadChrome, Offset the byte offset in it where
// the problem was found, and Msg says what was wrong and what was expected.
type ChromeError struct {
	// File is the name of the file, as given to ReadChrome.
	File string
	// Offset is the byte offset from the start of the file.
	Offset int64
	// Msg describes the problem.
	Msg string
}

// Error returns "file: byte offset: message".
func (e *ChromeError) Error() string {
	return fmt.Sprintf("%s: byte %d: %s", e.File, e.Offset, e.Msg)
}

// ImportStats says what ReadChrome did with the events it read.
type ImportStats struct {
	// Events is the number of events read, of any phase.
	Events int
	// Ignored counts the events that are not drawn (counters, flows,
	// samples, ...), by phase ("C", "s", ...; "M" for unknown metadata).
	Ignored map[string]int
	// Malformed counts drawn events skipped because they lack a timestamp
	// or have one out of range (beyond about 73 years).
	Malformed int
	// Nested counts spans hidden, wholly or in part, under another span of
	// their lane: a lane keeps only its outermost spans.
	Nested int
	// Unmatched counts end events ("E", "e", "F") with no begin to end.
	Unmatched int
	// Unclosed counts begin events ("B", "b", "S") never ended, closed at
	// the end of the trace.
	Unclosed int
}

// phaseNames names the phases of the Chrome format for ImportStats.String.
var phaseNames = map[string]string{
	"B": "begin", "E": "end", "X": "complete", "i": "instant", "I": "instant",
	"C": "counter", "b": "async begin", "n": "async instant", "e": "async end",
	"S": "async start", "T": "async step", "p": "async step", "F": "async finish",
	"s": "flow", "t": "flow", "f": "flow", "P": "sample",
	"N": "object created", "O": "object snapshot", "D": "object destroyed",
	"M": "metadata", "V": "memory dump", "v": "memory dump", "R": "mark",
	"c": "clock sync", "(": "context", ")": "context",
}

// String summarises the stats for a user, e.g. "ignored 12 events: 10
// counter (C), 2 flow (s)", followed by notes on nested, unmatched and
// unclosed spans when there are any.
func (s *ImportStats) String() string {
	var parts []string
	n := 0
	for _, c := range s.Ignored {
		n += c
	}
	if n > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "ignored %d %s:", n, plural(n, "event"))
		phases := make([]string, 0, len(s.Ignored))
		for ph := range s.Ignored {
			phases = append(phases, ph)
		}
		slices.SortFunc(phases, func(a, b string) int {
			return cmp.Or(cmp.Compare(s.Ignored[b], s.Ignored[a]), cmp.Compare(a, b))
		})
		for i, ph := range phases {
			if i > 0 {
				b.WriteString(",")
			}
			name := phaseNames[ph]
			if name == "" {
				name = "unknown phase"
			}
			label := strconv.Quote(ph)
			if ph != "" && strconv.Quote(ph) == `"`+ph+`"` {
				label = ph
			}
			fmt.Fprintf(&b, " %d %s (%s)", s.Ignored[ph], name, label)
		}
		parts = append(parts, b.String())
	}
	if s.Malformed > 0 {
		parts = append(parts, fmt.Sprintf("skipped %d malformed %s", s.Malformed, plural(s.Malformed, "event")))
	}
	if s.Nested > 0 {
		parts = append(parts, fmt.Sprintf("hid %d nested %s", s.Nested, plural(s.Nested, "span")))
	}
	if s.Unmatched > 0 {
		parts = append(parts, fmt.Sprintf("dropped %d unmatched end %s", s.Unmatched, plural(s.Unmatched, "event")))
	}
	if s.Unclosed > 0 {
		parts = append(parts, fmt.Sprintf("closed %d unclosed %s at the end of the trace", s.Unclosed, plural(s.Unclosed, "span")))
	}
	if len(parts) == 0 {
		return "every event drawn"
	}
	return strings.Join(parts, "; ")
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// chromeID is a pid, tid or async id: a JSON number or string (or anything
// else, kept as its JSON text). Integers, written as numbers or strings,
// compare numerically.
type chromeID struct {
	text string // canonical text; "" when absent or null
	num  bool   // text is an integer
	n    int64
}

// UnmarshalJSON accepts any JSON value.
func (id *chromeID) UnmarshalJSON(b []byte) error {
	*id = chromeID{}
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		id.set(s)
	default:
		// An object or array id keeps its JSON text, which may hold bytes
		// that are not UTF-8 (the decoder replaces those only in strings):
		// they become U+FFFD here too, so names built from it export and
		// read back alike.
		id.set(strings.ToValidUTF8(string(b), "\uFFFD"))
		if !id.num {
			if f, err := strconv.ParseFloat(string(b), 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<62 {
				id.set(strconv.FormatInt(int64(f), 10))
			}
		}
	}
	return nil
}

func (id *chromeID) set(s string) {
	id.text = s
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		id.num, id.n, id.text = true, n, strconv.FormatInt(n, 10)
	}
}

func compareIDs(a, b chromeID) int {
	switch {
	case a.num && b.num:
		return cmp.Compare(a.n, b.n)
	case a.num != b.num:
		if a.num {
			return -1
		}
		return 1
	}
	return cmp.Compare(a.text, b.text)
}

// chromeIn is one event as ReadChrome decodes it; other keys are skipped.
type chromeIn struct {
	Name string      `json:"name"`
	Cat  string      `json:"cat"`
	Ph   string      `json:"ph"`
	Ts   json.Number `json:"ts"`
	Dur  json.Number `json:"dur"`
	Pid  chromeID    `json:"pid"`
	Tid  chromeID    `json:"tid"`
	ID   chromeID    `json:"id"`
	ID2  *struct {
		Local  chromeID `json:"local"`
		Global chromeID `json:"global"`
	} `json:"id2"`
	Scope string          `json:"scope"`
	S     string          `json:"s"`
	Args  json.RawMessage `json:"args"`
}

// ReadChrome reads a trace in the Chrome Trace Event Format from r, as
// written by WriteChrome or by other tools: the JSON array form (whose
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
// the returned ImportStats.
//
// A file written by WriteChrome is recognised by its otherData and read
// back exactly: states, details, logs, outcomes, totals and the title.
//
// The file is decoded as a stream: memory grows with the spans kept, not
// with the size of the file. Errors are of type *ChromeError. The trace
// returned always passes Validate.
func ReadChrome(r io.Reader, name string) (*Trace, *ImportStats, error) {
	if name == "" {
		name = "<input>"
	}
	cr := &countReader{r: r}
	p := &chromeParser{
		file:   name,
		count:  cr,
		filter: &commaFilter{r: bufio.NewReaderSize(cr, 64<<10)},
		stats:  &ImportStats{Ignored: map[string]int{}},
		min:    math.MaxInt64,
		max:    math.MinInt64,
		intern: map[string]string{},
	}
	p.dec = json.NewDecoder(p.filter)
	if err := p.parse(); err != nil {
		return nil, p.stats, err
	}
	var t *Trace
	if p.own != nil {
		t = p.ownTrace()
	} else {
		t = p.foreignTrace()
	}
	if err := Validate(t); err != nil {
		return nil, p.stats, p.fail(p.count.n, "the trace read is inconsistent: %v", err)
	}
	return t, p.stats, nil
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

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

// chromeParser holds the state of one ReadChrome call.
type chromeParser struct {
	file   string
	count  *countReader
	filter *commaFilter
	dec    *json.Decoder
	base   int64 // the file's offset of the decoder's offset 0
	stats  *ImportStats
	intern map[string]string // names seen, shared (chromefast.go)
	// fastDone is set once the fast path has read its events.
	fastDone bool

	seenEvents bool
	own        *ownState // set when the file was written by WriteChrome

	// Foreign files.
	procs    map[string]*procBuild
	threads  map[[2]string]*laneBuild
	asyncs   map[[4]string]*laneBuild
	min, max time.Duration // earliest and latest time of a drawn event
	seq      int           // events read so far, to keep sorts stable
}

// offset returns the file offset the decoder has read up to.
func (p *chromeParser) offset() int64 { return p.dec.InputOffset() + p.base }

func (p *chromeParser) fail(off int64, format string, a ...any) error {
	return &ChromeError{File: p.file, Offset: off, Msg: fmt.Sprintf(format, a...)}
}

// jsonError turns an error of the JSON decoder into a *ChromeError; what
// says what was being read.
func (p *chromeParser) jsonError(err error, what string) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return p.fail(p.syntaxOffset(se), "%s: invalid JSON: %v", what, se)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return p.fail(p.count.n, "%s: the file ends too early (truncated?)", what)
	}
	return p.fail(p.offset(), "%s: %v", what, err)
}

// syntaxOffset returns the offset of the byte a syntax error is about.
// The Offset of a *json.SyntaxError that a json.Decoder returns while
// reading a value is too small in a stream: it leaves out the bytes the
// decoder consumed between values (the "[" and the commas). So the value
// that failed, still in the decoder's buffer, is decoded again on its own,
// where the offset is exact, and placed at the decoder's position.
func (p *chromeParser) syntaxOffset(se *json.SyntaxError) int64 {
	base := p.offset()
	rest, _ := io.ReadAll(p.dec.Buffered())
	k := len(rest) - len(bytes.TrimLeft(rest, " \t\r\n"))
	var v json.RawMessage
	var again *json.SyntaxError
	if err := json.NewDecoder(bytes.NewReader(rest[k:])).Decode(&v); errors.As(err, &again) && again.Offset > 0 {
		return base + int64(k) + again.Offset - 1
	}
	return se.Offset + p.base
}

const wantTrace = `expected a JSON array of trace events or an object with a "traceEvents" array`

func (p *chromeParser) parse() error {
	tok, err := p.dec.Token()
	if err == io.EOF {
		return p.fail(0, "empty file: %s", wantTrace)
	}
	if err != nil {
		return p.jsonError(err, "not a Chrome trace")
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
			return p.jsonError(err, "after the trace")
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

func (p *chromeParser) object() error {
	found := false
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return p.jsonError(err, "reading the trace object")
		}
		key, _ := tok.(string)
		switch key {
		case "traceEvents":
			off := p.offset()
			tok, err := p.dec.Token()
			if err != nil {
				return p.jsonError(err, `reading "traceEvents"`)
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
			if json.Unmarshal(other["generator"], &gen) == nil && gen == chromeGenerator && !p.seenEvents {
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
		return p.jsonError(err, `expected "}" closing the trace object`)
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
func (p *chromeParser) skip() error {
	depth := 0
	for {
		tok, err := p.dec.Token()
		if err != nil {
			return p.jsonError(err, "skipping a value")
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
func (p *chromeParser) events(array bool) error {
	if !slowImport {
		if err := p.fastEvents(array); err != nil {
			return err
		}
	}
	var ev chromeIn
	for {
		off := p.offset()
		if !p.dec.More() {
			break
		}
		ev = chromeIn{Args: ev.Args[:0]}
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
		if err := p.event(&ev, off); err != nil {
			return err
		}
	}
	off := p.offset()
	tok, err := p.dec.Token()
	if err == io.EOF && array {
		return nil // the Chrome format allows the "]" to be missing
	}
	if err != nil {
		return p.jsonError(err, `expected "]" closing the events`)
	}
	if tok != json.Delim(']') {
		return p.fail(off, `expected an event object or "]", found %s`, describe(tok))
	}
	return nil
}

// event takes in one event decoded at offset off.
func (p *chromeParser) event(ev *chromeIn, off int64) error {
	p.stats.Events++
	p.seenEvents = true
	p.seq++
	var err error
	if p.own != nil {
		err = p.ownEvent(ev)
	} else {
		p.foreignEvent(ev)
	}
	if err != nil {
		return p.fail(off, "event %d: %v", p.stats.Events, err)
	}
	return nil
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

// time converts a timestamp in microseconds to a duration.
func chromeTime(n json.Number) (time.Duration, bool) {
	if n == "" {
		return 0, false
	}
	if d, ok := exactMicros(string(n)); ok {
		return d, true
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsNaN(f) || math.Abs(f) > maxChromeMicros {
		return 0, false
	}
	return time.Duration(math.Round(f * 1e3)), true
}

// exactMicros converts a plain decimal number of microseconds, such as
// "12.5" or "-3", to nanoseconds exactly, rounding half away from zero
// past the third decimal as math.Round does: through a float64, times
// past 2^53 ns (104 days) would lose nanoseconds, and an exported trace
// would not read back the same. It reports false for other forms
// (exponents) and for times out of range.
func exactMicros(s string) (time.Duration, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(whole) > 16 || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return 0, false
	}
	w, err := strconv.ParseUint(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	ns := w * 1000
	for i, unit := range [3]uint64{100, 10, 1} {
		if i < len(frac) {
			ns += uint64(frac[i]-'0') * unit
		}
	}
	if len(frac) > 3 && frac[3] >= '5' {
		ns++
	}
	if float64(ns) > maxChromeMicros*1e3 {
		return 0, false
	}
	if neg {
		return -time.Duration(ns), true
	}
	return time.Duration(ns), true
}

// ---- Foreign files ----

// procBuild collects what a foreign file says about one process.
type procBuild struct {
	id      chromeID
	name    string
	sort    int64
	logs    []pendingLog
	hasName bool
}

// laneBuild collects the spans of one thread or async operation.
type laneBuild struct {
	proc    *procBuild
	id      chromeID // tid, or async id
	cat     string   // async category
	async   bool
	name    string // thread_name, or the first async span's name
	hasName bool
	sort    int64
	spans   []span
	marks   []mark // begin and end events, matched once sorted
	lo, hi  time.Duration
	used    bool // has a span, mark or instant
	final   string
}

type span struct {
	start, end time.Duration
	name       string
	seq        int
}

type mark struct {
	at    time.Duration
	begin bool
	name  string
	seq   int
}

type pendingLog struct {
	at   time.Duration
	lane *laneBuild
	text string
	seq  int
}

func (p *chromeParser) proc(id chromeID) *procBuild {
	if p.procs == nil {
		p.procs = map[string]*procBuild{}
		p.threads = map[[2]string]*laneBuild{}
		p.asyncs = map[[4]string]*laneBuild{}
	}
	pr := p.procs[id.text]
	if pr == nil {
		pr = &procBuild{id: id}
		p.procs[id.text] = pr
	}
	return pr
}

func (p *chromeParser) thread(pid, tid chromeID) *laneBuild {
	pr := p.proc(pid)
	k := [2]string{pid.text, tid.text}
	l := p.threads[k]
	if l == nil {
		l = &laneBuild{proc: pr, id: tid}
		p.threads[k] = l
	}
	return l
}

func (p *chromeParser) asyncLane(ev *chromeIn) *laneBuild {
	id := ev.ID
	scope := ev.Scope
	if ev.ID2 != nil {
		if ev.ID2.Local.text != "" {
			id, scope = ev.ID2.Local, scope+"\x00local"
		} else {
			id = ev.ID2.Global
		}
	}
	pr := p.proc(ev.Pid)
	k := [4]string{ev.Pid.text, ev.Cat, scope, id.text}
	l := p.asyncs[k]
	if l == nil {
		l = &laneBuild{proc: pr, id: id, cat: ev.Cat, async: true}
		p.asyncs[k] = l
	}
	return l
}

func (l *laneBuild) touch(at time.Duration) {
	if !l.used {
		l.lo, l.hi, l.used = at, at, true
	}
	l.lo, l.hi = min(l.lo, at), max(l.hi, at)
}

func (p *chromeParser) seen(at time.Duration) {
	p.min, p.max = min(p.min, at), max(p.max, at)
}

func (p *chromeParser) foreignEvent(ev *chromeIn) {
	switch ev.Ph {
	case "M":
		p.metadata(ev)
		return
	case "B", "E", "X", "i", "I", "b", "e", "n", "S", "F", "T", "p":
	default:
		p.stats.Ignored[ev.Ph]++
		return
	}
	at, ok := chromeTime(ev.Ts)
	if !ok {
		p.stats.Malformed++
		return
	}
	p.seen(at)
	switch ev.Ph {
	case "B", "E":
		l := p.thread(ev.Pid, ev.Tid)
		l.touch(at)
		l.marks = append(l.marks, mark{at: at, begin: ev.Ph == "B", name: ev.Name, seq: p.seq})
	case "X":
		dur, ok := chromeTime(ev.Dur)
		if !ok || dur < 0 {
			dur = 0
		}
		end := at + dur
		p.seen(end)
		l := p.thread(ev.Pid, ev.Tid)
		l.touch(at)
		l.touch(end)
		l.spans = append(l.spans, span{start: at, end: end, name: ev.Name, seq: p.seq})
	case "i", "I":
		pr := p.proc(ev.Pid)
		var l *laneBuild
		if ev.S != "g" && ev.S != "p" {
			l = p.thread(ev.Pid, ev.Tid)
			l.touch(at)
		}
		pr.logs = append(pr.logs, pendingLog{at: at, lane: l, text: ev.Name, seq: p.seq})
	case "b", "S", "e", "F":
		l := p.asyncLane(ev)
		l.touch(at)
		l.marks = append(l.marks, mark{at: at, begin: ev.Ph == "b" || ev.Ph == "S", name: ev.Name, seq: p.seq})
	case "n", "T", "p":
		l := p.asyncLane(ev)
		l.touch(at)
		text := ev.Name
		var step struct {
			Step string `json:"step"`
		}
		if json.Unmarshal(ev.Args, &step) == nil && step.Step != "" {
			text += ": " + step.Step
		}
		l.proc.logs = append(l.proc.logs, pendingLog{at: at, lane: l, text: text, seq: p.seq})
	}
}

func (p *chromeParser) metadata(ev *chromeIn) {
	var args struct {
		Name      *string `json:"name"`
		SortIndex *int64  `json:"sort_index"`
	}
	_ = json.Unmarshal(ev.Args, &args) // wrongly typed args are ignored
	switch {
	case ev.Name == "process_name" && args.Name != nil:
		pr := p.proc(ev.Pid)
		pr.name, pr.hasName = *args.Name, true
	case ev.Name == "thread_name" && args.Name != nil:
		l := p.thread(ev.Pid, ev.Tid)
		l.name, l.hasName = *args.Name, true
	case ev.Name == "process_sort_index" && args.SortIndex != nil:
		p.proc(ev.Pid).sort = *args.SortIndex
	case ev.Name == "thread_sort_index" && args.SortIndex != nil:
		p.thread(ev.Pid, ev.Tid).sort = *args.SortIndex
	default:
		p.stats.Ignored["M"]++
	}
}

// foreignTrace builds the trace of a foreign file from what was collected.
func (p *chromeParser) foreignTrace() *Trace {
	// The processes of one trace ran side by side: they are not
	// alternatives to compare.
	t := &Trace{Clock: Measured, Independent: true}
	if p.procs == nil {
		return t
	}
	end := p.max
	base := p.min
	if base > end { // no drawn events
		base, end = 0, 0
	}
	lanesOf := map[*procBuild][]*laneBuild{}
	for _, l := range p.threads {
		lanesOf[l.proc] = append(lanesOf[l.proc], l)
	}
	for _, l := range p.asyncs {
		lanesOf[l.proc] = append(lanesOf[l.proc], l)
	}
	procs := make([]*procBuild, 0, len(p.procs))
	for _, pr := range p.procs {
		procs = append(procs, pr)
	}
	slices.SortFunc(procs, func(a, b *procBuild) int {
		return cmp.Or(cmp.Compare(a.sort, b.sort), compareIDs(a.id, b.id))
	})
	for _, pr := range procs {
		lanes := lanesOf[pr]
		for _, l := range lanes {
			p.matchMarks(l, end)
		}
		lanes = slices.DeleteFunc(lanes, func(l *laneBuild) bool { return !l.used })
		slices.SortFunc(lanes, func(a, b *laneBuild) int {
			if a.async != b.async {
				if a.async {
					return 1
				}
				return -1
			}
			if a.async {
				return cmp.Or(cmp.Compare(a.lo, b.lo), cmp.Compare(a.cat, b.cat), compareIDs(a.id, b.id))
			}
			return cmp.Or(cmp.Compare(a.sort, b.sort), compareIDs(a.id, b.id))
		})
		if len(lanes) == 0 && len(pr.logs) == 0 {
			continue
		}
		run := &Run{Name: pr.name}
		if !pr.hasName {
			run.Name = fallbackName("pid", pr.id)
		}
		nameLanes(lanes)
		for _, l := range lanes {
			run.Lanes = append(run.Lanes, p.buildLane(l, base))
		}
		slices.SortStableFunc(pr.logs, func(a, b pendingLog) int { return cmp.Compare(a.at, b.at) })
		for _, g := range pr.logs {
			lg := Log{At: g.at - base, Text: g.text}
			if g.lane != nil {
				lg.Lane = g.lane.final
			}
			run.Logs = append(run.Logs, lg)
		}
		// A lane with nothing to draw (an async id seen only in unmatched
		// end events, say) is dropped.
		run.Lanes = slices.DeleteFunc(run.Lanes, func(l *Lane) bool {
			return len(l.Intervals) == 0 && !slices.ContainsFunc(run.Logs, func(g Log) bool { return g.Lane == l.Name })
		})
		if len(run.Lanes) == 0 && len(run.Logs) == 0 {
			continue
		}
		run.Total = run.Span()
		t.Runs = append(t.Runs, run)
	}
	return t
}

func fallbackName(kind string, id chromeID) string {
	if id.text == "" {
		return kind + " ?"
	}
	return kind + " " + id.text
}

// nameLanes gives the lanes unique names.
func nameLanes(lanes []*laneBuild) {
	count := map[string]int{}
	for _, l := range lanes {
		switch {
		case l.async && l.name == "":
			l.final = fallbackName("async", l.id)
		case l.async || l.hasName:
			l.final = l.name
		default:
			l.final = fallbackName("tid", l.id)
		}
		count[l.final]++
	}
	taken := map[string]bool{}
	for _, l := range lanes {
		if count[l.final] > 1 {
			if l.async {
				l.final += " (id " + l.id.text + ")"
			} else {
				l.final += " (tid " + l.id.text + ")"
			}
		}
		name := l.final
		for i := 2; taken[name]; i++ {
			name = fmt.Sprintf("%s #%d", l.final, i)
		}
		l.final = name
		taken[name] = true
	}
}

// matchMarks sorts a lane's begin and end events by time and pairs them as
// a stack, closing those left open at end.
func (p *chromeParser) matchMarks(l *laneBuild, end time.Duration) {
	slices.SortStableFunc(l.marks, func(a, b mark) int { return cmp.Compare(a.at, b.at) })
	var stack []mark
	for _, m := range l.marks {
		if m.begin {
			stack = append(stack, m)
			if l.async && l.name == "" {
				l.name = m.name
			}
			continue
		}
		if len(stack) == 0 {
			p.stats.Unmatched++
			continue
		}
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		name := b.name
		if name == "" {
			name = m.name
		}
		l.spans = append(l.spans, span{start: b.at, end: m.at, name: name, seq: b.seq})
	}
	for _, b := range stack {
		p.stats.Unclosed++
		l.spans = append(l.spans, span{start: b.at, end: end, name: b.name, seq: b.seq})
		l.touch(end)
	}
	l.marks = nil
}

// buildLane keeps a lane's outermost spans as its intervals.
func (p *chromeParser) buildLane(l *laneBuild, base time.Duration) *Lane {
	lane := &Lane{Name: l.final, Kind: ThreadLane, Start: l.lo - base, End: l.hi - base}
	if l.async {
		lane.Kind = TaskLane
	}
	slices.SortFunc(l.spans, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end), cmp.Compare(a.seq, b.seq))
	})
	covered := time.Duration(math.MinInt64)
	for _, s := range l.spans {
		start := max(s.start, covered)
		if start > s.start || (s.end == s.start && s.start < covered) {
			p.stats.Nested++
		}
		if s.end <= start {
			continue
		}
		lane.Intervals = append(lane.Intervals, Interval{State: Running, Start: start - base, End: s.end - base, Detail: s.name})
		covered = s.end
	}
	l.spans = nil
	return lane
}

// ---- Files written by WriteChrome ----

// ownState collects the runs of a file written by WriteChrome.
type ownState struct {
	trace *Trace
	runs  map[string]*ownRun
}

type ownRun struct {
	id    chromeID
	sort  int64
	run   *Run
	lanes map[string]*ownLane
}

type ownLane struct {
	id   chromeID
	sort int64
	lane *Lane
}

func newOwnState(other map[string]json.RawMessage) *ownState {
	var o chromeOther
	get := func(key string, dst *string) { _ = json.Unmarshal(other[key], dst) }
	get("title", &o.Title)
	get("description", &o.Description)
	get("clock", &o.Clock)
	_ = json.Unmarshal(other["independent"], &o.Independent)
	t := &Trace{Title: o.Title, Description: o.Description, Independent: o.Independent}
	if o.Clock == Measured.String() {
		t.Clock = Measured
	}
	return &ownState{trace: t, runs: map[string]*ownRun{}}
}

func (o *ownState) run(pid chromeID) *ownRun {
	r := o.runs[pid.text]
	if r == nil {
		r = &ownRun{id: pid, sort: math.MaxInt64, run: &Run{Name: fallbackName("pid", pid)}, lanes: map[string]*ownLane{}}
		o.runs[pid.text] = r
	}
	return r
}

func (r *ownRun) lane(tid chromeID) *ownLane {
	l := r.lanes[tid.text]
	if l == nil {
		l = &ownLane{id: tid, sort: math.MaxInt64, lane: &Lane{Name: fallbackName("tid", tid)}}
		r.lanes[tid.text] = l
	}
	return l
}

func parseLaneKind(s string) (LaneKind, bool) {
	for _, k := range []LaneKind{TaskLane, LoopLane, ThreadLane} {
		if k.String() == s {
			return k, true
		}
	}
	return 0, false
}

// ownEvent reads one event of a file written by WriteChrome.
func (p *chromeParser) ownEvent(ev *chromeIn) error {
	o := p.own
	badArgs := func(err error) error { return fmt.Errorf("%s %q: bad args: %v", ev.Ph, ev.Name, err) }
	needTime := func(n json.Number, what string) (time.Duration, error) {
		d, ok := chromeTime(n)
		if !ok {
			return 0, fmt.Errorf("%s %q: %s %q is not a number of microseconds", ev.Ph, ev.Name, what, n)
		}
		return d, nil
	}
	switch {
	case ev.Ph == "M" && ev.Name == "process_name":
		var a chromeRunArgs
		if err := json.Unmarshal(ev.Args, &a); err != nil {
			return badArgs(err)
		}
		total, err := needTime(a.Total, "total_us")
		if err != nil {
			return err
		}
		r := o.run(ev.Pid)
		r.run.Name, r.run.Total, r.run.Error, r.run.Warnings, r.run.Interrupted = a.Name, total, a.Error, a.Warnings, a.Interrupted
	case ev.Ph == "M" && ev.Name == "thread_name":
		var a chromeLaneArgs
		if err := json.Unmarshal(ev.Args, &a); err != nil {
			return badArgs(err)
		}
		kind, ok := parseLaneKind(a.Kind)
		if !ok {
			return fmt.Errorf("thread_name: unknown lane kind %q, expected task, loop or thread", a.Kind)
		}
		start, err := needTime(a.Start, "start_us")
		if err != nil {
			return err
		}
		end, err := needTime(a.End, "end_us")
		if err != nil {
			return err
		}
		l := o.run(ev.Pid).lane(ev.Tid).lane
		l.Name, l.Kind, l.Parent, l.Start, l.End = a.Name, kind, a.Parent, start, end
	case ev.Ph == "M" && (ev.Name == "process_sort_index" || ev.Name == "thread_sort_index"):
		var a chromeSortArgs
		if err := json.Unmarshal(ev.Args, &a); err != nil {
			return badArgs(err)
		}
		if ev.Name == "process_sort_index" {
			o.run(ev.Pid).sort = int64(a.SortIndex)
		} else {
			o.run(ev.Pid).lane(ev.Tid).sort = int64(a.SortIndex)
		}
	case ev.Ph == "X" && ev.Cat == "lane":
		// The lane's life is in its thread_name args.
	case ev.Ph == "X" && ev.Cat == "state":
		s, ok := ParseState(ev.Name)
		if !ok {
			return fmt.Errorf("X: unknown state %q, expected one of %v", ev.Name, States())
		}
		start, err := needTime(ev.Ts, "ts")
		if err != nil {
			return err
		}
		dur, err := needTime(ev.Dur, "dur")
		if err != nil {
			return err
		}
		var a chromeDetailArgs
		if d, ok := p.quickDetail(ev.Args); ok {
			a.Detail = d
		} else if len(ev.Args) > 0 {
			if err := json.Unmarshal(ev.Args, &a); err != nil {
				return badArgs(err)
			}
		}
		l := o.run(ev.Pid).lane(ev.Tid).lane
		l.Intervals = append(l.Intervals, Interval{State: s, Start: start, End: start + dur, Detail: a.Detail})
	case ev.Ph == "i" && ev.Cat == "log":
		at, err := needTime(ev.Ts, "ts")
		if err != nil {
			return err
		}
		var a chromeLogArgs
		if err := json.Unmarshal(ev.Args, &a); err != nil {
			return badArgs(err)
		}
		r := o.run(ev.Pid).run
		r.Logs = append(r.Logs, Log{At: at, Lane: a.Lane, Text: a.Text, Stderr: a.Stream == "stderr"})
	case ev.Ph == "i" && ev.Cat == "outcome":
		var a map[string]string
		if err := json.Unmarshal(ev.Args, &a); err != nil {
			return badArgs(err)
		}
		var out Outcome
		switch ev.Name {
		case "returned":
			out = Outcome{Returned, a["result"]}
		case "raised":
			out = Outcome{Raised, a["exception"]}
		case "cancelled":
			out = Outcome{Cancelled, a["cancelled"]}
		default:
			return fmt.Errorf("i: unknown outcome %q, expected returned, raised or cancelled", ev.Name)
		}
		o.run(ev.Pid).lane(ev.Tid).lane.Outcome = &out
	default:
		p.stats.Ignored[ev.Ph]++
	}
	return nil
}

// ownTrace assembles the trace of a file written by WriteChrome.
func (p *chromeParser) ownTrace() *Trace {
	o := p.own
	runs := make([]*ownRun, 0, len(o.runs))
	for _, r := range o.runs {
		runs = append(runs, r)
	}
	slices.SortFunc(runs, func(a, b *ownRun) int { return cmp.Or(cmp.Compare(a.sort, b.sort), compareIDs(a.id, b.id)) })
	for _, r := range runs {
		lanes := make([]*ownLane, 0, len(r.lanes))
		for _, l := range r.lanes {
			lanes = append(lanes, l)
		}
		slices.SortFunc(lanes, func(a, b *ownLane) int { return cmp.Or(cmp.Compare(a.sort, b.sort), compareIDs(a.id, b.id)) })
		for _, l := range lanes {
			slices.SortStableFunc(l.lane.Intervals, func(a, b Interval) int { return cmp.Compare(a.Start, b.Start) })
			r.run.Lanes = append(r.run.Lanes, l.lane)
		}
		o.trace.Runs = append(o.trace.Runs, r.run)
	}
	return o.trace
}

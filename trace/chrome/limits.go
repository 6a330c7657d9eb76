package chrome

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/asyncgantt/asyncgantt/internal/infile"
)

// Limits bound what Read takes in, so that a small file cannot take the
// machine's memory: a gzip stream of 35 MB that holds 5 GB of valid
// events, or a file of a few events with names of a megabyte. Each is
// checked as the file is read, and Read stops at the first one reached
// with a *LimitError. The zero value means the defaults; a limit of 0 is
// its default.
type Limits struct {
	// Bytes is the most text read, in bytes: decompressed, for a gzip
	// stream. 0 means DefaultMaxBytes.
	Bytes int64
	// Events is the most events kept to be drawn: spans, their begin and
	// end events, instant events, and a file written by Write's states,
	// logs and lanes. Events not drawn (counters, flows, samples ...) do
	// not count. 0 means DefaultMaxEvents.
	Events int
	// Memory is the most memory what is kept may take, in bytes: the
	// events kept, their names and texts, the processes and threads,
	// estimated as they are read (at least the size of each event's JSON
	// text, and the bookkeeping of each). 0 means DefaultMaxMemory.
	Memory int64
}

// The default Limits.
const (
	// DefaultMaxBytes is 1 GiB: a gzip trace holds as much text as a
	// plain trace file may.
	DefaultMaxBytes = 1 << 30
	// DefaultMaxEvents is 2,000,000 events to draw: twice what VizTracer
	// keeps by default; reading them takes some 250 MB.
	DefaultMaxEvents = 2_000_000
	// DefaultMaxMemory is 256 MiB of estimate, which keeps the process
	// under some 400 MB whatever the file holds: 2,000,000 spans on one
	// thread are estimated at some 200 MiB, 500,000 threads of one span
	// each at 256 MiB (what reading them takes and what the trace built
	// from them holds).
	DefaultMaxMemory = 256 << 20
)

// withDefaults returns l with its zero limits set to their defaults.
func (l Limits) withDefaults() Limits {
	if l.Bytes <= 0 {
		l.Bytes = DefaultMaxBytes
	}
	if l.Events <= 0 {
		l.Events = DefaultMaxEvents
	}
	if l.Memory <= 0 {
		l.Memory = DefaultMaxMemory
	}
	return l
}

// LimitError says that a trace is over one of the Limits; Read stopped
// reading it there.
type LimitError struct {
	// File is the file's name, as given to Read ("NAME (decompressed)"
	// for a gzip stream).
	File string
	// Offset is the byte offset where Read stopped.
	Offset int64
	// Limit names the limit reached: "Bytes", "Events" or "Memory", a
	// field of Limits.
	Limit string
	// Max is the limit's value, in bytes or events.
	Max int64
}

// Error says which limit the file is over, e.g. "t.json: byte 512: more
// than 4,000,000 events to draw: traces are limited to 4,000,000".
func (e *LimitError) Error() string {
	var what string
	switch e.Limit {
	case "Bytes":
		what = fmt.Sprintf("more than %s of text: Chrome trace text is limited to %s", infile.Size(e.Max), infile.Size(e.Max))
	case "Events":
		what = fmt.Sprintf("more than %s events to draw: traces are limited to %s", countText(e.Max), countText(e.Max))
	default:
		what = fmt.Sprintf("the events read so far take more than %s of memory: a trace is limited to %s", infile.Size(e.Max), infile.Size(e.Max))
	}
	return fmt.Sprintf("%s: byte %d: %s", e.File, e.Offset, what)
}

// countText writes n with thousands separated by commas.
func countText(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// errOverBytes is what a limitedReader returns past its limit.
var errOverBytes = errors.New("over the byte limit")

// limitedReader counts the bytes read through it and fails past max;
// size is the size of the buffers to read it through (bufferSize).
type limitedReader struct {
	r    io.Reader
	n    int64 // bytes read so far
	max  int64
	over bool // a read went past max
	size int
}

func (c *limitedReader) Read(p []byte) (int, error) {
	if c.n >= c.max {
		// One byte more says whether the text goes on.
		var one [1]byte
		if k, _ := c.r.Read(one[:]); k > 0 {
			c.over = true
			return 0, errOverBytes
		}
	}
	if room := c.max - c.n; int64(len(p)) > room {
		p = p[:max(room, 1)]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.max {
		c.over = true
		return n, errOverBytes
	}
	return n, err
}

// Memory estimates of what the parser keeps, in bytes, beyond the event
// texts themselves: a process, a thread or async lane (its builder, map
// entry and key, then the trace.Lane and name built from it), and an
// event kept. Measured: the peak resident size of reading files of only
// spans, or only threads, divided by their count.
const (
	laneCost  = 512
	eventCost = 48
)

// charge records an event kept to be drawn, of size bytes of JSON text,
// and checks the limits: the event is the n-th read, at offset off.
func (p *parser) charge(size int64, off int64) error {
	p.kept++
	p.mem += eventCost + size
	if p.kept > p.lim.Events {
		return &LimitError{File: p.file, Offset: off, Limit: "Events", Max: int64(p.lim.Events)}
	}
	return p.checkMemory(off)
}

// checkMemory checks the memory estimate against its limit.
func (p *parser) checkMemory(off int64) error {
	if p.mem > p.lim.Memory {
		return &LimitError{File: p.file, Offset: off, Limit: "Memory", Max: p.lim.Memory}
	}
	return nil
}

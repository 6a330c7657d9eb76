package scenarios

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// Options control how a scenario is executed. The zero value runs on the
// virtual clock with the default limits.
type Options struct {
	// Clock is VirtualClock (the default when empty) or RealClock.
	Clock string
	// Speed makes a real-clock run that many times faster than written
	// (2 s sleeps take 0.2 s at speed 10); times are recorded unscaled.
	// Zero means 1. Ignored on the virtual clock.
	Speed float64
	// Stdout, when not nil, receives each printed line as it is printed,
	// for a live transcript.
	Stdout io.Writer
	// Progress, when not nil, is called as a run executes: with the run's
	// name and a task's name when the task takes the event loop for a step,
	// and with "" as the task when the step ends and the loop is free
	// again. It is called on the goroutine executing the run and must
	// return quickly.
	Progress func(run, task string)
	// MaxEvents bounds the callbacks one run may execute; zero means
	// DefaultMaxEvents.
	MaxEvents int
}

// DefaultMaxEvents is how many loop callbacks a run may execute before it
// is stopped as runaway.
const DefaultMaxEvents = 50_000_000

// RunError is a run that could not finish: a deadlock or a limit reached.
// The trace up to that point is kept in the run.
type RunError struct {
	// Run is the run's name.
	Run string
	// At is when it happened, since the run's start.
	At time.Duration
	// Msg says what happened.
	Msg string
}

// Error returns `run "X": msg`.
func (e *RunError) Error() string { return fmt.Sprintf("run %q: %s", e.Run, e.Msg) }

// Execute runs every run of the scenario in order and returns the trace.
// A run that cannot finish (see RunError) is recorded up to that point and
// its error returned with the trace, after the other runs have been tried.
func Execute(s *Scenario, opts Options) (*trace.Trace, error) {
	tr := &trace.Trace{Title: s.Title, Description: s.Description}
	if opts.Clock == RealClock {
		tr.Clock = trace.Measured
	}
	var firstErr error
	for _, def := range s.Runs {
		run, err := ExecuteRun(s, def, opts)
		tr.Runs = append(tr.Runs, run)
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return tr, firstErr
}

// ExecuteRun executes one run of the scenario: asyncio.run(main()) where
// main's body is the run's steps.
func ExecuteRun(s *Scenario, def *RunDef, opts Options) (*trace.Run, error) {
	var clk clock = &virtualClock{}
	switch opts.Clock {
	case "", VirtualClock:
	case RealClock:
		clk = newRealClock(opts.Speed)
	default:
		return nil, fmt.Errorf("unknown clock %q: use %s or %s", opts.Clock, VirtualClock, RealClock)
	}
	l := &loop{
		clk:       clk,
		sc:        s,
		def:       def,
		run:       &trace.Run{Name: def.Name},
		stdout:    opts.Stdout,
		progress:  opts.Progress,
		maxEvents: opts.MaxEvents,
		names:     map[string]int{},
	}
	if l.maxEvents <= 0 {
		l.maxEvents = DefaultMaxEvents
	}
	err := l.runMain()
	return l.run, err
}

// value is a Python value: nil (None), string, int64 or []value.
type value any

// repr returns the Python repr of v.
func repr(v value) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case string:
		return pyStringRepr(v)
	case int64:
		return fmt.Sprint(v)
	case []value:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = repr(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// pyStringRepr quotes s as Python's repr does for printable text.
func pyStringRepr(s string) string {
	q := byte('\'')
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(q):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// pyExc is a Python exception.
type pyExc struct {
	typ, msg string
}

// String returns the exception as Python's traceback prints its last line.
func (e *pyExc) String() string {
	if e.msg == "" {
		return e.typ
	}
	return e.typ + ": " + e.msg
}

// formatSeconds writes a duration as Python would print a float number of
// seconds with no trailing zeros: 2, 1.5, 0.25.
func formatSeconds(d time.Duration) string {
	return trimFloat(d.Seconds())
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.6f", f)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

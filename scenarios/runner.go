package scenarios

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
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
	// MaxDuration bounds how long one run may last, in scenario time (on
	// the real clock, that much time divided by Speed really passes); zero
	// means DefaultMaxDuration.
	MaxDuration time.Duration
	// Context, when not nil, interrupts the execution when it is done
	// (e.g. on Ctrl-C): the run executing stops at once, even inside a
	// real-clock sleep, and is recorded up to that moment, marked
	// Interrupted; the runs after it are not executed.
	Context context.Context
	// CPUs is the machine's number of CPUs as os.cpu_count() reports it;
	// asyncio's default executor (to_thread) has min(32, CPUs+4) worker
	// threads. Zero means DefaultCPUs.
	CPUs int
	// started, when set (by tests), is told when each task or inline
	// coroutine first runs: a zero-length first run leaves no interval.
	started func(lane *trace.Lane, at time.Duration)
	// events, when set (by benchmarks), has the loop callbacks each run
	// executed added to it.
	events *int
}

// DefaultCPUs is the CPU count of the machine a run models: 8, so
// to_thread has 12 worker threads, as on a typical laptop.
const DefaultCPUs = 8

// DefaultMaxEvents is how many loop callbacks a run may execute before it
// is stopped as runaway.
const DefaultMaxEvents = 50_000_000

// DefaultMaxDuration is how long, in scenario time, a run may last before
// it is stopped as runaway: an hour, far beyond any teaching scenario.
const DefaultMaxDuration = time.Hour

// Why a run could not finish, as RunError.Err; test with errors.Is.
var (
	// ErrDeadlock is a run whose tasks all wait for each other or for
	// something that never comes: Python would hang.
	ErrDeadlock = errors.New("deadlock")
	// ErrMaxEvents is a run stopped after Options.MaxEvents callbacks.
	ErrMaxEvents = errors.New("too many loop callbacks")
	// ErrMaxDuration is a run stopped at Options.MaxDuration.
	ErrMaxDuration = errors.New("too long")
	// ErrInterrupted is a run stopped because Options.Context was done.
	ErrInterrupted = errors.New("interrupted")
)

// RunError is a run that could not finish: a deadlock, a limit reached or
// an interrupt. The trace up to that point is kept in the run, marked
// Interrupted.
type RunError struct {
	// Run is the run's name.
	Run string
	// At is when it happened, since the run's start.
	At time.Duration
	// Msg says what happened.
	Msg string
	// Err is why: ErrDeadlock, ErrMaxEvents, ErrMaxDuration or
	// ErrInterrupted.
	Err error
}

// Error returns `run "X": msg`.
func (e *RunError) Error() string { return fmt.Sprintf("run %q: %s", e.Run, e.Msg) }

// Unwrap returns Err.
func (e *RunError) Unwrap() error { return e.Err }

// Execute runs every run of the scenario in order and returns the trace.
// A run that cannot finish (see RunError) is recorded up to that point and
// its error returned with the trace, after the other runs have been tried.
func Execute(s *Scenario, opts Options) (*trace.Trace, error) {
	tr := &trace.Trace{Title: s.Title, Description: s.Description}
	if opts.Clock == RealClock {
		tr.Clock = trace.Measured
	}
	var firstErr error
	ex := &execState{warned: map[warnSite]bool{}}
	for _, def := range s.Runs {
		run, err := executeRun(s, def, opts, ex)
		if run != nil {
			tr.Runs = append(tr.Runs, run)
		}
		if err != nil && firstErr == nil {
			firstErr = err
		}
		if errors.Is(err, ErrInterrupted) {
			break
		}
	}
	return tr, firstErr
}

// ExecuteRun executes one run of the scenario: asyncio.run(main()) where
// main's body is the run's steps. An exception main raises is recorded in
// the run (Error, and a line on stderr), as Python's traceback would show
// it; the error returned is a RunError: a deadlock or a limit reached.
func ExecuteRun(s *Scenario, def *RunDef, opts Options) (*trace.Run, error) {
	return executeRun(s, def, opts, &execState{warned: map[warnSite]bool{}})
}

func executeRun(s *Scenario, def *RunDef, opts Options, ex *execState) (*trace.Run, error) {
	lim := &limits{at: opts.MaxDuration}
	if lim.at <= 0 {
		lim.at = DefaultMaxDuration
	}
	if opts.Context != nil {
		lim.stop = opts.Context.Done()
	}
	var clk clock = &virtualClock{lim: lim}
	switch opts.Clock {
	case "", VirtualClock:
	case RealClock:
		clk = newRealClock(opts.Speed, lim)
	default:
		return nil, fmt.Errorf("unknown clock %q: use %s or %s", opts.Clock, VirtualClock, RealClock)
	}
	l := &loop{
		clk:       clk,
		lim:       lim,
		sc:        s,
		def:       def,
		run:       &trace.Run{Name: def.Name},
		stdout:    opts.Stdout,
		progress:  opts.Progress,
		maxEvents: opts.MaxEvents,
		names:     map[string]int{},
		ex:        ex,
		pyName:    pyFuncNames(s, def.Sleeps),
		cpus:      opts.CPUs,
		started:   opts.started,
		labels:    map[*Step]string{},
	}
	if l.maxEvents <= 0 {
		l.maxEvents = DefaultMaxEvents
	}
	if l.cpus <= 0 {
		l.cpus = DefaultCPUs
	}
	for _, p := range s.Primitives {
		ps := &primState{def: p}
		switch p.Kind {
		case SemaphoreKind:
			ps.value = p.Size
		case QueueKind:
			ps.q = &queueState{maxsize: p.Size}
		}
		l.prims = append(l.prims, ps)
	}
	err := l.runMain()
	l.run.Logs = l.logs.all()
	l.run.SortLanes(laneOrder)
	if opts.events != nil {
		*opts.events += l.events
	}
	return l.run, err
}

// value is a Python value: nil (None), string, int64, bool, []any, a
// *pyExc (an exception object), *task or []*task (a set of tasks).
type value = any

// unboundT marks a local variable not bound yet.
type unboundT struct{}

var unbound value = unboundT{}

// repr returns the Python repr of v.
func repr(v value) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case string:
		return pyStringRepr(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		if v {
			return "True"
		}
		return "False"
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = repr(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *pyExc:
		return v.repr()
	}
	return fmt.Sprint(v)
}

// str returns Python's str(v).
func str(v value) string {
	switch v := v.(type) {
	case string:
		return v
	case *pyExc:
		return v.str()
	}
	return repr(v)
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

// laneOrder orders a run's lanes: the event loop, then the worker threads,
// then the tasks, each in order of creation (SortLanes keeps it).
func laneOrder(a, b *trace.Lane) int { return laneRank(a.Kind) - laneRank(b.Kind) }

func laneRank(k trace.LaneKind) int {
	switch k {
	case trace.LoopLane:
		return 0
	case trace.ThreadLane:
		return 1
	}
	return 2
}

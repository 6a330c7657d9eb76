package trace

import (
	"fmt"
	"slices"
	"time"
)

// Trace is everything recorded about one scenario file or one imported trace
// file: a title, a description and the runs to compare, in the order they
// should be drawn.
type Trace struct {
	// Title names the trace, e.g. "Async basics".
	Title string
	// Description is a paragraph saying what the trace shows; may be empty.
	Description string
	// Clock says how the times were obtained.
	Clock Clock
	// Runs are the runs to compare, drawn top to bottom.
	Runs []*Run
	// Independent says the runs are not alternatives of one program (the
	// processes of an imported trace, say), so a figure must not compare
	// them: no speed-up against the first run. The zero value compares.
	Independent bool
}

// Clock says where a trace's times come from.
type Clock int

const (
	// Virtual times are computed by a simulated clock: exact and reproducible.
	Virtual Clock = iota
	// Measured times were read from a real monotonic clock while the work
	// really ran (a real-clock run, the Go recorder or an imported trace).
	Measured
)

// String returns "virtual" or "measured".
func (c Clock) String() string {
	if c == Measured {
		return "measured"
	}
	return "virtual"
}

// Run is one execution to compare with the others, e.g. "Sequential".
// All of its times are elapsed durations since the run's start.
type Run struct {
	// Name labels the run's panel, e.g. "Concurrent".
	Name string
	// Lanes are drawn top to bottom in this order. By convention the event
	// loop lane, when there is one, comes first.
	Lanes []*Lane
	// Logs are the lines printed during the run, in the order printed.
	Logs []Log
	// Total is the run's wall-clock length: from its start to the moment
	// its main coroutine finished.
	Total time.Duration
	// Error, when not empty, says how the run ended abnormally, e.g. an
	// uncaught exception ("ValueError: boom") or a detected deadlock.
	Error string
	// Warnings are messages the runtime would print on stderr, e.g.
	// "RuntimeWarning: coroutine 'a' was never awaited", in order.
	Warnings []string
	// Interrupted is true when the run was stopped before it finished;
	// everything recorded up to Total is kept.
	Interrupted bool
}

// LaneKind says what a lane stands for.
type LaneKind int

const (
	// TaskLane is an asyncio task, or a coroutine awaited inline by one.
	TaskLane LaneKind = iota
	// LoopLane is the event loop: which task holds it, and when it is idle.
	LoopLane
	// ThreadLane is a worker thread, e.g. of asyncio's default executor.
	ThreadLane
)

// String returns "task", "loop" or "thread".
func (k LaneKind) String() string {
	switch k {
	case LoopLane:
		return "loop"
	case ThreadLane:
		return "thread"
	}
	return "task"
}

// Lane is one horizontal row of a figure: the life of a task, the event
// loop or a worker thread.
type Lane struct {
	// Name labels the lane, e.g. "A" or "event loop".
	Name string
	// Kind says what the lane stands for.
	Kind LaneKind
	// Parent is the task lane a coroutine was awaited inline by, or NoLane
	// for a task of its own (and for loop and thread lanes).
	Parent LaneID
	// Start is when the lane came into being (a task created). Intervals
	// never begin before it.
	Start time.Duration
	// End is when the lane's life ended (a task done). End >= Start.
	End time.Duration
	// Intervals are the lane's states, sorted by Start and not overlapping.
	// Zero-length states are not recorded.
	Intervals []Interval
	// Outcome is how a task ended; nil while it has not ended, and for
	// loop and thread lanes.
	Outcome *Outcome
}

// Interval is one state of a lane over [Start, End).
type Interval struct {
	// State is what the lane was doing.
	State State
	// Start and End are elapsed times since the run's start; End >= Start.
	Start, End time.Duration
	// Detail says more: what a waiting task waits on ("sleep 2s",
	// "gather(A, B)"), which task holds the loop, an imported span's name.
	Detail string
}

// Duration returns End - Start.
func (iv Interval) Duration() time.Duration { return iv.End - iv.Start }

// State is what a lane is doing during an interval.
type State int

const (
	// Created: a task object exists but has not been scheduled yet.
	Created State = iota
	// Ready: runnable, waiting for the event loop to get to it.
	Ready
	// Running: executing Python code (holding the loop), including busy
	// CPU work.
	Running
	// Blocked: inside a blocking call such as time.sleep, holding the loop
	// while doing nothing.
	Blocked
	// Waiting: suspended at an await; Detail says on what.
	Waiting
	// Idle: the event loop (or a worker thread) has nothing to run.
	Idle
	// Busy: the event loop or a worker thread is running something; Detail
	// says what.
	Busy
	numStates
)

var stateNames = [numStates]string{"created", "ready", "running", "blocked", "waiting", "idle", "busy"}

// String returns the state's lower-case name, e.g. "waiting".
func (s State) String() string {
	if s < 0 || s >= numStates {
		return fmt.Sprintf("state(%d)", int(s))
	}
	return stateNames[s]
}

// ParseState returns the state named name, as printed by State.String.
func ParseState(name string) (State, bool) {
	for i, n := range stateNames {
		if n == name {
			return State(i), true
		}
	}
	return 0, false
}

// States returns every state in declaration order.
func States() []State {
	s := make([]State, numStates)
	for i := range s {
		s[i] = State(i)
	}
	return s
}

// OutcomeKind says how a task ended.
type OutcomeKind int

const (
	// Returned: the task returned a value (possibly None).
	Returned OutcomeKind = iota
	// Raised: the task ended with an exception.
	Raised
	// Cancelled: the task was cancelled.
	Cancelled
	// NeverAwaited: a coroutine object was created and never awaited, so
	// its body never ran. Its lane has Start == End, the moment the
	// coroutine object was created, and no intervals; the Outcome's Value
	// is the warning as CPython writes it ("RuntimeWarning: coroutine 'a'
	// was never awaited").
	NeverAwaited
)

// String returns "returned", "raised", "cancelled" or "never awaited".
func (k OutcomeKind) String() string {
	switch k {
	case Raised:
		return "raised"
	case Cancelled:
		return "cancelled"
	case NeverAwaited:
		return "never awaited"
	}
	return "returned"
}

// OutcomeKinds returns every outcome kind in declaration order.
func OutcomeKinds() []OutcomeKind {
	return []OutcomeKind{Returned, Raised, Cancelled, NeverAwaited}
}

// Outcome is how a task or an inline-awaited coroutine ended.
type Outcome struct {
	// Kind says whether it returned, raised, was cancelled or was never
	// awaited.
	Kind OutcomeKind
	// Value is the Python repr of a returned value ("'a'", "None"), the
	// exception as Python prints it ("ValueError: boom"), or for
	// NeverAwaited the RuntimeWarning CPython writes.
	Value string
	// CaughtBy, for an outcome that Raised, is the lane whose try/except
	// caught the exception: for a coroutine awaited inline, its caller or
	// an ancestor of it; for a task, the task that awaited it. NoLane when
	// the exception was not caught, or it is not known where.
	CaughtBy LaneID
}

// Log is a line printed during a run.
type Log struct {
	// At is when it was printed, since the run's start.
	At time.Duration
	// Lane is the lane that printed it, or NoLane if none.
	Lane LaneID
	// Text is the line, without its newline.
	Text string
	// Stderr is true for lines written to standard error (warnings,
	// tracebacks) rather than printed.
	Stderr bool
}

// LaneID identifies a lane within its run: the lane's index in Run.Lanes
// plus one. The zero value, NoLane, refers to no lane. Lanes refer to each
// other (Lane.Parent) and logs to the lane that printed them (Log.Lane) by
// LaneID; the exported formats write the lanes' names instead.
type LaneID int32

// NoLane is the LaneID that refers to no lane.
const NoLane LaneID = 0

// LaneByID returns the lane id refers to, or nil for NoLane and for an id
// that is not one of the run's lanes. It takes constant time.
func (r *Run) LaneByID(id LaneID) *Lane {
	if id <= 0 || int(id) > len(r.Lanes) {
		return nil
	}
	return r.Lanes[id-1]
}

// LaneName returns the name of the lane id refers to, or "" when it refers
// to none (see LaneByID).
func (r *Run) LaneName(id LaneID) string {
	if l := r.LaneByID(id); l != nil {
		return l.Name
	}
	return ""
}

// Lane returns the run's lane named name, or nil. It looks at every lane in
// turn: code that holds a LaneID uses LaneByID.
func (r *Run) Lane(name string) *Lane {
	for _, l := range r.Lanes {
		if l.Name == name {
			return l
		}
	}
	return nil
}

// LaneIDOf returns the LaneID of the run's lane named name, or NoLane. Like
// Lane, it looks at every lane in turn.
func (r *Run) LaneIDOf(name string) LaneID {
	for i, l := range r.Lanes {
		if l.Name == name {
			return LaneID(i + 1)
		}
	}
	return NoLane
}

// SortLanes sorts the run's lanes by cmp, keeping the order of lanes cmp
// finds equal, and rewrites every LaneID of the run (Lane.Parent,
// Outcome.CaughtBy and Log.Lane) so that it refers to the same lane as before. An id that refers
// to no lane of the run is left as it is.
func (r *Run) SortLanes(cmp func(a, b *Lane) int) {
	if slices.IsSortedFunc(r.Lanes, cmp) {
		return
	}
	order := make([]int32, len(r.Lanes)) // order[new index] = old index
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp(r.Lanes[a], r.Lanes[b]) })
	renum := make([]LaneID, len(r.Lanes)+1) // by old id; renum[NoLane] = NoLane
	old := slices.Clone(r.Lanes)
	for n, o := range order {
		r.Lanes[n] = old[o]
		renum[o+1] = LaneID(n + 1)
	}
	fix := func(id LaneID) LaneID {
		if id <= 0 || int(id) >= len(renum) {
			return id
		}
		return renum[id]
	}
	for _, l := range r.Lanes {
		l.Parent = fix(l.Parent)
		if l.Outcome != nil {
			l.Outcome.CaughtBy = fix(l.Outcome.CaughtBy)
		}
	}
	for i := range r.Logs {
		r.Logs[i].Lane = fix(r.Logs[i].Lane)
	}
}

// Time returns the total time the lane spent in state s.
func (l *Lane) Time(s State) time.Duration {
	var d time.Duration
	for _, iv := range l.Intervals {
		if iv.State == s {
			d += iv.Duration()
		}
	}
	return d
}

// Span returns the latest End over all runs: the length of the shared time
// axis needed to draw the trace.
func (t *Trace) Span() time.Duration {
	var m time.Duration
	for _, r := range t.Runs {
		m = max(m, r.Span())
	}
	return m
}

// Span returns the run's length: the larger of Total and the end of its
// latest interval or log.
func (r *Run) Span() time.Duration {
	m := r.Total
	for _, l := range r.Lanes {
		m = max(m, l.End)
		if n := len(l.Intervals); n > 0 {
			m = max(m, l.Intervals[n-1].End)
		}
	}
	for _, g := range r.Logs {
		m = max(m, g.At)
	}
	return m
}

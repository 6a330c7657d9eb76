package events

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// Version is the version of the event stream this package reads.
const Version = 1

// Program is everything the probe reported about one execution of a
// Python program: the timeline of all its loops, lanes and printed lines,
// with times since the probe started.
type Program struct {
	// Python is the interpreter's version, e.g. "3.11.7".
	Python string
	// Clock is "virtual" or "real".
	Clock string
	// Doc is the program's module docstring, or empty.
	Doc string
	// Loops are the event loops, in creation order.
	Loops []*Loop
	// Lanes are every task, inline coroutine and worker thread, in
	// creation order; Lanes[i].ID is i+1.
	Lanes []*Lane
	// Logs are the lines printed, in the order printed.
	Logs []Log
	// Stop, when not nil, says why the probe stopped the program.
	Stop *Stop
	// Refused, when not nil, says what the probe refused to run.
	Refused *Refusal
	// End is the time of the last event.
	End time.Duration
}

// Loop is an event loop: each asyncio.run() makes one.
type Loop struct {
	// ID is the loop's id in the stream.
	ID int
	// Start and End are when it was created and closed (End is the end of
	// the stream for a loop never closed, Closed false).
	Start, End time.Duration
	Closed     bool
	// Holds are the intervals during which a task's step held the loop,
	// in order.
	Holds []Hold

	holder int // the task lane holding the loop now, 0 if none
	since  time.Duration
}

// Hold is an interval during which a task's step holds a loop.
type Hold struct {
	Start, End time.Duration
	// Task is the id of the task's lane.
	Task int
}

// LaneKind says what a lane of a Program stands for.
type LaneKind int

const (
	// Task is an asyncio task.
	Task LaneKind = iota
	// Inline is a coroutine awaited inline by a task or by another inline
	// coroutine.
	Inline
	// Thread is a worker thread of an executor.
	Thread
)

// Lane is a task, an inline coroutine or a worker thread.
type Lane struct {
	// ID is the lane's id in the stream.
	ID int
	// Kind says what the lane stands for.
	Kind LaneKind
	// Loop is the id of the lane's event loop.
	Loop int
	// Parent is the id of the lane that awaits an inline coroutine inline;
	// Creator the id of the lane whose step created a task (0: none).
	Parent, Creator int
	// Task is the id of the task lane an inline coroutine belongs to (its
	// own id for a task).
	Task int
	// Func is the qualified name of the coroutine function ("worker"),
	// empty for a thread.
	Func string
	// Name is the lane's name before it is made unique within a run: the
	// name the program gave the task, or Func and its arguments.
	Name string
	// Start and End are the lane's life; Ended is false for a lane still
	// alive when the stream ended (End is then the stream's end).
	Start, End time.Duration
	Ended      bool
	// Unordered is true for a task asyncio created while iterating a set
	// (as_completed does): its place among its siblings is arbitrary, so
	// such siblings are drawn in the order of their names.
	Unordered bool
	// Intervals are the lane's states, in order; their Detail is empty and
	// Waits holds what a Waiting interval waits for.
	Intervals []Interval
	// Outcome is how a task or inline coroutine ended; nil if unknown.
	Outcome *trace.Outcome

	cur     Interval
	open    bool
	outcome bool     // O seen
	tail    Interval // the state the lane was in when the stream ended
	hasTail bool
}

// Interval is one state of a lane.
type Interval struct {
	State      trace.State
	Start, End time.Duration
	// Wait is what a Waiting lane waits for; Text is the detail of other
	// states ("time.sleep(2)").
	Wait Wait
	Text string
}

// Wait is what a lane waits for, as the probe saw it.
type Wait struct {
	// Kind is "sleep", "task", "gather", "wait", "wait_for", "await"
	// (an inline coroutine: Refs[0]) or "text".
	Kind string
	// Refs are the tasks waited on.
	Refs []Ref
	// Seconds is a duration as Python wrote it ("2", "0.5").
	Seconds string
	// Text is the source text of what is awaited, for "text".
	Text string
}

// Ref refers to a task: by its lane, or by name for a task without a
// lane (a task of one of asyncio's own coroutines, such as to_thread's).
type Ref struct {
	Lane int
	Name string
}

// Log is a printed line.
type Log struct {
	At time.Duration
	// Lane is the id of the lane that printed it (0: none); Loop the id of
	// the loop running then (0: none).
	Lane, Loop int
	Text       string
	Stderr     bool
}

// Stop says why the probe stopped a program.
type Stop struct {
	At time.Duration
	// Reason is "deadlock", "duration" or "events".
	Reason, Detail string
}

// Refusal says what the probe refused to run.
type Refusal struct {
	// Kind is "network" or "version".
	Kind, What, Where string
}

// Error is a malformed event stream.
type Error struct {
	// Line is the 1-based line of the stream.
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("probe event stream, line %d: %s", e.Line, e.Msg) }

// maxLine is the longest event line read (a printed line can be long).
const maxLine = 64 << 20

// Decode reads a probe event stream. A stream cut short (the program was
// killed) is not an error: what was read is returned, lanes still open.
func Decode(r io.Reader) (*Program, error) {
	d := &decoder{p: &Program{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(b) == 0 {
			continue
		}
		ev, err := parseLine(b)
		if err != nil {
			return d.p, &Error{line, err.Error()}
		}
		if err := d.event(ev); err != nil {
			return d.p, &Error{line, err.Error()}
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return d.p, &Error{line + 1, err.Error()}
	}
	if line > 0 && d.p.Python == "" {
		return d.p, &Error{1, "the stream does not start with HELLO"}
	}
	d.finish()
	return d.p, nil
}

type decoder struct {
	p *Program
}

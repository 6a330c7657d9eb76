package runner

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Options control how a scenario is executed. The zero value runs on the
// virtual clock with the default limits.
type Options struct {
	// Clock is what the runs' time is: VirtualClock{} (the default, when
	// nil) or a RealClock.
	Clock Clock
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
	// a real clock, that much time divided by its Speed really passes);
	// zero means DefaultMaxDuration.
	MaxDuration time.Duration
	// MaxMemory bounds the memory one run may take as it grows, in bytes,
	// estimated as tasks, lanes, intervals and printed lines are made
	// (see memory.go); zero means DefaultMaxMemory. The estimate follows
	// the scenario, not the machine, so where a run stops is the same
	// every time.
	MaxMemory int64
	// CPUs is the machine's number of CPUs as os.cpu_count() reports it;
	// asyncio's default executor (to_thread) has min(32, CPUs+4) worker
	// threads. Zero means DefaultCPUs.
	CPUs int
}

// DefaultCPUs is the CPU count of the machine a run models: 8, so
// to_thread has 12 worker threads, as on a typical laptop.
const DefaultCPUs = 8

// DefaultMaxEvents is how many loop callbacks a run may execute before it
// is stopped as runaway.
const DefaultMaxEvents = 50_000_000

// MaxSteps is how many steps one run may execute, loops counted each time
// round, and at most 100 per loop callback Options.MaxEvents allows: a
// loop that never yields nor ends is stopped there.
const MaxSteps = 100_000_000

// DefaultMaxMemory is how much memory one run may take before it is
// stopped: 2 GiB, some 1,500,000 tasks.
const DefaultMaxMemory = 2 << 30

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
	// ErrMaxMemory is a run stopped when its memory would pass
	// Options.MaxMemory.
	ErrMaxMemory = errors.New("too much memory")
	// ErrInterrupted is a run stopped because the context of Execute was
	// done.
	ErrInterrupted = errors.New("interrupted")
	// ErrUnsupported is a run that did what asyncgantt does not model
	// (printing a task, a complex number, text formatted with %): the
	// message says what.
	ErrUnsupported = errors.New("not modelled")
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
	// Err is why: ErrDeadlock, ErrMaxEvents, ErrMaxDuration,
	// ErrMaxMemory or ErrInterrupted.
	Err error
}

// Error returns `run "X": msg`.
func (e *RunError) Error() string { return fmt.Sprintf("run %q: %s", e.Run, e.Msg) }

// Unwrap returns Err.
func (e *RunError) Unwrap() error { return e.Err }

// FormatLimit writes a duration as a flag takes it, without zero units:
// 1h, 90m, 1h30m, 2.5s.
func FormatLimit(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

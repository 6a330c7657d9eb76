package runner

import (
	"context"
	"errors"
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// Execute runs every run of the scenario in order and returns the trace.
// A run that cannot finish (see RunError) is recorded up to that point and
// its error returned with the trace, after the other runs have been tried.
// When ctx is done (e.g. on Ctrl-C) the run executing stops at once, even
// inside a real-clock sleep, and is recorded up to that moment, marked
// Interrupted; the runs after it are not executed. The error's message
// says "stopped by an interrupt (Ctrl-C)", or names ctx's cause
// (context.Cause) when it has one other than context.Canceled: "stopped
// by CAUSE".
func Execute(ctx context.Context, s *scenarios.Scenario, opts Options) (*trace.Trace, error) {
	return execute(ctx, s, opts, hooks{})
}

// ExecuteRun executes one run of the scenario: asyncio.run(main()) where
// main's body is the run's steps. An exception main raises is recorded in
// the run (Error, and a line on stderr), as Python's traceback would show
// it; the error returned is a RunError: a deadlock, a limit reached or an
// interrupt (ctx done).
func ExecuteRun(ctx context.Context, s *scenarios.Scenario, def *scenarios.RunDef, opts Options) (*trace.Run, error) {
	return executeRun(ctx, s, def, opts, hooks{}, newExecState())
}

// hooks let the package's tests and benchmarks watch a run.
type hooks struct {
	// started, when set, is told when each task or inline coroutine first
	// runs: a zero-length first run leaves no interval.
	started func(lane *trace.Lane, at time.Duration)
	// events, when set, has the loop callbacks each run executed added to
	// it.
	events *int
}

// warnSite is where Python issues a warning: its registry shows each
// message once per source line.
type warnSite struct {
	step *scenarios.Step
	// fn is the Python function of the step: a task's function (or its
	// variant for a sleep mode); "" for a run's main.
	fn  string
	msg string
}

// execState is shared by the runs of one Execute: Python's warnings
// registry lives as long as the program.
type execState struct {
	warned map[warnSite]bool
	// tasks is how many asyncio.Tasks the program made so far, for their
	// names: Task-1 is the first run's main.
	tasks uint64
	// defaults are the parameters' default values, made once, when Python
	// defines the function: a list default is the same list in every
	// call, of every run.
	defaults map[defaultKey]value
}

// defaultKey is a parameter of a Python function: a task's function, or
// its variant for a sleep mode, which has its own defaults.
type defaultKey struct {
	fn    string
	param int
}

func newExecState() *execState {
	return &execState{warned: map[warnSite]bool{}, defaults: map[defaultKey]value{}}
}

// execute is Execute with hooks.
func execute(ctx context.Context, s *scenarios.Scenario, opts Options, h hooks) (*trace.Trace, error) {
	tr := &trace.Trace{Title: s.Title, Description: s.Description}
	if _, real := opts.Clock.(RealClock); real {
		tr.Clock = trace.Measured
	}
	var firstErr error
	ex := newExecState()
	for _, def := range s.Runs {
		run, err := executeRun(ctx, s, def, opts, h, ex)
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

// executeRun executes one run on a new loop.
func executeRun(ctx context.Context, s *scenarios.Scenario, def *scenarios.RunDef, opts Options, h hooks, ex *execState) (*trace.Run, error) {
	lim := &limits{at: opts.MaxDuration, stop: ctx.Done(), why: func() error { return context.Cause(ctx) }}
	if lim.at <= 0 {
		lim.at = DefaultMaxDuration
	}
	c := opts.Clock
	if c == nil {
		c = VirtualClock{}
	}
	l := &loop{
		clk:       c.start(lim),
		lim:       lim,
		sc:        s,
		def:       def,
		run:       &trace.Run{Name: def.Name},
		stdout:    opts.Stdout,
		progress:  opts.Progress,
		maxEvents: opts.MaxEvents,
		maxMemory: opts.MaxMemory,
		names:     map[string]int{},
		ex:        ex,
		pyName:    s.PythonFuncNames(def.Sleeps),
		cpus:      opts.CPUs,
		started:   h.started,
		labels:    map[*scenarios.Step]string{},
	}
	l.visit = stepper{l}
	if l.maxEvents <= 0 {
		l.maxEvents = DefaultMaxEvents
	}
	if l.maxMemory <= 0 {
		l.maxMemory = DefaultMaxMemory
	}
	if l.cpus <= 0 {
		l.cpus = DefaultCPUs
	}
	for _, p := range s.Primitives {
		ps := &primState{def: p}
		switch p.Kind {
		case scenarios.SemaphoreKind:
			ps.value = p.Size
		case scenarios.QueueKind:
			ps.q = &queueState{maxsize: p.Size, name: p.Name}
		}
		l.prims = append(l.prims, ps)
	}
	for _, g := range s.Globals {
		v, _ := constValue(g.Value)
		l.globals = append(l.globals, v)
	}
	err := l.runMain()
	l.run.Logs = l.logs.all()
	l.run.SortLanes(laneOrder)
	if h.events != nil {
		*h.events += l.events
	}
	return l.run, err
}

package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// The runner mirrors CPython's asyncio (Lib/asyncio/base_events.py,
// tasks.py, futures.py, locks.py, queues.py, timeouts.py, taskgroups.py,
// runners.py, 3.11):
//   - call_soon appends to a FIFO ready queue;
//   - call_later pushes a timer on a heap ordered by deadline, then by the
//     order timers were scheduled; a cancelled timer never wakes the loop;
//   - one loop iteration (_run_once) waits until the earliest timer if
//     nothing is ready, moves every expired timer to the ready queue, then
//     runs exactly the callbacks that were ready at that moment; callbacks
//     they schedule run in the next iteration;
//   - a task's first step is scheduled with call_soon when it is created,
//     so it starts on the next iteration;
//   - a future's done callbacks are scheduled with call_soon when it
//     completes, so a task awaiting it resumes one iteration later;
//   - Task.cancel cancels the future the task waits on (a sleep, a gather,
//     another task...) or, if there is none, throws CancelledError into
//     the task at its next step;
//   - a blocking step holds the loop: the clock moves, nothing else runs;
//   - asyncio.run: when main is done, the tasks still pending are
//     cancelled and run until they finish, then the default executor's
//     threads are waited for.
//
// Where Python iterates a set (the tasks asyncio.run cancels at shutdown,
// the tasks a failing TaskGroup cancels, asyncio.wait's done and pending),
// the order is arbitrary in CPython; the runner takes the order in which
// the tasks were created.

// loop is one event loop executing one run.
type loop struct {
	clk    clock
	lim    *limits
	sc     *scenarios.Scenario
	def    *scenarios.RunDef
	run    *trace.Run
	stdout interface{ Write([]byte) (int, error) }
	// progress is Options.Progress.
	progress func(run, task string)
	ex       *execState
	pyName   map[string]string

	ready  fifo
	timers timerQueue

	loopLane *laneRec
	tasks    []*task
	main     *task
	names    map[string]int
	prims    []*primState
	// globals are the run's values of the scenario's globals.
	globals   []value
	pool      *executor
	cpus      int
	stamp     uint64
	events    int
	maxEvents int
	// mem estimates the memory the run has taken, and maxMemory bounds
	// it (memory.go).
	mem, maxMemory int64
	stopped        bool
	mainEnd        time.Duration
	// unsupported, when set, says a step did what asyncgantt does not
	// model, or the run ran away (runaway): the run stops with it.
	unsupported string
	// stepsRun counts the steps executed.
	stepsRun int
	started  func(lane *trace.Lane, at time.Duration)
	// visit is the code of each step kind (steps.go).
	visit scenarios.StepVisitor[*task, suspension]
	// labels caches the label of each sleep step's future, so a sleep
	// does not build a string.
	labels map[*scenarios.Step]string

	// Slabs of the values a run makes per task and per await (see slab).
	taskSlab    slab[taskStore]
	laneSlab    slab[laneStore]
	laneRecSlab slab[laneRec]
	futureSlab  slab[future]
	blockSlab   slab[[1]block]
	coroSlab    slab[coroutine]
	// nameBuf is scratch space for numbering lane names.
	nameBuf []byte
	// logs are the lines printed so far; the run gets them at its end.
	logs logChunks
}

// runMain is asyncio.run(main()).
func (l *loop) runMain() error {
	l.loopLane = l.newLane("event loop", trace.LoopLane, trace.NoLane)
	main := l.newTask("main", nil, l.def.Steps, unboundVars(len(l.def.Vars)))
	l.main = l.startTask(main)
	l.addDoneCallback(&main.future, callback{op: opStopLoop})
	if err := l.runForever(); err != nil {
		return err
	}
	l.mainEnd = l.clk.now()
	if err := l.shutdown(); err != nil {
		return err
	}
	// asyncio.run's shutdown runs two coroutines in tasks of their own
	// (shutdown_asyncgens, shutdown_default_executor): two Task-N names.
	l.ex.tasks += 2
	l.finish()
	return nil
}

// runForever runs loop iterations until a stop callback has run.
func (l *loop) runForever() error {
	l.stopped = false
	for !l.stopped {
		if err := l.runOnce(); err != nil {
			return err
		}
	}
	return nil
}

// runOnce runs one loop iteration, waiting for the next timer if needed.
// It stops the run when a limit is reached or the run is interrupted.
func (l *loop) runOnce() error {
	if l.ready.len() == 0 {
		for l.timers.len() > 0 && stale(*l.timers.first()) {
			l.timers.pop()
		}
		if l.timers.len() == 0 {
			return l.deadlock()
		}
		l.loopLane.set(l.clk.now(), trace.Idle, "")
		l.clk.idleUntil(l.timers.next())
		if l.lim.cut {
			return l.limitReached()
		}
	}
	select {
	case <-l.lim.stop:
		return l.limitReached()
	default:
	}
	l.expireTimers()
	for n := l.ready.len(); n > 0; n-- {
		l.events++
		if l.events > l.maxEvents {
			return l.fail(ErrMaxEvents, fmt.Sprintf("stopped at t=%s s after %d loop callbacks, the limit for one run", scenarios.FormatSeconds(l.clk.now()), l.maxEvents))
		}
		l.execCallback(l.ready.pop())
		if l.lim.cut {
			return l.limitReached()
		}
		if l.mem > l.maxMemory {
			// First: a step that made too large a value stops the run as
			// unsupported too.
			return l.memoryReached()
		}
		if l.unsupported != "" {
			return l.fail(ErrUnsupported, l.unsupported)
		}
	}
	return nil
}

// limitReached stops a run whose clock was cut short: by an interrupt, or
// at the longest duration allowed.
func (l *loop) limitReached() error {
	select {
	case <-l.lim.stop:
		at := scenarios.FormatSeconds(l.clk.now().Round(time.Millisecond))
		switch why := l.lim.why(); {
		case errors.Is(why, context.DeadlineExceeded):
			return l.fail(ErrInterrupted, fmt.Sprintf("stopped at t=%s s: the deadline of its context passed", at))
		case why != nil && !errors.Is(why, context.Canceled):
			return l.fail(ErrInterrupted, fmt.Sprintf("stopped by %v at t=%s s", why, at))
		}
		return l.fail(ErrInterrupted, fmt.Sprintf("stopped by an interrupt (Ctrl-C) at t=%s s", at))
	default:
	}
	return l.fail(ErrMaxDuration, fmt.Sprintf("stopped at t=%s s: a run may last %s of scenario time at most", scenarios.FormatSeconds(l.clk.now()), FormatLimit(l.lim.at)))
}

// expireTimers moves every expired timer to the ready queue. A task whose
// sleep (or worker thread) has ended shows as ready from that moment, even
// if the loop was held then or has other callbacks to run first: it only
// waits for the loop now.
func (l *loop) expireTimers() {
	now := l.clk.now()
	for l.timers.len() > 0 && l.timers.next() <= now {
		tm := l.timers.pop()
		if stale(tm.cb) {
			continue
		}
		if tm.cb.op == opSetResult || tm.cb.op == opThreadDone {
			if f := tm.cb.w; f.hasCb0 && f.cb0.op == opWakeup {
				if lane := f.cb0.t.top().lane; lane.since <= tm.when {
					lane.set(tm.when, trace.Ready, "")
				}
			}
		}
		l.ready.push(tm.cb)
	}
}

// coroName is the Python name of a task's coroutine.
func (l *loop) coroName(t *task) string {
	if t == l.main {
		return "main"
	}
	if def := t.frame0[0].def; def != nil {
		return l.pyName[def.Name]
	}
	name, _, _ := strings.Cut(t.name, " #")
	return name
}

// finish closes the run at the current time.
func (l *loop) finish() {
	now := l.clk.now()
	l.run.Total = l.mainEnd
	l.loopLane.end(now)
	if l.pool != nil {
		for _, w := range l.pool.workers {
			w.lane.end(now)
		}
	}
	for _, p := range l.prims {
		if p.ex != nil {
			for _, w := range p.ex.workers {
				w.lane.end(now)
			}
		}
	}
	for _, t := range l.tasks {
		for i := len(t.frames) - 1; i >= 0; i-- {
			t.frames[i].lane.end(now)
		}
	}
}

// fail stops the run now, for the reason why (a RunError's Err): the
// trace is kept up to this moment and marked interrupted.
func (l *loop) fail(why error, msg string) error {
	l.mainEnd = l.clk.now()
	l.finish()
	l.run.Error = msg
	l.run.Interrupted = true
	return &RunError{Run: l.def.Name, At: l.run.Total, Msg: msg, Err: why}
}

// deadlock reports the tasks that wait forever and what each waits for
// (stuck.go).
func (l *loop) deadlock() error {
	return l.fail(ErrDeadlock, fmt.Sprintf("deadlock at t=%s s: %s (Python would hang here)", scenarios.FormatSeconds(l.clk.now()), l.stuckReport()))
}

func (l *loop) execCallback(cb callback) {
	switch cb.op {
	case opStep:
		l.step(cb.t, nil)
	case opWakeup:
		_, exc := cb.f.resultOrExc()
		l.step(cb.t, exc)
	case opSetResult, opReleaseWaiter:
		if !cb.w.done() {
			l.setResult(cb.w, nil)
		}
	case opGatherDone:
		l.gatherDone(cb.g, cb.f)
	case opWaitDone:
		l.waitDone(cb.h, cb.f)
	case opAsCompletedDone:
		l.queuePutNowait(cb.h.done, cb.f.t)
	case opTaskGroupDone:
		l.taskGroupDone(cb.h.tg, cb.f.t)
	case opTimeoutFire:
		tm := cb.h.tm
		l.cancelTask(tm.t)
		tm.state = tmExpiring
	case opThreadDone:
		l.threadDone(cb.h.ex, cb.h.th, cb.w)
	case opStopLoop:
		l.stopped = true
	}
}

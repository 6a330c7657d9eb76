package runner

import (
	"fmt"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// suspension is what a task's coroutine did when it stopped running, or,
// from the code of a step, goOn: it has not stopped.
type suspension struct {
	kind suspendKind
	f    *future
	comp completion
}

type suspendKind uint8

const (
	running     suspendKind = iota // not suspended: the coroutine goes on
	yieldBare                      // a bare yield: asyncio.sleep(0)
	yieldFuture                    // waiting on a future
	ended                          // the coroutine returned or raised (comp)
)

// goOn is what a step that does not suspend the coroutine returns.
var goOn = suspension{}

// suspended reports whether the coroutine stopped running.
func (s suspension) suspended() bool { return s.kind != running }

// step is Task.__step: run the task's coroutine until it suspends or ends.
func (l *loop) step(t *task, exc *pyExc) {
	if t.done() {
		return
	}
	if t.mustCancel {
		if exc == nil || !exc.isA("CancelledError") {
			exc = cancelledError()
		}
		t.mustCancel = false
	}
	t.futWaiter = nil
	now := l.clk.now()
	if l.started != nil && exc == nil && !t.ran {
		l.started(&t.frames[0].lane.lane, now)
	}
	t.ran = true
	l.loopLane.set(now, trace.Busy, t.name)
	if l.progress != nil {
		l.progress(l.def.Name, t.name)
		defer l.progress(l.def.Name, "")
	}
	t.top().lane.set(now, trace.Running, "")
	s := l.resume(t, exc)
	now = l.clk.now()
	switch s.kind {
	case yieldBare:
		l.callSoon(callback{op: opStep, t: t})
	case yieldFuture:
		t.top().lane.set(now, trace.Waiting, s.f.label)
		l.addDoneCallback(s.f, callback{op: opWakeup, t: t})
		t.futWaiter = s.f
		if t.mustCancel && l.cancel(s.f) {
			t.mustCancel = false
		}
	case ended:
		lane := t.frames[0].lane
		t.frames = t.frames[:0:0]
		if s.comp.kind == compRaise && !s.comp.exc.isA("CancelledError") {
			// The exception leaves its task: no caller of the coroutines
			// it went through caught it; a task awaiting this one may.
			s.comp.exc.inline = append(s.comp.exc.inline[:0], lane)
		}
		switch {
		case s.comp.kind == compRaise && s.comp.exc.isA("CancelledError"):
			lane.finish(now, trace.Cancelled, "CancelledError")
			l.finishFuture(&t.future, cancelled, nil, nil)
		case s.comp.kind == compRaise:
			lane.finish(now, trace.Raised, s.comp.exc.String())
			l.finishFuture(&t.future, finished, nil, s.comp.exc)
		case t.mustCancel:
			t.mustCancel = false
			lane.finish(now, trace.Cancelled, "CancelledError")
			l.finishFuture(&t.future, cancelled, nil, nil)
		default:
			lane.finish(now, trace.Returned, repr(s.comp.val))
			l.finishFuture(&t.future, finished, s.comp.val, nil)
		}
	}
	l.loopLane.set(now, trace.Idle, "")
}

// resume delivers the outcome of the await the task was suspended at (exc,
// or nil for success) and runs the coroutine until it suspends or ends.
func (l *loop) resume(t *task, exc *pyExc) suspension {
	fr := t.top()
	if fr.op.kind != waitNone {
		op := fr.op
		fr.op = pendingOp{}
		if s := l.deliver(t, fr, op, exc); s.suspended() {
			return s
		}
	} else if exc != nil {
		fr.comp = completion{kind: compRaise, exc: exc}
	}
	return l.execute(t)
}

// execute runs the task's frames until the coroutine suspends or ends.
func (l *loop) execute(t *task) suspension {
	for {
		fr := t.top()
		if fr.comp.kind != compNone || len(fr.blocks) == 0 {
			if len(fr.blocks) > 0 {
				if s := l.leaveBlock(t, fr); s.suspended() {
					return s
				}
				continue
			}
			if fr.comp.kind == compNone {
				fr.comp = completion{kind: compReturn}
			}
			if len(t.frames) == 1 {
				return suspension{kind: ended, comp: fr.comp}
			}
			l.returnToCaller(t)
			continue
		}
		b := &fr.blocks[len(fr.blocks)-1]
		if b.pc == len(b.steps) {
			if s := l.leaveBlock(t, fr); s.suspended() {
				return s
			}
			continue
		}
		if l.lim.cut || l.unsupported != "" || l.mem > l.maxMemory {
			// A limit or an interrupt cut a wait short, a step did what
			// asyncgantt does not model, or the run took too much memory:
			// the step after it must not run.
			// The task yields; the loop stops the run.
			return suspension{kind: yieldBare}
		}
		st := &b.steps[b.pc]
		b.pc++
		if l.stepsRun++; l.stepsRun%stepCheck == 0 && l.runaway() {
			return suspension{kind: yieldBare}
		}
		if s := scenarios.VisitStep(l.visit, t, st); s.suspended() {
			return s
		}
	}
}

// stepCheck is how many steps run between two checks that the run may go
// on (runaway).
const stepCheck = 1 << 16

// runaway reports whether the run must stop inside a loop that does not
// yield (while: true with no await would keep one callback running
// forever): past the steps one run may run, or on an interrupt. The
// reason is kept for the loop, which stops the run.
func (l *loop) runaway() bool {
	select {
	case <-l.lim.stop:
		l.unsupported = "stopped by an interrupt (Ctrl-C) at t=" + scenarios.FormatSeconds(l.clk.now()) + " s"
		return true
	default:
	}
	if limit := min(MaxSteps, 100*l.maxEvents); l.stepsRun > limit {
		l.unsupported = fmt.Sprintf("stopped at t=%s s after %d steps, the limit for one run (a loop that never ends?)", scenarios.FormatSeconds(l.clk.now()), limit)
		return true
	}
	if len(l.tasks) > scenarios.MaxTasks {
		l.unsupported = fmt.Sprintf("stopped at t=%s s: the run made more than %d tasks, the limit for one run", scenarios.FormatSeconds(l.clk.now()), scenarios.MaxTasks)
		return true
	}
	return false
}

// returnToCaller pops a finished inline coroutine and delivers its return
// value or exception to the await in the frame below.
func (l *loop) returnToCaller(t *task) {
	now := l.clk.now()
	fr := t.top()
	comp := fr.comp
	switch {
	case comp.kind == compRaise && comp.exc.isA("CancelledError"):
		// Ended by cancellation (of its task, or of asyncio.timeout):
		// the coroutine was cancelled, as its task is.
		fr.lane.finish(now, trace.Cancelled, "CancelledError")
	case comp.kind == compRaise:
		fr.lane.finish(now, trace.Raised, comp.exc.String())
		comp.exc.inline = append(comp.exc.inline, fr.lane)
	default:
		fr.lane.finish(now, trace.Returned, repr(comp.val))
	}
	t.frames = t.frames[:len(t.frames)-1]
	caller := t.top()
	caller.lane.set(now, trace.Running, "")
	op := caller.op
	caller.op = pendingOp{}
	if comp.kind == compRaise {
		caller.comp = completion{kind: compRaise, exc: comp.exc}
		return
	}
	l.bind(caller, op.st, comp.val)
}

func suspendOn(f *future) suspension { return suspension{kind: yieldFuture, f: f} }

// deliver completes the await the frame was suspended at with exc (nil:
// the awaited thing succeeded). It may suspend again.
func (l *loop) deliver(t *task, fr *frame, op pendingOp, exc *pyExc) suspension {
	switch op.kind {
	case waitYield:
		if exc != nil {
			fr.raise(exc)
		}
	case waitFuture:
		if op.prim != nil { // Event.wait's finally: remove the waiter
			op.prim.waiters = removeFuture(op.prim.waiters, op.f)
		}
		if exc != nil {
			fr.raise(exc)
			break
		}
		res, e := op.f.resultOrExc()
		if e != nil {
			fr.raise(e)
			break
		}
		l.bind(fr, op.st, res)
	case waitGather:
		if exc != nil {
			fr.raise(exc)
			break
		}
		l.bind(fr, op.st, op.f.result)
	case waitWait:
		h := op.h
		for _, f := range h.fs {
			removeDoneCallback(&f.future, opWaitDone, nil, h)
		}
		if exc != nil {
			fr.raise(exc)
			break
		}
		if len(op.st.As) == 2 {
			done, pend := taskSet{}, taskSet{}
			for _, f := range h.fs {
				if f.done() {
					done = append(done, f)
				} else {
					pend = append(pend, f)
				}
			}
			l.setVar(fr, op.st.As[0], done)
			l.setVar(fr, op.st.As[1], pend)
		}
	case waitWaitFor:
		return l.waitForDeliver(fr, op, exc)
	case waitCancelWait:
		return l.waitForDeliver(fr, op, exc)
	case waitAcquire:
		return l.acquireDeliver(fr, op, exc)
	case waitQueueGet:
		return l.queueGetDeliver(fr, op, exc)
	case waitQueuePut:
		return l.queuePutDeliver(fr, op, exc)
	case waitTaskGroup:
		tg := op.h.tg
		if exc != nil && exc.isA("CancelledError") && !tg.aborting {
			tg.propagate = exc
			l.abortTaskGroup(tg)
		}
		tg.onCompleted = nil
		return l.taskGroupWait(fr, op.h)
	}
	return goOn
}

// leaveBlock leaves the frame's innermost block: at its end (fr.comp is
// none) or because fr.comp propagates through it. It runs the block's exit
// action, which may handle an exception, start a finally clause, release a
// lock, or suspend (a TaskGroup waiting for its tasks).
func (l *loop) leaveBlock(t *task, fr *frame) suspension {
	b := fr.blocks[len(fr.blocks)-1]
	fr.blocks[len(fr.blocks)-1] = block{}
	fr.blocks = fr.blocks[:len(fr.blocks)-1]
	comp := fr.comp
	switch b.kind {
	case bkBody:
		if comp.kind == compNone {
			fr.comp = completion{kind: compReturn}
		}
	case bkTry:
		if comp.kind == compRaise && b.st.Star {
			return l.exceptStar(fr, b.st, comp.exc)
		}
		if comp.kind == compRaise {
			for i, h := range b.st.Handlers {
				if handles(h, comp.exc) {
					fr.comp = completion{}
					if h.E.Slot >= 0 {
						fr.vars[h.E.Slot] = comp.exc
					}
					l.caught(fr, comp.exc)
					fr.push(block{kind: bkExcept, steps: h.Steps, st: b.st, exc: comp.exc, handler: i})
					return goOn
				}
			}
		}
		if b.st.HasFinally {
			fr.comp = completion{}
			fr.push(block{kind: bkFinally, steps: b.st.Finally, st: b.st, pend: comp})
		}
	case bkExcept:
		// End of the except clause: Python deletes e, and the exception
		// (and what only its traceback kept alive) is released.
		if h := b.st.Handlers[b.handler]; h.E.Slot >= 0 {
			fr.vars[h.E.Slot] = unbound
		}
		if b.exc.unawaited != nil {
			l.warn(*b.exc.unawaited)
			b.exc.unawaited = nil
		}
		if b.st.HasFinally {
			fr.comp = completion{}
			fr.push(block{kind: bkFinally, steps: b.st.Finally, st: b.st, pend: comp})
		}
	case bkFinally:
		if comp.kind == compNone {
			fr.comp = b.pend
		}
	case bkWith:
		l.release(b.prim)
	case bkTimeout:
		tm := b.tm
		if tm.state == tmExpiring {
			tm.state = tmExpired
			if tm.t.uncancel() == 0 && comp.kind == compRaise && comp.exc.typ == "CancelledError" {
				fr.raise(&pyExc{typ: "TimeoutError"})
			}
		} else {
			tm.state = tmExited
		}
	case bkTaskGroup:
		return l.taskGroupExit(t, fr, b.tg)
	case bkAsCompleted:
		if comp.kind == compBreak {
			fr.comp = completion{}
			break
		}
		if (comp.kind == compNone || comp.kind == compContinue) && b.left > 0 {
			fr.comp = completion{}
			b.left--
			b.pc = 0
			fr.blocks = append(fr.blocks, b)
			return l.queueGetOp(fr, b.st, b.ac.done, true)
		}
		if comp.kind == compContinue {
			fr.comp = completion{}
		}
	case bkFor, bkWhile:
		if comp.kind == compBreak {
			fr.comp = completion{}
			break
		}
		if comp.kind == compNone || comp.kind == compContinue {
			fr.comp = completion{}
			if l.loopNext(t, fr, &b) {
				b.pc = 0
				fr.blocks = append(fr.blocks, b)
			}
		}
	case bkExceptStar:
		return l.exceptStarEnd(fr, b, comp)
	}
	return goOn
}

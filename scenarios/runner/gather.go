package runner

import (
	"fmt"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// gathering is the state of one asyncio.gather call (its _GatheringFuture).
type gathering struct {
	outer            future
	children         []*task
	nfuts            int
	nfinished        int
	returnExceptions bool
	cancelRequested  bool
}

// Phases of wait_for.
const (
	wfWaiting    = iota // await waiter
	wfTimedOut          // await _cancel_and_wait(fut) after the timeout
	wfCancelled         // await _cancel_and_wait(fut) after wait_for itself was cancelled
	wfZeroCancel        // timeout <= 0: await _cancel_and_wait(fut)
)

// awaitables returns the tasks a gather, wait or as_completed step works
// on, in argument order: coroutines wrapped in new tasks, task variables
// as they are (a task named twice is there twice). The step's references
// are used st.Repeats() times over, as Python's
// gather(*(c() for _ in range(N) for c in (A, B))) does: a new task for
// each coroutine every time, a task variable's task again every time.
//
// An unbound task variable raises before anything runs. gather's
// arguments are coroutine objects, wrapped in tasks only by gather: those
// made before the variable was read are dropped, most recent first, each
// warning that it was never awaited; read by the generator expression of
// times:, the variable is a free variable and Python raises NameError.
// wait's and as_completed's list holds tasks (asyncio.create_task(B())):
// those made before the variable was read run.
func (l *loop) awaitables(fr *frame, st *scenarios.Step) ([]*task, *pyExc) {
	if st.Kind == scenarios.Gather {
		for i, r := range st.Refs {
			if r.Kind == scenarios.RefCoroutine || fr.vars[r.Index] != unbound {
				continue
			}
			for j := i - 1; j >= 0; j-- {
				if c := st.Refs[j]; c.Kind == scenarios.RefCoroutine {
					l.warn(warnSite{step: st, mode: l.def.Sleeps, msg: "RuntimeWarning: coroutine '" + l.pyName[c.Name] + "' was never awaited"})
				}
			}
			if st.Repeats() > 1 {
				return nil, newExc("NameError", fmt.Sprintf("cannot access free variable '%s' where it is not associated with a value in enclosing scope", r.Name))
			}
			return nil, unboundError(r.Name)
		}
	}
	n := st.Repeats()
	ts := make([]*task, 0, n*len(st.Refs))
	for range n {
		for _, r := range st.Refs {
			if r.Kind == scenarios.RefCoroutine {
				ts = append(ts, l.createTask(r.Name))
				continue
			}
			v, exc := fr.variable(r)
			if exc != nil {
				return nil, exc
			}
			ts = append(ts, v.(*task))
		}
	}
	return ts, nil
}

// uniqueTasks returns ts without repeats, in order (Python's dict or set
// of the arguments).
func (l *loop) uniqueTasks(ts []*task) []*task {
	l.stamp++
	out := make([]*task, 0, len(ts))
	for _, t := range ts {
		if t.mark != l.stamp {
			t.mark = l.stamp
			out = append(out, t)
		}
	}
	return out
}

// gatherDone is gather's _done_callback for one child.
func (l *loop) gatherDone(g *gathering, child *future) {
	g.nfinished++
	outer := &g.outer
	if outer.done() {
		if child.state != cancelled {
			child.logTB = false
		}
		return
	}
	if !g.returnExceptions {
		if child.state == cancelled {
			l.finishFuture(outer, finished, nil, cancelledError())
			outer.logTB = false
			return
		}
		child.logTB = false
		if child.exc != nil {
			l.finishFuture(outer, finished, nil, child.exc)
			outer.logTB = false
			return
		}
	}
	if g.nfinished == g.nfuts {
		results := make([]any, len(g.children))
		for i, c := range g.children {
			switch {
			case c.state == cancelled:
				results[i] = &pyExc{typ: "CancelledError", hasMsg: true}
			case c.exc != nil:
				c.logTB = false
				results[i] = c.exc
			default:
				results[i] = c.result
			}
		}
		if g.cancelRequested {
			l.finishFuture(outer, finished, nil, cancelledError())
			outer.logTB = false
		} else {
			l.finishFuture(outer, finished, results, nil)
		}
	}
}

// waitDone is asyncio.wait's _on_completion.
func (l *loop) waitDone(h *helper, f *future) {
	h.counter--
	first := h.returnWhen == scenarios.FirstCompleted
	if h.returnWhen == scenarios.FirstException && f.state != cancelled {
		f.logTB = false
		first = f.exc != nil
	}
	if h.counter <= 0 || first {
		if !h.waiter.done() {
			l.setResult(h.waiter, nil)
		}
	}
}

// startWaitFor begins asyncio.wait_for(aw, timeout).
func (l *loop) startWaitFor(fr *frame, st *scenarios.Step) suspension {
	r := st.Refs[0]
	var inner *task
	label := r.Name
	if r.Kind == scenarios.RefCoroutine {
		label += "()"
	}
	label = "wait_for(" + label + ", " + scenarios.FormatSeconds(st.Timeout) + " s)"
	if st.Timeout <= 0 {
		if inner = l.awaited(fr, r); inner == nil {
			return goOn
		}
		if inner.done() {
			res, exc := inner.resultOrExc()
			if exc != nil {
				fr.raise(exc)
			} else {
				l.bind(fr, st, res)
			}
			return goOn
		}
		return l.cancelAndWait(fr, pendingOp{kind: waitWaitFor, st: st, inner: inner, phase: wfZeroCancel})
	}
	waiter := l.newFuture(label)
	l.callLater(st.Timeout, callback{op: opReleaseWaiter, w: waiter})
	if inner = l.awaited(fr, r); inner == nil {
		return goOn
	}
	l.addDoneCallback(&inner.future, callback{op: opReleaseWaiter, w: waiter})
	fr.op = pendingOp{kind: waitWaitFor, st: st, f: waiter, inner: inner, phase: wfWaiting}
	return suspendOn(waiter)
}

// awaited is the task wait_for waits on: a new task of a coroutine, or a
// task variable's; nil when the variable is unbound, which raises in fr.
func (l *loop) awaited(fr *frame, r scenarios.Ref) *task {
	if r.Kind == scenarios.RefCoroutine {
		return l.createTask(r.Name)
	}
	v, exc := fr.variable(r)
	if exc != nil {
		fr.raise(exc)
		return nil
	}
	return v.(*task)
}

// cancelAndWait is wait_for's _cancel_and_wait(fut): cancel the inner task
// and wait until it is done.
func (l *loop) cancelAndWait(fr *frame, op pendingOp) suspension {
	w := l.newFuture("cancelling " + op.inner.name)
	l.addDoneCallback(&op.inner.future, callback{op: opReleaseWaiter, w: w})
	l.cancel(&op.inner.future)
	op.kind, op.f = waitCancelWait, w
	fr.op = op
	return suspendOn(w)
}

func (l *loop) waitForDeliver(fr *frame, op pendingOp, exc *pyExc) suspension {
	inner := op.inner
	if op.kind == waitCancelWait {
		removeDoneCallback(&inner.future, opReleaseWaiter, op.f, nil)
		if exc != nil {
			fr.raise(exc)
			return goOn
		}
		if op.phase == wfCancelled {
			fr.raise(op.exc)
			return goOn
		}
		res, e := inner.resultOrExc()
		switch {
		case e != nil && e.typ == "CancelledError":
			fr.raise(&pyExc{typ: "TimeoutError"})
		case e != nil:
			fr.raise(e)
		default:
			l.bind(fr, op.st, res)
		}
		return goOn
	}
	// Phase wfWaiting: the waiter was released, or wait_for was cancelled.
	if inner.done() {
		res, e := inner.resultOrExc()
		if e != nil {
			fr.raise(e)
		} else {
			l.bind(fr, op.st, res)
		}
		return goOn
	}
	removeDoneCallback(&inner.future, opReleaseWaiter, op.f, nil)
	if exc != nil {
		op.phase, op.exc = wfCancelled, exc
	} else {
		op.phase = wfTimedOut
	}
	return l.cancelAndWait(fr, op)
}

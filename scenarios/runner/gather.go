package runner

import (
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
			l.finishFuture(outer, finished, newList(results), nil)
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

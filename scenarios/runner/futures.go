package runner

import (
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// op says what a scheduled callback does.
type op uint8

const (
	opStep            op = iota // Task.__step: start or resume a task
	opWakeup                    // Task.__wakeup(f): resume a task with f's outcome
	opSetResult                 // futures._set_result_unless_cancelled(w) (asyncio.sleep's timer)
	opReleaseWaiter             // tasks._release_waiter(w)
	opGatherDone                // gather's _done_callback(f)
	opWaitDone                  // asyncio.wait's _on_completion(f)
	opAsCompletedDone           // as_completed's _on_completion(f)
	opTaskGroupDone             // TaskGroup._on_task_done(f)
	opTimeoutFire               // Timeout._on_timeout()
	opThreadDone                // a worker thread finished its call: _call_set_state
	opStopLoop                  // _run_until_complete_cb: the awaited future is done
)

// callback is a scheduled call: loop.call_soon(fn, args).
type callback struct {
	op op
	t  *task
	// f is the future whose completion scheduled the callback.
	f *future
	// w is a future the callback acts on (a waiter to release).
	w *future
	g *gathering
	h *helper
}

// helper is the state of an asyncio helper: asyncio.wait, as_completed,
// a TaskGroup, a timeout, or a worker thread.
type helper struct {
	// asyncio.wait
	waiter     *future
	counter    int
	returnWhen scenarios.ReturnWhen
	fs         []*task
	// as_completed
	done *queueState
	// TaskGroup
	tg *taskGroup
	// asyncio.timeout
	tm *timeoutState
	// worker thread (or process) of executor ex
	th *worker
	ex *executor
}

type futState uint8

const (
	pending futState = iota
	finished
	cancelled
)

// future is an asyncio.Future; a task embeds one.
type future struct {
	state futState
	// hasCb0 says cb0 holds a callback.
	hasCb0 bool
	// logTB is Future._log_traceback: an exception nobody retrieved.
	logTB  bool
	result value
	exc    *pyExc
	// cb0 is the first done callback (most futures have one), kept inline
	// to spare an allocation; callbacks are the others, in order.
	cb0       callback
	callbacks []callback
	// label says what awaiting this future means, e.g. "sleep 2 s".
	label string
	// t is set when the future is a task's; g when it is a gather's.
	t *task
	g *gathering
}

func (f *future) done() bool { return f.state != pending }

// resultOrExc is Future.result(): the result, or the exception it raises
// (CancelledError when cancelled). It marks the exception retrieved.
func (f *future) resultOrExc() (value, *pyExc) {
	f.logTB = false
	switch {
	case f.state == cancelled:
		return nil, cancelledError()
	case f.exc != nil:
		return nil, f.exc
	}
	return f.result, nil
}

// newFuture is loop.create_future(): a new pending future; label says
// what awaiting it means.
func (l *loop) newFuture(label string) *future {
	f := l.futureSlab.alloc()
	l.mem += futureCost
	f.label = label
	return f
}

func (l *loop) callSoon(cb callback) {
	switch cb.op {
	case opStep, opWakeup:
		cb.t.top().lane.set(l.clk.now(), trace.Ready, "")
	}
	l.ready.push(cb)
}

func (l *loop) callLater(d time.Duration, cb callback) {
	l.timers.push(l.clk.now()+d, cb)
}

// stale reports whether a timer's callback would do nothing: a cancelled
// TimerHandle in CPython, which never wakes the loop.
func stale(cb callback) bool {
	switch cb.op {
	case opSetResult, opReleaseWaiter:
		return cb.w.done()
	case opTimeoutFire:
		return cb.h.tm.state != tmEntered
	}
	return false
}

// finishFuture marks f done and schedules its callbacks, as
// Future.__schedule_callbacks does.
func (l *loop) finishFuture(f *future, st futState, result value, exc *pyExc) {
	f.state, f.result, f.exc = st, result, exc
	if exc != nil && st == finished {
		f.logTB = true
	}
	if f.hasCb0 {
		cb := f.cb0
		f.cb0, f.hasCb0 = callback{}, false
		cb.f = f
		l.callSoon(cb)
	}
	cbs := f.callbacks
	f.callbacks = nil
	for _, cb := range cbs {
		cb.f = f
		l.callSoon(cb)
	}
}

func (l *loop) setResult(f *future, v value) { l.finishFuture(f, finished, v, nil) }

// addDoneCallback is Future.add_done_callback: scheduled at once if f is
// already done.
func (l *loop) addDoneCallback(f *future, cb callback) {
	if f.done() {
		cb.f = f
		l.callSoon(cb)
		return
	}
	if !f.hasCb0 && len(f.callbacks) == 0 {
		f.cb0, f.hasCb0 = cb, true
		return
	}
	f.callbacks = append(f.callbacks, cb)
}

// removeDoneCallback is Future.remove_done_callback for the callbacks
// matching op and waiter or helper.
func removeDoneCallback(f *future, o op, w *future, h *helper) {
	if f.hasCb0 && f.cb0.op == o && f.cb0.w == w && f.cb0.h == h {
		f.cb0, f.hasCb0 = callback{}, false
	}
	if !f.hasCb0 && len(f.callbacks) > 0 {
		// Keep the first callback inline, preserving order.
		f.cb0, f.hasCb0 = f.callbacks[0], true
		f.callbacks = f.callbacks[1:]
		removeDoneCallback(f, o, w, h)
		return
	}
	cbs := f.callbacks[:0]
	for _, cb := range f.callbacks {
		if cb.op == o && cb.w == w && cb.h == h {
			continue
		}
		cbs = append(cbs, cb)
	}
	clear(f.callbacks[len(cbs):])
	f.callbacks = cbs
}

// cancel is f.cancel() for any kind of future.
func (l *loop) cancel(f *future) bool {
	switch {
	case f.t != nil:
		return l.cancelTask(f.t)
	case f.g != nil:
		g := f.g
		if f.done() {
			return false
		}
		ret := false
		for _, c := range g.children {
			if l.cancelTask(c) {
				ret = true
			}
		}
		if ret {
			g.cancelRequested = true
		}
		return ret
	}
	if f.done() {
		return false
	}
	l.finishFuture(f, cancelled, nil, nil)
	return true
}

func removeFuture(fs []*future, f *future) []*future {
	for i, x := range fs {
		if x == f {
			copy(fs[i:], fs[i+1:])
			fs[len(fs)-1] = nil
			return fs[:len(fs)-1]
		}
	}
	return fs
}

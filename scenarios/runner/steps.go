package runner

import (
	"math"
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// stepper is the runner's scenarios.StepVisitor: the code of each step
// kind, run for the task t the loop is stepping (its top frame is the one
// executing). A method returns the suspension when the coroutine suspends;
// otherwise goOn, and the frame goes on (fr.comp may now propagate an
// exception or a return).
type stepper struct{ *loop }

var _ scenarios.StepVisitor[*task, suspension] = stepper{}

// raised raises exc in t's top frame and goes on: the exception
// propagates. An exception that is not Python's (exc.fatal) stops the run.
func (l *loop) raised(t *task, exc *pyExc) suspension {
	if exc.fatal != "" {
		l.unsupported = exc.fatal
		return suspension{kind: yieldBare}
	}
	t.top().raise(exc)
	return goOn
}

// Print prints the text, its placeholders evaluated.
func (l stepper) Print(t *task, st *scenarios.Step) suspension {
	s, exc := l.evaluator(t).evalTemplate(&st.Text)
	if exc != nil {
		return l.raised(t, exc)
	}
	l.print(t.top().lane, s)
	return goOn
}

// Sleep is asyncio.sleep: a timer ends it, sleep(0) (or less) yields once;
// in a run with sleeps: block it is time.sleep, with sleeps: no-await a
// warning.
func (l stepper) Sleep(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	switch l.def.Sleeps {
	case scenarios.SleepBlock:
		d, _, exc := l.seconds(t, st.Duration, st.DurationX, "time.sleep")
		if exc != nil {
			return l.raised(t, exc)
		}
		l.block(fr.lane, d, trace.Blocked, "time.sleep("+scenarios.FormatSeconds(d)+")")
	case scenarios.SleepNoAwait:
		d := st.Duration
		if st.DurationX != nil {
			v, exc := l.evalIn(t, st.DurationX)
			if exc != nil {
				return l.raised(t, exc)
			}
			d, _, _ = l.seconds(t, 0, &scenarios.Const{Value: v}, "sleep")
		}
		const msg = "RuntimeWarning: coroutine 'sleep' was never awaited"
		l.unawaitedLane(fr, "asyncio.sleep("+scenarios.FormatSeconds(d)+")", msg)
		l.warn(l.site(fr, st, msg))
	default:
		d, _, exc := l.seconds(t, st.Duration, st.DurationX, "sleep")
		if exc != nil {
			return l.raised(t, exc)
		}
		if d <= 0 {
			fr.op = pendingOp{kind: waitYield, st: st}
			return suspension{kind: yieldBare}
		}
		w := l.newFuture(l.sleepLabel(st, d))
		l.callLater(d, callback{op: opSetResult, w: w})
		fr.op = pendingOp{kind: waitFuture, st: st, f: w}
		return suspendOn(w)
	}
	return goOn
}

// seconds evaluates a duration written d or dx, as function fn takes it
// (sleep, time.sleep, crunch, timeout, wait, wait_for): its checks and its
// errors are CPython's. none says the value was None, which timeout, wait
// and wait_for take as no timeout.
func (l *loop) seconds(t *task, d time.Duration, dx scenarios.Expr, fn string) (_ time.Duration, none bool, _ *pyExc) {
	if dx == nil {
		return d, false, nil
	}
	v, exc := l.evalIn(t, dx)
	if exc != nil {
		return 0, false, exc
	}
	if v == nil && (fn == "timeout" || fn == "wait" || fn == "wait_for") {
		return 0, true, nil
	}
	n, ok := asNum(v)
	if !ok {
		switch fn {
		case "sleep", "wait_for":
			_, exc = compare("<=", v, int64(0))
		case "time.sleep":
			exc = typeError("'%s' object cannot be interpreted as an integer", typeName(v))
		default:
			_, exc = binaryOp("+", 0.0, v)
		}
		return 0, false, exc
	}
	f, exc := n.float()
	if exc != nil {
		return 0, false, exc
	}
	switch {
	case math.IsNaN(f):
		if fn == "time.sleep" {
			return 0, false, newExc("ValueError", "Invalid value NaN (not a number)")
		}
		return 0, false, fatal("%s(nan): a duration that is not a number", fn)
	case f < 0 && fn == "time.sleep":
		return 0, false, newExc("ValueError", "sleep length must be non-negative")
	case f < 0:
		return 0, false, nil
	case f > float64(math.MaxInt64/2)/1e9:
		return math.MaxInt64 / 2, false, nil
	}
	return time.Duration(math.Round(f * 1e9)), false, nil
}

// Block is time.sleep: the task holds the loop.
func (l stepper) Block(t *task, st *scenarios.Step) suspension {
	d, _, exc := l.seconds(t, st.Duration, st.DurationX, "time.sleep")
	if exc != nil {
		return l.raised(t, exc)
	}
	l.block(t.top().lane, d, trace.Blocked, "time.sleep("+scenarios.FormatSeconds(d)+")")
	return goOn
}

// CPU is busy work: the task holds the loop, running.
func (l stepper) CPU(t *task, st *scenarios.Step) suspension {
	d, _, exc := l.seconds(t, st.Duration, st.DurationX, "crunch")
	if exc != nil {
		return l.raised(t, exc)
	}
	l.block(t.top().lane, d, trace.Running, "crunch("+scenarios.FormatSeconds(d)+")")
	return goOn
}

// Raise raises the step's exception: a new one, the one a variable holds,
// or (a bare raise) the one being handled.
func (l stepper) Raise(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	switch {
	case st.X != nil:
		v, exc := l.evalIn(t, st.X)
		if exc != nil {
			return l.raised(t, exc)
		}
		e, ok := v.(*pyExc)
		if !ok {
			return l.raised(t, typeError("exceptions must derive from BaseException"))
		}
		fr.raise(e)
	case st.Exc.Type == "":
		e := fr.handling()
		if e == nil {
			return l.raised(t, newExc("RuntimeError", "No active exception to reraise"))
		}
		fr.raise(e)
	default:
		e := &pyExc{typ: st.Exc.Type, hasMsg: st.Exc.HasMsg}
		if st.Exc.HasMsg {
			msg, exc := l.evaluator(t).evalTemplate(&st.Exc.Msg)
			if exc != nil {
				return l.raised(t, exc)
			}
			e.msg = msg
		}
		fr.raise(e)
	}
	return goOn
}

// handling is the exception the innermost except clause of the frame
// handles, or nil.
func (fr *frame) handling() *pyExc {
	for i := len(fr.blocks) - 1; i >= 0; i-- {
		if b := &fr.blocks[i]; (b.kind == bkExcept || b.kind == bkExceptStar) && b.exc != nil {
			return b.exc
		}
	}
	return nil
}

// Return returns the step's value.
func (l stepper) Return(t *task, st *scenarios.Step) suspension {
	var v value
	if st.Value != nil {
		var exc *pyExc
		if v, exc = l.evalIn(t, st.Value); exc != nil {
			return l.raised(t, exc)
		}
	}
	t.top().comp = completion{kind: compReturn, val: v}
	return goOn
}

// Await awaits a coroutine inline (a new frame on the task), a task, or an
// event.
func (l stepper) Await(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	if c, ok := st.X.(*scenarios.CallExpr); ok && c.Task != nil {
		co, exc := l.evaluator(t).makeCoroutine(c)
		if exc != nil {
			return l.raised(t, exc)
		}
		l.awaitInline(t, st, co)
		return goOn
	}
	v, exc := l.evalIn(t, st.X)
	if exc != nil {
		return l.raised(t, exc)
	}
	switch v := v.(type) {
	case *task:
		return l.awaitTask(t, fr, st, v)
	case *primState:
		if st.Event && v.def.Kind == scenarios.EventKind {
			return l.eventWait(fr, st, v)
		}
	}
	return l.raised(t, typeError("object %s can't be used in 'await' expression", typeName(v)))
}

// awaitInline runs coroutine co inline in task t: its frame goes on the
// task, on a lane of its own whose parent is the caller's.
func (l *loop) awaitInline(t *task, st *scenarios.Step, co *coroutine) {
	fr := t.top()
	co.used = true
	lane := l.newLane(co.name, trace.TaskLane, fr.lane.id)
	now := lane.lane.Start // one reading of a real clock for both lanes
	label := "await " + co.name
	if len(co.def.Params) == 0 {
		label += "()"
	}
	fr.lane.set(now, trace.Waiting, label)
	lane.set(now, trace.Running, "")
	if l.started != nil {
		l.started(&lane.lane, now)
	}
	fr.op = pendingOp{kind: waitCoro, st: st}
	callee := l.frameFor(co.def.Steps, co.vars, lane, nil)
	callee.def = co.def
	t.frames = append(t.frames, callee)
}

// eventWait is await ev.wait().
func (l *loop) eventWait(fr *frame, st *scenarios.Step, ev *primState) suspension {
	if ev.set {
		l.bind(fr, st, true)
		return goOn
	}
	f := l.newFuture(ev.def.Name + ".wait()")
	ev.waiters = append(ev.waiters, f)
	fr.op = pendingOp{kind: waitFuture, st: st, f: f, prim: ev}
	return suspendOn(f)
}

// awaitTask is await TASK: a task done gives its outcome at once.
func (l *loop) awaitTask(t *task, fr *frame, st *scenarios.Step, other *task) suspension {
	if other == t {
		fr.raise(newExc("RuntimeError", "Task cannot await on itself"))
		return goOn
	}
	if !other.done() {
		fr.op = pendingOp{kind: waitFuture, st: st, f: &other.future}
		return suspendOn(&other.future)
	}
	res, exc := other.resultOrExc()
	if exc != nil {
		fr.raise(exc)
		return goOn
	}
	l.bind(fr, st, res)
	return goOn
}

// CreateTask creates a task of the coroutine (one per item of a
// comprehension), kept in the as: variable; name: names it.
func (l stepper) CreateTask(t *task, st *scenarios.Step) suspension {
	ev := l.evaluator(t)
	if c, ok := st.X.(*scenarios.Comp); ok {
		list, exc := ev.comprehension(c, func(e scenarios.Expr) (value, *pyExc) {
			co, exc := ev.makeCoroutine(e.(*scenarios.CallExpr))
			if exc != nil {
				return nil, exc
			}
			return l.createTask(co), nil
		})
		if exc != nil {
			return l.raised(t, exc)
		}
		l.bind(t.top(), st, list)
		return goOn
	}
	co, exc := ev.makeCoroutine(st.X.(*scenarios.CallExpr))
	if exc != nil {
		return l.raised(t, exc)
	}
	var name string
	if st.Name != nil {
		v, exc := ev.eval(st.Name)
		if exc != nil {
			l.neverAwaited(t.top(), st, co)
			return l.raised(t, exc)
		}
		name = str(v)
		co.name = name
	}
	nt := l.createTask(co)
	if st.Name != nil {
		nt.pyName, nt.pyNum = name, 0
	}
	l.bind(t.top(), st, nt)
	return goOn
}

// Cancel cancels a task, or each task of a collection.
func (l stepper) Cancel(t *task, st *scenarios.Step) suspension {
	v, exc := l.evalIn(t, st.X)
	if exc != nil {
		return l.raised(t, exc)
	}
	if x, ok := v.(*task); ok && !st.Each {
		l.cancelTask(x)
		return goOn
	}
	if !st.Each {
		return l.raised(t, noAttr(typeName(v), "cancel"))
	}
	items, exc := iterate(v)
	if exc != nil {
		return l.raised(t, exc)
	}
	for _, x := range items {
		xt, ok := x.(*task)
		if !ok {
			return l.raised(t, noAttr(typeName(x), "cancel"))
		}
		l.cancelTask(xt)
	}
	return goOn
}

// AsyncWith enters async with a lock or semaphore (primitives.go).
func (l stepper) AsyncWith(t *task, st *scenarios.Step) suspension {
	p, exc := l.primitive(t, st, -1)
	if exc != nil {
		if exc.typ == "TypeError" {
			exc = typeError("'%s' object does not support the asynchronous context manager protocol", exc.msg)
		}
		return l.raised(t, exc)
	}
	if p.def.Kind != scenarios.SemaphoreKind && p.def.Kind != scenarios.LockKind {
		return l.raised(t, typeError("'%s' object does not support the asynchronous context manager protocol", p.typeName()))
	}
	return l.acquire(t.top(), st, p)
}

// primitive evaluates the step's primitive, which must be of kind want (-1:
// any); a value of another kind raises what Python's call of the method
// would (an AttributeError), or, for want -1, a TypeError whose message is
// the value's type.
func (l *loop) primitive(t *task, st *scenarios.Step, want scenarios.PrimitiveKind) (*primState, *pyExc) {
	v, exc := l.evalIn(t, st.X)
	if exc != nil {
		return nil, exc
	}
	p, ok := v.(*primState)
	if want < 0 {
		if !ok {
			return nil, &pyExc{typ: "TypeError", msg: typeName(v)}
		}
		return p, nil
	}
	if !ok || p.def.Kind != want {
		return nil, noAttr(typeName(v), methodOf[st.Kind])
	}
	return p, nil
}

// methodOf is the method of a primitive a step calls.
var methodOf = map[scenarios.StepKind]string{
	scenarios.Set: "set", scenarios.Clear: "clear", scenarios.Put: "put", scenarios.Get: "get",
	scenarios.TaskDone: "task_done", scenarios.Join: "join",
}

// Append is list.append(item).
func (l stepper) Append(t *task, st *scenarios.Step) suspension {
	v, exc := l.evalIn(t, st.X)
	if exc != nil {
		return l.raised(t, exc)
	}
	list, ok := v.(*pyList)
	if !ok {
		return l.raised(t, noAttr(typeName(v), "append"))
	}
	item, exc := l.evalIn(t, st.Value)
	if exc != nil {
		return l.raised(t, exc)
	}
	if len(list.items) >= maxSequence {
		return l.raised(t, tooLong())
	}
	if holds(item, list, 0) {
		return l.raised(t, fatal("a list was appended to itself (or to a list in it): Python shows it as [...], which asyncgantt does not model"))
	}
	list.items = append(list.items, item)
	l.mem += itemCost(item) // a list only grows: count what it keeps
	return goOn
}

// holds reports whether v is list or holds it, at any depth.
func holds(v any, list *pyList, depth int) bool {
	var items []any
	switch v := v.(type) {
	case *pyList:
		if v == list {
			return true
		}
		items = v.items
	case tuple:
		items = v
	default:
		return false
	}
	if depth > 100 {
		return true // deeper than a lesson goes: refuse rather than recurse
	}
	for _, x := range items {
		if holds(x, list, depth+1) {
			return true
		}
	}
	return false
}

// Set is Event.set(): the waiters are woken.
func (l stepper) Set(t *task, st *scenarios.Step) suspension {
	ev, exc := l.primitive(t, st, scenarios.EventKind)
	if exc != nil {
		return l.raised(t, exc)
	}
	if !ev.set {
		ev.set = true
		for _, w := range ev.waiters {
			if !w.done() {
				l.setResult(w, true)
			}
		}
	}
	return goOn
}

// Clear is Event.clear().
func (l stepper) Clear(t *task, st *scenarios.Step) suspension {
	ev, exc := l.primitive(t, st, scenarios.EventKind)
	if exc != nil {
		return l.raised(t, exc)
	}
	ev.set = false
	return goOn
}

// Put is Queue.put (queues.go).
func (l stepper) Put(t *task, st *scenarios.Step) suspension {
	q, exc := l.primitive(t, st, scenarios.QueueKind)
	if exc != nil {
		return l.raised(t, exc)
	}
	item, exc := l.evalIn(t, st.Value)
	if exc != nil {
		return l.raised(t, exc)
	}
	l.mem += itemCost(item)
	return l.queuePut(t.top(), st, q, item)
}

// Get is Queue.get (queues.go).
func (l stepper) Get(t *task, st *scenarios.Step) suspension {
	q, exc := l.primitive(t, st, scenarios.QueueKind)
	if exc != nil {
		return l.raised(t, exc)
	}
	return l.queueGet(t.top(), st, q)
}

// TaskDone is Queue.task_done() (queues.go).
func (l stepper) TaskDone(t *task, st *scenarios.Step) suspension {
	q, exc := l.primitive(t, st, scenarios.QueueKind)
	if exc != nil {
		return l.raised(t, exc)
	}
	if exc := l.taskDone(q.q); exc != nil {
		return l.raised(t, exc)
	}
	return goOn
}

// Join is Queue.join() (queues.go).
func (l stepper) Join(t *task, st *scenarios.Step) suspension {
	q, exc := l.primitive(t, st, scenarios.QueueKind)
	if exc != nil {
		return l.raised(t, exc)
	}
	return l.queueJoin(t.top(), st, q)
}

// ToThread is asyncio.to_thread(time.sleep, d): a worker thread of the
// default executor sleeps (threads.go).
func (l stepper) ToThread(t *task, st *scenarios.Step) suspension {
	d, _, exc := l.seconds(t, st.Duration, st.DurationX, "time.sleep")
	if exc != nil {
		return l.raised(t, exc)
	}
	f := l.newFuture("to_thread(time.sleep, " + scenarios.FormatSeconds(d) + ")")
	l.submit(l.defaultExecutor(), d, "time.sleep", f)
	t.top().op = pendingOp{kind: waitFuture, st: st, f: f}
	return suspendOn(f)
}

// RunInExecutor is loop.run_in_executor(pool, func, d): a worker of the
// pool, or of the default executor, runs crunch or time.sleep.
func (l stepper) RunInExecutor(t *task, st *scenarios.Step) suspension {
	v, exc := l.evalIn(t, st.X)
	if exc != nil {
		return l.raised(t, exc)
	}
	ex := l.defaultExecutor()
	if v != nil {
		p, ok := v.(*primState)
		if !ok || p.def.Kind != scenarios.ProcessPoolKind {
			return l.raised(t, noAttr(typeName(v), "submit"))
		}
		ex = l.processPool(p)
	} else if st.Func == "crunch" {
		return l.raised(t, fatal("crunch in a thread holds the interpreter lock, which asyncgantt does not model"))
	}
	fn := "time.sleep"
	if st.Func == "crunch" {
		fn = "crunch"
	}
	d, _, exc := l.seconds(t, st.Duration, st.DurationX, fn)
	if exc != nil {
		return l.raised(t, exc)
	}
	f := l.newFuture("run_in_executor(" + st.Func + ", " + scenarios.FormatSeconds(d) + ")")
	l.submit(ex, d, st.Func, f)
	t.top().op = pendingOp{kind: waitFuture, st: st, f: f}
	return suspendOn(f)
}

// Try enters a try block; leaving it runs the handlers and the finally
// clause (coroutines.go, leaveBlock).
func (l stepper) Try(t *task, st *scenarios.Step) suspension {
	t.top().push(block{kind: bkTry, steps: st.Body, st: st})
	return goOn
}

// Call makes a coroutine object and drops it: Python warns it was never
// awaited.
func (l stepper) Call(t *task, st *scenarios.Step) suspension {
	co, exc := l.evaluator(t).makeCoroutine(st.X.(*scenarios.CallExpr))
	if exc != nil {
		return l.raised(t, exc)
	}
	l.neverAwaited(t.top(), st, co)
	return goOn
}

// AsyncioRun is asyncio.run inside the running loop: RuntimeError, and the
// coroutine object is warned about when the exception is released.
func (l stepper) AsyncioRun(t *task, st *scenarios.Step) suspension {
	co, exc := l.evaluator(t).makeCoroutine(st.X.(*scenarios.CallExpr))
	if exc != nil {
		return l.raised(t, exc)
	}
	e := newExc("RuntimeError", "asyncio.run() cannot be called from a running event loop")
	msg := "RuntimeWarning: coroutine '" + l.pyName[co.def.Name] + "' was never awaited"
	l.unawaitedLane(t.top(), co.name, msg)
	site := l.site(t.top(), st, msg)
	e.unawaited = &site
	t.top().raise(e)
	return goOn
}

// sleepLabel is "sleep 2 s" for a sleep of d.
func (l *loop) sleepLabel(st *scenarios.Step, d time.Duration) string {
	if st.DurationX != nil {
		return "sleep " + scenarios.FormatSeconds(d) + " s"
	}
	s, ok := l.labels[st]
	if !ok {
		s = "sleep " + scenarios.FormatSeconds(d) + " s"
		l.labels[st] = s
	}
	return s
}

// block holds the loop for d: time.sleep, or busy CPU work.
func (l *loop) block(lane *laneRec, d time.Duration, s trace.State, detail string) {
	lane.set(l.clk.now(), s, detail)
	if s == trace.Blocked {
		l.clk.block(d)
	} else {
		l.clk.spin(d)
	}
	lane.set(l.clk.now(), trace.Running, "")
}

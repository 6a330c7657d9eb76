package runner

import (
	"strconv"
	"strings"
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

// Print prints the template, its placeholders filled from the frame's
// variables; an unbound one raises UnboundLocalError.
func (l stepper) Print(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	var texts []string
	if ps := st.Text.Placeholders(); len(ps) > 0 {
		texts = make([]string, len(ps))
		for i, p := range ps {
			v := fr.vars[p.Slot]
			switch {
			case v == unbound:
				fr.raise(unboundError(p.Name))
				return goOn
			case p.Repr:
				texts[i] = repr(v)
			default:
				texts[i] = str(v)
			}
		}
	}
	l.print(fr.lane, st.Text.Expand(l.clk.now(), texts))
	return goOn
}

// Sleep is asyncio.sleep: a timer ends it, sleep(0) yields once; in a run
// with sleeps: block it is time.sleep, with sleeps: no-await a warning.
func (l stepper) Sleep(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	switch l.def.Sleeps {
	case scenarios.SleepBlock:
		l.block(fr.lane, st.Duration, trace.Blocked, "time.sleep("+scenarios.FormatSeconds(st.Duration)+")")
	case scenarios.SleepNoAwait:
		l.warn(warnSite{step: st, mode: l.def.Sleeps, msg: "RuntimeWarning: coroutine 'sleep' was never awaited"})
	default:
		if st.Duration == 0 {
			fr.op = pendingOp{kind: waitYield, st: st}
			return suspension{kind: yieldBare}
		}
		w := l.newFuture(l.sleepLabel(st))
		l.callLater(st.Duration, callback{op: opSetResult, w: w})
		fr.op = pendingOp{kind: waitFuture, st: st, f: w}
		return suspendOn(w)
	}
	return goOn
}

// Block is time.sleep: the task holds the loop.
func (l stepper) Block(t *task, st *scenarios.Step) suspension {
	l.block(t.top().lane, st.Duration, trace.Blocked, "time.sleep("+scenarios.FormatSeconds(st.Duration)+")")
	return goOn
}

// CPU is busy work: the task holds the loop, running.
func (l stepper) CPU(t *task, st *scenarios.Step) suspension {
	l.block(t.top().lane, st.Duration, trace.Running, "crunch("+scenarios.FormatSeconds(st.Duration)+")")
	return goOn
}

// Raise raises the step's exception.
func (l stepper) Raise(t *task, st *scenarios.Step) suspension {
	t.top().raise(&pyExc{typ: st.Exc.Type, msg: st.Exc.Msg, hasMsg: st.Exc.HasMsg})
	return goOn
}

// Return returns the step's value.
func (l stepper) Return(t *task, st *scenarios.Step) suspension {
	t.top().comp = completion{kind: compReturn, val: st.Value}
	return goOn
}

// Await awaits a coroutine inline (a new frame on the task), a task, or an
// event.
func (l stepper) Await(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	r := st.Refs[0]
	switch r.Kind {
	case scenarios.RefCoroutine:
		lane := l.newLane(r.Name, trace.TaskLane, t.frames[0].lane.id)
		now := lane.lane.Start // one reading of a real clock for both lanes
		fr.lane.set(now, trace.Waiting, "await "+r.Name+"()")
		lane.set(now, trace.Running, "")
		if l.started != nil {
			l.started(&lane.lane, now)
		}
		fr.op = pendingOp{kind: waitCoro, st: st}
		t.frames = append(t.frames, l.newFrame(r.Name, lane))
	case scenarios.RefTask:
		return l.awaitTask(t, fr, st)
	case scenarios.RefPrimitive:
		ev := l.prims[r.Index]
		if ev.set {
			l.bind(fr, st, true)
			break
		}
		f := l.newFuture(r.Name + ".wait()")
		ev.waiters = append(ev.waiters, f)
		fr.op = pendingOp{kind: waitFuture, st: st, f: f, prim: ev}
		return suspendOn(f)
	}
	return goOn
}

// awaitTask is await TASK: a task done gives its outcome at once.
func (l *loop) awaitTask(t *task, fr *frame, st *scenarios.Step) suspension {
	v, exc := fr.variable(st.Refs[0])
	if exc != nil {
		fr.raise(exc)
		return goOn
	}
	other := v.(*task)
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

// CreateTask creates a task of the coroutine, kept in the as: variable.
func (l stepper) CreateTask(t *task, st *scenarios.Step) suspension {
	l.bind(t.top(), st, l.createTask(st.Refs[0].Name))
	return goOn
}

// Cancel cancels a task, or each task of a set.
func (l stepper) Cancel(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	v, exc := fr.variable(st.Refs[0])
	if exc != nil {
		fr.raise(exc)
		return goOn
	}
	switch v := v.(type) {
	case *task:
		l.cancelTask(v)
	case []*task:
		for _, x := range v {
			l.cancelTask(x)
		}
	}
	return goOn
}

// Gather is asyncio.gather: the task waits on the gathering future.
func (l stepper) Gather(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	ts, ok := l.raisingAwaitables(fr, st)
	if !ok {
		return goOn
	}
	g := &gathering{children: ts, returnExceptions: st.ReturnExceptions}
	g.outer.g = g
	g.outer.label = "gather(" + refNames(st) + ")" + timesText(st)
	uniq := l.uniqueTasks(ts)
	g.nfuts = len(uniq)
	for _, c := range uniq {
		l.addDoneCallback(&c.future, callback{op: opGatherDone, g: g})
	}
	fr.op = pendingOp{kind: waitGather, st: st, f: &g.outer}
	return suspendOn(&g.outer)
}

// Wait is asyncio.wait: the task waits on a waiter that the tasks' done
// callbacks (or the timeout) release.
func (l stepper) Wait(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	ts, ok := l.raisingAwaitables(fr, st)
	if !ok {
		return goOn
	}
	fs := l.uniqueTasks(ts)
	label := "wait(" + refNames(st) + ")"
	h := &helper{waiter: l.newFuture(label), counter: len(fs), returnWhen: st.ReturnWhen, fs: fs}
	if st.HasTimeout {
		l.callLater(st.Timeout, callback{op: opReleaseWaiter, w: h.waiter})
	}
	for _, f := range fs {
		l.addDoneCallback(&f.future, callback{op: opWaitDone, h: h})
	}
	fr.op = pendingOp{kind: waitWait, st: st, f: h.waiter, h: h}
	return suspendOn(h.waiter)
}

// raisingAwaitables is awaitables, raising its exception in fr: false
// when it did.
func (l stepper) raisingAwaitables(fr *frame, st *scenarios.Step) ([]*task, bool) {
	ts, exc := l.awaitables(fr, st)
	if exc != nil {
		fr.raise(exc)
		return nil, false
	}
	return ts, true
}

// WaitFor is asyncio.wait_for (gather.go).
func (l stepper) WaitFor(t *task, st *scenarios.Step) suspension {
	return l.startWaitFor(t.top(), st)
}

// Timeout enters async with asyncio.timeout(d): a timer cancels the task
// when it fires inside the block.
func (l stepper) Timeout(t *task, st *scenarios.Step) suspension {
	tm := &timeoutState{t: t}
	h := &helper{tm: tm}
	if st.Duration <= 0 {
		l.callSoon(callback{op: opTimeoutFire, h: h})
	} else {
		l.callLater(st.Duration, callback{op: opTimeoutFire, h: h})
	}
	t.top().push(block{kind: bkTimeout, steps: st.Body, st: st, tm: tm})
	return goOn
}

// TaskGroup enters async with asyncio.TaskGroup(), creating its tasks.
func (l stepper) TaskGroup(t *task, st *scenarios.Step) suspension {
	tg := &taskGroup{parent: t}
	h := &helper{tg: tg}
	for _, r := range st.Refs {
		c := l.createTask(r.Name)
		l.addDoneCallback(&c.future, callback{op: opTaskGroupDone, h: h})
		tg.tasks = append(tg.tasks, c)
		tg.live++
	}
	t.top().push(block{kind: bkTaskGroup, steps: st.Body, st: st, tg: tg})
	return goOn
}

// AsCompleted starts the loop over asyncio.as_completed: the tasks' done
// callbacks fill a queue the loop takes the results from.
func (l stepper) AsCompleted(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	ts, ok := l.raisingAwaitables(fr, st)
	if !ok {
		return goOn
	}
	todo := l.uniqueTasks(ts)
	h := &helper{done: &queueState{}}
	for _, f := range todo {
		l.addDoneCallback(&f.future, callback{op: opAsCompletedDone, h: h})
	}
	// The block starts "at its end": leaving it fetches the first result.
	fr.push(block{kind: bkAsCompleted, steps: st.Body, st: st, ac: h, left: len(todo), pc: len(st.Body)})
	return goOn
}

// AsyncWith enters async with a lock or semaphore (primitives.go).
func (l stepper) AsyncWith(t *task, st *scenarios.Step) suspension {
	return l.acquire(t.top(), st, l.prims[st.Refs[0].Index])
}

// Set is Event.set(): the waiters are woken.
func (l stepper) Set(t *task, st *scenarios.Step) suspension {
	ev := l.prims[st.Refs[0].Index]
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
	l.prims[st.Refs[0].Index].set = false
	return goOn
}

// Put is Queue.put (queues.go).
func (l stepper) Put(t *task, st *scenarios.Step) suspension {
	return l.queuePut(t.top(), st, l.prims[st.Refs[0].Index].q)
}

// Get is Queue.get (queues.go).
func (l stepper) Get(t *task, st *scenarios.Step) suspension {
	return l.queueGet(t.top(), st, l.prims[st.Refs[0].Index].q)
}

// ToThread is asyncio.to_thread(time.sleep, d): a worker thread of the
// default executor sleeps (threads.go).
func (l stepper) ToThread(t *task, st *scenarios.Step) suspension {
	f := l.newFuture("to_thread(time.sleep, " + scenarios.FormatSeconds(st.Duration) + ")")
	l.submit(st.Duration, f)
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
	l.warn(warnSite{step: st, mode: l.def.Sleeps, msg: "RuntimeWarning: coroutine '" + l.pyName[st.Refs[0].Name] + "' was never awaited"})
	return goOn
}

// AsyncioRun is asyncio.run inside the running loop: RuntimeError, and the
// coroutine object is warned about when the exception is released.
func (l stepper) AsyncioRun(t *task, st *scenarios.Step) suspension {
	e := newExc("RuntimeError", "asyncio.run() cannot be called from a running event loop")
	e.unawaited = &warnSite{step: st, mode: l.def.Sleeps, msg: "RuntimeWarning: coroutine '" + l.pyName[st.Refs[0].Name] + "' was never awaited"}
	t.top().raise(e)
	return goOn
}

// sleepLabel is "sleep 2 s" for a sleep step.
func (l *loop) sleepLabel(st *scenarios.Step) string {
	s, ok := l.labels[st]
	if !ok {
		s = "sleep " + scenarios.FormatSeconds(st.Duration) + " s"
		l.labels[st] = s
	}
	return s
}

// refNames lists the step's references as written: "A, B".
func refNames(st *scenarios.Step) string {
	names := make([]string, len(st.Refs))
	for i, r := range st.Refs {
		names[i] = r.Name
	}
	return strings.Join(names, ", ")
}

// timesText is what follows a label such as "gather(A, B)" for a step
// that uses its references several times over: " × 1000"; else "".
func timesText(st *scenarios.Step) string {
	if n := st.Repeats(); n > 1 {
		return " × " + strconv.Itoa(n)
	}
	return ""
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

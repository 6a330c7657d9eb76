package runner

import (
	"strconv"
	"strings"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// The steps that run awaitables in tasks of their own: gather, wait,
// wait_for, as_completed, task_group.

// items evaluates the awaitables of st, in argument order: coroutine
// objects (*coroutine) and tasks; st.Repeats() times over, as Python's
// gather(*(aw for _ in range(N) for aw in (A(), t))) does: new coroutines
// each time, a task variable's task again. The labels are how the
// step's label names each item of the first time round.
//
// When an argument raises, the coroutines made before it are dropped,
// most recent first, each warning that it was never awaited; read by the
// generator expression of times:, an unbound variable is a free variable
// and Python raises NameError.
//
// wait's and as_completed's coroutines are made tasks as they are made
// (the Python program writes [asyncio.create_task(B()), t]): those made
// before an argument raised run.
func (l *loop) items(t *task, st *scenarios.Step) (aws []value, labels []string, exc *pyExc) {
	ev := l.evaluator(t)
	wrap := st.Kind == scenarios.Wait || st.Kind == scenarios.AsCompleted
	// Room for an item each (a comprehension may add more), up to a
	// million: times: N of a large N grows as the budget allows.
	n := min(st.Repeats()*len(st.Items), 1<<20)
	aws, labels = make([]value, 0, n), make([]string, 0, len(st.Items))
	first := true // the label names the items of one time round (itemsLabel)
	add := func(v value, label string) {
		if co, ok := v.(*coroutine); ok && wrap {
			v = l.createTask(co)
		}
		aws = append(aws, v)
		if first {
			labels = append(labels, label)
		}
	}
	for range st.Repeats() {
		for _, e := range st.Items {
			if exc = l.item(ev, st, e, add); exc != nil {
				break
			}
		}
		if exc != nil {
			break
		}
		first = false
	}
	if exc == nil {
		return aws, labels, nil
	}
	for i := len(aws) - 1; i >= 0; i-- {
		if co, ok := aws[i].(*coroutine); ok && !co.used {
			l.neverAwaited(t.top(), st, co)
		}
	}
	if st.Repeats() > 1 && exc.typ == "UnboundLocalError" {
		name, _, _ := strings.Cut(strings.TrimPrefix(exc.msg, "cannot access local variable '"), "'")
		exc = newExc("NameError", "cannot access free variable '"+name+"' where it is not associated with a value in enclosing scope")
	}
	return nil, nil, exc
}

// item evaluates one item of st's awaitables, adding what it gives.
func (l *loop) item(ev *evaluator, st *scenarios.Step, e scenarios.Expr, add func(value, string)) *pyExc {
	switch x := e.(type) {
	case *scenarios.CallExpr:
		if x.Task != nil {
			co, exc := ev.makeCoroutine(x)
			if exc != nil {
				return exc
			}
			add(co, co.name)
			return nil
		}
	case *scenarios.Comp:
		_, exc := ev.comprehension(x, func(elt scenarios.Expr) (value, *pyExc) {
			return nil, l.item(ev, st, elt, add)
		})
		return exc
	case *scenarios.Starred:
		v, exc := ev.eval(x.X)
		if exc != nil {
			return exc
		}
		items, exc := iterate(v)
		if exc != nil {
			return typeError("%s() argument after * must be an iterable, not %s", st.Kind, typeName(v))
		}
		for _, it := range items {
			add(it, laneLabel(it))
		}
		return nil
	}
	v, exc := ev.eval(e)
	if exc != nil {
		return exc
	}
	if st.ItemsWhole {
		items, exc := iterate(v)
		if exc != nil {
			if st.Kind == scenarios.Wait {
				return typeError("expect a list of futures, not %s", typeName(v))
			}
			return typeError("expect an iterable of futures, not %s", typeName(v))
		}
		for _, it := range items {
			add(it, laneLabel(it))
		}
		return nil
	}
	label := laneLabel(v)
	if n, ok := e.(*scenarios.Name); ok {
		label = n.ID
	}
	add(v, label)
	return nil
}

// laneLabel names a task (its lane, without its number) or a coroutine in
// a step's label.
func laneLabel(v value) string {
	switch v := v.(type) {
	case *task:
		name, _, _ := strings.Cut(v.name, " #")
		return name
	case *coroutine:
		return v.name
	}
	return typeName(v)
}

// itemsLabel is "gather(A, B)": the step and its items as written, or, when
// a comprehension or a collection gives them, the first six and then their
// number; with times: N, " × N" after it.
func itemsLabel(st *scenarios.Step, labels []string) string {
	n := st.Repeats()
	expanded := st.ItemsWhole
	for _, e := range st.Items {
		switch e.(type) {
		case *scenarios.Comp, *scenarios.Starred:
			expanded = true
		}
	}
	if expanded && len(labels) > 7 {
		labels = append(labels[:6:6], "… "+strconv.Itoa(len(labels))+" tasks")
	}
	s := st.Kind.String() + "(" + strings.Join(labels, ", ") + ")"
	if n > 1 {
		s += " × " + strconv.Itoa(n)
	}
	return s
}

// toTasks makes a task of each coroutine (ensure_future, in order) and
// checks the rest are tasks, as gather and wait do.
func (l *loop) toTasks(t *task, st *scenarios.Step, aws []value) ([]*task, *pyExc) {
	ts := make([]*task, 0, len(aws))
	for i, aw := range aws {
		switch x := aw.(type) {
		case *task:
			ts = append(ts, x)
		case *coroutine:
			ts = append(ts, l.createTask(x))
		default:
			for _, rest := range aws[i+1:] {
				if co, ok := rest.(*coroutine); ok {
					l.neverAwaited(t.top(), st, co)
				}
			}
			return nil, typeError("An asyncio.Future, a coroutine or an awaitable is required")
		}
	}
	return ts, nil
}

// awaitedTasks evaluates st's awaitables and makes tasks of the
// coroutines among them (see items and toTasks), with the labels of the
// items.
func (l *loop) awaitedTasks(t *task, st *scenarios.Step) ([]*task, []string, *pyExc) {
	aws, labels, exc := l.items(t, st)
	if exc != nil {
		return nil, nil, exc
	}
	ts, exc := l.toTasks(t, st, aws)
	return ts, labels, exc
}

// Gather is asyncio.gather: the task waits on the gathering future.
func (l stepper) Gather(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	ts, labels, exc := l.awaitedTasks(t, st)
	if exc != nil {
		return l.raised(t, exc)
	}
	g := &gathering{children: ts, returnExceptions: st.ReturnExceptions}
	g.outer.g = g
	g.outer.label = itemsLabel(st, labels)
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
	ts, labels, exc := l.awaitedTasks(t, st)
	if exc != nil {
		return l.raised(t, exc)
	}
	if len(ts) == 0 {
		return l.raised(t, newExc("ValueError", "Set of Tasks/Futures is empty."))
	}
	d, none, exc := l.seconds(t, st.Timeout, st.TimeoutX, "wait")
	if exc != nil {
		return l.raised(t, exc)
	}
	fs := l.uniqueTasks(ts)
	h := &helper{waiter: l.newFuture(itemsLabel(st, labels)), counter: len(fs), returnWhen: st.ReturnWhen, fs: fs}
	if st.HasTimeout && !none {
		l.callLater(d, callback{op: opReleaseWaiter, w: h.waiter})
	}
	for _, f := range fs {
		l.addDoneCallback(&f.future, callback{op: opWaitDone, h: h})
	}
	fr.op = pendingOp{kind: waitWait, st: st, f: h.waiter, h: h}
	return suspendOn(h.waiter)
}

// WaitFor is asyncio.wait_for(aw, timeout).
func (l stepper) WaitFor(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	var aw value
	if c, ok := st.X.(*scenarios.CallExpr); ok && c.Task != nil {
		co, exc := l.evaluator(t).makeCoroutine(c)
		if exc != nil {
			return l.raised(t, exc)
		}
		aw = co
	} else {
		v, exc := l.evalIn(t, st.X)
		if exc != nil {
			return l.raised(t, exc)
		}
		aw = v
	}
	d, none, exc := l.seconds(t, st.Timeout, st.TimeoutX, "wait_for")
	if exc != nil {
		if co, ok := aw.(*coroutine); ok {
			l.neverAwaited(fr, st, co)
		}
		return l.raised(t, exc)
	}
	if none {
		// wait_for(aw, None) is await aw.
		switch x := aw.(type) {
		case *coroutine:
			l.awaitInline(t, st, x)
			return goOn
		case *task:
			return l.awaitTask(t, fr, st, x)
		}
		return l.raised(t, typeError("object %s can't be used in 'await' expression", typeName(aw)))
	}
	var inner *task
	switch x := aw.(type) {
	case *coroutine:
		inner = l.createTask(x)
	case *task:
		inner = x
	default:
		return l.raised(t, typeError("An asyncio.Future, a coroutine or an awaitable is required"))
	}
	name := laneLabel(inner)
	if c, ok := aw.(*coroutine); ok && len(c.def.Params) == 0 {
		name += "()"
	} else if n, ok := st.X.(*scenarios.Name); ok {
		name = n.ID
	}
	label := "wait_for(" + name + ", " + scenarios.FormatSeconds(d) + " s)"
	if d <= 0 {
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
	l.callLater(d, callback{op: opReleaseWaiter, w: waiter})
	l.addDoneCallback(&inner.future, callback{op: opReleaseWaiter, w: waiter})
	fr.op = pendingOp{kind: waitWaitFor, st: st, f: waiter, inner: inner, phase: wfWaiting}
	return suspendOn(waiter)
}

// Timeout enters async with asyncio.timeout(d): a timer cancels the task
// when it fires inside the block; None is no timeout.
func (l stepper) Timeout(t *task, st *scenarios.Step) suspension {
	d, none, exc := l.seconds(t, st.Duration, st.DurationX, "timeout")
	if exc != nil {
		return l.raised(t, exc)
	}
	tm := &timeoutState{t: t}
	h := &helper{tm: tm}
	switch {
	case none:
	case d <= 0:
		l.callSoon(callback{op: opTimeoutFire, h: h})
	default:
		l.callLater(d, callback{op: opTimeoutFire, h: h})
	}
	t.top().push(block{kind: bkTimeout, steps: st.Body, st: st, tm: tm})
	return goOn
}

// TaskGroup enters async with asyncio.TaskGroup(), creating its tasks,
// bound to the step's as: variables.
func (l stepper) TaskGroup(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	aws, _, exc := l.items(t, st)
	if exc != nil {
		return l.raised(t, exc)
	}
	tg := &taskGroup{parent: t}
	h := &helper{tg: tg}
	var list []any
	for _, aw := range aws {
		co, ok := aw.(*coroutine)
		if !ok {
			return l.raised(t, typeError("a coroutine was expected, got %s", repr(aw)))
		}
		c := l.createTask(co)
		l.addDoneCallback(&c.future, callback{op: opTaskGroupDone, h: h})
		tg.tasks = append(tg.tasks, c)
		tg.live++
		list = append(list, c)
	}
	switch {
	case st.AsList:
		for i, v := range st.As {
			if i < len(list) {
				l.setVar(fr, v, list[i])
			}
		}
	case len(st.As) == 1:
		l.setVar(fr, st.As[0], newList(list))
	}
	fr.push(block{kind: bkTaskGroup, steps: st.Body, st: st, tg: tg})
	return goOn
}

// AsCompleted starts the loop over asyncio.as_completed: the tasks' done
// callbacks fill a queue the loop takes the results from.
func (l stepper) AsCompleted(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	ts, labels, exc := l.awaitedTasks(t, st)
	if exc != nil {
		return l.raised(t, exc)
	}
	todo := l.uniqueTasks(ts)
	h := &helper{done: &queueState{name: itemsLabel(st, labels)}}
	for _, f := range todo {
		l.addDoneCallback(&f.future, callback{op: opAsCompletedDone, h: h})
	}
	// The block starts "at its end": leaving it fetches the first result.
	fr.push(block{kind: bkAsCompleted, steps: st.Body, st: st, ac: h, left: len(todo), pc: len(st.Body)})
	return goOn
}

var _ = trace.NoLane

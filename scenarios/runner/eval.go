package runner

import (
	"strconv"
	"strings"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// The evaluation of expressions, as Python evaluates them, in the frame
// of the task running the step.

// taskSet is a set of tasks (asyncio.wait's done and pending), in the order
// the tasks were created.
type taskSet []*task

func (s taskSet) typeName() string { return "set" }
func (s taskSet) repr() string     { return "{...}" }
func (s taskSet) length() int      { return len(s) }
func (s taskSet) items() []any {
	out := make([]any, len(s))
	for i, t := range s {
		out[i] = t
	}
	return out
}

func (t *task) typeName() string { return "Task" }
func (t *task) repr() string     { return "<Task " + t.taskName() + ">" }

func (p *primState) typeName() string {
	return [...]string{"Semaphore", "Lock", "Event", "Queue", "ProcessPoolExecutor"}[p.def.Kind]
}
func (p *primState) repr() string { return "<" + p.typeName() + ">" }

// evaluator evaluates the expressions of one step: task t runs it in its
// top frame.
type evaluator struct {
	l  *loop
	t  *task
	fr *frame
}

func (l *loop) evaluator(t *task) *evaluator { return &evaluator{l: l, t: t, fr: t.top()} }

// evalIn evaluates e in task t's top frame.
func (l *loop) evalIn(t *task, e scenarios.Expr) (value, *pyExc) {
	return l.evaluator(t).eval(e)
}

// eval evaluates e; a large value it makes (not one it reads: a
// variable, an item, a task's result) counts in the run's memory
// (charge), and past the run's limit stops the run.
func (ev *evaluator) eval(e scenarios.Expr) (value, *pyExc) {
	v, exc := ev.eval1(e)
	if exc == nil && ev.l != nil && makes(e) && ev.l.charge(v) {
		return nil, fatal("the run took too much memory")
	}
	return v, exc
}

// makes reports whether e makes a new value, rather than reading one.
func makes(e scenarios.Expr) bool {
	switch e := e.(type) {
	case *scenarios.Binary, *scenarios.FString, *scenarios.ListExpr, *scenarios.TupleExpr, *scenarios.Comp:
		return true
	case *scenarios.CallExpr:
		// A built-in function, a method of text (join); a task's result
		// or exception is one it has.
		if a, ok := e.Func.(*scenarios.Attr); ok {
			return a.Name != "result" && a.Name != "exception"
		}
		return true
	}
	return false
}

func (ev *evaluator) eval1(e scenarios.Expr) (value, *pyExc) {
	switch e := e.(type) {
	case *scenarios.Const:
		return e.Value, nil
	case *scenarios.Name:
		return ev.name(e)
	case *scenarios.FString:
		return ev.fstring(e)
	case *scenarios.ListExpr:
		xs, err := ev.elements(e.Elts)
		if err != nil {
			return nil, err
		}
		return newList(xs), nil
	case *scenarios.TupleExpr:
		xs, err := ev.elements(e.Elts)
		return tuple(xs), err
	case *scenarios.DictExpr:
		return ev.dict(e)
	case *scenarios.Comp:
		v, err := ev.comprehension(e, ev.eval)
		if err != nil || !e.Gen {
			return v, err
		}
		// A generator: used up by what iterates it.
		return &pyIter{typ: "generator", rest: v.(*pyList).items}, nil
	case *scenarios.Unary:
		x, err := ev.eval(e.X)
		if err != nil {
			return nil, err
		}
		return unaryOp(e.Op, x)
	case *scenarios.Binary:
		x, err := ev.eval(e.X)
		if err != nil {
			return nil, err
		}
		y, err := ev.eval(e.Y)
		if err != nil {
			return nil, err
		}
		return binaryOp(e.Op, x, y)
	case *scenarios.Compare:
		return ev.compare(e)
	case *scenarios.BoolOp:
		var x value
		for _, sub := range e.Xs {
			var err *pyExc
			if x, err = ev.eval(sub); err != nil {
				return nil, err
			}
			if truth(x) == (e.Op == "or") {
				return x, nil
			}
		}
		return x, nil
	case *scenarios.IfExp:
		c, err := ev.eval(e.Cond)
		if err != nil {
			return nil, err
		}
		if truth(c) {
			return ev.eval(e.X)
		}
		return ev.eval(e.Else)
	case *scenarios.Index:
		return ev.index(e)
	case *scenarios.CallExpr:
		return ev.call(e)
	case *scenarios.Attr:
		return ev.attr(e)
	}
	return nil, fatal("an expression of a kind the runner does not evaluate (%T)", e)
}

// dict evaluates a dict display, its keys and values in order.
func (ev *evaluator) dict(e *scenarios.DictExpr) (value, *pyExc) {
	d := newDict()
	for i := range e.Keys {
		k, err := ev.eval(e.Keys[i])
		if err != nil {
			return nil, err
		}
		v, err := ev.eval(e.Vals[i])
		if err != nil {
			return nil, err
		}
		if err := d.set(k, v); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// index evaluates a subscript, x[i] or a slice x[lo:hi:step].
func (ev *evaluator) index(e *scenarios.Index) (value, *pyExc) {
	x, err := ev.eval(e.X)
	if err != nil {
		return nil, err
	}
	if sl, ok := e.I.(*scenarios.Slice); ok {
		var parts [3]value
		for i, p := range []scenarios.Expr{sl.Lo, sl.Hi, sl.Step} {
			if p == nil {
				continue
			}
			if parts[i], err = ev.eval(p); err != nil {
				return nil, err
			}
		}
		return slice(x, parts[0], parts[1], parts[2])
	}
	i, err := ev.eval(e.I)
	if err != nil {
		return nil, err
	}
	return index(x, i)
}

func (ev *evaluator) name(n *scenarios.Name) (value, *pyExc) {
	switch n.Kind {
	case scenarios.NameLocal:
		v := ev.fr.vars[n.Slot]
		if v == unbound {
			return nil, unboundError(n.ID)
		}
		return v, nil
	case scenarios.NamePrimitive:
		return ev.l.prims[n.Slot], nil
	case scenarios.NameGlobal:
		return ev.l.globals[n.Slot], nil
	case scenarios.NameElapsed:
		return ev.l.clk.now().Seconds(), nil
	case scenarios.NameText:
		return n.ID, nil
	}
	return nil, fatal("%s is not a value", n.ID)
}

func (ev *evaluator) compare(e *scenarios.Compare) (value, *pyExc) {
	x, err := ev.eval(e.Xs[0])
	if err != nil {
		return nil, err
	}
	for i, op := range e.Ops {
		y, err := ev.eval(e.Xs[i+1])
		if err != nil {
			return nil, err
		}
		ok, err := compare(op, x, y)
		if err != nil || !ok {
			return false, err
		}
		x = y
	}
	return true, nil
}

// elements evaluates a list of expressions, *x spreading the items of x.
func (ev *evaluator) elements(xs []scenarios.Expr) ([]any, *pyExc) {
	out := make([]any, 0, len(xs))
	for _, x := range xs {
		if s, ok := x.(*scenarios.Starred); ok {
			v, err := ev.eval(s.X)
			if err != nil {
				return nil, err
			}
			items, err := iterate(v)
			if err != nil {
				return nil, typeError("Value after * must be an iterable, not %s", typeName(v))
			}
			out = append(out, items...)
			continue
		}
		v, err := ev.eval(x)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// comprehension evaluates [elt for vars in iter if cond], each element
// by elt (which may make coroutines, in a step's awaitables).
func (ev *evaluator) comprehension(c *scenarios.Comp, elt func(scenarios.Expr) (value, *pyExc)) (value, *pyExc) {
	it, err := ev.eval(c.Iter)
	if err != nil {
		return nil, err
	}
	items, err := iterate(it)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(items))
	var d *pyDict
	if c.Key != nil {
		d = newDict()
	}
	for _, item := range items {
		if err := ev.bindTargets(c.Vars, item); err != nil {
			return nil, err
		}
		if c.Cond != nil {
			ok, err := ev.eval(c.Cond)
			if err != nil {
				return nil, err
			}
			if !truth(ok) {
				continue
			}
		}
		if d != nil {
			k, err := ev.eval(c.Key)
			if err != nil {
				return nil, err
			}
			v, err := ev.eval(c.Elt)
			if err != nil {
				return nil, err
			}
			if err := d.set(k, v); err != nil {
				return nil, err
			}
			continue
		}
		v, err := elt(c.Elt)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if d != nil {
		return d, nil
	}
	return newList(out), nil
}

// bindTargets binds loop variables to item, unpacking it into several.
func (ev *evaluator) bindTargets(vars []*scenarios.Name, item value) *pyExc {
	if len(vars) == 1 {
		ev.fr.vars[vars[0].Slot] = item
		return nil
	}
	parts, err := unpack(item, len(vars))
	if err != nil {
		return err
	}
	for i, v := range vars {
		ev.fr.vars[v.Slot] = parts[i]
	}
	return nil
}

// unpack is Python's a, b = item.
func unpack(item value, n int) ([]any, *pyExc) {
	parts, err := iterate(item)
	if err != nil {
		return nil, typeError("cannot unpack non-iterable %s object", typeName(item))
	}
	switch {
	case len(parts) < n:
		return nil, newExc("ValueError", "not enough values to unpack (expected "+strconv.Itoa(n)+", got "+strconv.Itoa(len(parts))+")")
	case len(parts) > n:
		return nil, newExc("ValueError", "too many values to unpack (expected "+strconv.Itoa(n)+")")
	}
	return parts, nil
}

func (ev *evaluator) fstring(e *scenarios.FString) (value, *pyExc) {
	var b strings.Builder
	for _, p := range e.Parts {
		if p.X == nil {
			b.WriteString(p.Lit)
			continue
		}
		v, err := ev.eval(p.X)
		if err != nil {
			return nil, err
		}
		if err := printable(v); err != nil {
			return nil, err
		}
		switch p.Conv {
		case 'r':
			v = repr(v)
		case 's':
			v = str(v)
		}
		s, err := format(v, p.Spec)
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// printable refuses to write what Python writes with an address or a
// file path in it (a task, a set of tasks, a primitive).
func printable(v value) *pyExc {
	switch v := v.(type) {
	case *task, taskSet, *primState, *coroutine, *pyIter:
		return fatal("a %s was printed: Python writes it with the program's file path and memory addresses, which asyncgantt cannot reproduce; print what you want of it, such as t.get_name() or t.result()", typeName(v))
	case *pyList:
		for _, x := range v.items {
			if err := printable(x); err != nil {
				return err
			}
		}
	case *pyDict:
		for i, k := range v.keys {
			if err := printable(k); err != nil {
				return err
			}
			if err := printable(v.vals[i]); err != nil {
				return err
			}
		}
	case *pyView:
		return printable(v.d)
	case tuple:
		for _, x := range v {
			if err := printable(x); err != nil {
				return err
			}
		}
	}
	return nil
}

func (ev *evaluator) call(c *scenarios.CallExpr) (value, *pyExc) {
	switch f := c.Func.(type) {
	case *scenarios.Name:
		if f.Kind != scenarios.NameBuiltin {
			break
		}
		if f.ID == "isinstance" && len(c.Args) == 2 {
			return ev.isinstance(c)
		}
		args, kw, err := ev.arguments(c)
		if err != nil {
			return nil, err
		}
		return callBuiltin(f.ID, args, kw...)
	case *scenarios.Attr:
		if n, ok := f.X.(*scenarios.Name); ok && n.Kind == scenarios.NameModule && f.Name == "create_task" {
			return ev.createTask(c)
		}
		return ev.method(f, c.Args)
	}
	return nil, fatal("a call the runner does not evaluate")
}

// createTask is asyncio.create_task(CALL[, name=TEXT]) in an expression:
// the task is made there and then, as the create_task step makes it. The
// name is evaluated first (Python makes the coroutine first: if the name
// raises, CPython also warns that the coroutine was never awaited, which
// this does not).
func (ev *evaluator) createTask(c *scenarios.CallExpr) (value, *pyExc) {
	var name value
	named := len(c.Kw) == 1
	if named {
		v, exc := ev.eval(c.Kw[0].X)
		if exc != nil {
			return nil, exc
		}
		name = str(v)
	}
	co, exc := ev.makeCoroutine(c.Args[0].(*scenarios.CallExpr))
	if exc != nil {
		return nil, exc
	}
	if named {
		co.name = name.(string)
	}
	nt := ev.l.createTask(co)
	if named {
		nt.pyName, nt.pyNum = name.(string), 0
	}
	return nt, nil
}

// isinstance is isinstance(x, T) or isinstance(x, (T1, T2)).
func (ev *evaluator) isinstance(c *scenarios.CallExpr) (value, *pyExc) {
	x, err := ev.eval(c.Args[0])
	if err != nil {
		return nil, err
	}
	var types []string
	switch t := c.Args[1].(type) {
	case *scenarios.Name:
		types = []string{t.ID}
	case *scenarios.TupleExpr:
		for _, e := range t.Elts {
			if n, ok := e.(*scenarios.Name); ok {
				types = append(types, n.ID)
			}
		}
	}
	for _, typ := range types {
		if instanceOf(x, typ) {
			return true, nil
		}
	}
	return false, nil
}

func instanceOf(x value, typ string) bool {
	if e, ok := x.(*pyExc); ok {
		return e.isA(typ)
	}
	switch typ {
	case "int":
		_, isBool := x.(bool)
		return typeName(x) == "int" || isBool
	case "bool", "float", "str", "list", "tuple":
		return typeName(x) == typ
	}
	return false
}

// method is RECEIVER.NAME(ARGS) for the methods the language has.
func (ev *evaluator) method(f *scenarios.Attr, args []scenarios.Expr) (value, *pyExc) {
	if n, ok := f.X.(*scenarios.Name); ok && n.Kind == scenarios.NameModule {
		return ev.t, nil // asyncio.current_task()
	}
	x, err := ev.eval(f.X)
	if err != nil {
		return nil, err
	}
	switch x := x.(type) {
	case *task:
		switch f.Name {
		case "get_name":
			return x.taskName(), nil
		case "done":
			return x.done(), nil
		case "cancelled":
			return x.state == cancelled, nil
		case "result":
			switch {
			case x.state == pending:
				return nil, newExc("InvalidStateError", "Result is not set.")
			case x.state == cancelled:
				return nil, cancelledError()
			case x.exc != nil:
				x.logTB = false
				return nil, x.exc
			}
			return x.result, nil
		case "exception":
			switch x.state {
			case pending:
				return nil, newExc("InvalidStateError", "Exception is not set.")
			case cancelled:
				return nil, cancelledError()
			}
			x.logTB = false
			if x.exc == nil {
				return nil, nil
			}
			return x.exc, nil
		}
	case *primState:
		if v, ok := x.method(f.Name); ok {
			return v, nil
		}
	case string:
		vals, err := ev.elements(args)
		if err != nil {
			return nil, err
		}
		if f.Name == "join" {
			return join(x, vals[0])
		}
		return strMethod(x, f.Name, vals)
	case *pyDict:
		vals, err := ev.elements(args)
		if err != nil {
			return nil, err
		}
		return dictMethod(x, f.Name, vals)
	}
	return nil, noAttr(typeName(x), f.Name)
}

// join is sep.join(iterable).
func join(sep string, v value) (value, *pyExc) {
	items, err := iterate(v)
	if err != nil {
		return nil, typeError("can only join an iterable")
	}
	parts := make([]string, len(items))
	n := 0
	for i, x := range items {
		s, ok := x.(string)
		if !ok {
			return nil, typeError("sequence item %d: expected str instance, %s found", i, typeName(x))
		}
		parts[i] = s
		if n += len(s) + len(sep); n > maxSequence {
			return nil, tooLong()
		}
	}
	return strings.Join(parts, sep), nil
}

// method is a primitive's method without arguments.
func (p *primState) method(name string) (value, bool) {
	switch {
	case p.def.Kind == scenarios.QueueKind && name == "qsize":
		return int64(len(p.q.items)), true
	case p.def.Kind == scenarios.QueueKind && name == "empty":
		return len(p.q.items) == 0, true
	case p.def.Kind == scenarios.QueueKind && name == "full":
		return p.q.full(), true
	case p.def.Kind == scenarios.SemaphoreKind && name == "locked":
		return p.semLocked(), true
	case p.def.Kind == scenarios.LockKind && name == "locked":
		return p.locked, true
	case p.def.Kind == scenarios.EventKind && name == "is_set":
		return p.set, true
	}
	return nil, false
}

// attr is X.NAME: type(x).__name__, e.args, e.exceptions.
func (ev *evaluator) attr(a *scenarios.Attr) (value, *pyExc) {
	if c, ok := a.X.(*scenarios.CallExpr); ok && a.Name == "__name__" {
		x, err := ev.eval(c.Args[0])
		if err != nil {
			return nil, err
		}
		return typeName(x), nil
	}
	x, err := ev.eval(a.X)
	if err != nil {
		return nil, err
	}
	if e, ok := x.(*pyExc); ok {
		switch {
		case a.Name == "args":
			return e.args(), nil
		case a.Name == "exceptions" && e.group != nil:
			subs := make(tuple, len(e.group))
			for i, g := range e.group {
				subs[i] = g
			}
			return subs, nil
		}
	}
	return nil, noAttr(typeName(x), a.Name)
}

// evalTemplate evaluates a print text or a message.
func (ev *evaluator) evalTemplate(t *scenarios.Template) (string, *pyExc) {
	if s, ok := t.Plain(); ok {
		return s, nil
	}
	v, err := ev.fstring(t)
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

package python

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// The Python of each step kind: pyGen is a scenarios.StepVisitor whose
// argument is the indentation (in levels of four spaces) and whose result
// is an error writing the step.

var _ scenarios.StepVisitor[int, error] = (*pyGen)(nil)

// assign returns "x = " for a step with as:, "done, pending = " for two.
func (g *pyGen) assign(st *scenarios.Step) string {
	switch len(st.As) {
	case 1:
		return g.varName(st.As[0]) + " = "
	case 2:
		return g.varName(st.As[0]) + ", " + g.varName(st.As[1]) + " = "
	}
	return ""
}

// text writes a text (a print's, a message) as a Python string: an
// f-string when it has placeholders.
func (g *pyGen) text(t *scenarios.Template) string {
	if s, ok := t.Plain(); ok {
		return `"` + scenarios.PythonTextBody(s, false) + `"`
	}
	return g.w.Expr(t)
}

// duration writes a step's duration: its seconds, or its expression.
func (g *pyGen) duration(d time.Duration, dx scenarios.Expr) string {
	if dx != nil {
		return g.w.arg(dx)
	}
	return scenarios.FormatSeconds(d)
}

// Print writes print("TEXT"), an f-string when the text has placeholders,
// after measuring elapsed when it uses it.
func (g *pyGen) Print(in int, st *scenarios.Step) error {
	if usesElapsed(st) {
		g.line(in, "elapsed = time.perf_counter() - start")
	}
	g.inPrint = true
	g.line(in, "print(%s)", g.text(&st.Text))
	g.inPrint = false
	return nil
}

// Sleep writes the sleep of the run's sleep mode.
func (g *pyGen) Sleep(in int, st *scenarios.Step) error {
	d := g.duration(st.Duration, st.DurationX)
	switch g.mode {
	case scenarios.SleepBlock:
		g.line(in, "time.sleep(%s)", d)
	case scenarios.SleepNoAwait:
		g.line(in, "asyncio.sleep(%s)", d)
	default:
		g.line(in, "await asyncio.sleep(%s)", d)
	}
	return nil
}

// Block writes time.sleep(D).
func (g *pyGen) Block(in int, st *scenarios.Step) error {
	g.line(in, "time.sleep(%s)", g.duration(st.Duration, st.DurationX))
	return nil
}

// CPU writes crunch(D).
func (g *pyGen) CPU(in int, st *scenarios.Step) error {
	g.line(in, "crunch(%s)", g.duration(st.Duration, st.DurationX))
	return nil
}

// Raise writes raise TYPE("MSG"), raise TYPE without a message, raise e,
// or raise alone.
func (g *pyGen) Raise(in int, st *scenarios.Step) error {
	switch {
	case st.X != nil:
		g.line(in, "raise %s", g.w.Expr(st.X))
	case st.Exc.Type == "":
		g.line(in, "raise")
	case st.Exc.HasMsg:
		g.line(in, "raise %s(%s)", excName(st.Exc.Type), g.text(&st.Exc.Msg))
	default:
		g.line(in, "raise %s", excName(st.Exc.Type))
	}
	return nil
}

// Return writes return VALUE.
func (g *pyGen) Return(in int, st *scenarios.Step) error {
	if st.Value == nil {
		g.line(in, "return None")
		return nil
	}
	g.line(in, "return %s", g.w.Expr(st.Value))
	return nil
}

// Let writes NAME = VALUE for each assignment.
func (g *pyGen) Let(in int, st *scenarios.Step) error {
	for _, a := range st.Assign {
		if a.Target != nil {
			g.line(in, "%s = %s", g.w.Expr(a.Target), g.w.Expr(a.X))
			continue
		}
		g.line(in, "%s = %s", g.varName(a.Var), g.w.Expr(a.X))
	}
	return nil
}

// Await writes await NAME(...), await TASK or await EVENT.wait().
func (g *pyGen) Await(in int, st *scenarios.Step) error {
	if st.Event {
		g.line(in, "%sawait %s.wait()", g.assign(st), g.w.expr(st.X, precPrimary))
		return nil
	}
	g.line(in, "%sawait %s", g.assign(st), g.w.expr(st.X, precPrimary))
	return nil
}

// CreateTask writes asyncio.create_task(NAME(...)), with its name; for a
// comprehension, the list of the tasks it makes.
func (g *pyGen) CreateTask(in int, st *scenarios.Step) error {
	if c, ok := st.X.(*scenarios.Comp); ok {
		g.line(in, "%s%s", g.assign(st), g.w.Expr(&scenarios.Comp{Elt: taskOf(c.Elt), Vars: c.Vars, Iter: c.Iter, Cond: c.Cond}))
		return nil
	}
	args := []string{g.w.arg(st.X)}
	if st.Name != nil {
		args = append(args, "name="+g.w.arg(st.Name))
	}
	g.callLine(in, g.assign(st)+"asyncio.create_task", args, "")
	return nil
}

// taskOf is asyncio.create_task(e), as an expression.
func taskOf(e scenarios.Expr) scenarios.Expr {
	return &scenarios.CallExpr{Func: &scenarios.Attr{X: &scenarios.Name{ID: "asyncio", Kind: scenarios.NameModule}, Name: "create_task"}, Args: []scenarios.Expr{e}}
}

// Cancel writes TASK.cancel(), or a loop cancelling each task of a
// collection.
func (g *pyGen) Cancel(in int, st *scenarios.Step) error {
	if st.Each {
		task := g.fresh("task")
		g.line(in, "for %s in %s:", task, g.w.Expr(st.X))
		g.line(in+1, "%s.cancel()", task)
		return nil
	}
	g.line(in, "%s.cancel()", g.w.expr(st.X, precPrimary))
	return nil
}

// items writes the awaitables of a step, each a call's argument; inTask
// wraps coroutines in asyncio.create_task (wait, as_completed).
func (g *pyGen) items(st *scenarios.Step, inTask bool) []string {
	out := make([]string, 0, len(st.Items))
	for _, e := range st.Items {
		switch x := e.(type) {
		case *scenarios.CallExpr:
			if inTask && x.Task != nil {
				e = taskOf(x)
			}
		case *scenarios.Comp:
			elt := x.Elt
			if c, ok := elt.(*scenarios.CallExpr); inTask && ok && c.Task != nil {
				elt = taskOf(elt)
			}
			out = append(out, "*"+g.w.expr(&scenarios.Comp{Elt: elt, Vars: x.Vars, Iter: x.Iter, Cond: x.Cond, Gen: true}, precAtom))
			continue
		}
		out = append(out, g.w.arg(e))
	}
	return out
}

// gatherArgs are a gather's positional arguments: its awaitables, or for
// times: N one unpacked generator expression that gives them N times over,
// *(c() for _ in range(N) for c in (A, B)); *(A() for _ in range(N)) for
// one call; *(aw for _ in range(N) for aw in (t, B())) otherwise. The
// generator's own variables are named so as not to hide a name it uses.
func (g *pyGen) gatherArgs(st *scenarios.Step) []string {
	n := st.Repeats()
	items := g.items(st, false)
	if n == 1 {
		return items
	}
	used := append(append([]string(nil), g.locals...), items...)
	bare := true
	var funcs []string
	for _, e := range st.Items {
		c, ok := e.(*scenarios.CallExpr)
		if !ok || c.Task == nil || len(c.Args) > 0 || len(c.Kw) > 0 {
			bare = false
			continue
		}
		funcs = append(funcs, g.names[c.Task.Name])
	}
	used = append(used, funcs...)
	rep := freshName("_", used)
	loop := fmt.Sprintf("for %s in range(%d)", rep, n)
	switch {
	case len(items) == 1 && !strings.HasPrefix(items[0], "*"):
		return []string{fmt.Sprintf("*(%s %s)", items[0], loop)}
	case bare:
		c := freshName("c", used)
		return []string{fmt.Sprintf("*(%s() %s for %s in (%s))", c, loop, c, strings.Join(funcs, ", "))}
	}
	aw := freshName("aw", used)
	list := strings.Join(items, ", ")
	if len(items) == 1 {
		list += ","
	}
	return []string{fmt.Sprintf("*(%s %s for %s in (%s))", aw, loop, aw, list)}
}

// Gather writes await asyncio.gather(...).
func (g *pyGen) Gather(in int, st *scenarios.Step) error {
	args := g.gatherArgs(st)
	if st.ReturnExceptions {
		args = append(args, "return_exceptions=True")
	}
	g.callLine(in, g.assign(st)+"await asyncio.gather", args, "")
	return nil
}

// collection writes the collection wait and as_completed take: the
// expression given, or a list of the awaitables, each coroutine in a task.
func (g *pyGen) collection(st *scenarios.Step) string {
	if st.ItemsWhole {
		return g.w.arg(st.Items[0])
	}
	if len(st.Items) == 1 {
		if c, ok := st.Items[0].(*scenarios.Comp); ok {
			elt := c.Elt
			if call, ok := elt.(*scenarios.CallExpr); ok && call.Task != nil {
				elt = taskOf(elt)
			}
			return g.w.Expr(&scenarios.Comp{Elt: elt, Vars: c.Vars, Iter: c.Iter, Cond: c.Cond})
		}
	}
	return "[" + strings.Join(g.items(st, true), ", ") + "]"
}

// Wait writes await asyncio.wait([...], ...), each coroutine in a task.
func (g *pyGen) Wait(in int, st *scenarios.Step) error {
	args := []string{g.collection(st)}
	if st.ReturnWhen != scenarios.AllCompleted {
		args = append(args, "return_when=asyncio."+st.ReturnWhen.String())
	}
	if st.HasTimeout {
		args = append(args, "timeout="+g.duration(st.Timeout, st.TimeoutX))
	}
	g.callLine(in, g.assign(st)+"await asyncio.wait", args, "")
	return nil
}

// WaitFor writes await asyncio.wait_for(AW, timeout=D).
func (g *pyGen) WaitFor(in int, st *scenarios.Step) error {
	g.callLine(in, g.assign(st)+"await asyncio.wait_for", []string{g.w.arg(st.X), "timeout=" + g.duration(st.Timeout, st.TimeoutX)}, "")
	return nil
}

// Timeout writes async with asyncio.timeout(D): and its body.
func (g *pyGen) Timeout(in int, st *scenarios.Step) error {
	g.line(in, "async with asyncio.timeout(%s):", g.duration(st.Duration, st.DurationX))
	return g.body(in+1, st.Body)
}

// TaskGroup writes async with asyncio.TaskGroup() as tg:, a
// tg.create_task for each coroutine (kept in the as: variables), and the
// body.
func (g *pyGen) TaskGroup(in int, st *scenarios.Step) error {
	tg := g.fresh("tg")
	g.line(in, "async with asyncio.TaskGroup() as %s:", tg)
	create := func(e scenarios.Expr) string { return tg + ".create_task(" + g.w.arg(e) + ")" }
	switch {
	case st.AsList:
		for i, e := range st.Items {
			g.line(in+1, "%s = %s", g.varName(st.As[i]), create(e))
		}
	case len(st.As) == 1:
		var parts []string
		for _, e := range st.Items {
			if c, ok := e.(*scenarios.Comp); ok && len(st.Items) == 1 {
				g.line(in+1, "%s = [%s for %s in %s%s]", g.varName(st.As[0]), create(c.Elt), g.vars(c.Vars), g.w.expr(c.Iter, precOr), g.cond(c))
				return g.steps(in+1, st.Body)
			}
			parts = append(parts, create(e))
		}
		g.line(in+1, "%s = [%s]", g.varName(st.As[0]), strings.Join(parts, ", "))
	default:
		for _, e := range st.Items {
			if c, ok := e.(*scenarios.Comp); ok {
				g.line(in+1, "for %s in %s:", g.vars(c.Vars), g.w.expr(c.Iter, precOr))
				if c.Cond != nil {
					g.line(in+2, "if %s:", g.w.Expr(c.Cond))
					g.line(in+3, "%s", create(c.Elt))
					continue
				}
				g.line(in+2, "%s", create(c.Elt))
				continue
			}
			g.line(in+1, "%s", create(e))
		}
	}
	return g.steps(in+1, st.Body)
}

func (g *pyGen) vars(vs []*scenarios.Name) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = g.w.Expr(v)
	}
	return strings.Join(parts, ", ")
}

func (g *pyGen) cond(c *scenarios.Comp) string {
	if c.Cond == nil {
		return ""
	}
	return " if " + g.w.expr(c.Cond, precOr)
}

// AsCompleted writes the loop over asyncio.as_completed, awaiting each
// result, then the body.
func (g *pyGen) AsCompleted(in int, st *scenarios.Step) error {
	coro := g.fresh("coro")
	g.callLine(in, "for "+coro+" in asyncio.as_completed", []string{g.collection(st)}, ":")
	g.line(in+1, "%sawait %s", g.assign(st), coro)
	return g.steps(in+1, st.Body)
}

// AsyncWith writes async with LOCK_OR_SEMAPHORE: and its body.
func (g *pyGen) AsyncWith(in int, st *scenarios.Step) error {
	g.line(in, "async with %s:", g.w.Expr(st.X))
	return g.body(in+1, st.Body)
}

// Set writes EVENT.set().
func (g *pyGen) Set(in int, st *scenarios.Step) error {
	g.line(in, "%s.set()", g.w.expr(st.X, precPrimary))
	return nil
}

// Clear writes EVENT.clear().
func (g *pyGen) Clear(in int, st *scenarios.Step) error {
	g.line(in, "%s.clear()", g.w.expr(st.X, precPrimary))
	return nil
}

// Append writes LIST.append(ITEM).
func (g *pyGen) Append(in int, st *scenarios.Step) error {
	g.line(in, "%s.append(%s)", g.w.expr(st.X, precPrimary), g.w.arg(st.Value))
	return nil
}

// Put writes await QUEUE.put(ITEM).
func (g *pyGen) Put(in int, st *scenarios.Step) error {
	g.line(in, "await %s.put(%s)", g.w.expr(st.X, precPrimary), g.w.arg(st.Value))
	return nil
}

// Get writes await QUEUE.get().
func (g *pyGen) Get(in int, st *scenarios.Step) error {
	g.line(in, "%sawait %s.get()", g.assign(st), g.w.expr(st.X, precPrimary))
	return nil
}

// TaskDone writes QUEUE.task_done().
func (g *pyGen) TaskDone(in int, st *scenarios.Step) error {
	g.line(in, "%s.task_done()", g.w.expr(st.X, precPrimary))
	return nil
}

// Join writes await QUEUE.join().
func (g *pyGen) Join(in int, st *scenarios.Step) error {
	g.line(in, "await %s.join()", g.w.expr(st.X, precPrimary))
	return nil
}

// ToThread writes await asyncio.to_thread(time.sleep, D).
func (g *pyGen) ToThread(in int, st *scenarios.Step) error {
	g.line(in, "%sawait asyncio.to_thread(time.sleep, %s)", g.assign(st), g.duration(st.Duration, st.DurationX))
	return nil
}

// RunInExecutor writes await loop.run_in_executor(POOL, FUNC, D).
func (g *pyGen) RunInExecutor(in int, st *scenarios.Step) error {
	args := []string{g.w.arg(st.X), st.Func, g.duration(st.Duration, st.DurationX)}
	g.callLine(in, g.assign(st)+"await asyncio.get_running_loop().run_in_executor", args, "")
	return nil
}

// Try writes try:, each except (or except*) clause (as NAME when its body
// uses the exception) and the finally clause.
func (g *pyGen) Try(in int, st *scenarios.Step) error {
	g.line(in, "try:")
	if err := g.body(in+1, st.Body); err != nil {
		return err
	}
	kw := "except"
	if st.Star {
		kw = "except*"
	}
	for _, h := range st.Handlers {
		as := ""
		if h.E.Slot >= 0 {
			as = " as " + g.locals[h.E.Slot]
		}
		types := make([]string, len(h.Types))
		for i, t := range h.Types {
			types[i] = excName(t)
		}
		typ := types[0]
		if len(types) > 1 {
			typ = "(" + strings.Join(types, ", ") + ")"
		}
		g.line(in, "%s %s%s:", kw, typ, as)
		if err := g.body(in+1, h.Steps); err != nil {
			return err
		}
	}
	if !st.HasFinally {
		return nil
	}
	g.line(in, "finally:")
	return g.body(in+1, st.Finally)
}

// Call writes NAME(...) without await, marked as never awaited.
func (g *pyGen) Call(in int, st *scenarios.Step) error {
	g.line(in, "%s  # never awaited", g.w.Expr(st.X))
	return nil
}

// AsyncioRun writes asyncio.run(NAME(...)) inside the running loop.
func (g *pyGen) AsyncioRun(in int, st *scenarios.Step) error {
	g.line(in, "asyncio.run(%s)", g.w.arg(st.X))
	return nil
}

// For writes for VARS in X: and its body.
func (g *pyGen) For(in int, st *scenarios.Step) error {
	vars := make([]string, len(st.As))
	for i, v := range st.As {
		vars[i] = g.varName(v)
	}
	g.line(in, "for %s in %s:", strings.Join(vars, ", "), g.w.Expr(st.X))
	return g.body(in+1, st.Body)
}

// While writes while X: and its body.
func (g *pyGen) While(in int, st *scenarios.Step) error {
	g.line(in, "while %s:", g.w.Expr(st.X))
	return g.body(in+1, st.Body)
}

// If writes if X:, its body, and else (elif for an else of one if).
func (g *pyGen) If(in int, st *scenarios.Step) error {
	g.line(in, "if %s:", g.w.Expr(st.X))
	if err := g.body(in+1, st.Body); err != nil {
		return err
	}
	for len(st.Else) == 1 && st.Else[0].Kind == scenarios.If {
		st = &st.Else[0]
		g.line(in, "elif %s:", g.w.Expr(st.X))
		if err := g.body(in+1, st.Body); err != nil {
			return err
		}
	}
	if len(st.Else) > 0 {
		g.line(in, "else:")
		return g.body(in+1, st.Else)
	}
	return nil
}

// Break writes break.
func (g *pyGen) Break(in int, st *scenarios.Step) error {
	g.line(in, "break")
	return nil
}

// Continue writes continue.
func (g *pyGen) Continue(in int, st *scenarios.Step) error {
	g.line(in, "continue")
	return nil
}

// excName is how the generated program names an exception type.
func excName(typ string) string {
	if slices.Contains(scenarios.AsyncioExceptions, typ) {
		return "asyncio." + typ
	}
	return typ
}

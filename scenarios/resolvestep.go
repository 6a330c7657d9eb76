package scenarios

import (
	"fmt"
	"slices"
	"strings"
)

// What the steps need of their expressions, and the kinds of expressions.

// wantText says what a step needs, from its spec: "a task of the scenario
// or a task variable (create_task's as:)".
func wantText(w refWants) string {
	var want []string
	if w.coroutine {
		want = append(want, "a task of the scenario")
	}
	if w.task {
		want = append(want, "a task variable (create_task's as:)")
	}
	if w.taskSet {
		want = append(want, "a set of tasks (wait's as:)")
	}
	if w.list {
		want = append(want, "a list")
	}
	for _, k := range w.prims {
		want = append(want, article(k.String()))
	}
	return strings.Join(want, " or ")
}

// accepts reports whether a step that wants w takes something of kind k.
func (w refWants) accepts(k kind) bool {
	switch k.k {
	case RefAny:
		return true
	case RefCoroutine:
		return w.coroutine
	case RefTask:
		return w.task
	case RefTaskList:
		return w.taskSet || w.list
	case RefValue:
		return w.list
	case RefTaskSet:
		return w.taskSet
	case RefPrimitive:
		return slices.Contains(w.prims, k.prim)
	}
	return false
}

// resolveStepExpr resolves the expression of a step's keyword and checks
// it is what the step needs.
func (p *parseState) resolveStepExpr(s *Scenario, sc *scope, st *Step, e *Expr) {
	spec := &stepSpecs[st.Kind]
	w := spec.refs
	ctx := ctxValue
	if w.coroutine {
		ctx = ctxCoro
	}
	if n, ok := (*e).(*Name); ok && sc.lookup(n.ID) < 0 && s.Primitive(n.ID) == nil && s.Task(n.ID) == nil && s.Global(n.ID) == nil && n.ID != "asyncio" {
		p.undefinedRef(sc, st, n)
		return
	}
	p.resolveExpr(sc, e, ctx, st.Kind.String())
	if c, ok := (*e).(*Comp); ok && st.Kind == CreateTask {
		if call, ok := c.Elt.(*CallExpr); !ok || call.Task == nil {
			p.errorf(p.posOfExpr(c.Elt), "create_task: a comprehension of create_task makes one task per item, of a call of a task: fetch(n) for n in names")
		}
		return
	}
	k := p.exprKind(sc, *e)
	st.Event = st.Kind == Await && k.k == RefPrimitive && k.prim == EventKind
	st.Each = st.Kind == Cancel && (k.k == RefTaskSet || k.k == RefTaskList)
	if w.accepts(k) || st.Kind == Cancel && k.k == RefTaskList {
		return
	}
	p.wantError(st, *e, k)
}

// wantError reports that st got something of kind k, which it cannot
// use.
func (p *parseState) wantError(st *Step, e Expr, k kind) {
	w := stepSpecs[st.Kind].refs
	name := "this"
	if n, ok := e.(*Name); ok {
		name = n.ID
	} else if c, ok := e.(*CallExpr); ok && c.Task != nil {
		name = c.Task.Name
	}
	needs := wantText(w)
	switch k.k {
	case RefCoroutine:
		p.errorf(p.posOfExpr(e), "%s: %s is a task of the scenario (a coroutine); %s needs %s", st.Kind, name, st.Kind, needs)
	case RefPrimitive:
		hint := ""
		switch k.prim {
		case SemaphoreKind, LockKind:
			hint = fmt.Sprintf(" (hold it with {async_with: %s, steps: [...]})", name)
		case QueueKind:
			hint = fmt.Sprintf(" (use {put: %s, item: ...} or {get: %s})", name, name)
		case EventKind:
			hint = fmt.Sprintf(" (use {set: %s}, {clear: %s} or {await: %s})", name, name, name)
		case ProcessPoolKind:
			hint = fmt.Sprintf(" (use {run_in_executor: \"%s, crunch, 1s\"})", name)
		}
		p.errorf(p.posOfExpr(e), "%s: %s is %s; %s needs %s%s", st.Kind, name, article(k.prim.String()), st.Kind, needs, hint)
	default:
		p.errorf(p.posOfExpr(e), "%s: %s is %s; %s needs %s", st.Kind, name, kindText(k.k), st.Kind, needs)
	}
}

// undefinedRef reports a name a step uses that is nothing, saying what
// the step needs and what is defined.
func (p *parseState) undefinedRef(sc *scope, st *Step, n *Name) {
	w := stepSpecs[st.Kind].refs
	s := p.scenario
	var candidates []string
	if w.coroutine {
		candidates = append(candidates, s.TaskNames()...)
	}
	if w.task || w.taskSet || w.list {
		for _, name := range sc.names {
			if _, ok := sc.local[name]; ok && !slices.Contains(candidates, name) {
				candidates = append(candidates, name)
			}
		}
	}
	for _, prim := range s.Primitives {
		if slices.Contains(w.prims, prim.Kind) {
			candidates = append(candidates, prim.Name)
		}
	}
	if w.list {
		for _, g := range s.Globals {
			candidates = append(candidates, g.Name)
		}
	}
	defined := "defined here: " + strings.Join(candidates, ", ")
	if len(candidates) == 0 {
		defined = "none is defined here"
	}
	hint := ""
	if c := nearest(n.ID, candidates); c != "" {
		hint = fmt.Sprintf("; did you mean %q?", c)
	}
	what := "task"
	if !w.coroutine {
		what = "name"
	}
	p.errorf(p.posOfExpr(n), "%s %q is not defined%s; %s needs %s (%s)", what, n.ID, hint, st.Kind, wantText(w), defined)
}

// resolveItems resolves the awaitables of gather, wait, as_completed and
// task_group.
func (p *parseState) resolveItems(s *Scenario, sc *scope, st *Step) {
	if st.ItemsWhole {
		switch x := st.Items[0].(type) {
		case *ListExpr:
			st.Items, st.ItemsWhole = x.Elts, false
		case *TupleExpr:
			st.Items, st.ItemsWhole = x.Elts, false
		case *Comp:
			st.ItemsWhole = false
		}
	}
	if !st.ItemsWhole {
		// An argument list (gather's, task_group's) or a list display.
		st.Items = spreadDisplays(st.Items)
	}
	for i := range st.Items {
		e := &st.Items[i]
		unwrapCreateTask(e)
		if n, ok := (*e).(*Name); ok && sc.lookup(n.ID) < 0 && s.Primitive(n.ID) == nil && s.Task(n.ID) == nil && s.Global(n.ID) == nil {
			p.undefinedRef(sc, st, n)
			continue
		}
		p.resolveExpr(sc, e, ctxCoro, st.Kind.String())
		p.checkItem(sc, st, *e)
	}
}

// spreadDisplays reads a spread display among awaitables as what it
// spreads, as Python's call does: *[f(x) for x in xs] and *(f(x) for x in
// xs) are the comprehension, *[f(a), f(b)] its calls, each in its place.
// Python builds the list and spreads it at once, so its coroutines are
// never values the program keeps.
func spreadDisplays(items []Expr) []Expr {
	var out []Expr
	for i, e := range items {
		var spread []Expr
		if s, ok := e.(*Starred); ok {
			switch x := s.X.(type) {
			case *Comp:
				if x.Key == nil {
					spread = []Expr{x}
				}
			case *ListExpr:
				spread = x.Elts
			case *TupleExpr:
				spread = x.Elts
			}
		}
		if spread == nil {
			if out != nil {
				out = append(out, e)
			}
			continue
		}
		if out == nil {
			out = append([]Expr{}, items[:i]...)
		}
		out = append(out, spread...)
	}
	if out == nil {
		return items
	}
	return out
}

// unwrapCreateTask reads asyncio.create_task(CALL), written among the
// awaitables of a step, as CALL: the step makes its coroutines tasks
// itself (the Python program writes them so where Python needs it).
func unwrapCreateTask(e *Expr) {
	switch x := (*e).(type) {
	case *CallExpr:
		if a, ok := x.Func.(*Attr); ok && a.Name == "create_task" && len(x.Args) == 1 && len(x.Kw) == 0 {
			if n, ok := a.X.(*Name); ok && n.ID == "asyncio" {
				*e = x.Args[0]
			}
		}
	case *Comp:
		unwrapCreateTask(&x.Elt)
	case *ListExpr:
		for i := range x.Elts {
			unwrapCreateTask(&x.Elts[i])
		}
	}
}

// checkItem checks one awaitable of st.
func (p *parseState) checkItem(sc *scope, st *Step, e Expr) {
	k := p.exprKind(sc, e)
	switch x := e.(type) {
	case *Starred:
		switch k := p.exprKind(sc, x.X); k.k {
		case RefTask, RefPrimitive:
			p.errorf(p.posOfExpr(x), "%s: *%s spreads a collection, and this is %s", st.Kind, exprName(x.X), kindText(k.k))
		}
		if st.Kind == TaskGroup {
			p.errorf(p.posOfExpr(x), "task_group: makes a task of each coroutine; *tasks gives tasks already made: write the calls, or a comprehension of them")
		}
		return
	case *Comp:
		elem := p.exprKind(sc, x.Elt)
		if elem.k != RefCoroutine && elem.k != RefTask && elem.k != RefAny || st.Kind == TaskGroup && elem.k != RefCoroutine {
			p.errorf(p.posOfExpr(x.Elt), "%s: a comprehension here gives %s, where the step needs coroutines (calls of tasks) or tasks", st.Kind, kindText(elem.k))
		}
		return
	}
	if st.ItemsWhole {
		switch k.k {
		case RefTaskSet, RefTaskList, RefAny, RefValue:
			return
		}
		p.errorf(p.posOfExpr(e), "%s: %s is %s; %s takes a collection of tasks (a list, a set such as pending), or write the tasks as a list, [%s]", st.Kind, exprName(e), kindText(k.k), st.Kind, exprName(e))
		return
	}
	switch {
	case k.k == RefTaskSet || k.k == RefTaskList:
		p.errorf(p.posOfExpr(e), "%s: %s is %s; write \"*%s\" to pass its tasks, as Python's asyncio.%s(*%s)", st.Kind, exprName(e), kindText(k.k), exprName(e), st.Kind, exprName(e))
	case st.Kind == TaskGroup && k.k != RefCoroutine:
		p.wantError(st, e, k)
	case !stepSpecs[st.Kind].refs.accepts(k):
		p.wantError(st, e, k)
	}
}

// exprName is how a message names an expression: its name, or "this".
func exprName(e Expr) string {
	switch e := e.(type) {
	case *Name:
		return e.ID
	case *CallExpr:
		if e.Task != nil {
			return e.Task.Name + "(...)"
		}
	}
	return "this"
}

// resolveExecutor resolves run_in_executor's pool and duration.
func (p *parseState) resolveExecutor(sc *scope, st *Step) {
	if c, ok := st.X.(*Const); ok && c.Value == nil {
		if st.Func == "crunch" {
			p.errorf(p.posOfExpr(st.X), "run_in_executor: crunch in a thread (the default executor) would hold the interpreter lock, which asyncgantt does not model: run it in a process pool (primitives: {pool: process_pool}), or use to_thread for time.sleep")
		}
		return
	}
	p.resolveStepExpr(p.scenario, sc, st, &st.X)
}

// exprKind is what the language knows e holds.
func (p *parseState) exprKind(sc *scope, e Expr) kind {
	switch e := e.(type) {
	case *Name:
		switch e.Kind {
		case NameLocal:
			if e.Slot >= 0 && e.Slot < len(sc.kinds) {
				return sc.kindOf(e.Slot)
			}
			return kAny
		case NamePrimitive:
			return kind{k: RefPrimitive, prim: p.scenario.Primitives[e.Slot].Kind}
		case NameTask:
			return kind{k: RefCoroutine}
		case NameGlobal:
			return kAny
		}
		return kValue
	case *CallExpr:
		if e.Task != nil {
			return kind{k: RefCoroutine}
		}
		switch f := e.Func.(type) {
		case *Attr:
			if n, ok := f.X.(*Name); ok && n.Kind == NameModule {
				return kTask
			}
			switch f.Name {
			case "result", "get", "keys", "values", "items":
				// What a task gave, what a dict holds.
				return kAny
			}
		case *Name:
			if (f.ID == "list" || f.ID == "sorted") && len(e.Args) == 1 {
				switch p.exprKind(sc, e.Args[0]).k {
				case RefTaskSet, RefTaskList:
					return kind{k: RefTaskList}
				}
			}
		}
		return kValue
	case *ListExpr, *TupleExpr:
		var elts []Expr
		if l, ok := e.(*ListExpr); ok {
			elts = l.Elts
		} else {
			elts = e.(*TupleExpr).Elts
		}
		if len(elts) > 0 {
			all := true
			for _, x := range elts {
				if p.exprKind(sc, x).k != RefTask {
					all = false
				}
			}
			if all {
				return kind{k: RefTaskList}
			}
		}
		return kValue
	case *DictExpr:
		return kAny // its keys or values may be tasks
	case *Comp:
		if e.Key != nil {
			return kAny
		}
		if k := p.exprKind(sc, e.Elt); k.k == RefTask || k.k == RefCoroutine && !e.Gen {
			return kind{k: RefTaskList}
		}
		return kValue
	case *Index:
		switch p.exprKind(sc, e.X).k {
		case RefTaskList:
			if _, ok := e.I.(*Slice); ok {
				return kind{k: RefTaskList}
			}
			return kTask
		case RefAny:
			return kAny
		}
		return kAny
	case *IfExp:
		a, b := p.exprKind(sc, e.X), p.exprKind(sc, e.Else)
		if a == b {
			return a
		}
		return kAny
	case *BoolOp:
		k := p.exprKind(sc, e.Xs[0])
		for _, x := range e.Xs[1:] {
			if p.exprKind(sc, x) != k {
				return kAny
			}
		}
		return k
	}
	return kValue
}

// elementKind is what an item of collection e holds.
func (p *parseState) elementKind(sc *scope, e Expr) kind {
	switch k := p.exprKind(sc, e); k.k {
	case RefTaskSet, RefTaskList:
		return kTask
	case RefAny:
		return kAny
	}
	return kValue
}

package scenarios

import (
	"fmt"
	"slices"
	"strings"
)

// The resolver binds every name of the scenario's steps to what it refers
// to, gives each coroutine's variables their slots, works out what kind of
// thing each variable holds (a task, a set of tasks, a value, ...), and
// checks that each step gets what it needs.
//
// Variables are the coroutine's, as in Python: a name bound anywhere in the
// coroutine (a parameter, as:, let, a loop variable, an except clause's
// variable) is a local variable everywhere in it. A name used before any
// step has bound it, outside a loop that binds it later, is refused: it
// would raise UnboundLocalError. A comprehension's variables are its own.

// scope is one coroutine's variables.
type scope struct {
	names []string
	kinds []RefKind
	// prims is the primitive kind of a variable of kind RefPrimitive.
	prims []PrimitiveKind
	// set says a variable's kind has been given by a binding.
	set []bool
	// local maps the coroutine's variables to their slots.
	local map[string]int
	// comps are the comprehensions' variables being resolved, innermost
	// last.
	comps []map[string]int
	// bound are the variables bound by a step before the one being
	// resolved, in file order (and those a loop around it binds).
	bound map[string]bool
	// loops is how many loops are around the step being resolved.
	loops int
	// changed says a kind changed in this pass.
	changed bool
	// task is the coroutine's task; nil for a run's main.
	task *Task
}

func newScope(t *Task) *scope {
	return &scope{local: map[string]int{}, bound: map[string]bool{}, task: t}
}

// slot returns the slot of the coroutine's variable name, adding it.
func (sc *scope) slot(name string) int {
	if i, ok := sc.local[name]; ok {
		return i
	}
	sc.local[name] = len(sc.names)
	return sc.hidden(name)
}

// hidden returns a new slot, for a comprehension's variable.
func (sc *scope) hidden(name string) int {
	sc.names = append(sc.names, name)
	sc.kinds = append(sc.kinds, RefValue)
	sc.prims = append(sc.prims, 0)
	sc.set = append(sc.set, false)
	return len(sc.names) - 1
}

// lookup returns the slot of a variable visible here, or -1.
func (sc *scope) lookup(name string) int {
	for i := len(sc.comps) - 1; i >= 0; i-- {
		if s, ok := sc.comps[i][name]; ok {
			return s
		}
	}
	if s, ok := sc.local[name]; ok {
		return s
	}
	return -1
}

// kind is what a binding gives a variable: a RefKind, and the primitive's
// kind for RefPrimitive.
type kind struct {
	k    RefKind
	prim PrimitiveKind
}

var (
	kValue = kind{k: RefValue}
	kAny   = kind{k: RefAny}
	kTask  = kind{k: RefTask}
)

// give records that slot i is bound to something of kind k; a variable
// given different kinds holds anything (RefAny).
func (sc *scope) give(i int, k kind) {
	switch {
	case !sc.set[i]:
		sc.set[i], sc.kinds[i], sc.prims[i] = true, k.k, k.prim
	case sc.kinds[i] == k.k && (k.k != RefPrimitive || sc.prims[i] == k.prim):
		return
	case sc.kinds[i] == RefAny:
		return
	default:
		sc.kinds[i] = RefAny
	}
	sc.changed = true
}

func (sc *scope) kindOf(i int) kind { return kind{k: sc.kinds[i], prim: sc.prims[i]} }

// resolve resolves the runs, then the tasks in the order calls reach them
// (callers before callees, cycles having been refused), so that the
// kinds of a task's parameters are known from its calls when it is
// resolved.
func (p *parseState) resolve(s *Scenario) {
	p.params = map[*Task][]kind{}
	p.paramSeen = map[*Task][]bool{}
	for _, r := range s.Runs {
		sc := newScope(nil)
		p.resolveCoroutine(s, sc, r.Steps)
		r.Vars = sc.names
	}
	for _, t := range p.callOrder(s) {
		sc := newScope(t)
		kinds := p.params[t]
		for i, prm := range t.Params {
			if s.Task(prm.Name) != nil || s.Global(prm.Name) != nil {
				p.errorf(prm.Pos, "task %s: parameter %q has the name of a task or a global; choose another", t.Name, prm.Name)
			}
			slot := sc.slot(prm.Name)
			sc.bound[prm.Name] = true
			switch {
			case prm.Star:
				sc.give(slot, kValue) // a tuple
			case i < len(kinds) && p.paramSeen[t][i]:
				sc.give(slot, kinds[i])
			default:
				sc.give(slot, kAny)
			}
		}
		p.resolveCoroutine(s, sc, t.Steps)
		t.Vars = sc.names
	}
}

// resolveCoroutine resolves a coroutine's steps: passes that work out its
// variables' kinds until they no longer change, then the pass that
// checks.
func (p *parseState) resolveCoroutine(s *Scenario, sc *scope, steps []Step) {
	p.collect(sc, steps)
	errs := len(p.errs)
	for pass := 0; pass < 8; pass++ {
		sc.changed = false
		p.quiet = true
		p.resolveSteps(s, sc, steps)
		p.quiet = false
		if !sc.changed {
			break
		}
	}
	p.errs = p.errs[:errs]
	for k := range sc.bound {
		delete(sc.bound, k)
	}
	if sc.task != nil {
		for _, prm := range sc.task.Params {
			sc.bound[prm.Name] = true
		}
	}
	p.resolveSteps(s, sc, steps)
}

// collect gives a slot to every variable the steps bind; a name declared
// under globals: is the global, assigned (Python's global).
func (p *parseState) collect(sc *scope, steps []Step) {
	bindVar := func(v *Var) {
		p.checkBindable(*v)
		if i := slices.IndexFunc(p.scenario.Globals, func(g *Global) bool { return g.Name == v.Name }); i >= 0 {
			v.Slot, v.Global = i, true
			return
		}
		v.Slot = sc.slot(v.Name)
	}
	Walk(steps, func(st *Step) {
		for i := range st.As {
			bindVar(&st.As[i])
		}
		for i := range st.Assign {
			if st.Assign[i].Target == nil {
				bindVar(&st.Assign[i].Var)
			}
		}
		for i := range st.Handlers {
			h := &st.Handlers[i]
			if stepsUseName(h.Steps, h.E.Name) {
				if p.scenario.Global(h.E.Name) != nil {
					p.errorf(h.Pos, "except: %s is a global; give the exception a name of its own, e.g. as exc", h.E.Name)
				}
				h.E.Slot = sc.slot(h.E.Name)
			}
		}
	})
}

// checkBindable refuses a variable with the name of a task or primitive.
func (p *parseState) checkBindable(v Var) {
	if p.scenario.Task(v.Name) != nil || p.scenario.Primitive(v.Name) != nil && p.scenario.Global(v.Name) == nil {
		p.errorf(v.Pos, "variable %q has the name of a task or primitive; choose another", v.Name)
	}
}

func (p *parseState) resolveSteps(s *Scenario, sc *scope, steps []Step) {
	for i := range steps {
		p.resolveStep(s, sc, &steps[i])
	}
}

// bindAs binds the step's as: variables to what the step gives them.
func (p *parseState) bindAs(sc *scope, st *Step) {
	spec := &stepSpecs[st.Kind]
	for i := range st.As {
		v := &st.As[i]
		k := kind{k: spec.binds}
		switch st.Kind {
		case CreateTask:
			if _, many := st.X.(*Comp); many {
				k = kind{k: RefTaskList}
			}
		case TaskGroup:
			if !st.AsList {
				k = kind{k: RefTaskList}
			}
		case For:
			k = p.elementKind(sc, st.X)
			if len(st.As) > 1 {
				k = kValue
			}
		}
		if v.Slot >= 0 && !v.Global {
			p.checkRebind(sc, *v, k)
			sc.give(v.Slot, k)
			sc.bound[v.Name] = true
		}
	}
}

// checkRebind refuses a binding that gives a variable a definite kind other
// than the one another binding gave it.
func (p *parseState) checkRebind(sc *scope, v Var, k kind) {
	if p.quiet || !sc.set[v.Slot] {
		return
	}
	have := sc.kinds[v.Slot]
	if have == RefAny || k.k == RefAny || have == k.k {
		return
	}
	p.errorf(v.Pos, "variable %s held %s before; here it would hold %s: use another name", v.Name, kindText(have), kindText(k.k))
}

func (p *parseState) resolveStep(s *Scenario, sc *scope, st *Step) {
	spec := &stepSpecs[st.Kind]
	switch st.Kind {
	case Print:
		p.resolveTemplate(sc, &st.Text, "print")
	case Raise:
		p.resolveRaise(sc, st)
	case Return:
		p.resolveValue(sc, &st.Value, "return")
	case Let:
		for i := range st.Assign {
			a := &st.Assign[i]
			p.resolveValue(sc, &a.X, "let")
			if a.Target != nil {
				var x Expr = a.Target
				p.resolveValue(sc, &x, "let")
				continue
			}
			if a.Var.Global {
				continue
			}
			k := p.exprKind(sc, a.X)
			p.checkRebind(sc, a.Var, k)
			sc.give(a.Var.Slot, k)
			sc.bound[a.Var.Name] = true
		}
	case Break, Continue:
		if sc.loops == 0 && !p.quiet {
			p.errorf(st.Pos, "%s is outside a loop: it goes in the steps of a for or a while (of the same coroutine)", st.Kind)
		}
	case If, While:
		p.resolveExpr(sc, &st.X, ctxValue, st.Kind.String())
	case For:
		p.resolveValue(sc, &st.X, "for")
		p.checkIterable(sc, st)
	case Gather, Wait, AsCompleted, TaskGroup:
		p.resolveItems(s, sc, st)
	case RunInExecutor:
		p.resolveExecutor(sc, st)
	default:
		if st.X != nil {
			p.resolveStepExpr(s, sc, st, &st.X)
		}
	}
	if st.DurationX != nil {
		p.resolveDuration(sc, &st.DurationX, st.Kind.String())
	}
	if st.TimeoutX != nil {
		p.resolveDuration(sc, &st.TimeoutX, "timeout")
	}
	if st.Kind == Put || st.Kind == Append {
		p.resolveValue(sc, &st.Value, st.Kind.String())
	}
	if st.Name != nil {
		p.resolveValue(sc, &st.Name, "create_task's name")
	}
	if spec.bindsFirst {
		p.bindAs(sc, st)
	}
	p.resolveBody(s, sc, st)
	if !spec.bindsFirst {
		p.bindAs(sc, st)
	}
}

// resolveBody resolves the steps nested in st: its body (a loop's, with
// the variables the loop binds counted as bound), else, handlers and
// finally.
func (p *parseState) resolveBody(s *Scenario, sc *scope, st *Step) {
	loop := st.Kind == For || st.Kind == While || st.Kind == AsCompleted
	if loop {
		sc.loops++
		// A variable the loop body binds is bound, from the second time
		// round, also where it is used before that step.
		Walk(st.Body, func(b *Step) {
			for _, v := range b.As {
				sc.bound[v.Name] = true
			}
			for _, a := range b.Assign {
				if a.Target == nil {
					sc.bound[a.Var.Name] = true
				}
			}
		})
	}
	p.resolveSteps(s, sc, st.Body)
	if loop {
		sc.loops--
	}
	p.resolveSteps(s, sc, st.Else)
	for i := range st.Handlers {
		h := &st.Handlers[i]
		if h.E.Slot >= 0 {
			sc.give(h.E.Slot, kValue)
			sc.bound[h.E.Name] = true
		}
		if st.Star {
			p.checkStarBody(h.Steps)
		}
		p.resolveSteps(s, sc, h.Steps)
	}
	p.resolveSteps(s, sc, st.Finally)
}

// checkStarBody refuses what Python refuses in an except* clause: break,
// continue and return (a loop inside the clause may break and continue).
func (p *parseState) checkStarBody(steps []Step) {
	for i := range steps {
		st := &steps[i]
		switch st.Kind {
		case Return, Break, Continue:
			p.errorf(st.Pos, "%s cannot be in an except* clause (Python refuses 'break', 'continue' and 'return' there)", st.Kind)
		case For, While, AsCompleted:
			p.checkStarReturn(st.Body)
			continue
		}
		p.checkStarBody(st.Body)
		p.checkStarBody(st.Else)
		for _, h := range st.Handlers {
			p.checkStarBody(h.Steps)
		}
		p.checkStarBody(st.Finally)
	}
}

// checkStarReturn refuses return in the loops of an except* clause.
func (p *parseState) checkStarReturn(steps []Step) {
	Walk(steps, func(st *Step) {
		if st.Kind == Return {
			p.errorf(st.Pos, "return cannot be in an except* clause (Python refuses it there)")
		}
	})
}

func kindText(k RefKind) string {
	switch k {
	case RefCoroutine:
		return "a coroutine (a task of the scenario)"
	case RefTask:
		return "a task"
	case RefTaskSet:
		return "a set of tasks"
	case RefTaskList:
		return "a list of tasks"
	case RefPrimitive:
		return "a primitive"
	case RefAny:
		return "anything"
	}
	return "a value"
}

// stepsUseName reports whether an expression of steps (at any depth) uses
// the name.
func stepsUseName(steps []Step, name string) bool {
	found := false
	Walk(steps, func(st *Step) {
		st.Exprs(func(e Expr) {
			WalkExpr(e, func(x Expr) bool {
				if n, ok := x.(*Name); ok && n.ID == name {
					found = true
				}
				return !found
			})
		})
	})
	return found
}

// Exprs calls fn for each expression of the step itself (not those of the
// steps nested in it).
func (st *Step) Exprs(fn func(Expr)) {
	for i := range st.Text.Parts {
		if x := st.Text.Parts[i].X; x != nil {
			fn(x)
		}
	}
	for i := range st.Exc.Msg.Parts {
		if x := st.Exc.Msg.Parts[i].X; x != nil {
			fn(x)
		}
	}
	for _, e := range []Expr{st.X, st.Value, st.Name, st.DurationX, st.TimeoutX} {
		if e != nil {
			fn(e)
		}
	}
	for _, e := range st.Items {
		fn(e)
	}
	for _, a := range st.Assign {
		fn(a.X)
		if a.Target != nil {
			fn(a.Target)
		}
	}
}

// Walk calls fn for every step of steps at any depth, in file order: each
// step, then the steps nested in it (its Body, Else, each handler's Steps,
// its Finally).
func Walk(steps []Step, fn func(st *Step)) {
	for i := range steps {
		st := &steps[i]
		fn(st)
		Walk(st.Body, fn)
		Walk(st.Else, fn)
		for _, h := range st.Handlers {
			Walk(h.Steps, fn)
		}
		Walk(st.Finally, fn)
	}
}

// TaskCalls returns the calls of tasks a step makes itself (its coroutines:
// await's, a gather's, a comprehension's), in order.
func (st *Step) TaskCalls() []*CallExpr {
	var calls []*CallExpr
	add := func(e Expr) {
		switch e := e.(type) {
		case *CallExpr:
			if e.Task != nil {
				calls = append(calls, e)
			}
		case *Comp:
			if c, ok := e.Elt.(*CallExpr); ok && c.Task != nil {
				calls = append(calls, c)
			}
		}
	}
	if st.X != nil {
		add(st.X)
	}
	for _, e := range st.Items {
		add(e)
	}
	return calls
}

// callOrder returns the tasks callers first: each task after every task
// that calls it. Tasks no run or task calls come last, in file order.
func (p *parseState) callOrder(s *Scenario) []*Task {
	var order []*Task
	seen := map[*Task]bool{}
	var visit func(t *Task)
	visit = func(t *Task) {
		if seen[t] {
			return
		}
		seen[t] = true
		Walk(t.Steps, func(st *Step) {
			for _, c := range syntacticCalls(s, st) {
				visit(c)
			}
		})
		order = append(order, t)
	}
	for _, t := range s.Tasks {
		visit(t)
	}
	slices.Reverse(order)
	return order
}

// syntacticCalls are the tasks a step names as calls, before resolving.
func syntacticCalls(s *Scenario, st *Step) []*Task {
	var ts []*Task
	st.Exprs(func(e Expr) {
		WalkExpr(e, func(x Expr) bool {
			var n *Name
			switch x := x.(type) {
			case *CallExpr:
				n, _ = x.Func.(*Name)
			case *Name:
				n = x
			}
			if n != nil {
				if t := s.Task(n.ID); t != nil {
					ts = append(ts, t)
				}
			}
			return true
		})
	})
	return ts
}

// checkCycles refuses a task that runs itself, directly or through others:
// it would never finish.
func (p *parseState) checkCycles(s *Scenario) {
	const (
		unseen = iota
		active
		finished
	)
	state := make(map[string]int, len(s.Tasks))
	var path []string
	var visit func(t *Task) bool
	visit = func(t *Task) bool {
		state[t.Name] = active
		path = append(path, t.Name)
		found := false
		Walk(t.Steps, func(st *Step) {
			if found || stepSpecs[st.Kind].runs == runsNone {
				return
			}
			for _, c := range st.TaskCalls() {
				if found {
					continue
				}
				name := c.Task.Name
				switch state[name] {
				case active:
					i := slices.Index(path, name)
					cycle := append(slices.Clone(path[i:]), name)
					p.errorf(p.posOfExpr(c), "task %s runs itself through %s (here with %s): it would never finish", name, strings.Join(cycle, " → "), st.Kind)
					found = true
				case unseen:
					found = visit(c.Task)
				}
			}
		})
		if found {
			return true
		}
		path = path[:len(path)-1]
		state[t.Name] = finished
		return false
	}
	for _, t := range s.Tasks {
		if state[t.Name] == unseen && visit(t) {
			return
		}
	}
}

// article puts "a" or "an" before a word.
func article(w string) string {
	if strings.ContainsRune("aeiou", rune(w[0])) {
		return "an " + w
	}
	return "a " + w
}

var _ = fmt.Sprintf

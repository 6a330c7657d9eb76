package scenarios

import (
	"fmt"
	"slices"
	"strings"
)

// scope tracks a coroutine's local variables while resolving its steps in
// file order: a name is usable once a step before it has bound it.
type scope struct {
	names []string
	kinds []RefKind
}

func (sc *scope) lookup(name string) int { return slices.Index(sc.names, name) }

// resolve binds every name in the scenario's steps to what it refers to,
// assigns variable slots and checks that each step gets the kind of thing
// it needs.
func (p *parseState) resolve(s *Scenario) {
	for _, t := range s.Tasks {
		sc := &scope{}
		p.resolveSteps(s, sc, t.Steps)
		t.Vars = sc.names
	}
	for _, r := range s.Runs {
		sc := &scope{}
		p.resolveSteps(s, sc, r.Steps)
		r.Vars = sc.names
	}
}

func (p *parseState) resolveSteps(s *Scenario, sc *scope, steps []Step) {
	for i := range steps {
		p.resolveStep(s, sc, &steps[i])
	}
}

func (p *parseState) resolveStep(s *Scenario, sc *scope, st *Step) {
	for i := range st.Refs {
		p.resolveRef(s, sc, st, &st.Refs[i])
	}
	if st.Kind == Print {
		p.resolveTemplate(sc, st)
	}
	bindsFirst := stepSpecs[st.Kind].bindsFirst
	if bindsFirst {
		// A loop variable is bound before the loop body runs.
		p.bindVars(s, sc, st)
	}
	p.resolveSteps(s, sc, st.Body)
	for i := range st.Handlers {
		h := &st.Handlers[i]
		if usesName(h.Steps, "e") {
			h.E.Slot = p.bind(s, sc, h.E, RefValue)
		}
		p.resolveSteps(s, sc, h.Steps)
	}
	p.resolveSteps(s, sc, st.Finally)
	if !bindsFirst {
		p.bindVars(s, sc, st)
	}
}

// bindVars binds the step's as: variables, to what its kind binds.
func (p *parseState) bindVars(s *Scenario, sc *scope, st *Step) {
	kind := stepSpecs[st.Kind].binds
	for i := range st.As {
		st.As[i].Slot = p.bind(s, sc, st.As[i], kind)
	}
}

// bind returns v's slot, adding it to the scope.
func (p *parseState) bind(s *Scenario, sc *scope, v Var, kind RefKind) int {
	if s.Task(v.Name) != nil || s.Primitive(v.Name) != nil {
		p.errorf(v.Pos, "variable %q has the name of a task or primitive; choose another", v.Name)
		return -1
	}
	if i := sc.lookup(v.Name); i >= 0 {
		if sc.kinds[i] != kind {
			p.errorf(v.Pos, "variable %s held %s before; here it would hold %s: use another name", v.Name, kindText(sc.kinds[i]), kindText(kind))
		}
		return i
	}
	sc.names = append(sc.names, v.Name)
	sc.kinds = append(sc.kinds, kind)
	return len(sc.names) - 1
}

func kindText(k RefKind) string {
	switch k {
	case RefCoroutine:
		return "a coroutine (a task of the scenario)"
	case RefTask:
		return "a task"
	case RefTaskSet:
		return "a set of tasks"
	case RefPrimitive:
		return "a primitive"
	}
	return "a value"
}

func (p *parseState) resolveRef(s *Scenario, sc *scope, st *Step, r *Ref) {
	w := stepSpecs[st.Kind].refs
	coroutine, task, taskSet, prims := w.coroutine, w.task, w.taskSet, w.prims
	var want []string
	if coroutine {
		want = append(want, "a task of the scenario")
	}
	if task {
		want = append(want, "a task variable (create_task's as:)")
	}
	if taskSet {
		want = append(want, "a set of tasks (wait's as:)")
	}
	for _, k := range prims {
		want = append(want, article(k.String()))
	}
	needs := strings.Join(want, " or ")
	if i := sc.lookup(r.Name); i >= 0 {
		r.Kind, r.Index = sc.kinds[i], i
		if (r.Kind == RefTask && task) || (r.Kind == RefTaskSet && taskSet) {
			return
		}
		p.errorf(r.Pos, "%s: %s is %s; %s needs %s", st.Kind, r.Name, kindText(r.Kind), st.Kind, needs)
		return
	}
	if s.Task(r.Name) != nil {
		r.Kind = RefCoroutine
		if !coroutine {
			p.errorf(r.Pos, "%s: %s is a task of the scenario (a coroutine); %s needs %s", st.Kind, r.Name, st.Kind, needs)
		}
		return
	}
	if prim := s.Primitive(r.Name); prim != nil {
		r.Kind = RefPrimitive
		r.Index = slices.Index(s.Primitives, prim)
		if !slices.Contains(prims, prim.Kind) {
			hint := ""
			switch prim.Kind {
			case SemaphoreKind, LockKind:
				hint = fmt.Sprintf(" (hold it with {async_with: %s, steps: [...]})", r.Name)
			case QueueKind:
				hint = fmt.Sprintf(" (use {put: %s, item: ...} or {get: %s})", r.Name, r.Name)
			case EventKind:
				hint = fmt.Sprintf(" (use {set: %s}, {clear: %s} or {await: %s})", r.Name, r.Name, r.Name)
			}
			p.errorf(r.Pos, "%s: %s is %s; %s needs %s%s", st.Kind, r.Name, article(prim.Kind.String()), st.Kind, needs, hint)
		}
		return
	}
	var candidates []string
	if coroutine {
		candidates = append(candidates, s.TaskNames()...)
	}
	if task || taskSet {
		candidates = append(candidates, sc.names...)
	}
	for _, prim := range s.Primitives {
		if slices.Contains(prims, prim.Kind) {
			candidates = append(candidates, prim.Name)
		}
	}
	hint := ""
	if n := nearest(r.Name, candidates); n != "" {
		hint = fmt.Sprintf("; did you mean %q?", n)
	}
	what := "task"
	if !coroutine {
		what = "name"
	}
	p.errorf(r.Pos, "%s %q is not defined%s; %s needs %s (defined here: %s)", what, r.Name, hint, st.Kind, needs, strings.Join(candidates, ", "))
}

func (p *parseState) resolveTemplate(sc *scope, st *Step) {
	for j := range st.Text.vars {
		part := &st.Text.vars[j]
		i := sc.lookup(part.Name)
		switch {
		case i < 0:
			hint := ""
			if n := nearest(part.Name, append([]string{"elapsed"}, sc.names...)); n != "" {
				hint = fmt.Sprintf("; did you mean {%s}?", n)
			}
			bound := "none"
			if len(sc.names) > 0 {
				bound = strings.Join(sc.names, ", ")
			}
			p.errorf(st.Pos, "print: {%s} names no variable bound before this step%s (placeholders: {elapsed}, and variables bound by as: or e in an except clause; bound here: %s)", part.Name, hint, bound)
		case sc.kinds[i] == RefTask || sc.kinds[i] == RefTaskSet:
			p.errorf(st.Pos, "print: {%s} is %s, which Python prints as an unreadable repr; await it with as: and print the result", part.Name, kindText(sc.kinds[i]))
		default:
			part.Slot = i
		}
	}
}

// usesName reports whether a print among steps (at any depth) has a
// placeholder named name.
func usesName(steps []Step, name string) bool {
	for i := range steps {
		st := &steps[i]
		for _, part := range st.Text.vars {
			if part.Name == name {
				return true
			}
		}
		if usesName(st.Body, name) || usesName(st.Finally, name) {
			return true
		}
		for _, h := range st.Handlers {
			if usesName(h.Steps, name) {
				return true
			}
		}
	}
	return false
}

// Walk calls fn for every step of steps at any depth, in file order: each
// step, then the steps nested in it (its Body, each handler's Steps, its
// Finally).
func Walk(steps []Step, fn func(st *Step)) {
	for i := range steps {
		st := &steps[i]
		fn(st)
		Walk(st.Body, fn)
		for _, h := range st.Handlers {
			Walk(h.Steps, fn)
		}
		Walk(st.Finally, fn)
	}
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
			for _, r := range st.Refs {
				if r.Kind != RefCoroutine || found {
					continue
				}
				switch state[r.Name] {
				case active:
					i := slices.Index(path, r.Name)
					cycle := append(slices.Clone(path[i:]), r.Name)
					p.errorf(r.Pos, "task %s runs itself through %s (here with %s): it would never finish", r.Name, strings.Join(cycle, " → "), st.Kind)
					found = true
				case unseen:
					found = visit(s.Task(r.Name))
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

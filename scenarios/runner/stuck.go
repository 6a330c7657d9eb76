package runner

import (
	"slices"
	"strconv"
	"strings"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// A deadlock report names every task that waits forever and what it
// waits for, precisely: another task, a lock and who holds it, an event
// and who could set it, a queue and who could fill or empty it. When the
// waits form a cycle, the cycle comes first and is named.

// stuckWait is what one stuck task waits for.
type stuckWait struct {
	t *task
	// what is what it waits for, e.g. "B", "lock L, held by A".
	what string
	// on are the tasks that could end the wait (edges of the wait-for
	// graph).
	on []*task
}

// stuckReport describes the tasks waiting forever, e.g. "A waits for B;
// B waits for A (a cycle: A → B → A)".
func (l *loop) stuckReport() string {
	var waits []*stuckWait
	index := map[*task]int{}
	for _, t := range l.tasks {
		if !t.done() && len(t.frames) > 0 {
			index[t] = len(waits)
			waits = append(waits, l.stuckOn(t))
		}
	}
	cycle := findCycle(waits, index)
	var clauses []string
	clause := func(w *stuckWait) string {
		return l.stuckName(w.t) + " waits for " + w.what
	}
	done := map[*task]bool{}
	if len(cycle) > 1 {
		names := make([]string, 0, len(cycle)+1)
		for _, t := range cycle {
			clauses = append(clauses, clause(waits[index[t]]))
			names = append(names, t.name)
			done[t] = true
		}
		names = append(names, cycle[0].name)
		clauses[len(clauses)-1] += " (a cycle: " + strings.Join(names, " → ") + ")"
	}
	// The others, each after the tasks it waits for: causes first; tasks
	// in a row that wait for the same thing share a clause ("W, W #2 and
	// W #3 wait for event ev, ...").
	var group []*stuckWait
	flush := func() {
		switch len(group) {
		case 0:
		case 1:
			clauses = append(clauses, clause(group[0]))
		default:
			names := make([]string, len(group))
			for i, w := range group {
				names[i] = l.stuckName(w.t)
			}
			clauses = append(clauses, nameList(names, "and")+" wait for "+group[0].what)
		}
		group = group[:0]
	}
	var emit func(w *stuckWait)
	emit = func(w *stuckWait) {
		if done[w.t] {
			return
		}
		done[w.t] = true
		for _, next := range w.on {
			if i, ok := index[next]; ok {
				emit(waits[i])
			}
		}
		if len(group) > 0 && w.what != group[0].what {
			flush()
		}
		group = append(group, w)
	}
	for _, w := range waits {
		emit(w)
	}
	flush()
	if len(clauses) == 0 {
		return "no task can run"
	}
	return strings.Join(clauses, "; ")
}

// stuckName is a task's name, with the coroutine it is inside when it
// awaits one inline: "main (in B)".
func (l *loop) stuckName(t *task) string {
	if len(t.frames) > 1 {
		return t.name + " (in " + t.top().lane.lane.Name + ")"
	}
	return t.name
}

// findCycle returns the first cycle of the wait-for graph, in the order
// the tasks were created, or nil.
func findCycle(waits []*stuckWait, index map[*task]int) []*task {
	const (
		unseen = iota
		active
		finished
	)
	state := make([]int, len(waits))
	var path []*task
	var visit func(i int) []*task
	visit = func(i int) []*task {
		state[i] = active
		path = append(path, waits[i].t)
		for _, next := range waits[i].on {
			j, ok := index[next]
			if !ok {
				continue
			}
			switch state[j] {
			case active:
				return slices.Clone(path[slices.Index(path, next):])
			case unseen:
				if c := visit(j); c != nil {
					return c
				}
			}
		}
		path = path[:len(path)-1]
		state[i] = finished
		return nil
	}
	for i := range waits {
		if state[i] == unseen {
			if c := visit(i); c != nil {
				return c
			}
		}
	}
	return nil
}

// stuckOn says what a stuck task waits for.
func (l *loop) stuckOn(t *task) *stuckWait {
	w := &stuckWait{t: t}
	op := t.top().op
	switch op.kind {
	case waitFuture:
		switch {
		case op.f != nil && op.f.t != nil:
			w.what = op.f.t.name
			w.on = []*task{op.f.t}
		case op.prim != nil:
			name := op.prim.def.Name
			w.on = l.liveDoers(t, scenarios.Set, name)
			w.what = "event " + name + l.doersText(w.on, scenarios.Set, name, "sets", "which no task sets", "which no task still running sets")
		}
	case waitGather:
		w.what = op.f.label
		for _, c := range op.f.g.children {
			if !c.done() {
				w.on = append(w.on, c)
			}
		}
	case waitWait:
		w.what = op.h.waiter.label
		for _, c := range op.h.fs {
			if !c.done() {
				w.on = append(w.on, c)
			}
		}
	case waitWaitFor:
		w.what = op.st.Kind.String() + "(" + op.inner.name + ")"
		w.on = []*task{op.inner}
	case waitAcquire:
		p := op.prim
		w.on = l.holders(p)
		kind := "lock "
		if p.def.Kind == scenarios.SemaphoreKind {
			kind = "semaphore "
		}
		w.what = kind + p.def.Name
		switch {
		case slices.Contains(w.on, t) && len(w.on) == 1:
			w.what += ", which it holds already"
		case len(w.on) > 0:
			w.what += ", held by " + taskList(w.on, "and")
		default:
			w.what += " (of size 0), which no task releases"
		}
	case waitQueueGet:
		if op.phase == 1 { // as_completed
			w.what = op.f.label
			break
		}
		name := op.q.name
		w.on = l.liveDoers(t, scenarios.Put, name)
		w.what = "an item from queue " + name + l.doersText(w.on, scenarios.Put, name, "puts one", "with no producer", "with no producer still running")
	case waitQueuePut:
		name := op.q.name
		w.on = l.liveDoers(t, scenarios.Get, name)
		w.what = "room in queue " + name + l.doersText(w.on, scenarios.Get, name, "takes one", "with no consumer", "with no consumer still running")
	case waitTaskGroup:
		for _, c := range op.h.tg.tasks {
			if !c.done() {
				w.on = append(w.on, c)
			}
		}
		w.what = "its TaskGroup's tasks (" + taskList(w.on, "and") + ")"
	}
	if w.what == "" {
		w.what = t.top().lane.detail
	}
	return w
}

// doersText finishes the description of a wait on a primitive: ", which
// only B sets", ", which B or C sets", or, when no stuck task can do it,
// none (gone when some task of the scenario could, but has finished).
func (l *loop) doersText(doers []*task, kind scenarios.StepKind, name, verb, none, gone string) string {
	switch {
	case len(doers) == 1:
		return ", which only " + doers[0].name + " " + verb
	case len(doers) > 1:
		return ", which " + taskList(doers, "or") + " " + verb
	case l.anyDoes(kind, name):
		return ", " + gone
	}
	return ", " + none
}

// taskList joins task names: "A", "A and B", "A, B and C" (see nameList).
func taskList(ts []*task, and string) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.name
	}
	return nameList(names, and)
}

// nameList joins names: "A", "A and B", "A, B and C"; more than six are
// shortened to the first three and the last, with their number: "W, W #2,
// W #3, … and W #1000 (1,000 tasks)".
func nameList(names []string, and string) string {
	switch n := len(names); {
	case n <= 1:
		return strings.Join(names, "")
	case n > 6:
		return strings.Join(names[:3], ", ") + ", … " + and + " " + names[n-1] + " (" + thousands(n) + " tasks)"
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + and + " " + names[len(names)-1]
}

// thousands writes n with commas between groups of three digits: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// holders are the live tasks inside an async with block of p.
func (l *loop) holders(p *primState) []*task {
	var hs []*task
	for _, t := range l.tasks {
		if t.done() {
			continue
		}
	frames:
		for i := range t.frames {
			for _, b := range t.frames[i].blocks {
				if b.kind == bkWith && b.prim == p {
					hs = append(hs, t)
					break frames
				}
			}
		}
	}
	return hs
}

// liveDoers are the live tasks other than waiter whose code still to run
// (the rest of each block of each frame, the finally and except clauses
// around them, and the coroutines those await inline) has a step of kind
// on the primitive name.
func (l *loop) liveDoers(waiter *task, kind scenarios.StepKind, name string) []*task {
	var ds []*task
	for _, t := range l.tasks {
		if t.done() || t == waiter {
			continue
		}
		seen := map[string]bool{}
	frames:
		for i := range t.frames {
			for _, b := range t.frames[i].blocks {
				from := min(b.pc, len(b.steps))
				if b.kind == bkFor || b.kind == bkWhile || b.kind == bkAsCompleted {
					from = 0 // the loop's body runs again
				}
				if l.stepsDo(b.steps[from:], kind, name, seen) {
					ds = append(ds, t)
					break frames
				}
				if b.st == nil {
					continue
				}
				if l.stepsDo(b.st.Finally, kind, name, seen) {
					ds = append(ds, t)
					break frames
				}
				for _, h := range b.st.Handlers {
					if l.stepsDo(h.Steps, kind, name, seen) {
						ds = append(ds, t)
						break frames
					}
				}
			}
		}
	}
	return ds
}

// anyDoes reports whether any code of the scenario or the run has a step
// of kind on the primitive name.
func (l *loop) anyDoes(kind scenarios.StepKind, name string) bool {
	seen := map[string]bool{}
	if l.stepsDo(l.def.Steps, kind, name, seen) {
		return true
	}
	for _, t := range l.sc.Tasks {
		if l.stepsDo(t.Steps, kind, name, seen) {
			return true
		}
	}
	return false
}

// doesOn reports whether st is a step of kind on the primitive named
// name: by its name, or by a variable that may hold it (a parameter).
func doesOn(st *scenarios.Step, kind scenarios.StepKind, name string) bool {
	if st.Kind != kind {
		return false
	}
	n, ok := st.X.(*scenarios.Name)
	return ok && (n.Kind == scenarios.NamePrimitive && n.ID == name || n.Kind == scenarios.NameLocal)
}

// stepsDo reports whether steps, or the coroutines they await inline,
// have a step of kind on name; seen holds the coroutines already looked
// at. Coroutines run as tasks of their own (gather, create_task...) are
// not included: their tasks are looked at for themselves.
func (l *loop) stepsDo(steps []scenarios.Step, kind scenarios.StepKind, name string, seen map[string]bool) bool {
	found := false
	scenarios.Walk(steps, func(st *scenarios.Step) {
		if found {
			return
		}
		if doesOn(st, kind, name) {
			found = true
			return
		}
		if st.Kind != scenarios.Await {
			return
		}
		for _, c := range st.TaskCalls() {
			if !seen[c.Task.Name] {
				seen[c.Task.Name] = true
				if l.stepsDo(c.Task.Steps, kind, name, seen) {
					found = true
					return
				}
			}
		}
	})
	return found
}

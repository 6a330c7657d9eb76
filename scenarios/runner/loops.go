package runner

import (
	"github.com/asyncgantt/asyncgantt/scenarios"
)

// Loops, conditions and assignments: for, while, if, break, continue, let.

// For is for VARS in X: BODY. The block holds the items; each time round
// binds the next (loopNext).
func (l stepper) For(t *task, st *scenarios.Step) suspension {
	v, exc := l.evalIn(t, st.X)
	if exc != nil {
		return l.raised(t, exc)
	}
	items, exc := iterate(v)
	if exc != nil {
		return l.raised(t, exc)
	}
	list, _ := v.(*pyList)
	fr := t.top()
	fr.push(block{kind: bkFor, steps: st.Body, st: st, loop: &forState{items: items, list: list}, pc: len(st.Body)})
	return goOn
}

// While is while X: BODY; the condition is evaluated each time round
// (loopNext).
func (l stepper) While(t *task, st *scenarios.Step) suspension {
	t.top().push(block{kind: bkWhile, steps: st.Body, st: st, pc: len(st.Body)})
	return goOn
}

// loopNext starts the next time round the loop block b (a for's or a
// while's), at the end of its body or on continue: it binds the next item
// or evaluates the condition, and says whether the loop goes on. The
// condition may raise, in fr.
func (l *loop) loopNext(t *task, fr *frame, b *block) bool {
	switch b.kind {
	case bkFor:
		f := b.loop
		if f.list != nil {
			f.items = f.list.items
		}
		if f.next >= len(f.items) {
			return false
		}
		item := f.items[f.next]
		f.next++
		if exc := l.bindVars(fr, b.st.As, item); exc != nil {
			fr.raise(exc)
			return false
		}
		return true
	case bkWhile:
		v, exc := l.evalIn(t, b.st.X)
		if exc != nil {
			l.raised(t, exc)
			return false
		}
		return truth(v)
	}
	return false
}

// bindVars binds a for's variables to item, unpacking it into several.
func (l *loop) bindVars(fr *frame, vars []scenarios.Var, item value) *pyExc {
	if len(vars) == 1 {
		l.setVar(fr, vars[0], item)
		return nil
	}
	parts, exc := unpack(item, len(vars))
	if exc != nil {
		return exc
	}
	for i, v := range vars {
		l.setVar(fr, v, parts[i])
	}
	return nil
}

// If runs its steps or its else steps.
func (l stepper) If(t *task, st *scenarios.Step) suspension {
	v, exc := l.evalIn(t, st.X)
	if exc != nil {
		return l.raised(t, exc)
	}
	steps := st.Else
	if truth(v) {
		steps = st.Body
	}
	if len(steps) > 0 {
		t.top().push(block{kind: bkSteps, steps: steps, st: st})
	}
	return goOn
}

// Break leaves the innermost loop.
func (l stepper) Break(t *task, st *scenarios.Step) suspension {
	t.top().comp = completion{kind: compBreak}
	return goOn
}

// Continue starts the innermost loop's next time round.
func (l stepper) Continue(t *task, st *scenarios.Step) suspension {
	t.top().comp = completion{kind: compContinue}
	return goOn
}

// Let assigns each value to its variable, in order.
func (l stepper) Let(t *task, st *scenarios.Step) suspension {
	fr := t.top()
	for _, a := range st.Assign {
		v, exc := l.evalIn(t, a.X)
		if exc != nil {
			return l.raised(t, exc)
		}
		if a.Target != nil {
			// As Python: the value, then the container, then the key.
			x, exc := l.evalIn(t, a.Target.X)
			if exc != nil {
				return l.raised(t, exc)
			}
			i, exc := l.evalIn(t, a.Target.I)
			if exc != nil {
				return l.raised(t, exc)
			}
			if exc := setItem(x, i, v); exc != nil {
				return l.raised(t, exc)
			}
			l.mem += itemCost(v)
			continue
		}
		l.setVar(fr, a.Var, v)
	}
	return goOn
}

package scenarios

import (
	"fmt"
	"slices"
	"strconv"
)

// primitives reads primitives: {sem: {semaphore: 2}, lock: lock, ev:
// event, q: {queue: 0}}.
func (p *parseState) primitives(s *Scenario, n *node) {
	if n.kind != mappingNode {
		p.errorf(n.pos, "primitives: maps names to semaphore, lock, event, queue or process_pool, e.g. primitives: {sem: {semaphore: 2}, ev: event}; found %s", n.describe())
		return
	}
	for i, k := range n.keys {
		if !p.pythonName(k, "primitive", "its name is", "sem") {
			continue
		}
		if s.Primitive(k.value) != nil {
			p.errorf(k.pos, "primitive %q is declared twice", k.value)
			continue
		}
		v := n.vals[i]
		prim := &Primitive{Name: k.value, Pos: k.pos}
		kindNode, sizeNode := v, (*node)(nil)
		if v.kind == mappingNode && len(v.keys) == 1 {
			kindNode, sizeNode = v.keys[0], v.vals[0]
		}
		idx := -1
		if kindNode.kind == scalarNode {
			idx = slices.Index(primitiveNames, kindNode.value)
		}
		if idx < 0 {
			hint := ""
			if kindNode.kind == scalarNode {
				if s := nearest(kindNode.value, primitiveNames); s != "" {
					hint = fmt.Sprintf("; did you mean %q?", s)
				}
			}
			p.errorf(kindNode.pos, "primitive %s must be semaphore, lock, event, queue or process_pool, e.g. {semaphore: 2}, lock, event, {queue: 10}, {process_pool: 2}; found %s%s", k.value, kindNode.describe(), hint)
			continue
		}
		prim.Kind = PrimitiveKind(idx)
		switch {
		case prim.Kind == SemaphoreKind && sizeNode == nil:
			prim.Size = 1
		case prim.Kind == ProcessPoolKind && sizeNode != nil:
			n, err := strconv.Atoi(sizeNode.value)
			if sizeNode.kind != scalarNode || sizeNode.quoted || err != nil || n < 1 || n > 61 {
				p.errorf(sizeNode.pos, "a process pool's size is its number of worker processes, a whole number from 1 to 61; found %s", sizeNode.describe())
				continue
			}
			prim.Size = n
		case (prim.Kind == SemaphoreKind || prim.Kind == QueueKind) && sizeNode != nil:
			n, err := strconv.Atoi(sizeNode.value)
			if sizeNode.kind != scalarNode || sizeNode.quoted || err != nil || n < 0 || n > 1_000_000 {
				if prim.Kind == QueueKind {
					p.errorf(sizeNode.pos, "a queue's size is a whole number from 0 to 1000000 (0 means no limit); found %s", sizeNode.describe())
				} else {
					p.errorf(sizeNode.pos, "a semaphore's size is a whole number from 0 to 1000000; found %s", sizeNode.describe())
				}
				continue
			}
			prim.Size = n
		case sizeNode != nil:
			p.errorf(sizeNode.pos, "a %s takes no size; write %s: %s", prim.Kind, k.value, prim.Kind)
			continue
		}
		s.Primitives = append(s.Primitives, prim)
	}
}

// globals reads globals: {counter: 0, log: []}: the program's module-level
// variables, each a constant value, which every coroutine reads and
// assigns (Python's global). Each run starts with them afresh.
func (p *parseState) globals(s *Scenario, n *node) {
	if n.kind != mappingNode {
		p.errorf(n.pos, "globals: maps names to their first values, e.g. globals: {counter: 0}; found %s", n.describe())
		return
	}
	for i, k := range n.keys {
		if !p.pythonName(k, "global", "its name is", "counter") {
			continue
		}
		if s.Primitive(k.value) != nil || s.Global(k.value) != nil {
			p.errorf(k.pos, "global %q is declared twice, or is the name of a primitive", k.value)
			continue
		}
		x, ok := p.valueExpr(n.vals[i], "global "+k.value)
		if !ok {
			continue
		}
		if !isConstant(x) {
			p.errorf(n.vals[i].pos, "global %s starts with a constant (a number, text, True, False, None, or a list or dict of those)", k.value)
			continue
		}
		s.Globals = append(s.Globals, &Global{Name: k.value, Value: x, Pos: k.pos})
	}
}

package scenarios

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// stepOptions are the keys a step may have beside its keyword.
var stepOptions = [numStepKinds][]string{
	Await:       {"as"},
	CreateTask:  {"as"},
	Gather:      {"times", "return_exceptions", "as"},
	Wait:        {"return_when", "timeout", "as"},
	WaitFor:     {"timeout", "as"},
	Timeout:     {"steps"},
	TaskGroup:   {"steps"},
	AsCompleted: {"as", "steps"},
	AsyncWith:   {"steps"},
	Put:         {"item"},
	Get:         {"as"},
	ToThread:    {"as"},
	Try:         {"except", "finally"},
}

// stepExamples show each step's form in messages.
var stepExamples = [numStepKinds]string{
	Print:       "{print: hello}",
	Sleep:       "{sleep: 1s}",
	Block:       "{block: 1s}",
	CPU:         "{cpu: 1s}",
	Raise:       `{raise: "ValueError: boom"}`,
	Return:      "{return: a}",
	Await:       "{await: A, as: result}",
	CreateTask:  "{create_task: A, as: t}",
	Cancel:      "{cancel: t}",
	Gather:      "{gather: [A, B], return_exceptions: true, as: results}",
	Wait:        "{wait: [A, B], return_when: FIRST_COMPLETED, timeout: 1s, as: [done, pending]}",
	WaitFor:     "{wait_for: A, timeout: 1s, as: result}",
	Timeout:     "{timeout: 1s, steps: [{await: A}]}",
	TaskGroup:   "{task_group: [A, B]}",
	AsCompleted: "{as_completed: [A, B], as: result, steps: [{print: \"{result}\"}]}",
	AsyncWith:   "{async_with: sem, steps: [{sleep: 1s}]}",
	Set:         "{set: ev}",
	Clear:       "{clear: ev}",
	Put:         "{put: q, item: 1}",
	Get:         "{get: q, as: item}",
	ToThread:    "{to_thread: 2s}",
	Try:         "{try: [{await: A}], except: {ValueError: [{print: \"caught {e}\"}]}}",
	Call:        "{call: A}",
	AsyncioRun:  "{asyncio_run: A}",
}

func (p *parseState) steps(n *node) []Step {
	steps := make([]Step, 0, len(n.items))
	for _, item := range n.items {
		if st, ok := p.step(item); ok {
			steps = append(steps, st)
		}
	}
	return steps
}

// stepList parses a value that must be a list of steps.
func (p *parseState) stepList(v *node, what string) ([]Step, bool) {
	switch v.kind {
	case sequenceNode:
		return p.steps(v), true
	case nullNode:
		return nil, true
	}
	p.errorf(v.pos, "%s takes a list of steps, e.g. [{sleep: 1s}]; found %s", what, v.describe())
	return nil, false
}

func (p *parseState) step(n *node) (Step, bool) {
	if n.kind != mappingNode || len(n.keys) == 0 {
		p.errorf(n.pos, "a step is a mapping with a step keyword, e.g. {sleep: 1s} or {print: hello}; found %s", n.describe())
		return Step{}, false
	}
	kw := -1
	// timeout is a step keyword (async with asyncio.timeout) and an option
	// of wait and wait_for: beside those, it is the option.
	optTimeout := false
	for _, k := range n.keys {
		if k.value == "wait" || k.value == "wait_for" {
			optTimeout = true
		}
	}
	for i, k := range n.keys {
		if !slices.Contains(stepNames[:], k.value) || (optTimeout && k.value == "timeout") {
			continue
		}
		if kw >= 0 {
			p.errorf(k.pos, "a step has one step keyword; this one has both %s and %s: write two steps", n.keys[kw].value, k.value)
			return Step{}, false
		}
		kw = i
	}
	if kw < 0 {
		if len(n.keys) == 1 {
			p.unknownKey(n.keys[0], "step", stepNames[:])
		} else {
			names := make([]string, len(n.keys))
			for i, k := range n.keys {
				names[i] = k.value
			}
			hint := ""
			if s := nearest(n.keys[0].value, stepNames[:]); s != "" {
				hint = fmt.Sprintf("; did you mean %q?", s)
			}
			p.errorf(n.pos, "this step has no step keyword (found %s)%s (valid: %s)", strings.Join(names, ", "), hint, strings.Join(stepNames[:], ", "))
		}
		return Step{}, false
	}
	kind := StepKind(slices.Index(stepNames[:], n.keys[kw].value))
	st := Step{Kind: kind, Pos: n.keys[kw].pos}
	opts := map[string]*node{}
	ok := true
	for i, k := range n.keys {
		if i == kw {
			continue
		}
		valid := stepOptions[kind]
		if !slices.Contains(valid, k.value) {
			if len(valid) == 0 {
				p.errorf(k.pos, "%s takes no options; found %q (write it as %s)", kind, k.value, stepExamples[kind])
			} else {
				p.unknownKey(k, "option of "+kind.String(), valid)
			}
			ok = false
			continue
		}
		opts[k.value] = n.vals[i]
	}
	if !ok {
		return st, false
	}
	v := n.vals[kw]
	switch kind {
	case Print:
		return p.printStep(st, v)
	case Sleep, Block, CPU, ToThread:
		st.Duration, ok = p.duration(v, kind.String(), true)
	case Raise:
		st.Exc, ok = p.raiseSpec(v)
	case Return:
		st.Value, ok = p.value(v, "return")
	case Await, CreateTask, Cancel, WaitFor, AsyncWith, Set, Clear, Put, Get, Call, AsyncioRun:
		ok = p.refs(&st, v, false)
	case Gather, Wait, TaskGroup, AsCompleted:
		ok = p.refs(&st, v, true)
	case Timeout:
		st.Duration, ok = p.duration(v, "timeout", true)
	case Try:
		st.Body, ok = p.stepList(v, "try")
		if _, has := opts["except"]; !has {
			if _, has := opts["finally"]; !has {
				p.errorf(st.Pos, "try: needs except: or finally:, e.g. %s", stepExamples[Try])
				return st, false
			}
		}
	}
	if !ok {
		return st, false
	}
	for _, key := range stepOptions[kind] {
		ov, given := opts[key]
		if !given {
			switch {
			case key == "timeout" && kind == WaitFor:
				p.errorf(st.Pos, "wait_for: needs a timeout, e.g. %s", stepExamples[WaitFor])
				return st, false
			case key == "steps" && kind != TaskGroup && kind != AsCompleted:
				p.errorf(st.Pos, "%s: needs steps: [...], e.g. %s", kind, stepExamples[kind])
				return st, false
			case key == "item":
				p.errorf(st.Pos, "put: needs an item, e.g. %s", stepExamples[Put])
				return st, false
			}
			continue
		}
		switch key {
		case "as":
			ok = p.asVars(&st, ov)
		case "times":
			st.Times, ok = p.times(ov)
		case "return_exceptions":
			ok = p.boolean(ov, "return_exceptions", &st.ReturnExceptions)
		case "return_when":
			name := strings.TrimPrefix(p.text(ov, "return_when"), "asyncio.")
			i := slices.Index(returnWhenNames, name)
			if i < 0 || ov.kind != scalarNode {
				p.errorf(ov.pos, "return_when must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED; found %s", ov.describe())
				return st, false
			}
			st.ReturnWhen = ReturnWhen(i)
		case "timeout":
			st.Timeout, ok = p.duration(ov, "timeout", true)
			st.HasTimeout = true
		case "steps":
			st.Body, ok = p.stepList(ov, "steps")
		case "item":
			st.Value, ok = p.value(ov, "item")
		case "except":
			ok = p.handlers(&st, ov)
		case "finally":
			st.Finally, ok = p.stepList(ov, "finally")
			st.HasFinally = true
		}
		if !ok {
			return st, false
		}
	}
	return st, true
}

func (p *parseState) printStep(st Step, v *node) (Step, bool) {
	text := p.text(v, "print")
	if strings.ContainsAny(text, "\r") {
		p.errorf(v.pos, "print text contains a carriage return; print one line per step")
		return st, false
	}
	t, off, err := ParseTemplate(text)
	if err != nil {
		p.errorf(p.offsetPos(v, off), "%v", err)
		return st, false
	}
	st.Text = t
	st.Pos = v.pos
	return st, true
}

// offsetPos is the position of byte off inside scalar v, when it can be
// known (plain scalars); else v's position.
func (p *parseState) offsetPos(v *node, off int) Pos {
	pos := v.pos
	if !v.quoted && v.kind == scalarNode {
		pos.Col += off
	}
	return pos
}

// refs reads the names a step refers to: one name, or a list when list.
func (p *parseState) refs(st *Step, v *node, list bool) bool {
	one := func(item *node) bool {
		if item.kind != scalarNode || item.value == "" {
			p.errorf(item.pos, "%s: takes a name here, e.g. %s; found %s", st.Kind, stepExamples[st.Kind], item.describe())
			return false
		}
		st.Refs = append(st.Refs, Ref{Name: item.value, Pos: item.pos})
		return true
	}
	if !list {
		if v.kind != scalarNode {
			p.errorf(v.pos, "%s: takes one name, e.g. %s; found %s", st.Kind, stepExamples[st.Kind], v.describe())
			return false
		}
		return one(v)
	}
	if v.kind != sequenceNode || len(v.items) == 0 {
		p.errorf(v.pos, "%s: takes a list of names, e.g. %s; found %s", st.Kind, stepExamples[st.Kind], v.describe())
		return false
	}
	for _, item := range v.items {
		if !one(item) {
			return false
		}
	}
	return true
}

func (p *parseState) asVars(st *Step, v *node) bool {
	if st.Kind == Wait {
		if v.kind != sequenceNode || len(v.items) != 2 {
			p.errorf(v.pos, "as: of wait names two variables, the done and the pending tasks, e.g. as: [done, pending]; found %s", v.describe())
			return false
		}
		for _, item := range v.items {
			if !p.varName(item) {
				return false
			}
			st.As = append(st.As, Var{Name: item.value, Pos: item.pos, Slot: -1})
		}
		return true
	}
	if !p.varName(v) {
		return false
	}
	st.As = []Var{{Name: v.value, Pos: v.pos, Slot: -1}}
	return true
}

func (p *parseState) varName(v *node) bool {
	switch {
	case v.kind != scalarNode:
		p.errorf(v.pos, "as: takes a variable name, e.g. as: result; found %s", v.describe())
	case len(v.value) > MaxNameLen:
		p.errorf(v.pos, "variable name is %d characters long; the limit is %d", len(v.value), MaxNameLen)
	case !identRE.MatchString(v.value):
		p.errorf(v.pos, "variable name %q is not valid: letters, digits and _ (not starting with a digit), e.g. result", v.value)
	case slices.Contains(pythonReserved, v.value):
		p.errorf(v.pos, "variable name %q is reserved (a Python keyword or a name the generated program uses); choose another", v.value)
	default:
		return true
	}
	return false
}

var wholeRE = regexp.MustCompile(`^[1-9][0-9]*$`)

// times reads gather's times: N, a whole number from 1 to MaxGatherTimes
// written without quotes, in decimal digits (no sign, no leading zero:
// YAML would read 010 as octal, Python refuses it).
func (p *parseState) times(v *node) (int, bool) {
	if v.kind == scalarNode && !v.quoted && wholeRE.MatchString(v.value) {
		if n, err := strconv.Atoi(v.value); err == nil && n <= MaxGatherTimes {
			return n, true
		}
	}
	found := v.describe()
	if v.kind == scalarNode && v.quoted {
		found += " in quotes (text, not a number)"
	}
	p.errorf(v.pos, "times must be a whole number from 1 to %d (how many times over the list is gathered), e.g. {gather: [A, B], times: 3}; found %s", MaxGatherTimes, found)
	return 0, false
}

func (p *parseState) boolean(v *node, what string, dst *bool) bool {
	switch v.value {
	case "true", "True":
		*dst = true
		return v.kind == scalarNode && !v.quoted
	case "false", "False":
		*dst = false
		return v.kind == scalarNode && !v.quoted
	}
	p.errorf(v.pos, "%s must be true or false; found %s", what, v.describe())
	return false
}

// raiseSpec reads "ValueError: boom" or "ValueError".
func (p *parseState) raiseSpec(v *node) (ExcSpec, bool) {
	if v.kind != scalarNode {
		p.errorf(v.pos, "raise: takes an exception, e.g. %s; found %s", stepExamples[Raise], v.describe())
		return ExcSpec{}, false
	}
	typ, msg, hasMsg := strings.Cut(v.value, ":")
	typ = strings.TrimSpace(typ)
	typ = strings.TrimPrefix(typ, "asyncio.")
	if _, known := excParent[typ]; !known || strings.Contains(typ, "Group") {
		hint := ""
		if s := nearest(typ, excNames); s != "" {
			hint = fmt.Sprintf("; did you mean %q?", s)
		}
		p.errorf(v.pos, "raise: %q is not an exception type a scenario can raise%s (valid: %s)", typ, hint, strings.Join(raisable(), ", "))
		return ExcSpec{}, false
	}
	return ExcSpec{Type: typ, Msg: strings.TrimSpace(msg), HasMsg: hasMsg}, true
}

func raisable() []string {
	var names []string
	for _, n := range excNames {
		if !strings.Contains(n, "Group") {
			names = append(names, n)
		}
	}
	return names
}

// handlers reads except: {TYPE: [steps], ...}.
func (p *parseState) handlers(st *Step, v *node) bool {
	if v.kind != mappingNode || len(v.keys) == 0 {
		p.errorf(v.pos, "except: maps exception types to steps, e.g. except: {ValueError: [{print: \"caught {e}\"}]}; found %s", v.describe())
		return false
	}
	for i, k := range v.keys {
		typ := strings.TrimPrefix(k.value, "asyncio.")
		if _, known := excParent[typ]; !known {
			hint := ""
			if s := nearest(typ, excNames); s != "" {
				hint = fmt.Sprintf("; did you mean %q?", s)
			}
			p.errorf(k.pos, "except: %q is not an exception type%s (valid: %s)", k.value, hint, strings.Join(excNames, ", "))
			return false
		}
		steps, ok := p.stepList(v.vals[i], "except "+typ)
		if !ok {
			return false
		}
		st.Handlers = append(st.Handlers, Handler{Type: typ, Steps: steps, Pos: k.pos, E: Var{Name: "e", Slot: -1, Pos: k.pos}})
	}
	return true
}

var intRE = regexp.MustCompile(`^[-+]?[0-9]+$`)

// value reads a Python value: text, an integer, true/false, null (None)
// or a list of those.
func (p *parseState) value(v *node, what string) (any, bool) {
	switch v.kind {
	case nullNode:
		return nil, true
	case sequenceNode:
		list := make([]any, 0, len(v.items))
		for _, item := range v.items {
			x, ok := p.value(item, what)
			if !ok {
				return nil, false
			}
			list = append(list, x)
		}
		return list, true
	case mappingNode:
		p.errorf(v.pos, "%s: takes text, an integer, true/false, null or a list of those; found a mapping", what)
		return nil, false
	}
	if v.quoted {
		return v.value, true
	}
	switch v.value {
	case "true", "True":
		return true, true
	case "false", "False":
		return false, true
	case "null", "Null", "NULL", "~", "None":
		return nil, true
	}
	if intRE.MatchString(v.value) {
		n, err := strconv.ParseInt(v.value, 10, 64)
		if err != nil {
			p.errorf(v.pos, "%s: %s is too large for a 64-bit integer", what, v.value)
			return nil, false
		}
		return n, true
	}
	if _, err := strconv.ParseFloat(v.value, 64); err == nil {
		p.errorf(v.pos, "%s: %s is a float; use an integer, or quote it to make it text", what, v.value)
		return nil, false
	}
	return v.value, true
}

// primitives reads primitives: {sem: {semaphore: 2}, lock: lock, ev:
// event, q: {queue: 0}}.
func (p *parseState) primitives(s *Scenario, n *node) {
	if n.kind != mappingNode {
		p.errorf(n.pos, "primitives: maps names to semaphore, lock, event or queue, e.g. primitives: {sem: {semaphore: 2}, ev: event}; found %s", n.describe())
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
			p.errorf(kindNode.pos, "primitive %s must be semaphore, lock, event or queue, e.g. {semaphore: 2}, lock, event, {queue: 10}; found %s%s", k.value, kindNode.describe(), hint)
			continue
		}
		prim.Kind = PrimitiveKind(idx)
		switch {
		case prim.Kind == SemaphoreKind && sizeNode == nil:
			prim.Size = 1
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

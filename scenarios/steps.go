package scenarios

import (
	"fmt"
	"slices"
	"strings"
)

// stepSpec is the language's description of one step kind: how it is
// written (its keyword, what the keyword takes, its options), what the
// names it uses may refer to, what its as: variables hold, and whether the
// coroutines it names run. The parser, the resolver and the checks read
// it; the runner and the Python generator each implement StepVisitor.
// Adding a step kind means a StepKind, an entry of stepSpecs, and a method
// of StepVisitor (which every stage then must have).
type stepSpec struct {
	// name is the step's keyword, e.g. "gather".
	name string
	// example shows the step's form in messages.
	example string
	// arg is what the keyword takes.
	arg argKind
	// options are the keys the step may have beside its keyword, in the
	// order messages list them; each is read by parseState.option.
	options []string
	// required are the options the step must have.
	required []string
	// oneOf, when set, are options of which the step must have at least
	// one (try: except: or finally:).
	oneOf []string
	// refs says what the names the step uses may refer to.
	refs refWants
	// as is how many variables as: names (wait: the done and the pending
	// tasks), and binds what they hold.
	as    int
	binds RefKind
	// bindsFirst says the as: variable is bound before the body runs (a
	// loop variable), not after the step.
	bindsFirst bool
	// runs says how the coroutines the step names run.
	runs runsKind
}

// argKind is what a step's keyword takes.
type argKind uint8

const (
	argText     argKind = iota // a print template
	argDuration                // a duration, or an expression giving seconds
	argExc                     // an exception: "ValueError: boom", e, or nothing (raise again)
	argValue                   // a value (return)
	argExpr                    // one expression: a call, a task, a primitive
	argCalls                   // a call, or a comprehension of calls (create_task)
	argItems                   // awaitables (gather, wait, as_completed, task_group)
	argSteps                   // a list of steps (try)
	argTargets                 // loop variables (for)
	argCond                    // a condition (if, while)
	argAssign                  // assignments (let)
	argExecutor                // POOL, FUNC, D (run_in_executor)
	argNone                    // nothing: a step of one word (break, continue)
)

// refWants says which kinds of thing a step's expression may give.
type refWants struct {
	coroutine, task, taskSet bool
	// list: a list (or any value, which the run checks).
	list  bool
	prims []PrimitiveKind
}

// runsKind says how the coroutines a step names run.
type runsKind uint8

const (
	// runsNone: the step names no coroutine, or the coroutine never runs
	// (call, asyncio_run).
	runsNone runsKind = iota
	// runsInline: in the task of the step (await).
	runsInline
	// runsTasks: each in a task of its own, Step.Repeats() times over.
	runsTasks
)

var (
	coroutines     = refWants{coroutine: true}
	awaitables     = refWants{coroutine: true, task: true}
	tasksToCancel  = refWants{task: true, taskSet: true}
	locks          = refWants{prims: []PrimitiveKind{SemaphoreKind, LockKind}}
	events         = refWants{prims: []PrimitiveKind{EventKind}}
	queues         = refWants{prims: []PrimitiveKind{QueueKind}}
	pools          = refWants{prims: []PrimitiveKind{ProcessPoolKind}}
	lists          = refWants{list: true}
	awaitableOrEvt = refWants{coroutine: true, task: true, prims: []PrimitiveKind{EventKind}}
)

// stepSpecs describes every step kind; TestStepSpecs checks none is
// missing.
var stepSpecs = [numStepKinds]stepSpec{
	Print:      {name: "print", example: "{print: hello}", arg: argText},
	Sleep:      {name: "sleep", example: "{sleep: 1s}", arg: argDuration},
	Block:      {name: "block", example: "{block: 1s}", arg: argDuration},
	CPU:        {name: "cpu", example: "{cpu: 1s}", arg: argDuration},
	Raise:      {name: "raise", example: `{raise: "ValueError: boom"}`, arg: argExc},
	Return:     {name: "return", example: "{return: a}", arg: argValue},
	Await:      {name: "await", example: "{await: A, as: result}", arg: argExpr, options: []string{"as"}, as: 1, binds: RefValue, refs: awaitableOrEvt, runs: runsInline},
	CreateTask: {name: "create_task", example: "{create_task: A, as: t}", arg: argCalls, options: []string{"as", "name"}, as: 1, binds: RefTask, refs: coroutines, runs: runsTasks},
	Cancel:     {name: "cancel", example: "{cancel: t}", arg: argExpr, refs: tasksToCancel},
	Gather: {name: "gather", example: "{gather: [A, B], return_exceptions: true, as: results}", arg: argItems,
		options: []string{"times", "return_exceptions", "as"}, as: 1, binds: RefValue, refs: awaitables, runs: runsTasks},
	Wait: {name: "wait", example: "{wait: [A, B], return_when: FIRST_COMPLETED, timeout: 1s, as: [done, pending]}", arg: argItems,
		options: []string{"return_when", "timeout", "as"}, as: 2, binds: RefTaskSet, refs: awaitables, runs: runsTasks},
	WaitFor: {name: "wait_for", example: "{wait_for: A, timeout: 1s, as: result}", arg: argExpr,
		options: []string{"timeout", "as"}, required: []string{"timeout"}, as: 1, binds: RefValue, refs: awaitables, runs: runsTasks},
	Timeout:   {name: "timeout", example: "{timeout: 1s, steps: [{await: A}]}", arg: argDuration, options: []string{"steps"}, required: []string{"steps"}},
	TaskGroup: {name: "task_group", example: "{task_group: [A, B], as: [ta, tb]}", arg: argItems, options: []string{"as", "steps"}, as: -1, binds: RefTask, bindsFirst: true, refs: coroutines, runs: runsTasks},
	AsCompleted: {name: "as_completed", example: "{as_completed: [A, B], as: result, steps: [{print: \"{result}\"}]}", arg: argItems,
		options: []string{"as", "steps"}, as: 1, binds: RefValue, bindsFirst: true, refs: awaitables, runs: runsTasks},
	AsyncWith: {name: "async_with", example: "{async_with: sem, steps: [{sleep: 1s}]}", arg: argExpr, options: []string{"steps"}, required: []string{"steps"}, refs: locks},
	Set:       {name: "set", example: "{set: ev}", arg: argExpr, refs: events},
	Clear:     {name: "clear", example: "{clear: ev}", arg: argExpr, refs: events},
	Put:       {name: "put", example: "{put: q, item: 1}", arg: argExpr, options: []string{"item"}, required: []string{"item"}, refs: queues},
	Get:       {name: "get", example: "{get: q, as: item}", arg: argExpr, options: []string{"as"}, as: 1, binds: RefValue, refs: queues},
	ToThread:  {name: "to_thread", example: "{to_thread: 2s}", arg: argDuration, options: []string{"as"}, as: 1, binds: RefValue},
	Try: {name: "try", example: "{try: [{await: A}], except: {ValueError: [{print: \"caught {e}\"}]}}", arg: argSteps,
		options: []string{"except", "except*", "finally"}, oneOf: []string{"except", "except*", "finally"}},
	Call:       {name: "call", example: "{call: A}", arg: argExpr, refs: coroutines},
	AsyncioRun: {name: "asyncio_run", example: "{asyncio_run: A}", arg: argExpr, refs: coroutines},
	For: {name: "for", example: "{for: i, in: range(3), steps: [{print: \"{i}\"}]}", arg: argTargets,
		options: []string{"in", "steps"}, required: []string{"in"}, bindsFirst: true},
	While:    {name: "while", example: "{while: true, steps: [{get: q, as: item}, break]}", arg: argCond, options: []string{"steps"}},
	If:       {name: "if", example: "{if: t.done(), steps: [{print: done}], else: [{cancel: t}]}", arg: argCond, options: []string{"steps", "else"}},
	Break:    {name: "break", example: "break", arg: argNone},
	Continue: {name: "continue", example: "continue", arg: argNone},
	Let:      {name: "let", example: "{let: {total: 0, names: []}}", arg: argAssign},
	TaskDone: {name: "task_done", example: "{task_done: q}", arg: argExpr, refs: queues},
	Join:     {name: "join", example: "{join: q}", arg: argExpr, refs: queues},
	RunInExecutor: {name: "run_in_executor", example: `{run_in_executor: "None, time.sleep, 1s", as: result}`, arg: argExecutor,
		options: []string{"as"}, as: 1, binds: RefValue, refs: pools},
	Append: {name: "append", example: "{append: results, item: x}", arg: argExpr, options: []string{"item"}, required: []string{"item"}, refs: lists},
}

// stepNames are the step keywords, in StepKind order.
var stepNames = func() []string {
	names := make([]string, numStepKinds)
	for k := range stepSpecs {
		names[k] = stepSpecs[k].name
	}
	return names
}()

// requiredText says what a step missing a required option needs, by
// option.
var requiredText = map[string]string{
	"timeout": "a timeout",
	"steps":   "steps: [...]",
	"item":    "an item",
	"in":      "in: what to loop over",
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

// step parses one step: {KEYWORD: VALUE, OPTION: VALUE, ...}, as its
// kind's stepSpec describes it.
func (p *parseState) step(n *node) (Step, bool) {
	if n.kind == scalarNode && !n.quoted {
		// A step of one word: break, continue, raise (again).
		switch n.value {
		case "break":
			return Step{Kind: Break, Pos: n.pos}, true
		case "continue":
			return Step{Kind: Continue, Pos: n.pos}, true
		case "raise":
			return Step{Kind: Raise, Pos: n.pos}, true
		}
	}
	if n.kind != mappingNode || len(n.keys) == 0 {
		p.errorf(n.pos, "a step is a mapping with a step keyword, e.g. {sleep: 1s} or {print: hello}; found %s", n.describe())
		return Step{}, false
	}
	kw, ok := p.keyword(n)
	if !ok {
		return Step{}, false
	}
	kind := StepKind(slices.Index(stepNames, n.keys[kw].value))
	spec := &stepSpecs[kind]
	st := Step{Kind: kind, Pos: n.keys[kw].pos}
	opts := map[string]*node{}
	for i, k := range n.keys {
		if i == kw {
			continue
		}
		if !slices.Contains(spec.options, k.value) {
			if len(spec.options) == 0 {
				p.errorf(k.pos, "%s takes no options; found %q (write it as %s)", kind, k.value, spec.example)
			} else {
				p.unknownKey(k, "option of "+kind.String(), spec.options)
			}
			ok = false
			continue
		}
		opts[k.value] = n.vals[i]
	}
	if !ok {
		return st, false
	}
	if st, ok = p.stepArg(st, n.vals[kw]); len(spec.oneOf) > 0 && !slices.ContainsFunc(spec.oneOf, func(k string) bool { return opts[k] != nil }) {
		p.errorf(st.Pos, "%s: needs %s:, e.g. %s", kind, strings.Join(spec.oneOf, ": or "), spec.example)
		return st, false
	}
	if !ok {
		return st, false
	}
	for _, key := range spec.options {
		v, given := opts[key]
		if !given {
			if slices.Contains(spec.required, key) {
				p.errorf(st.Pos, "%s: needs %s, e.g. %s", kind, requiredText[key], spec.example)
				return st, false
			}
			continue
		}
		if !p.option(key, &st, v) {
			return st, false
		}
	}
	return st, true
}

// keyword finds the step keyword among a step's keys. timeout is a step
// keyword (async with asyncio.timeout) and an option of wait and
// wait_for: beside a step that takes it as an option, a keyword is that
// option.
func (p *parseState) keyword(n *node) (int, bool) {
	var asOption []string
	for _, k := range n.keys {
		if i := slices.Index(stepNames, k.value); i >= 0 {
			asOption = append(asOption, stepSpecs[i].options...)
		}
	}
	kw := -1
	for i, k := range n.keys {
		if !slices.Contains(stepNames, k.value) || slices.Contains(asOption, k.value) {
			continue
		}
		if kw >= 0 {
			p.errorf(k.pos, "a step has one step keyword; this one has both %s and %s: write two steps", n.keys[kw].value, k.value)
			return 0, false
		}
		kw = i
	}
	if kw >= 0 {
		return kw, true
	}
	if len(n.keys) == 1 {
		p.unknownKey(n.keys[0], "step", stepNames)
		return 0, false
	}
	names := make([]string, len(n.keys))
	for i, k := range n.keys {
		names[i] = k.value
	}
	hint := ""
	if s := nearest(n.keys[0].value, stepNames); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
	}
	p.errorf(n.pos, "this step has no step keyword (found %s)%s (valid: %s)", strings.Join(names, ", "), hint, strings.Join(stepNames, ", "))
	return 0, false
}

// stepArg reads the value of the step's keyword, as its kind's arg says.
func (p *parseState) stepArg(st Step, v *node) (Step, bool) {
	ok := false
	switch stepSpecs[st.Kind].arg {
	case argText:
		return p.printStep(st, v)
	case argDuration:
		st.Duration, st.DurationX, ok = p.durationArg(v, st.Kind.String())
	case argExc:
		ok = p.raiseSpec(&st, v)
	case argValue:
		st.Value, ok = p.valueExpr(v, st.Kind.String())
	case argExpr:
		ok = p.exprArg(&st, v)
	case argCalls:
		ok = p.callsArg(&st, v)
	case argItems:
		ok = p.itemsArg(&st, v)
	case argSteps:
		st.Body, ok = p.stepList(v, st.Kind.String())
	case argTargets:
		ok = p.targets(&st, v)
	case argCond:
		ok = p.condArg(&st, v)
	case argAssign:
		ok = p.assignments(&st, v)
	case argExecutor:
		ok = p.executorArg(&st, v)
	case argNone:
		if v.kind != nullNode && !(v.kind == scalarNode && v.value == "") {
			p.errorf(v.pos, "%s takes nothing: write it as a step of one word, - %s", st.Kind, st.Kind)
			return st, false
		}
		ok = true
	}
	return st, ok
}

// option reads the value of a step's option key into the step.
func (p *parseState) option(key string, st *Step, v *node) (ok bool) {
	switch key {
	case "as":
		return p.asVars(st, v)
	case "times":
		st.Times, ok = p.times(v)
	case "return_exceptions":
		ok = p.boolean(v, "return_exceptions", &st.ReturnExceptions)
	case "return_when":
		ok = p.returnWhen(st, v)
	case "timeout":
		st.Timeout, st.TimeoutX, ok = p.durationArg(v, "timeout")
		st.HasTimeout = true
	case "steps":
		st.Body, ok = p.stepList(v, "steps")
	case "else":
		st.Else, ok = p.stepList(v, "else")
	case "item":
		st.Value, ok = p.valueExpr(v, "item")
	case "in":
		st.X, ok = p.valueExpr(v, "in")
	case "name":
		st.Name, ok = p.valueExpr(v, "name")
	case "except":
		ok = p.handlers(st, v, false)
	case "except*":
		ok = p.handlers(st, v, true)
	case "finally":
		st.Finally, ok = p.stepList(v, "finally")
		st.HasFinally = true
	default:
		panic("scenarios: no reader for the step option " + key) // a stepSpec names an option this does not read
	}
	return ok
}

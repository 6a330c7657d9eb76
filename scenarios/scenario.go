package scenarios

import (
	"time"
)

// Scenario is a parsed, validated scenario file.
type Scenario struct {
	// File is the path or name used in error messages, e.g. "basics.yaml".
	File string
	// Name is the base name for output files, e.g. "async-basics".
	Name string
	// Title is a short title, e.g. "Async basics".
	Title string
	// Description is a paragraph saying what the scenario teaches.
	Description string
	// Tasks are the coroutines the runs use, in file order.
	Tasks []*Task
	// Runs are the main() bodies to compare, in file order.
	Runs []*RunDef
	// Primitives are the semaphores, locks, events and queues the tasks
	// share, in file order.
	Primitives []*Primitive
	// Figure holds the scenario's own figure settings; flags override them.
	Figure FigureSettings
	// Source is the file's text.
	Source []byte
	// taskIndex finds tasks by name once parsing has read them all; nil in
	// a Scenario built by hand, where Task searches the list.
	taskIndex map[string]*Task
}

// FigureSettings are a scenario's preferred figure settings: the figure:
// key of a scenario file. Zero values mean the defaults.
type FigureSettings struct {
	// Theme names the theme, e.g. "dark".
	Theme string
	// Width and Height are in pixels.
	Width, Height float64
}

// Task is a named coroutine: async def NAME(): STEPS.
type Task struct {
	// Name is the coroutine's name, e.g. "A".
	Name string
	// Steps is the coroutine's body.
	Steps []Step
	// Shorthand is the duration of a task written as "A: 2s", or zero.
	Shorthand time.Duration
	// Vars names the coroutine's local variables by slot (see Var).
	Vars []string
	// Pos is where the task is defined.
	Pos Pos
}

// SleepMode says how a run executes the sleep steps of its coroutines.
type SleepMode int

const (
	// SleepAwait: `await asyncio.sleep(d)`, the task yields the loop.
	SleepAwait SleepMode = iota
	// SleepBlock: `time.sleep(d)`, the task holds the loop.
	SleepBlock
	// SleepNoAwait: `asyncio.sleep(d)` without await: the coroutine object
	// is created and thrown away, nothing waits, and Python warns
	// "RuntimeWarning: coroutine 'sleep' was never awaited".
	SleepNoAwait
)

var sleepModeNames = []string{"await", "block", "no-await"}

// String returns the mode's name as written in a scenario file.
func (m SleepMode) String() string { return sleepModeNames[m] }

// RunDef is one run to compare: the body of a main() coroutine passed to
// asyncio.run.
type RunDef struct {
	// Name labels the run, e.g. "Concurrent".
	Name string
	// Sleeps says how sleep steps execute in this run.
	Sleeps SleepMode
	// Steps is the body of main().
	Steps []Step
	// Vars names main's local variables by slot (see Var).
	Vars []string
	// Pos is where the run is defined.
	Pos Pos
}

// Pos is a position in a scenario file, 1-based; zero means unknown.
type Pos struct {
	Line, Col int
}

// StepKind names what a step does. Each is written as the step's keyword
// (see String) and documented with its Python equivalent.
type StepKind int

const (
	// Print: print(f"TEXT").
	Print StepKind = iota
	// Sleep: await asyncio.sleep(D); sleep: 0 yields to the loop once.
	Sleep
	// Block: time.sleep(D) inside a coroutine; holds the event loop.
	Block
	// CPU: a busy computation lasting D; holds the event loop while running.
	CPU
	// Raise: raise TYPE("message").
	Raise
	// Return: return VALUE.
	Return
	// Await: await NAME() (a coroutine, run inline in the current task),
	// await TASK (a task variable) or await EVENT.wait().
	Await
	// CreateTask: asyncio.create_task(NAME()), optionally kept in a variable.
	CreateTask
	// Cancel: TASK.cancel(), or for task in SET: task.cancel().
	Cancel
	// Gather: await asyncio.gather(A(), B(), ...), each coroutine in a task
	// of its own; with times: N, the list N times over (see Step.Times).
	Gather
	// Wait: await asyncio.wait([...], return_when=..., timeout=...).
	Wait
	// WaitFor: await asyncio.wait_for(NAME(), timeout=D).
	WaitFor
	// Timeout: async with asyncio.timeout(D): STEPS.
	Timeout
	// TaskGroup: async with asyncio.TaskGroup() as tg: tg.create_task(...).
	TaskGroup
	// AsCompleted: for coro in asyncio.as_completed([...]): x = await coro.
	AsCompleted
	// AsyncWith: async with LOCK_OR_SEMAPHORE: STEPS.
	AsyncWith
	// Set: EVENT.set().
	Set
	// Clear: EVENT.clear().
	Clear
	// Put: await QUEUE.put(ITEM).
	Put
	// Get: await QUEUE.get().
	Get
	// ToThread: await asyncio.to_thread(time.sleep, D): the blocking call
	// runs in a worker thread of the default executor.
	ToThread
	// Try: try: STEPS except TYPE as e: STEPS finally: STEPS.
	Try
	// Call: NAME() without await: the coroutine never runs and Python warns
	// "RuntimeWarning: coroutine 'NAME' was never awaited".
	Call
	// AsyncioRun: asyncio.run(NAME()) inside the running loop, which raises
	// RuntimeError.
	AsyncioRun
	numStepKinds
)

// String returns the step's keyword as written in a scenario file.
func (k StepKind) String() string { return stepSpecs[k].name }

// StepKinds returns every step kind in declaration order.
func StepKinds() []StepKind {
	ks := make([]StepKind, numStepKinds)
	for i := range ks {
		ks[i] = StepKind(i)
	}
	return ks
}

// Step is one statement of a coroutine.
type Step struct {
	// Kind says what the step does.
	Kind StepKind
	// Pos is where the step is written.
	Pos Pos
	// Text is the template printed by a Print step.
	Text Template
	// Duration is how long a Sleep, Block, CPU or ToThread step lasts, or
	// the delay of a Timeout step.
	Duration time.Duration
	// Refs are the names the step uses: coroutines, task variables or
	// primitives, in the order written.
	Refs []Ref
	// As are the variables the step binds (as:), in order; wait binds two.
	As []Var
	// Value is what a Return step returns or a Put step puts: nil (None),
	// a string, an int64, a bool or a []any of those.
	Value any
	// Exc is the exception a Raise step raises.
	Exc ExcSpec
	// Times is how many times over a Gather step gathers its Refs, in
	// order (A, B, A, B, ... for times: 2 of [A, B]): gather's times:,
	// from 1 to MaxGatherTimes. Zero, in a Step built by hand, means once.
	Times int
	// ReturnExceptions is gather's return_exceptions=True.
	ReturnExceptions bool
	// ReturnWhen is wait's return_when.
	ReturnWhen ReturnWhen
	// Timeout is the timeout of a Wait or WaitFor step, when HasTimeout.
	Timeout time.Duration
	// HasTimeout says whether Timeout was given.
	HasTimeout bool
	// Body holds the nested steps of Timeout, TaskGroup, AsCompleted,
	// AsyncWith and Try.
	Body []Step
	// Handlers are a Try step's except clauses, in order.
	Handlers []Handler
	// Finally is a Try step's finally clause, when HasFinally.
	Finally []Step
	// HasFinally says whether a Try step has a finally clause.
	HasFinally bool
}

// Repeats returns how many times over the step uses its Refs: Times, or 1
// when Times is zero.
func (st *Step) Repeats() int { return max(st.Times, 1) }

// RefKind says what a name in a step refers to.
type RefKind int

const (
	// RefCoroutine is a task of the scenario: a coroutine function, called.
	RefCoroutine RefKind = iota
	// RefTask is a variable holding an asyncio.Task (create_task's as:).
	RefTask
	// RefTaskSet is a variable holding a set of tasks (wait's as:).
	RefTaskSet
	// RefPrimitive is a semaphore, lock, event or queue (primitives:).
	RefPrimitive
	// RefValue is a variable holding a value.
	RefValue
)

// Ref is a name used by a step, resolved.
type Ref struct {
	// Name is the name as written.
	Name string
	// Kind says what it refers to.
	Kind RefKind
	// Index is the variable's slot (RefTask, RefTaskSet, RefValue) or the
	// primitive's index in Scenario.Primitives (RefPrimitive).
	Index int
	// Pos is where the name is written.
	Pos Pos
}

// Var is a local variable bound by a step: Python's `NAME = ...`.
type Var struct {
	// Name is the variable's name.
	Name string
	// Slot is its index in the coroutine's Vars.
	Slot int
	// Pos is where it is named.
	Pos Pos
}

// ExcSpec is an exception to raise: TYPE("Msg"), or TYPE() without one.
type ExcSpec struct {
	// Type is a built-in exception name, e.g. "ValueError".
	Type string
	// Msg is the message.
	Msg string
	// HasMsg says whether a message was given.
	HasMsg bool
}

// Handler is one except clause: except TYPE as e: STEPS.
type Handler struct {
	// Type is the exception type caught, e.g. "ValueError".
	Type string
	// Steps is the handler's body.
	Steps []Step
	// E is the variable e, bound when the body uses it; Slot -1 otherwise.
	E Var
	// Pos is where the clause is written.
	Pos Pos
}

// ReturnWhen is asyncio.wait's return_when.
type ReturnWhen int

const (
	// AllCompleted: asyncio.ALL_COMPLETED, the default.
	AllCompleted ReturnWhen = iota
	// FirstCompleted: asyncio.FIRST_COMPLETED.
	FirstCompleted
	// FirstException: asyncio.FIRST_EXCEPTION.
	FirstException
)

var returnWhenNames = []string{"ALL_COMPLETED", "FIRST_COMPLETED", "FIRST_EXCEPTION"}

// String returns the constant's name, e.g. "FIRST_COMPLETED".
func (w ReturnWhen) String() string { return returnWhenNames[w] }

// PrimitiveKind says what a primitive is.
type PrimitiveKind int

const (
	// SemaphoreKind: asyncio.Semaphore(N).
	SemaphoreKind PrimitiveKind = iota
	// LockKind: asyncio.Lock().
	LockKind
	// EventKind: asyncio.Event().
	EventKind
	// QueueKind: asyncio.Queue(maxsize=N).
	QueueKind
)

var primitiveNames = []string{"semaphore", "lock", "event", "queue"}

// String returns the kind as written in a scenario file, e.g. "semaphore".
func (k PrimitiveKind) String() string { return primitiveNames[k] }

// Primitive is a synchronization object shared by the tasks of a run,
// declared under primitives:. Each run gets fresh ones.
type Primitive struct {
	// Name is the Python variable, e.g. "sem".
	Name string
	// Kind says what it is.
	Kind PrimitiveKind
	// Size is a semaphore's initial value or a queue's maxsize (0: no
	// limit).
	Size int
	// Pos is where it is declared.
	Pos Pos
}

// Task returns the scenario's task named name, or nil.
func (s *Scenario) Task(name string) *Task {
	if s.taskIndex != nil && len(s.taskIndex) == len(s.Tasks) {
		return s.taskIndex[name]
	}
	for _, t := range s.Tasks {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// TaskNames returns the names of the scenario's tasks in file order.
func (s *Scenario) TaskNames() []string {
	names := make([]string, len(s.Tasks))
	for i, t := range s.Tasks {
		names[i] = t.Name
	}
	return names
}

// Primitive returns the scenario's primitive named name, or nil.
func (s *Scenario) Primitive(name string) *Primitive {
	for _, p := range s.Primitives {
		if p.Name == name {
			return p
		}
	}
	return nil
}

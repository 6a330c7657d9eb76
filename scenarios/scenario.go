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
	// Globals are the module-level variables the coroutines share, in file
	// order.
	Globals []*Global
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
	// Baseline names the run the figure compares the others with in its
	// speed-up badges, or "none" for no badges; "" for the default, the
	// first run when the runs do the same work. BaselinePos is where it is
	// written.
	Baseline    string
	BaselinePos Pos
}

// Task is a named coroutine: async def NAME(PARAMS): STEPS.
type Task struct {
	// Name is the coroutine's name, e.g. "A".
	Name string
	// Params are its parameters, in order; they take the first slots of
	// Vars.
	Params []Param
	// Steps is the coroutine's body.
	Steps []Step
	// Shorthand is the duration of a task written as "A: 2s", or zero.
	Shorthand time.Duration
	// Vars names the coroutine's local variables by slot (see Var).
	Vars []string
	// Pos is where the task is defined.
	Pos Pos
}

// Param is a parameter of a task: NAME, NAME=DEFAULT, or *NAME (the
// extra positional arguments, a tuple).
type Param struct {
	// Name is the parameter's name.
	Name string
	// Default is its default value, a constant; nil when it has none.
	Default Expr
	// Star says the parameter is *NAME.
	Star bool
	// Pos is where it is written.
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
	// For: for VARS in X: BODY.
	For
	// While: while X: BODY.
	While
	// If: if X: BODY else: ELSE.
	If
	// Break: break, in a for or while loop.
	Break
	// Continue: continue, in a for or while loop.
	Continue
	// Let: NAME = VALUE, for each assignment in order.
	Let
	// TaskDone: QUEUE.task_done().
	TaskDone
	// Join: await QUEUE.join().
	Join
	// RunInExecutor: await loop.run_in_executor(POOL, FUNC, D): FUNC (crunch
	// or time.sleep) runs in a worker of the pool, or of the default
	// executor when the pool is None.
	RunInExecutor
	// Append: LIST.append(ITEM).
	Append
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
	// Text is the f-string a Print step prints.
	Text Template
	// Duration is how long a Sleep, Block, CPU, ToThread or RunInExecutor
	// step lasts, or the delay of a Timeout step, when written as a
	// duration (2s); DurationX is the expression giving it in seconds
	// otherwise (sleep: delay), nil when written as a duration.
	Duration  time.Duration
	DurationX Expr
	// X is the expression of the step's keyword: the call of Await,
	// CreateTask (a *Comp of calls for a list of tasks), WaitFor, Call and
	// AsyncioRun (a *CallExpr of a task); or the task, event, lock,
	// semaphore, queue or pool the step works on (Await of a task or an
	// event, Cancel, AsyncWith, Set, Clear, Put, Get, TaskDone, Join,
	// RunInExecutor); For's iterable (in:); the condition of If and While;
	// the exception Raise raises again (raise: e).
	X Expr
	// Event says an Await's X is an event, awaited as ev.wait(); Each says
	// a Cancel's X is a collection of tasks, each cancelled: what the file
	// says they are (a parameter given anything is neither).
	Event, Each bool
	// Items are the awaitables of Gather, Wait, AsCompleted and TaskGroup,
	// in order: calls of tasks (*CallExpr), tasks, *Starred (the items of a
	// collection) and *Comp (a comprehension, its items in its place). When
	// ItemsWhole, Items[0] is the collection itself (wait: tasks).
	Items      []Expr
	ItemsWhole bool
	// As are the variables the step binds (as:), in order: wait binds
	// two, task_group one per task (or one, the list of them all); For's
	// loop variables.
	As []Var
	// AsList says task_group's as: is a list of names, one per task.
	AsList bool
	// Value is what a Return step returns, a Put step puts or an Append
	// step appends (nil for
	// None, in a Step built by hand).
	Value Expr
	// Assign are a Let step's assignments, in order.
	Assign []Assign
	// Name is the task name create_task gives its task (name:), or nil.
	Name Expr
	// Exc is the exception a Raise step raises; a Raise step with neither
	// Exc.Type nor X raises again the exception being handled.
	Exc ExcSpec
	// Func is what a RunInExecutor step runs: "crunch" or "time.sleep".
	Func string
	// Times is how many times over a Gather step gathers its Items, in
	// order (A, B, A, B, ... for times: 2 of [A, B]): gather's times:,
	// from 1 to MaxGatherTimes. Zero, in a Step built by hand, means once.
	Times int
	// ReturnExceptions is gather's return_exceptions=True.
	ReturnExceptions bool
	// ReturnWhen is wait's return_when.
	ReturnWhen ReturnWhen
	// Timeout is the timeout of a Wait or WaitFor step, when HasTimeout;
	// TimeoutX the expression giving it in seconds, when not written as a
	// duration.
	Timeout    time.Duration
	TimeoutX   Expr
	HasTimeout bool
	// Body holds the nested steps of Timeout, TaskGroup, AsCompleted,
	// AsyncWith, Try, For, While and If.
	Body []Step
	// Else is an If step's else clause.
	Else []Step
	// Handlers are a Try step's except clauses, in order; Star says they
	// are except* clauses.
	Handlers []Handler
	Star     bool
	// Finally is a Try step's finally clause, when HasFinally.
	Finally []Step
	// HasFinally says whether a Try step has a finally clause.
	HasFinally bool
}

// Repeats returns how many times over the step uses its Items: Times, or
// 1 when Times is zero.
func (st *Step) Repeats() int { return max(st.Times, 1) }

// Assign is one assignment of a Let step: Var = X.
type Assign struct {
	Var Var
	X   Expr
	// Target, when set, is the item assigned instead of a variable:
	// results[name] = X.
	Target *Index
}

// RefKind says what the language knows a variable or an expression holds,
// when it reads the file.
type RefKind int

const (
	// RefCoroutine is a call of a task of the scenario: a coroutine.
	RefCoroutine RefKind = iota
	// RefTask is an asyncio.Task (create_task's as:).
	RefTask
	// RefTaskSet is a set of tasks (wait's as:).
	RefTaskSet
	// RefPrimitive is a semaphore, lock, event, queue or pool
	// (primitives:).
	RefPrimitive
	// RefValue is a value: text, a number, a list, an exception...
	RefValue
	// RefTaskList is a list of tasks (a create_task comprehension's as:,
	// task_group's as: of one name).
	RefTaskList
	// RefAny is anything: what is known only while running (a parameter
	// given different things).
	RefAny
)

// Var is a local variable bound by a step: Python's `NAME = ...`.
type Var struct {
	// Name is the variable's name.
	Name string
	// Slot is its index in the coroutine's Vars; a global's index in
	// Scenario.Globals when Global.
	Slot   int
	Global bool
	// Pos is where it is named.
	Pos Pos
}

// ExcSpec is an exception to raise: TYPE(f"Msg"), or TYPE() without one.
type ExcSpec struct {
	// Type is a built-in exception name, e.g. "ValueError".
	Type string
	// Msg is the message, an f-string.
	Msg Template
	// HasMsg says whether a message was given.
	HasMsg bool
}

// Handler is one except clause: except TYPE as e: STEPS, or except
// (TYPE, TYPE) as e.
type Handler struct {
	// Type is the exception type caught, e.g. "ValueError"; Types all of
	// them (Type is Types[0]).
	Type  string
	Types []string
	// Steps is the handler's body.
	Steps []Step
	// E is the exception's variable (e, or the name after as), bound
	// when the body uses it; Slot -1 otherwise.
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
	// ProcessPoolKind: concurrent.futures.ProcessPoolExecutor(max_workers=N).
	ProcessPoolKind
)

var primitiveNames = []string{"semaphore", "lock", "event", "queue", "process_pool"}

// String returns the kind as written in a scenario file, e.g. "semaphore".
func (k PrimitiveKind) String() string { return primitiveNames[k] }

// Primitive is a synchronization object shared by the tasks of a run,
// declared under primitives:. Each run gets fresh ones.
type Primitive struct {
	// Name is the Python variable, e.g. "sem".
	Name string
	// Kind says what it is.
	Kind PrimitiveKind
	// Size is a semaphore's initial value, a queue's maxsize (0: no
	// limit) or a process pool's max_workers (0: the CPU count).
	Size int
	// Pos is where it is declared.
	Pos Pos
}

// Global is a module-level variable: a name every coroutine reads and
// assigns (Python's global), starting each run with Value.
type Global struct {
	// Name is the Python variable, e.g. "counter".
	Name string
	// Value is its first value, a constant.
	Value Expr
	// Pos is where it is declared.
	Pos Pos
}

// Global returns the scenario's global variable named name, or nil.
func (s *Scenario) Global(name string) *Global {
	for _, g := range s.Globals {
		if g.Name == name {
			return g
		}
	}
	return nil
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

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
	// Figure holds the scenario's own figure settings; flags override them.
	Figure FigureSettings
	// Source is the file's text.
	Source []byte
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
)

var sleepModeNames = []string{"await", "block"}

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
	// Pos is where the run is defined.
	Pos Pos
}

// Pos is a position in a scenario file, 1-based; zero means unknown.
type Pos struct {
	Line, Col int
}

// StepKind names what a step does.
type StepKind int

const (
	// Print: print(TEXT).
	Print StepKind = iota
	// Sleep: await asyncio.sleep(D).
	Sleep
	// Block: time.sleep(D) inside a coroutine; holds the event loop.
	Block
	// Await: await NAME(), the coroutine runs inline in the current task.
	Await
	// Gather: await asyncio.gather(A(), B(), ...), each wrapped in a task.
	Gather
)

var stepNames = []string{"print", "sleep", "block", "await", "gather"}

// String returns the step's keyword as written in a scenario file.
func (k StepKind) String() string { return stepNames[k] }

// Step is one statement of a coroutine.
type Step struct {
	// Kind says what the step does.
	Kind StepKind
	// Pos is where the step is written.
	Pos Pos
	// Text is the template printed by a Print step.
	Text Template
	// Duration is how long a Sleep or Block step lasts.
	Duration time.Duration
	// Tasks names the coroutines of an Await (one) or a Gather step.
	Tasks []string
}

// Task returns the scenario's task named name, or nil.
func (s *Scenario) Task(name string) *Task {
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

// Package scenarios is the scenario language of asyncgantt: what a
// scenario file says, read and checked.
//
// A scenario file (YAML) names coroutines ("tasks") made of steps —
// print, sleep, block, cpu, raise, return, await, create_task, cancel,
// gather, wait, wait_for, timeout, task_group, as_completed, async_with,
// set, clear, put, get, to_thread, try, call, asyncio_run — shared
// primitives (semaphores, locks, events, queues), and runs (each the body
// of a main() coroutine) that combine them. Parse reads and validates a
// file (Load and Read read one from a file or a reader first), reporting
// errors with file:line:column and the nearest valid name; Builtin parses
// one of the embedded built-in scenarios (see Builtins), and Quick builds
// the comparison `asyncgantt quick` draws.
//
// The package describes each step kind once (stepSpecs: its keyword, what
// it takes, its options, what its names refer to), and the stages that
// give steps a meaning implement StepVisitor, a method per kind:
// scenarios/runner executes a scenario on a model of asyncio's event loop
// and records a trace.Trace, and scenarios/python writes the equivalent
// Python program. The language also knows what the Python equivalent needs
// of it: exception types and their hierarchy (IsSubclass), the repr of
// values (Repr), and the Python names of tasks and runs
// (Scenario.PythonFuncNames, Scenario.PythonMainNames).
//
// Load and ReadFile read scenario files under the policy of every input
// (internal/infile): regular files only, of at most MaxSourceBytes.
//
// It knows nothing of running or drawing: it imports neither the runner
// nor the Python generator, and never render or pytrace.
package scenarios

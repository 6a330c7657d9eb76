// Package scenarios is the scenario language of asyncgantt and the runner
// that executes it.
//
// A scenario file (YAML) names coroutines ("tasks") made of steps, and runs
// (each the body of a main() coroutine) that combine them. Parse reads and
// validates a file, reporting errors with file:line:column and the nearest
// valid name. Execute runs every run of a scenario on a model of CPython's
// asyncio event loop — a FIFO ready queue, timers ordered by deadline and
// then by scheduling order, tasks that start on the next loop iteration,
// blocking calls that hold the loop — and records a trace.Trace.
//
// The built-in library of scenarios is embedded (see Builtins).
package scenarios

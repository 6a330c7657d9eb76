// Package runner executes scenarios on a model of CPython 3.11's asyncio
// event loop and records what ran as a trace.Trace.
//
// Execute runs every run of a scenario: a FIFO ready queue, timers ordered
// by deadline and then by scheduling order, tasks that start on the next
// loop iteration, future callbacks one iteration after completion,
// cancellation, timeouts, task groups, lock hand-off, queues, worker
// threads, asyncio.run's shutdown. A run that cannot finish — a deadlock,
// a limit reached (Options.MaxEvents, MaxDuration, MaxMemory), the context
// done — is recorded up to that point and reported as a RunError; a
// deadlock report names what each stuck task waits for. The clock is a
// VirtualClock (instant and exact) or a RealClock, which really sleeps,
// blocks and spins, and measures.
//
// The code of each step kind is stepper, the runner's
// scenarios.StepVisitor. The package's tests run the Python program of
// every built-in scenario and of testdata/semantics under CPython and
// check it prints and times the same.
//
// It knows the language (scenarios) and the trace model (trace); it must
// not import render, pytrace or scenarios/python (its tests may).
package runner

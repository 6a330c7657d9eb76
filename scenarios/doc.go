// Package scenarios is the scenario language of asyncgantt and the runner
// that executes it.
//
// A scenario file (YAML) names coroutines ("tasks") made of steps —
// print, sleep, block, cpu, raise, return, await, create_task, cancel,
// gather, wait, wait_for, timeout, task_group, as_completed, async_with,
// set, clear, put, get, to_thread, try, call, asyncio_run — shared
// primitives (semaphores, locks, events, queues), and runs (each the body
// of a main() coroutine) that combine them. Parse reads and validates a
// file, reporting errors with file:line:column and the nearest valid name.
//
// Execute runs every run of a scenario on a model of CPython 3.11's
// asyncio event loop — a FIFO ready queue, timers ordered by deadline and
// then by scheduling order, tasks that start on the next loop iteration,
// future callbacks one iteration after completion, cancellation,
// timeouts, task groups, lock hand-off, worker threads, asyncio.run's
// shutdown — and records a trace.Trace. The virtual clock is instant and
// exact; the real clock really sleeps, blocks and spins, and measures.
//
// Python returns the equivalent Python program; the package's tests run
// it under CPython and check it prints and times the same.
//
// The built-in library of scenarios is embedded (see Builtins).
package scenarios

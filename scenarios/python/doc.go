// Package python writes the Python 3.11 asyncio program equivalent to a
// scenario: Program returns its source, one coroutine function per task
// and a main per run, each run in turn under asyncio.run; Names maps its
// function names back to the lanes a run records, for tools that trace
// the program.
//
// The Python of each step kind is pyGen, a scenarios.StepVisitor. The
// program prints what the runner's execution of the scenario prints; the
// runner's tests check it under CPython.
//
// It knows the language (scenarios) only: it must not import the runner,
// trace, render or pytrace.
package python

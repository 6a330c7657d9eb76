// Package events decodes the event stream of asyncgantt's Python probe
// into a trace.Trace.
//
// The probe (pytrace's embedded probe.py) runs a Python program and writes,
// to a pipe, one event per line: a JSON array whose first element names the
// event. Times are integer nanoseconds since the probe started; on the
// virtual clock they are exact. Lane ids are small integers, sequential in
// creation order, shared by tasks, inline coroutines and worker threads;
// loop ids are sequential too. Nothing in the stream is a memory address,
// so the same program gives the same stream on every run.
//
// Version 1 of the schema, event by event (t, end: times; lane, parent,
// creator: lane ids, 0 for none; loop: a loop id):
//
//	["HELLO", 1, python, clock]       first line: schema version, Python version ("3.11.7"), "virtual" or "real"
//	["DOC", text]                     the program's module docstring
//	["LOOP", loop, t]                 an event loop was created
//	["LC", loop, t]                   the loop was closed
//	["T", lane, t, loop, creator, func, name, unordered]
//	                                  a task was created by the lane creator (0: outside any task), for a
//	                                  coroutine of function func (its qualified name), named name (the name
//	                                  the program gave it, or func and its arguments: "worker('A', 2)");
//	                                  the task is ready to run; unordered is 1 when asyncio created it while
//	                                  iterating a set (as_completed), so its order among siblings is arbitrary
//	["N", lane, name]                 the program named the task name
//	["I", lane, t, parent, func, name]
//	                                  a coroutine awaited inline by the top lane parent started: it runs,
//	                                  and parent waits for it
//	["S", lane, t]                    a step of the lane's task starts: the lane (the innermost coroutine of
//	                                  its task) runs, holding the loop
//	["W", lane, t, wait]              the step ends: the lane waits for wait (below); the loop is free
//	["Y", lane, t]                    the step ends with a bare yield (asyncio.sleep(0)): the lane is ready
//	["R", lane, t]                    what the lane waited for is done: it is ready
//	["B", lane, t, end, detail]       the lane blocks the loop from t to end (time.sleep), then runs again
//	["X", lane, t, outcome, value]    the inline coroutine returned or raised; its parent runs again
//	["E", lane, t]                    the task's last step ended: the task is done; the loop is free
//	["O", lane, outcome, value]       the task's outcome, after its E
//	["TH", lane, t, loop, name]       a worker thread of the loop's executor, drawn as a lane (idle)
//	["TB", lane, t, detail]           the worker starts a job (detail: "time.sleep(2)")
//	["TI", lane, t]                   the worker finished its job and is idle
//	["L", t, lane, loop, stream, text]
//	                                  a line printed on stream 1 (stdout) or 2 (stderr) by lane (0: none)
//	                                  while loop (0: none) ran
//	["STOP", t, reason, detail]       the probe stopped the program: reason "deadlock" (nothing can ever
//	                                  happen again), "duration" (--max-duration) or "events" (--max-events)
//	["ERR", kind, what, where]        the probe refused to go on: kind "network" (real network I/O, what:
//	                                  the loop method, where: file:line) or "version" (what: the version)
//
// An outcome is "r" (returned; value is the result's repr, shortened),
// "x" (raised; value is "ValueError: boom", or empty when unknown), "c"
// (cancelled) or "" (unknown). A wait is one of
//
//	["sleep", seconds]                asyncio.sleep: "sleep 2 s"
//	["task", lane]                    a task: its name
//	["gather", [lane, ...]]           asyncio.gather: "gather(A, B)"
//	["wait", [lane, ...]]             asyncio.wait: "wait(A, B)"
//	["wait_for", lane, seconds]       asyncio.wait_for: "wait_for(A, 1 s)"
//	["text", text]                    anything else: the awaited expression's source text ("ev.wait()")
//
// A reader ignores events it does not know, so later versions may add some.
// Warnings are read from standard error as Python writes them
// ("FILE:LINE: RuntimeWarning: coroutine 'a' was never awaited").
//
// Decode reads a stream into a Program, the whole program's timeline;
// Program.Trace cuts it into runs: one per event loop (each asyncio.run),
// or one per call of the coroutine functions named by Options.Runs.
//
// The package knows the trace model only: it imports the standard library
// and trace, nothing else of asyncgantt.
package events

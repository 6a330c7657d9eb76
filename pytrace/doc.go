// Package pytrace runs a real Python program under asyncgantt's probe and
// returns what its asyncio tasks did as a trace.Trace.
//
// The probe (probe/probe.py, embedded in the binary and written to a
// temporary directory for each run, never beside the program) runs the
// program as `python3 FILE.py` would: same output, exit status and
// tracebacks. By default the event loop runs on a virtual clock: waiting
// costs no real time, asyncio.sleep and time.sleep last exactly what they
// say, and CPU-bound Python code costs its measured CPU time, so a program
// whose tasks only sleep and await gives the same figure on every run, in
// milliseconds. With Clock Real the program runs on the real clock and the
// trace's times are measured. The probe streams events over a pipe;
// package events decodes them and cuts them into runs.
//
// Running a program executes its code, as python3 would.
//
// The package knows the trace model and the event stream; it must not
// import scenarios or render.
package pytrace

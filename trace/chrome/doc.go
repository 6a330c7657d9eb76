// Package chrome reads and writes traces in the Chrome Trace Event Format,
// the JSON that Perfetto (ui.perfetto.dev), chrome://tracing and many
// other viewers read, and that many tracers write (Chrome, VizTracer,
// Node's --trace-events, tracing-chrome, ...). The format is described in
// https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU
//
// Write exports a trace.Trace, one process a run and one thread a lane;
// Read imports a file written by Write exactly, and a file written by
// another tool as well as its events allow (Stats says what was not
// drawn); ReadFile reads a file by name, "-" for standard input, gzip or
// not, refusing what is not a regular file and what is over MaxFileBytes.
// A gzip stream is checked to its end (checksum and length). Errors name
// the file and the byte offset (Error). Limits bound what a file may cost
// as it is read — its text (decompressed), its events to draw and the
// memory they take — so that a gzip bomb or a file of millions of threads
// is refused with a LimitError, not read until the memory runs out.
//
// The package knows the format and trace's model, nothing of scenarios,
// runners or figures: it imports trace, internal/infile (the policy for
// input files) and the standard library only, and must not import render,
// scenarios, pytrace or any other package of the module. Within a file, lanes refer to each other by name; in a
// trace.Trace, by trace.LaneID: Read resolves the names and Write writes
// them.
//
// Files: read.go (Read, the decoder's loop and its errors), fast.go and
// scan.go (a faster path for well-formed events, checked against
// encoding/json by a fuzz test), filter.go (trailing commas), foreign.go
// (files of other tools), own.go (files written by Write), write.go,
// format.go (the layout and timestamps), ids.go, stats.go, error.go and
// file.go (ReadFile), limits.go (Limits).
package chrome

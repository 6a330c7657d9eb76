// Package trace is the vocabulary shared by every stage of asyncgantt: a
// Trace holds runs; a Run holds lanes (tasks, the event loop, worker
// threads), the state intervals of each lane, the lines printed and the run's
// total. Times are durations since the start of their run, so runs recorded
// separately can be drawn on one axis.
//
// The package knows no scenarios and no SVG. Besides the types it offers a
// validator of trace invariants (Validate), used by tests and fuzzers.
//
// Everything here is deterministic: slices, never maps, carry ordered data.
package trace

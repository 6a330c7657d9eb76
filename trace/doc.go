// Package trace is the vocabulary shared by every stage of asyncgantt: a
// Trace holds runs; a Run holds lanes (tasks, the event loop, worker
// threads), the state intervals of each lane, the lines printed and the run's
// total. Times are durations since the start of their run, so runs recorded
// separately can be drawn on one axis.
//
// Lanes have names, unique within their run, and are referred to by LaneID
// (a lane's index in Run.Lanes plus one; NoLane for none): Lane.Parent and
// Log.Lane are LaneIDs, Run.LaneByID resolves one in constant time, and
// Run.SortLanes reorders lanes keeping every reference right. Besides the
// types the package offers a validator of trace invariants (Validate), used
// by tests, fuzzers and importers, and a Recorder that records real
// goroutines as a trace.
//
// The package knows the model only: no scenarios, no file formats (the
// Chrome Trace Event Format is trace/chrome), no figures. It imports the
// standard library alone, and must not import any other package of the
// module, nor any package outside the standard library.
//
// Everything here is deterministic: slices, never maps, carry ordered data.
package trace

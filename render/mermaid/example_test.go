package mermaid_test

import (
	"os"
	"time"

	"github.com/asyncgantt/asyncgantt/render/mermaid"
	"github.com/asyncgantt/asyncgantt/trace"
)

// ExampleWriteMarkdown writes the Markdown page of a one-task trace: the
// title and the message as text, escaped for Markdown, and the diagram in
// a fence.
func ExampleWriteMarkdown() {
	s := time.Second
	tr := &trace.Trace{Title: "One *task*", Runs: []*trace.Run{{
		Name: "Concurrent", Total: 2 * s,
		Lanes: []*trace.Lane{{Name: "A", End: 2 * s, Intervals: []trace.Interval{{State: trace.Waiting, End: 2 * s, Detail: "sleep 2 s"}}}},
	}}}
	if err := mermaid.WriteMarkdown(os.Stdout, tr); err != nil {
		panic(err)
	}
	// Output:
	// # One \*task\*
	//
	// Concurrent 2.0 s.
	//
	// ```mermaid
	// ---
	// config:
	//   gantt:
	//     displayMode: compact
	//     leftPadding: 75
	// ---
	// gantt
	//     title One *task*
	//     accTitle: One *task*
	//     accDescr: Concurrent 2.0 s
	//     dateFormat x
	//     axisFormat %Q ms
	//     tickInterval 250millisecond
	//     todayMarker off
	//     section A
	//     waiting (sleep 2 s) :done, 0, 2000
	// ```
}

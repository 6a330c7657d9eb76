package text_test

import (
	"fmt"
	"time"

	"github.com/asyncgantt/asyncgantt/render/text"
	"github.com/asyncgantt/asyncgantt/trace"
)

// ExampleChart draws a run as text, as the run command prints it after the
// transcript (Compact leaves out the title and the message).
func ExampleChart() {
	s := time.Second
	tr := &trace.Trace{Runs: []*trace.Run{{
		Name:  "Concurrent",
		Total: 2 * s,
		Lanes: []*trace.Lane{
			{Name: "A", End: 2 * s, Intervals: []trace.Interval{{State: trace.Waiting, End: 2 * s}},
				Outcome: &trace.Outcome{Kind: trace.Returned, Value: "'a'"}},
			{Name: "B", End: s, Intervals: []trace.Interval{{State: trace.Blocked, End: s}},
				Outcome: &trace.Outcome{Kind: trace.Raised, Value: "ValueError: boom"}},
		},
	}}}
	fmt.Print(text.Chart(tr, text.Options{Columns: 48, Compact: true}))
	// Output:
	// Concurrent  2.0 s
	//    A ▕░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░│✓ 'a'
	//    B ▕▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓ ✗ ValueError: boom
	//
	//      0.0      0.5     1.0      1.5     2.0 s
	// ░ waiting (await)  ▓ blocked (holds the loop)
	// │ run total
}

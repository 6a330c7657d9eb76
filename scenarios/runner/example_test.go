package runner_test

import (
	"context"
	"fmt"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/runner"
)

// A scenario parsed, then run on the virtual clock: what it prints, and
// how long each run took.
func ExampleExecute() {
	s, err := scenarios.Parse("lesson.yaml", []byte(`
tasks: {A: 2s, B: 1s}
runs:
  Sequential: [{await: A}, {await: B}]
  Concurrent: [{gather: [A, B]}]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	tr, err := runner.Execute(context.Background(), s, runner.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range tr.Runs {
		fmt.Printf("%s (%v):\n", r.Name, r.Total)
		for _, l := range r.Logs {
			fmt.Println("  " + l.Text)
		}
	}
	// Output:
	// Sequential (3s):
	//   Task A starting...
	//   Task A done after 2 seconds
	//   Task B starting...
	//   Task B done after 1 second
	// Concurrent (2s):
	//   Task A starting...
	//   Task B starting...
	//   Task B done after 1 second
	//   Task A done after 2 seconds
}

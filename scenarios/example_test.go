package scenarios_test

import (
	"fmt"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// A mistake in a scenario is reported at its line and column, with the
// valid names.
func ExampleParse() {
	_, err := scenarios.Parse("lesson.yaml", []byte(`tasks: {fetch: 1s}
runs:
  Main: [{await: fecth}]
`))
	fmt.Println(err.(scenarios.ErrorList).Detail())
	// Output:
	// lesson.yaml:3:18: task "fecth" is not defined; did you mean "fetch"?; await needs a task of the scenario or a task variable (create_task's as:) or an event (defined here: fetch)
	//       Main: [{await: fecth}]
	//                      ^
}

// Quick builds the scenario asyncgantt quick draws.
func ExampleQuick() {
	s, err := scenarios.Quick(scenarios.QuickSpec{
		Name:  "lesson",
		Tasks: []scenarios.QuickTask{{Name: "A", Duration: "2s"}, {Name: "B", Duration: "1s"}},
		Runs:  []scenarios.QuickRun{scenarios.QuickConcurrent},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(s.Source))
	// Output:
	// title: "A (2s) and B (1s)"
	// description: "Tasks A (2s) and B (1s), gathered (concurrent)."
	// tasks:
	//   A: 2s
	//   B: 1s
	// runs:
	//   Concurrent:
	//     - print: "--- Concurrent execution ---"
	//     - gather: [A, B]
	//     - print: "Concurrent total: ~{elapsed} seconds"
}

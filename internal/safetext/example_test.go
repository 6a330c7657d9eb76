package safetext_test

import (
	"fmt"
	"os"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
)

func ExampleLine() {
	// A printed line that would read "Task A done after 10 seconds".
	fmt.Println(safetext.Line("Task A done after \u202e sdnoces 01"))
	fmt.Println(safetext.Line("red \x1b[31malert\x1b[0m\tand a tab"))
	fmt.Println(safetext.Line("שלום, 世界"))
	// Output:
	// Task A done after \u202e sdnoces 01
	// red \x1b[31malert\x1b[0m\tand a tab
	// שלום, 世界
}

func ExampleWriter() {
	w := safetext.NewWriter(os.Stdout)
	fmt.Fprintf(w, "asyncgantt: %s: not a scenario\n", "x\x1b]0;pwned\a.yaml")
	// Output:
	// asyncgantt: x\x1b]0;pwned\x07.yaml: not a scenario
}

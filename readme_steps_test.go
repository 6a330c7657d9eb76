package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// TestReadmeStepExamples parses the example of every row of the README's
// step table inside a small scenario that defines what the examples name:
// tasks A and B, task variable t, primitives sem, ready and q.
func TestReadmeStepExamples(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("^\\| `([a-z_]+):[^|]*\\|.*\\| `(\\{.*\\})` \\|$")
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n++
		step, example := m[1], m[2]
		t.Run(step, func(t *testing.T) {
			src := "primitives: {sem: semaphore, ready: event, q: queue}\n" +
				"tasks: {A: 1s, B: 1s}\n" +
				"runs:\n  R:\n    - {create_task: A, as: t}\n    - " + example + "\n"
			if _, err := scenarios.Parse("example.yaml", []byte(src)); err != nil {
				t.Errorf("the README's example for %s does not parse: %s\n%v", step, example, err)
			}
		})
	}
	if n < 20 {
		t.Fatalf("found %d step examples in README.md; the table has lost its example column?", n)
	}
}

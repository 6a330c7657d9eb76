package runner

import (
	"context"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// TestMaxMemory runs scenarios that grow past a memory budget, each in
// another way: many tasks, many intervals on one task, many lines, many
// values. Each
// stops with ErrMaxMemory, its trace kept up to there and valid, at the
// same point every time; with the budget raised it runs to its end.
func TestMaxMemory(t *testing.T) {
	for _, c := range []struct{ name, src string }{
		{"Tasks", "tasks:\n  A: [{sleep: 1s}]\nruns:\n  R: [{gather: [A], times: 100000}]\n"},
		{"Intervals", "tasks:\n  A: [" + strings.Repeat("{sleep: 1ms}, {cpu: 1ms}, ", 10000) + "{sleep: 1ms}]\nruns:\n  R: [{await: A}]\n"},
		{"Lines", "tasks:\n  A: [{print: " + strings.Repeat("x", 1000) + "}]\nruns:\n  R: [{gather: [A], times: 2000}]\n"},
		// Values a loop keeps: items appended to a list, put in a queue, or
		// made large by an expression (each of these in one callback: the
		// run stops inside it).
		{"Appends", "tasks: {A: 1s}\nruns:\n  R:\n    - let: {xs: []}\n    - for: i\n      in: range(100000)\n      steps: [{append: xs, item: i}]\n"},
		{"Queue", "primitives: {q: queue}\ntasks: {A: 1s}\nruns:\n  R:\n    - for: i\n      in: range(100000)\n      steps: [{put: q, item: i}]\n"},
		{"Large values", "tasks: {A: 1s}\nruns:\n  R:\n    - let: {s: \"x\"}\n    - for: i\n      in: range(13)\n      steps: [{let: {s: s + s}}]\n    - let:\n        xs: [s + str(i) for i in range(1000)]\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := Options{MaxMemory: 1 << 20}
			re, r := runFail(t, c.src, opts, ErrMaxMemory)
			if !strings.Contains(re.Msg, "take more than 1 MiB of memory, the limit for one run") {
				t.Errorf("message %q", re.Msg)
			}
			if !r.Interrupted {
				t.Error("the run is not marked interrupted")
			}
			again, r2 := runFail(t, c.src, opts, ErrMaxMemory)
			if again.Msg != re.Msg || len(r2.Lanes) != len(r.Lanes) {
				t.Errorf("a second run stops elsewhere: %q, then %q", re.Msg, again.Msg)
			}
			s, _ := scenarios.Parse("test.yaml", []byte(c.src))
			tr, err := Execute(context.Background(), s, Options{MaxMemory: 1 << 30})
			if err != nil {
				t.Fatalf("with 1 GiB: %v", err)
			}
			if err := trace.Validate(tr); err != nil {
				t.Error(err)
			}
		})
	}
}

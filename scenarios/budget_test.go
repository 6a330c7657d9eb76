package scenarios

import (
	"errors"
	"strings"
	"testing"
)

// TestTaskCount checks the bound on the tasks one run may create, counted
// when the file is read through the tasks that create tasks.
func TestTaskCount(t *testing.T) {
	const tasks = "tasks:\n  A: [{sleep: 1s}]\n  B: [{gather: [A], times: 1000000}]\n  C: [{create_task: B}, {await: B}]\n"
	tests := []struct {
		name, runs, err string
	}{
		{"TenMillion", "R: [{gather: [A, A, A, A, A, A, A, A, A, A], times: 1000000}]", ""},
		{"NinePlusOneMillion", "R: [{gather: [B, B, B, B, B, B, B, B], times: 1}, {await: B}]", ""},
		{"NeverAwaited", "R: [{call: B}, {call: B}, {call: B}, {call: B}, {call: B}, {call: B}, {call: B}, {call: B}, {call: B}, {call: B}, {call: B}]", ""},
		{"AwaitedTask", "R: [{create_task: C, as: t}, {await: t}, {await: t}, {gather: [t], times: 1000000}]", ""},
		{"ErrTenMillionAndOne", "R: [{gather: [A, A, A, A, A, A, A, A, A, A], times: 1000000}, {create_task: A}]",
			"test.yaml:6:66: run R would create more than 10000000 tasks by this create_task step, counting the tasks those create in turn; a run may create at most 10000000 (each holds memory until the run ends)"},
		{"ErrNested", "R: [{print: hi}, {gather: [B], times: 1000000}]",
			"test.yaml:6:21: run R would create more than 10000000 tasks by this gather step"},
		// C makes 2000001 tasks: the fifth await passes the bound.
		{"ErrInline", "R: [{await: C}, {await: C}, {await: C}, {await: C}, {await: C}, {await: C}]",
			"test.yaml:6:56: run R would create more than 10000000 tasks by this await step"},
		{"ErrInsideTry", "S: [{print: hi}]\n  R: [{try: [{wait: [B, B, B, B, B, B, B, B, B, B, B]}], finally: []}]",
			"test.yaml:7:15: run R would create more than 10000000 tasks by this wait step"},
		{"ErrTaskGroup", "R: [{task_group: [C, C, C, C, C, C]}]",
			"test.yaml:6:8: run R would create more than 10000000 tasks by this task_group step"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("test.yaml", []byte(tasks+"runs:\n  "+tt.runs+"\n"))
			if tt.err == "" {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				return
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Parse error = %v, want an ErrorList", err)
			}
			if got := list.Error(); !strings.Contains(got, tt.err) {
				t.Errorf("error:\n  %s\nwant it to contain:\n  %s", got, tt.err)
			}
		})
	}
}

func TestTaskCountSaturates(t *testing.T) {
	for _, c := range []struct{ a, b, want uint64 }{
		{0, 1 << 63, 0},
		{3, 4, 12},
		{MaxTasks, 1, MaxTasks},
		{MaxTasks, 2, over},
		{1 << 40, 1 << 40, over},
	} {
		if got := mulTasks(c.a, c.b); got != c.want {
			t.Errorf("mulTasks(%d, %d) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	if got, want := addTasks(over, over), uint64(over); got != want {
		t.Errorf("addTasks(over, over) = %d, want %d", got, want)
	}
}

package scenarios

import (
	"errors"
	"strings"
	"testing"
)

func TestQuick(t *testing.T) {
	s, err := Quick(QuickSpec{Name: "q", Tasks: []QuickTask{{"A", "2s"}, {"B", "500ms"}}, Runs: []QuickRun{QuickBlocking, QuickSequential}, Comment: "# made by a test\n"})
	if err != nil {
		t.Fatal(err)
	}
	want := `# made by a test
title: "A (2s) and B (500ms)"
description: "Tasks A (2s) and B (500ms), gathered with time.sleep (blocking) or awaited one after another (sequential)."
tasks:
  A: 2s
  B: 500ms
runs:
  Blocking:
    sleeps: block
    steps:
      - print: "--- Concurrent execution with time.sleep ---"
      - gather: [A, B]
      - print: "Blocking total: ~{elapsed} seconds"
  Sequential:
    - print: "--- Sequential execution ---"
    - await: A
    - await: B
    - print: "Sequential total: ~{elapsed} seconds"
`
	if got := string(s.Source); got != want {
		t.Errorf("source:\n%s\nwant:\n%s", got, want)
	}
	if s.File != "q.yaml" || s.Title != "A (2s) and B (500ms)" || len(s.Runs) != 2 || s.Runs[0].Sleeps != SleepBlock {
		t.Errorf("scenario: file %q, title %q, %d runs", s.File, s.Title, len(s.Runs))
	}
	all, err := Quick(QuickSpec{Name: "q", Title: `a "title"`, Tasks: []QuickTask{{"A", "1s"}}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range all.Runs {
		names = append(names, r.Name)
	}
	if got, want := strings.Join(names, ", "), "Sequential, Concurrent, Blocking"; got != want || all.Title != `a "title"` {
		t.Errorf("runs %s, title %q; want %s and the title given", got, all.Title, want)
	}
}

func TestQuickErrors(t *testing.T) {
	for _, tt := range []struct {
		name  string
		tasks []QuickTask
		runs  []QuickRun
		index int // of the task, or -1
		want  string
	}{
		{"ErrNoTasks", nil, nil, -1, "a quick scenario needs at least one task"},
		{"ErrName", []QuickTask{{"A", "1s"}, {"fetch-data", "1s"}}, nil, 1, `task name "fetch-data" is not valid: a task is a Python coroutine, so its name is letters, digits and _ (not starting with a digit), e.g. A or fetch_1`},
		{"ErrReserved", []QuickTask{{"await", "1s"}}, nil, 0, `task name "await" is reserved (a Python keyword or a name the generated program uses); choose another`},
		{"ErrTwice", []QuickTask{{"A", "1s"}, {"A", "2s"}}, nil, 1, "task A is named twice; give each task its own name"},
		{"ErrDuration", []QuickTask{{"A", "1"}}, nil, 0, `duration "1" has no unit; write e.g. 1s or 1ms`},
		{"ErrRunTwice", []QuickTask{{"A", "1s"}}, []QuickRun{QuickBlocking, QuickBlocking}, -1, "the run blocking is named twice"},
		{"ErrRun", []QuickTask{{"A", "1s"}}, []QuickRun{7}, -1, "no quick run 7"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Quick(QuickSpec{Name: "q", Tasks: tt.tasks, Runs: tt.runs})
			var te *QuickTaskError
			switch {
			case err == nil:
				t.Fatalf("Quick succeeded, want %q", tt.want)
			case tt.index >= 0 && (!errors.As(err, &te) || te.Index != tt.index || te.Err.Error() != tt.want):
				t.Errorf("Quick = %v, want a QuickTaskError for task %d: %q", err, tt.index, tt.want)
			case tt.index < 0 && err.Error() != tt.want:
				t.Errorf("Quick = %v, want %q", err, tt.want)
			}
		})
	}
}

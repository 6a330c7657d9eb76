package runner

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// runOne parses src and executes its only run on the virtual clock.
func runOne(t *testing.T, src string) *trace.Run {
	t.Helper()
	s, err := scenarios.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	tr, err := Execute(context.Background(), s, Options{})
	if err != nil {
		t.Fatalf("execute: %v", err)
	}
	if err := trace.Validate(tr); err != nil {
		t.Fatalf("trace invariants: %v", err)
	}
	return tr.Runs[0]
}

// transcript returns the run's printed lines, one per line, each prefixed
// by its time in seconds.
func transcript(r *trace.Run) string {
	var b strings.Builder
	for _, l := range r.Logs {
		fmt.Fprintf(&b, "%s %s\n", scenarios.FormatSeconds(l.At), l.Text)
	}
	return b.String()
}

func TestRunner(t *testing.T) {
	tests := []struct {
		name, src, want string
		total           time.Duration
	}{{
		// A task created by gather starts on the next loop iteration: main
		// prints first, then the tasks in creation order (FIFO ready queue).
		name: "TasksStartNextIterationInOrder",
		src: `
tasks:
  A: [{print: a}]
  B: [{print: b}]
runs:
  R: [{print: main}, {gather: [A, B]}, {print: end}]`,
		want: "0 main\n0 a\n0 b\n0 end\n",
	}, {
		// Timers fire by deadline, ties in the order they were scheduled.
		name: "TimersByDeadlineThenSchedulingOrder",
		src: `
tasks:
  A: [{sleep: 2s}, {print: A}]
  B: [{sleep: 1s}, {print: B}]
  C: [{sleep: 2s}, {print: C}]
  D: [{sleep: 1s}, {print: D}]
runs:
  R: [{gather: [A, B, C, D]}]`,
		want:  "1 B\n1 D\n2 A\n2 C\n",
		total: 2 * time.Second,
	}, {
		// sleep(0) yields: the other ready task runs before the yielder
		// resumes, and they interleave.
		name: "SleepZeroYields",
		src: `
tasks:
  A: [{print: a1}, {sleep: 0}, {print: a2}]
  B: [{print: b1}, {sleep: 0}, {print: b2}]
runs:
  R: [{gather: [A, B]}]`,
		want: "0 a1\n0 b1\n0 a2\n0 b2\n",
	}, {
		// A blocking call holds the loop: B, ready since 0, runs only after
		// A's time.sleep, and the clock has moved.
		name: "BlockHoldsTheLoop",
		src: `
tasks:
  A: [{print: a}, {block: 2s}, {print: a done}]
  B: [{print: b}]
runs:
  R: [{gather: [A, B]}]`,
		want:  "0 a\n2 a done\n2 b\n",
		total: 2 * time.Second,
	}, {
		// A timer that expired during a blocking call fires on the next
		// iteration, after the tasks that were already ready.
		name: "ExpiredTimerAfterBlock",
		src: `
tasks:
  A: [{sleep: 1s}, {print: A woke}]
  B: [{block: 3s}, {print: B unblocked}]
  C: [{print: C started}]
runs:
  R: [{gather: [A, B, C]}]`,
		want:  "3 B unblocked\n3 C started\n3 A woke\n",
		total: 3 * time.Second,
	}, {
		// await runs the coroutine inline: no new task, no extra iteration.
		name: "AwaitIsInline",
		src: `
tasks:
  A: [{print: a}, {sleep: 1s}]
  B: [{print: b}]
runs:
  R: [{await: A}, {await: B}, {print: "~{elapsed}"}]`,
		want:  "0 a\n1 b\n1 ~1\n",
		total: time.Second,
	}, {
		// Sleeps of a run marked sleeps: block hold the loop.
		name: "RunWithBlockingSleeps",
		src: `
tasks: {A: 2s, B: 1s}
runs:
  R: {sleeps: block, steps: [{gather: [A, B]}, {print: "{elapsed:.1f}"}]}`,
		want:  "0 Task A starting...\n2 Task A done after 2 seconds\n2 Task B starting...\n3 Task B done after 1 second\n3 3.0\n",
		total: 3 * time.Second,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runOne(t, tt.src)
			if got := transcript(r); got != tt.want {
				t.Errorf("transcript:\n%s\nwant:\n%s", got, tt.want)
			}
			if got, want := r.Total, tt.total; got != want {
				t.Errorf("total = %v, want %v", got, want)
			}
		})
	}
}

func TestRunnerStates(t *testing.T) {
	r := runOne(t, `
tasks: {A: 2s, B: 1s}
runs:
  Blocking: {sleeps: block, steps: [{gather: [A, B]}]}`)
	b := r.Lane("B")
	if b == nil {
		t.Fatal("no lane B")
	}
	// B is ready (runnable, not running) while A blocks the loop, then
	// blocked itself.
	want := []trace.Interval{
		{State: trace.Ready, Start: 0, End: 2 * time.Second},
		{State: trace.Blocked, Start: 2 * time.Second, End: 3 * time.Second, Detail: "time.sleep(1)"},
	}
	if got := b.Intervals; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("B intervals = %v, want %v", got, want)
	}
	loop := r.Lanes[0]
	if got, want := loop.Kind, trace.LoopLane; got != want {
		t.Fatalf("first lane kind = %v, want %v", got, want)
	}
	if got, want := loop.Time(trace.Busy), 3*time.Second; got != want {
		t.Errorf("loop busy = %v, want %v", got, want)
	}
}

func TestDeterministic(t *testing.T) {
	s, err := scenarios.Builtin("async-basics")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := Execute(context.Background(), s, Options{})
	b, _ := Execute(context.Background(), s, Options{})
	if len(a.Runs) != 3 || !reflect.DeepEqual(a, b) {
		t.Error("two virtual runs differ")
	}
}

// TestReadyFromTimerDeadline: a task whose sleep ended while another task
// held the loop is ready (waiting only for the loop) from the deadline on.
func TestReadyFromTimerDeadline(t *testing.T) {
	r := runOne(t, `
tasks:
  ticker: [{sleep: 0.25s}, {print: tick}]
  compute: [{cpu: 1s}]
runs:
  R: [{gather: [ticker, compute]}]`)
	want := []trace.Interval{
		{State: trace.Waiting, Start: 0, End: 250 * time.Millisecond, Detail: "sleep 0.25 s"},
		{State: trace.Ready, Start: 250 * time.Millisecond, End: time.Second},
	}
	if got := r.Lane("ticker").Intervals; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ticker intervals = %v, want %v", got, want)
	}
}

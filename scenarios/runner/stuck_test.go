package runner

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// runFail parses src and executes it with opts, expecting the run to stop
// with an error wrapping why; it checks the trace kept up to the stop and
// returns the error and the first run.
func runFail(t *testing.T, src string, opts Options, why error) (*RunError, *trace.Run) {
	t.Helper()
	return runFailCtx(t, context.Background(), src, opts, why)
}

// runFailCtx is runFail with a context.
func runFailCtx(t *testing.T, ctx context.Context, src string, opts Options, why error) (*RunError, *trace.Run) {
	t.Helper()
	s, err := scenarios.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	tr, err := Execute(ctx, s, opts)
	var re *RunError
	if !errors.As(err, &re) || !errors.Is(err, why) {
		t.Fatalf("error %v (%T), want a RunError wrapping %v", err, err, why)
	}
	if err := trace.Validate(tr); err != nil {
		t.Fatalf("trace invariants: %v", err)
	}
	r := tr.Runs[0]
	if !r.Interrupted || r.Error != re.Msg || r.Total != re.At {
		t.Errorf("run: interrupted %v, error %q, total %v; want interrupted, error %q, total %v", r.Interrupted, r.Error, r.Total, re.Msg, re.At)
	}
	return re, r
}

func TestDeadlockReports(t *testing.T) {
	tests := []struct {
		name, src, msg string
	}{
		{"ErrEventCycle", `
primitives: {ea: event, eb: event}
tasks:
  A: [{sleep: 2s}, {await: eb}, {set: ea}]
  B: [{sleep: 1s}, {await: ea}, {set: eb}]
runs:
  R: [{gather: [A, B]}]
`, "deadlock at t=2 s: A waits for event eb, which only B sets; B waits for event ea, which only A sets (a cycle: A → B → A); main waits for gather(A, B) (Python would hang here)"},
		{"ErrLockHeldByStuckTask", `
primitives: {L: lock, ev: event}
tasks:
  A: [{async_with: L, steps: [{await: ev}]}]
  B: [{sleep: 1s}, {async_with: L, steps: [{print: got it}]}]
runs:
  R: [{create_task: A, as: a}, {await: B}]
`, "deadlock at t=1 s: A waits for event ev, which no task sets; main (in B) waits for lock L, held by A (Python would hang here)"},
		{"ErrLockTakenTwice", `
primitives: {L: lock}
tasks:
  A: [{async_with: L, steps: [{sleep: 1s}, {async_with: L, steps: [{print: never}]}]}]
runs:
  R: [{await: A}]
`, "deadlock at t=1 s: main (in A) waits for lock L, which it holds already (Python would hang here)"},
		{"ErrEventNeverSet", `
primitives: {ev: event}
tasks: {A: 1s}
runs:
  R: [{await: A}, {await: ev}]
`, "deadlock at t=1 s: main waits for event ev, which no task sets (Python would hang here)"},
		{"ErrEventSetterFinished", `
primitives: {ev: event}
tasks:
  A: [{set: ev}]
runs:
  R: [{await: A}, {clear: ev}, {await: ev}]
`, "deadlock at t=0 s: main waits for event ev, which no task still running sets (Python would hang here)"},
		{"ErrQueueNoProducer", `
primitives: {q: {queue: 0}}
tasks: {A: 1s}
runs:
  R: [{get: q}]
`, "deadlock at t=0 s: main waits for an item from queue q, with no producer (Python would hang here)"},
		{"ErrQueueFullNoConsumer", `
primitives: {q: {queue: 1}}
tasks:
  A: [{put: q, item: 1}, {put: q, item: 2}]
runs:
  R: [{create_task: A, as: a}, {await: a}]
`, "deadlock at t=0 s: A waits for room in queue q, with no consumer; main waits for A (Python would hang here)"},
		{"ErrQueueProducerStuck", `
primitives: {q: {queue: 0}, ev: event}
tasks:
  P: [{await: ev}, {put: q, item: 1}]
  C: [{get: q, as: x}, {set: ev}]
runs:
  R: [{gather: [P, C]}]
`, "deadlock at t=0 s: P waits for event ev, which only C sets; C waits for an item from queue q, which only P puts one (a cycle: P → C → P); main waits for gather(P, C) (Python would hang here)"},
		{"ErrSemaphoreZero", `
primitives: {s: {semaphore: 0}}
tasks:
  A: [{async_with: s, steps: [{sleep: 1s}]}]
runs:
  R: [{await: A}]
`, "deadlock at t=0 s: main (in A) waits for semaphore s (of size 0), which no task releases (Python would hang here)"},
		{"ErrManySame", `
primitives: {ev: event}
tasks:
  W: [{await: ev}]
runs:
  R: [{gather: [W], times: 1000}]
`, "deadlock at t=0 s: W, W #2, W #3, … and W #1000 (1,000 tasks) wait for event ev, which no task sets; main waits for gather(W) × 1000 (Python would hang here)"},
		{"ErrManyHolders", `
primitives: {s: {semaphore: 7}, ev: event}
tasks:
  A: [{async_with: s, steps: [{await: ev}]}]
  B: [{sleep: 1s}, {async_with: s, steps: [{sleep: 1s}]}]
runs:
  R: [{gather: [A, A, A, A, A, A, A, B]}]
`, "deadlock at t=1 s: A, A #2, A #3, … and A #7 (7 tasks) wait for event ev, which no task sets; B waits for semaphore s, held by A, A #2, A #3, … and A #7 (7 tasks); main waits for gather(A, A, A, A, A, A, A, B) (Python would hang here)"},
		{"ErrSemaphoreHolders", `
primitives: {s: {semaphore: 2}, ev: event}
tasks:
  A: [{async_with: s, steps: [{await: ev}]}]
  B: [{sleep: 1s}, {async_with: s, steps: [{sleep: 1s}]}]
runs:
  R: [{gather: [A, A, B]}]
`, "deadlock at t=1 s: A and A #2 wait for event ev, which no task sets; B waits for semaphore s, held by A and A #2; main waits for gather(A, A, B) (Python would hang here)"},
		{"ErrTaskGroup", `
primitives: {ev: event}
tasks:
  A: [{await: ev}]
runs:
  R: [{task_group: [A]}]
`, "deadlock at t=0 s: A waits for event ev, which no task sets; main waits for its TaskGroup's tasks (A) (Python would hang here)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			re, _ := runFail(t, tt.src, Options{}, ErrDeadlock)
			if got := re.Msg; got != tt.msg {
				t.Errorf("message:\n got %s\nwant %s", got, tt.msg)
			}
		})
	}
}

// TestDeadlockDrawnToStuckPoint checks that a deadlocked run keeps what
// happened before it stuck: lanes end at the deadlock, printed lines stay.
func TestDeadlockDrawnToStuckPoint(t *testing.T) {
	_, r := runFail(t, `
primitives: {ev: event}
tasks:
  A: [{print: A starts}, {sleep: 2s}, {await: ev}]
runs:
  R: [{gather: [A]}]
`, Options{}, ErrDeadlock)
	if got, want := r.Total, 2*time.Second; got != want {
		t.Errorf("total %v, want %v", got, want)
	}
	if got, want := transcript(r), "0 A starts\n"; got != want {
		t.Errorf("transcript %q, want %q", got, want)
	}
	for _, l := range r.Lanes {
		if l.End != 2*time.Second {
			t.Errorf("lane %s ends at %v, want 2s", l.Name, l.End)
		}
	}
}

func TestLimits(t *testing.T) {
	fanOut := `
tasks:
  A: [{sleep: 1s}]
  B: [{gather: [A, A, A, A, A, A, A, A, A, A]}]
  C: [{gather: [B, B, B, B, B, B, B, B, B, B]}]
  D: [{gather: [C, C, C, C, C, C, C, C, C, C]}]
runs:
  R: [{gather: [D, D, D, D, D, D, D, D, D, D]}]
`
	t.Run("ErrMaxEvents", func(t *testing.T) {
		re, _ := runFail(t, fanOut, Options{MaxEvents: 1000}, ErrMaxEvents)
		if got, want := re.Msg, "stopped at t=0 s after 1000 loop callbacks, the limit for one run"; got != want {
			t.Errorf("message %q, want %q", got, want)
		}
	})
	t.Run("ErrMaxDurationSleep", func(t *testing.T) {
		re, r := runFail(t, "tasks: {A: 2h}\nruns: {R: [{print: start}, {await: A}]}\n", Options{}, ErrMaxDuration)
		if got, want := re.Msg, "stopped at t=3600 s: a run may last 1h of scenario time at most"; got != want {
			t.Errorf("message %q, want %q", got, want)
		}
		if got, want := r.Total, time.Hour; got != want {
			t.Errorf("total %v, want %v", got, want)
		}
	})
	t.Run("ErrMaxDurationBlock", func(t *testing.T) {
		re, r := runFail(t, "tasks:\n  A: [{block: 20h}, {print: never}]\nruns: {R: [{await: A}]}\n", Options{MaxDuration: 90 * time.Minute}, ErrMaxDuration)
		if got, want := re.Msg, "stopped at t=5400 s: a run may last 1h30m of scenario time at most"; got != want {
			t.Errorf("message %q, want %q", got, want)
		}
		if got, want := r.Total, 90*time.Minute; got != want {
			t.Errorf("total %v, want %v", got, want)
		}
		if len(r.Logs) != 0 {
			t.Errorf("logs %v, want none: the run stopped inside the block", r.Logs)
		}
	})
	t.Run("UnderLimits", func(t *testing.T) {
		s, err := scenarios.Parse("test.yaml", []byte("tasks: {A: 1h}\nruns: {R: [{await: A}]}\n"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Execute(context.Background(), s, Options{MaxEvents: 10}); err != nil {
			t.Errorf("a run ending exactly at the duration limit failed: %v", err)
		}
	})
}

func TestInterrupt(t *testing.T) {
	src := "tasks: {A: 10s, B: 1s}\nruns:\n  First: [{await: A}]\n  Second: [{await: B}]\n"
	t.Run("ErrInterruptedVirtual", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		s, _ := scenarios.Parse("test.yaml", []byte(src))
		tr, err := Execute(ctx, s, Options{})
		if !errors.Is(err, ErrInterrupted) {
			t.Fatalf("error %v, want ErrInterrupted", err)
		}
		if got := len(tr.Runs); got != 1 {
			t.Errorf("%d runs recorded, want 1: the runs after an interrupt are not executed", got)
		}
	})
	for _, clk := range []Clock{RealClock{}} {
		t.Run("ErrInterruptedReal", func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			timer := time.AfterFunc(50*time.Millisecond, cancel)
			defer timer.Stop()
			start := time.Now()
			re, r := runFailCtx(t, ctx, src, Options{Clock: clk}, ErrInterrupted)
			// The run's sleep lasts 10 s: it must be woken, not waited out.
			if wall := time.Since(start); wall > 5*time.Second {
				t.Errorf("the interrupt took %v to stop the run", wall)
			}
			if !strings.HasPrefix(re.Msg, "stopped by an interrupt (Ctrl-C) at t=0.") {
				t.Errorf("message %q", re.Msg)
			}
			if r.Total <= 0 || r.Total >= 10*time.Second {
				t.Errorf("total %v, want the time of the interrupt", r.Total)
			}
		})
	}
	t.Run("InterruptCause", func(t *testing.T) {
		// A context ended with a cause names it; one past its deadline
		// says so.
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(errors.New("SIGTERM (a request to terminate)"))
		re, _ := runFailCtx(t, ctx, src, Options{}, ErrInterrupted)
		if re.Msg != "stopped by SIGTERM (a request to terminate) at t=0 s" {
			t.Errorf("message %q", re.Msg)
		}
		dctx, dcancel := context.WithTimeout(context.Background(), 0)
		defer dcancel()
		re, _ = runFailCtx(t, dctx, src, Options{}, ErrInterrupted)
		if re.Msg != "stopped at t=0 s: the deadline of its context passed" {
			t.Errorf("message %q", re.Msg)
		}
	})
	t.Run("ErrMaxDurationReal", func(t *testing.T) {
		start := time.Now()
		runFail(t, "tasks:\n  A: [{cpu: 10s}]\nruns: {R: [{await: A}]}\n", Options{Clock: RealClock{}, MaxDuration: 100 * time.Millisecond}, ErrMaxDuration)
		if wall := time.Since(start); wall > 5*time.Second {
			t.Errorf("the limit took %v to stop a 10 s computation", wall)
		}
	})
}

package pytrace

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// TestInterrupt: cancelling the context (Ctrl-C) stops the program, keeps
// what was recorded and marks the run interrupted.
func TestInterrupt(t *testing.T) {
	py := python3(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Interrupt once the program runs (it prints first), as Ctrl-C would.
	started := writerFunc(func(p []byte) (int, error) {
		time.AfterFunc(200*time.Millisecond, cancel)
		return len(p), nil
	})
	res, err := Run(ctx, filepath.Join("testdata", "stuck", "forever.py"), Options{Python: py, Clock: RealClock, Stdout: started})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err %v, want ErrInterrupted", err)
	}
	if res == nil || res.Trace == nil || len(res.Trace.Runs) != 1 {
		t.Fatalf("no trace kept: %+v", res)
	}
	r := res.Trace.Runs[0]
	if !r.Interrupted || r.Lane("ticker") == nil {
		t.Errorf("run %q interrupted %v, lanes %d", r.Name, r.Interrupted, len(r.Lanes))
	}
	if res.ExitCode == 0 {
		t.Errorf("the program exited 0 after an interrupt")
	}
}

type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestRealClock: --clock real measures; the trace says so.
func TestRealClock(t *testing.T) {
	py := python3(t)
	res, err := Run(context.Background(), filepath.Join("testdata", "programs", "threeways_awaited.py"), Options{Python: py, Clock: RealClock})
	if err != nil {
		t.Fatal(err)
	}
	if res.Trace.Clock != trace.Measured {
		t.Errorf("clock %v, want measured", res.Trace.Clock)
	}
	if total := res.Trace.Runs[0].Total; total < 1500*time.Millisecond || total > 5*time.Second {
		t.Errorf("measured total %v, want 1.5 s or a little more", total)
	}
	if err := trace.Validate(res.Trace); err != nil {
		t.Error(err)
	}
}

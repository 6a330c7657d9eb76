package pytrace

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
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

// TestProcessPool: jobs sent to a ProcessPoolExecutor run for real in
// worker processes, drawn on a lane per worker, while the loop stays free
// for the other tasks; the program prints what python3 prints. The times
// are measured, so only their order is checked (the program is not in the
// corpus: how often its ticker ticks depends on the machine).
func TestProcessPool(t *testing.T) {
	py := python3(t)
	file, _ := filepath.Abs(filepath.Join("testdata", "pools", "process_pool.py"))
	traced, res, err := runTraced(t, file, Options{Python: py})
	if err != nil {
		t.Fatal(err)
	}
	if plain := runPlain(t, py, file); plain != traced {
		t.Errorf("traced run printed %+v, python3 %+v", traced, plain)
	}
	if err := trace.Validate(res.Trace); err != nil {
		t.Fatal(err)
	}
	r := res.Trace.Runs[0]
	var jobStart, jobEnd time.Duration = -1, 0
	for _, name := range []string{"process_0", "process_1"} {
		l := r.Lane(name)
		if l == nil || l.Kind != trace.ThreadLane {
			t.Fatalf("no worker lane %q: %v", name, laneNames(r))
		}
		busy := l.Intervals[0]
		for _, iv := range l.Intervals {
			if iv.State == trace.Busy {
				busy = iv
			}
		}
		if busy.State != trace.Busy || !strings.HasPrefix(busy.Detail, "crunch(") || busy.Duration() <= 0 {
			t.Errorf("%s: %+v, want a busy interval crunch(...)", name, l.Intervals)
		}
		if jobStart < 0 || busy.Start < jobStart {
			jobStart = busy.Start
		}
		jobEnd = max(jobEnd, busy.End)
	}
	// The loop stays free: the ticker sleeps and wakes while the
	// processes compute, and the loop is idle most of that time (how
	// often it ticks depends on the machine's speed and load).
	ticks := 0
	for _, iv := range r.Lane("ticker(Event)").Intervals {
		if iv.State == trace.Waiting && iv.Detail == "sleep 0.05 s" && iv.Start >= jobStart && iv.End <= jobEnd {
			ticks++
		}
	}
	if ticks < 1 {
		t.Errorf("the ticker never slept while the processes ran (%v to %v)", jobStart, jobEnd)
	}
	var busy time.Duration
	for _, iv := range r.Lane("event loop").Intervals {
		if iv.State == trace.Busy && iv.End > jobStart && iv.Start < jobEnd {
			busy += min(iv.End, jobEnd) - max(iv.Start, jobStart)
		}
	}
	if busy*2 > jobEnd-jobStart {
		t.Errorf("the loop was busy %v of the %v the processes ran", busy, jobEnd-jobStart)
	}
	var gather *trace.Interval
	for i, iv := range r.Lane("main").Intervals {
		if iv.State == trace.Waiting && iv.Detail == "gather(crunch(3000000), crunch(2000000))" {
			gather = &r.Lane("main").Intervals[i]
		}
	}
	if gather == nil || gather.Start >= jobEnd || gather.End < jobEnd {
		t.Errorf("main %+v, want it waiting for the gather of the two jobs while they run (%v to %v)", r.Lane("main").Intervals, jobStart, jobEnd)
	}
}

func laneNames(r *trace.Run) []string {
	var names []string
	for _, l := range r.Lanes {
		names = append(names, l.Name)
	}
	return names
}

package trace_test

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// ExampleRecorder records three goroutines that sleep 20, 10 and 30 ms.
func ExampleRecorder() {
	rec := trace.NewRecorder("goroutines")
	var wg sync.WaitGroup
	for _, job := range []struct {
		name  string
		sleep time.Duration
	}{{"A", 20 * time.Millisecond}, {"B", 10 * time.Millisecond}, {"C", 30 * time.Millisecond}} {
		lane := rec.Lane(job.name) // created here, so drawn in this order
		wg.Add(1)
		go func() {
			defer wg.Done()
			lane.Set(trace.Running, "start")
			lane.Set(trace.Waiting, fmt.Sprintf("sleep %v", job.sleep))
			time.Sleep(job.sleep)
			lane.Set(trace.Running, "finish")
			rec.Log(job.name, job.name+" done")
			lane.Done(trace.Outcome{Kind: trace.Returned, Value: "None"})
		}()
	}
	wg.Wait()
	tr := rec.Trace("Three goroutines")

	run := tr.Runs[0]
	for _, l := range run.Lanes {
		var waits []string
		for _, iv := range l.Intervals {
			if iv.State == trace.Waiting {
				waits = append(waits, iv.Detail)
			}
		}
		fmt.Printf("%s: waited on %s, %s\n", l.Name, strings.Join(waits, ", "), l.Outcome.Kind)
	}
	for _, g := range run.Logs {
		fmt.Println(g.Text)
	}
	fmt.Println("clock:", tr.Clock, "valid:", trace.Validate(tr) == nil)
	// Output:
	// A: waited on sleep 20ms, returned
	// B: waited on sleep 10ms, returned
	// C: waited on sleep 30ms, returned
	// B done
	// A done
	// C done
	// clock: measured valid: true
}

func TestRecorderSemantics(t *testing.T) {
	rec := trace.NewRecorder("r")
	a := rec.Lane("a")
	b := rec.Lane("b")
	if got := rec.Lane("a"); got != a {
		t.Errorf("Lane(a) twice gives two lanes")
	}
	a.Set(trace.Running, "x")
	time.Sleep(time.Millisecond)
	a.Set(trace.Running, "x") // no change: same interval
	time.Sleep(time.Millisecond)
	a.Set(trace.Waiting, "y")
	time.Sleep(time.Millisecond)
	a.End()
	time.Sleep(time.Millisecond)
	a.Set(trace.Running, "z")
	time.Sleep(time.Millisecond)
	b.Set(trace.Blocked, "open")
	time.Sleep(time.Millisecond)

	run := rec.Run()
	if err := trace.Validate(&trace.Trace{Runs: []*trace.Run{run}}); err != nil {
		t.Fatal(err)
	}
	if got, want := len(run.Lanes), 2; got != want {
		t.Fatalf("%d lanes, want %d", got, want)
	}
	if got, want := run.Lanes[0].Name+run.Lanes[1].Name, "ab"; got != want {
		t.Errorf("lane order %q, want %q", got, want)
	}
	var got []string
	for _, iv := range run.Lanes[0].Intervals {
		got = append(got, iv.State.String()+" "+iv.Detail)
	}
	if got, want := strings.Join(got, ", "), "running x, waiting y, running z"; got != want {
		t.Errorf("intervals: %s, want %s", got, want)
	}
	ivs := run.Lanes[0].Intervals
	if ivs[1].End >= ivs[2].Start {
		t.Errorf("End left no gap: %v then %v", ivs[1], ivs[2])
	}
	if run.Lanes[0].Outcome != nil || run.Lanes[0].End != ivs[2].End {
		t.Errorf("a live lane should end at the snapshot with its open interval, got end %v, last interval %v", run.Lanes[0].End, ivs[2])
	}

	a.Done(trace.Outcome{Kind: trace.Raised, Value: "boom"})
	a.Set(trace.Running, "after done") // ignored
	a.Done(trace.Outcome{Kind: trace.Returned})
	run2 := rec.Run()
	la := run2.Lanes[0]
	if la.Outcome == nil || la.Outcome.Kind != trace.Raised || len(la.Intervals) != 3 {
		t.Errorf("after Done: outcome %v, %d intervals; want raised, 3", la.Outcome, len(la.Intervals))
	}
	if la.End < run.Lanes[0].End {
		t.Errorf("Done at %v before the earlier snapshot's end %v", la.End, run.Lanes[0].End)
	}
	// The first snapshot is not changed by later recording.
	if got, want := len(run.Lanes[0].Intervals), 3; got != want || run.Lanes[0].Outcome != nil {
		t.Errorf("snapshot changed: %d intervals", got)
	}
}

func TestRecorderConcurrent(t *testing.T) {
	rec := trace.NewRecorder("many")
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("g%02d", g)
			l := rec.Lane(name)
			for i := range 200 {
				l.Set(trace.States()[i%3+2], "")
				if i%50 == 0 {
					rec.Log(name, "tick")
					_ = rec.Run() // snapshots while recording
				}
			}
			l.Done(trace.Outcome{})
		}()
	}
	wg.Wait()
	tr := rec.Trace("many")
	if err := trace.Validate(tr); err != nil {
		t.Fatal(err)
	}
	if got, want := len(tr.Runs[0].Lanes), 16; got != want {
		t.Errorf("%d lanes, want %d", got, want)
	}
	if got, want := len(tr.Runs[0].Logs), 16*4; got != want {
		t.Errorf("%d logs, want %d", got, want)
	}
}

func TestRecorderSetAllocs(t *testing.T) {
	l := trace.NewRecorder("r").Lane("a")
	states := [2]trace.State{trace.Running, trace.Waiting}
	i := 0
	allocs := testing.AllocsPerRun(10000, func() {
		i++
		l.Set(states[i&1], "work")
	})
	if allocs >= 1 {
		t.Errorf("Set allocates %v times a call, want only the slice's amortised growth", allocs)
	}
}

// BenchmarkRecorderSet measures Set from parallel goroutines, each on its
// own lane. Each goroutine starts a fresh recorder every 65536 calls so
// that memory stays bounded.
func BenchmarkRecorderSet(b *testing.B) {
	var n atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		name := fmt.Sprintf("g%d", n.Add(1))
		rec := trace.NewRecorder("bench")
		l := rec.Lane(name)
		states := [2]trace.State{trace.Running, trace.Waiting}
		for i := 1; pb.Next(); i++ {
			if i&(1<<16-1) == 0 {
				rec = trace.NewRecorder("bench")
				l = rec.Lane(name)
			}
			l.Set(states[i&1], "work")
		}
	})
}

func TestRecorderLogLanes(t *testing.T) {
	rec := trace.NewRecorder("r")
	a := rec.Lane("a")
	rec.Log("a", "by name")
	a.Log("by lane")
	rec.Log("", "by nobody")
	rec.Log("b", "by a lane not made yet")
	if got, want := a.ID(), trace.LaneID(1); got != want {
		t.Errorf("a.ID() = %d, want %d", got, want)
	}
	run := rec.Run()
	if err := trace.Validate(&trace.Trace{Runs: []*trace.Run{run}}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range run.Logs {
		got = append(got, g.Text+": "+run.LaneName(g.Lane))
	}
	want := "by name: a; by lane: a; by nobody: ; by a lane not made yet: b"
	if strings.Join(got, "; ") != want {
		t.Errorf("logs %q, want %q", strings.Join(got, "; "), want)
	}
	if got := rec.Lane("b").ID(); got != 2 || run.LaneByID(got).Name != "b" {
		t.Errorf("lane b has id %d", got)
	}
}

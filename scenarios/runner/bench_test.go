package runner

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// gatherScenario is a run gathering n tasks of k distinct coroutines that
// each print, sleep 1 s (in k distinct deadlines) and print again: the
// scenario {gather: [T0, ..., Tk-1], times: n/k}, so T0, T1, ... in turn.
func gatherScenario(n, k int) *scenarios.Scenario {
	s := &scenarios.Scenario{Name: "bench", Title: "bench"}
	items := make([]scenarios.Expr, k)
	for i := range k {
		name := fmt.Sprintf("T%d", i)
		t := &scenarios.Task{Name: name, Steps: scenarios.ShorthandSteps(name, time.Second+time.Duration(i)*time.Millisecond, scenarios.Pos{})}
		s.Tasks = append(s.Tasks, t)
		items[i] = &scenarios.CallExpr{Func: &scenarios.Name{ID: name, Kind: scenarios.NameTask}, Task: t}
	}
	s.Runs = []*scenarios.RunDef{{Name: "R", Steps: []scenarios.Step{{Kind: scenarios.Gather, Items: items, Times: n / k}}}}
	return s
}

// BenchmarkGather measures runs gathering n tasks on the virtual clock:
// events/s is loop callbacks executed per second (scheduling events),
// B/interval the memory allocated per interval recorded (the trace's and
// the runner's), live-B/interval the heap the trace holds per interval
// once the run is over.
func BenchmarkGather(b *testing.B) {
	for _, c := range []struct{ n, k int }{{1, 1}, {100, 10}, {10_000, 1000}, {100_000, 1000}, {1_000_000, 4}, {1_000_000, 1000}} {
		s := gatherScenario(c.n, c.k)
		b.Run(fmt.Sprintf("tasks=%d/coroutines=%d", c.n, c.k), func(b *testing.B) {
			b.ReportAllocs()
			var events, intervals int
			var live uint64
			for b.Loop() {
				events = 0
				tr, err := execute(context.Background(), s, Options{}, hooks{events: &events})
				if err != nil {
					b.Fatal(err)
				}
				intervals = 0
				for _, r := range tr.Runs {
					for _, l := range r.Lanes {
						intervals += len(l.Intervals)
					}
				}
				if c.n >= 100_000 && live == 0 {
					// The heap the trace holds: with it, then without.
					b.StopTimer()
					var with, without runtime.MemStats
					runtime.GC()
					runtime.ReadMemStats(&with)
					runtime.KeepAlive(tr)
					tr = nil
					runtime.GC()
					runtime.ReadMemStats(&without)
					live = with.HeapAlloc - min(with.HeapAlloc, without.HeapAlloc)
					b.StartTimer()
				}
			}
			perRun := float64(b.Elapsed().Seconds()) / float64(b.N)
			b.ReportMetric(float64(events)/perRun, "events/s")
			b.ReportMetric(float64(events), "events/op")
			b.ReportMetric(float64(intervals), "intervals/op")
			if live > 0 {
				b.ReportMetric(float64(live)/float64(intervals), "live-B/interval")
			}
		})
	}
}

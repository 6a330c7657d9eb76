package testtrace

import (
	"fmt"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

const (
	ms = time.Millisecond
	us = time.Microsecond
)

// Sample is a small two-run trace built by hand.
func Sample(name string) *trace.Trace {
	s := time.Second
	lane := func(n string, ivs ...trace.Interval) *trace.Lane {
		l := &trace.Lane{Name: n, Intervals: ivs, Outcome: &trace.Outcome{Kind: trace.Returned, Value: "None"}}
		l.Start, l.End = ivs[0].Start, ivs[len(ivs)-1].End
		return l
	}
	return &trace.Trace{
		Title: "Sample <" + name + ">",
		Runs: []*trace.Run{{
			Name:  "Sequential",
			Total: 3 * s,
			Lanes: []*trace.Lane{
				{Name: "event loop", Kind: trace.LoopLane, End: 3 * s, Intervals: []trace.Interval{{State: trace.Idle, End: 3 * s}}},
				lane(name, trace.Interval{State: trace.Waiting, End: 2 * s, Detail: "sleep 2 s"}),
				lane("B", trace.Interval{State: trace.Waiting, Start: 2 * s, End: 3 * s, Detail: "sleep 1 s"}),
			},
			Logs: []trace.Log{{At: 0, Lane: 2, Text: `say "<hi>" & bye`}},
		}, {
			Name:  "Blocking",
			Total: 3 * s,
			Lanes: []*trace.Lane{
				lane(name, trace.Interval{State: trace.Blocked, End: 2 * s, Detail: "time.sleep(2)"}),
				lane("B", trace.Interval{State: trace.Ready, End: 2 * s}, trace.Interval{State: trace.Blocked, Start: 2 * s, End: 3 * s}),
			},
		}},
	}
}

// Full is a hand-built trace with every state, every lane kind, every
// outcome, printed and stderr lines, warnings, an error and a task far
// shorter than a pixel.
func Full() *trace.Trace {
	s := time.Second
	iv := func(st trace.State, a, b time.Duration, detail string) trace.Interval {
		return trace.Interval{State: st, Start: a, End: b, Detail: detail}
	}
	task := func(name string, o *trace.Outcome, ivs ...trace.Interval) *trace.Lane {
		return &trace.Lane{Name: name, Intervals: ivs, Outcome: o, Start: ivs[0].Start, End: ivs[len(ivs)-1].End}
	}
	ret := func(v string) *trace.Outcome { return &trace.Outcome{Kind: trace.Returned, Value: v} }
	return &trace.Trace{
		Title: "Every state",
		Runs: []*trace.Run{{
			Name:  "Threads",
			Total: 4 * s,
			Lanes: []*trace.Lane{
				{Name: "event loop", Kind: trace.LoopLane, End: 4 * s, Intervals: []trace.Interval{
					iv(trace.Busy, 0, 500*ms, "main"), iv(trace.Idle, 500*ms, 3*s, ""), iv(trace.Busy, 3*s, 4*s, "fetch")}},
				task("main", ret("None"), iv(trace.Running, 0, 500*ms, ""), iv(trace.Waiting, 500*ms, 4*s, "gather(fetch, crunch)")),
				task("fetch", ret("'a'"),
					iv(trace.Created, 0, 500*ms, ""), iv(trace.Waiting, 500*ms, 3*s, "to_thread(download)"), iv(trace.Running, 3*s, 4*s, "parse")),
				task("crunch", &trace.Outcome{Kind: trace.Raised, Value: "ValueError: boom"},
					iv(trace.Created, 0, 500*ms, ""), iv(trace.Waiting, 500*ms, 2*s, "sleep 1.5 s")),
				{Name: "worker-0", Kind: trace.ThreadLane, End: 4 * s, Intervals: []trace.Interval{
					iv(trace.Idle, 0, 500*ms, ""), iv(trace.Busy, 500*ms, 3*s, "download"), iv(trace.Idle, 3*s, 4*s, "")}},
			},
			Logs: []trace.Log{
				{At: 0, Lane: 2, Text: "starting"},
				{At: 500 * ms, Lane: 3, Text: "downloading…"},
				{At: 2 * s, Lane: 4, Text: "Traceback (most recent call last):", Stderr: true},
				{At: 4 * s, Lane: 2, Text: "done"},
			},
			Warnings: []string{"RuntimeWarning: coroutine 'late' was never awaited"},
		}, {
			Name:  "Blocking",
			Total: 10 * s,
			Error: "ValueError: boom",
			Lanes: []*trace.Lane{
				{Name: "event loop", Kind: trace.LoopLane, End: 10 * s, Intervals: []trace.Interval{
					iv(trace.Busy, 0, 6*s, "slow"), iv(trace.Busy, 6*s, 6*s+500*us, "quick"), iv(trace.Idle, 6*s+500*us, 10*s, "")}},
				task("slow", ret("42"), iv(trace.Blocked, 0, 6*s, "time.sleep(6)")),
				task("quick", &trace.Outcome{Kind: trace.Cancelled}, iv(trace.Ready, 0, 6*s, ""), iv(trace.Running, 6*s, 6*s+500*us, "")),
				task("idle", ret("None"), iv(trace.Waiting, 0, 10*s, "sleep 10 s")),
			},
			Logs: []trace.Log{{At: 6 * s, Lane: 3, Text: "quick ran"}},
		}},
	}
}

// Synthetic is one run of n task lanes, each with spans intervals of
// alternating states, and a loop lane: the shape of a large gather.
func Synthetic(n, spans int) *trace.Trace {
	r := &trace.Run{Name: "Synthetic"}
	loop := &trace.Lane{Name: "event loop", Kind: trace.LoopLane}
	r.Lanes = append(r.Lanes, loop)
	states := []trace.State{trace.Ready, trace.Running, trace.Waiting}
	var end time.Duration
	for i := 0; i < n; i++ {
		l := &trace.Lane{Name: fmt.Sprintf("task_%d", i), Outcome: &trace.Outcome{Value: "None"}}
		t := time.Duration(i) * time.Microsecond
		l.Start = t
		for s := 0; s < spans; s++ {
			d := time.Duration(1+(i*7+s*13)%50) * time.Millisecond
			l.Intervals = append(l.Intervals, trace.Interval{State: states[s%3], Start: t, End: t + d, Detail: "sleep"})
			t += d
		}
		l.End = t
		end = max(end, t)
		r.Lanes = append(r.Lanes, l)
	}
	loop.End = end
	loop.Intervals = []trace.Interval{{State: trace.Idle, End: end}}
	r.Total = end
	return &trace.Trace{Title: "Synthetic", Runs: []*trace.Run{r}}
}

// Big has 2 runs of 100 lanes with 100 intervals each.
func Big() *trace.Trace {
	tr := &trace.Trace{Title: "Big"}
	for r := range 2 {
		run := &trace.Run{Name: fmt.Sprint("run ", r), Total: 10 * time.Second}
		for l := range 100 {
			ln := &trace.Lane{Name: fmt.Sprint("task_", l), End: 10 * time.Second, Outcome: &trace.Outcome{Value: "'ok'"}}
			for i := range 100 {
				st := []trace.State{trace.Running, trace.Waiting, trace.Ready, trace.Blocked}[i%4]
				ln.Intervals = append(ln.Intervals, trace.Interval{State: st, Start: time.Duration(i) * 100 * time.Millisecond,
					End: time.Duration(i+1) * 100 * time.Millisecond, Detail: "sleep 0.1 s"})
			}
			run.Lanes = append(run.Lanes, ln)
			run.Logs = append(run.Logs, trace.Log{At: time.Duration(l) * 50 * time.Millisecond, Lane: trace.LaneID(len(run.Lanes)), Text: "hello"})
		}
		tr.Runs = append(tr.Runs, run)
	}
	return tr
}

// Busy is one run of one lane of n intervals of 1 ms each, in turn
// running and waiting, then a 1 s wait: at 800 px, 1 ms is far narrower
// than a pixel.
func Busy(n int) *trace.Trace {
	ln := &trace.Lane{Name: "busy", Outcome: &trace.Outcome{Value: "None"}}
	var at time.Duration
	for i := range n {
		st := trace.Running
		if i%2 == 1 {
			st = trace.Waiting
		}
		ln.Intervals = append(ln.Intervals, trace.Interval{State: st, Start: at, End: at + time.Millisecond})
		at += time.Millisecond
	}
	ln.Intervals = append(ln.Intervals, trace.Interval{State: trace.Waiting, Start: at, End: at + time.Second, Detail: "sleep 1 s"})
	ln.End = at + time.Second
	r := &trace.Run{Name: "Busy", Lanes: []*trace.Lane{ln}, Total: ln.End}
	for i := range n {
		r.Logs = append(r.Logs, trace.Log{At: time.Duration(i) * time.Millisecond, Lane: 1, Text: fmt.Sprint("line ", i)})
	}
	return &trace.Trace{Title: "Busy", Runs: []*trace.Run{r}}
}

// ManyLanes is one run of n task lanes, each waiting over the whole run
// except lane i's running stretch.
func ManyLanes(n int) *trace.Trace {
	r := &trace.Run{Name: "Many", Total: 10 * time.Second}
	for i := range n {
		ln := &trace.Lane{Name: fmt.Sprint("t", i), End: 10 * time.Second, Outcome: &trace.Outcome{Value: "None"}}
		ln.Intervals = []trace.Interval{
			{State: trace.Running, Start: 0, End: time.Second},
			{State: trace.Waiting, Start: time.Second, End: 10 * time.Second, Detail: "sleep 9 s"},
		}
		r.Lanes = append(r.Lanes, ln)
	}
	return &trace.Trace{Title: "Many", Runs: []*trace.Run{r}}
}

// Outcomes is what the scenario runner and the Python tracer record of a
// lesson on exceptions and forgotten awaits: main awaits safe inline,
// whose try/except catches what fetch (awaited inline by safe) raises;
// parse raises and nobody catches it; and a coroutine object report() is
// created at 0.5 s and never awaited. The second run awaits fetch
// directly, uncaught.
func Outcomes() *trace.Trace {
	s := time.Second
	iv := func(st trace.State, a, b time.Duration, detail string) trace.Interval {
		return trace.Interval{State: st, Start: a, End: b, Detail: detail}
	}
	loop := func(end time.Duration) *trace.Lane {
		return &trace.Lane{Name: "event loop", Kind: trace.LoopLane, End: end, Intervals: []trace.Interval{iv(trace.Idle, 0, end, "")}}
	}
	warning := "RuntimeWarning: coroutine 'report' was never awaited"
	caught := &trace.Run{
		Name:  "Caught",
		Total: 2 * s,
		Lanes: []*trace.Lane{
			loop(2 * s),
			{Name: "main", Start: 0, End: 2 * s, Intervals: []trace.Interval{iv(trace.Waiting, 0, s, "await safe()"), iv(trace.Waiting, s, 2*s, "sleep 1 s")},
				Outcome: &trace.Outcome{Kind: trace.Returned, Value: "None"}},
			{Name: "safe", Parent: 2, Start: 0, End: s, Intervals: []trace.Interval{iv(trace.Waiting, 0, s, "await fetch()")},
				Outcome: &trace.Outcome{Kind: trace.Returned, Value: "None"}},
			{Name: "fetch", Parent: 2, Start: 0, End: s, Intervals: []trace.Interval{iv(trace.Waiting, 0, s, "sleep 1 s")},
				Outcome: &trace.Outcome{Kind: trace.Raised, Value: "ValueError: boom", CaughtBy: 3}},
			{Name: "report", Start: s / 2, End: s / 2, Outcome: &trace.Outcome{Kind: trace.NeverAwaited, Value: warning}},
		},
		Logs:     []trace.Log{{At: s, Lane: 3, Text: "caught boom"}},
		Warnings: []string{warning},
	}
	uncaught := &trace.Run{
		Name:  "Uncaught",
		Total: s,
		Lanes: []*trace.Lane{
			loop(s),
			{Name: "main", Start: 0, End: s, Intervals: []trace.Interval{iv(trace.Waiting, 0, s, "await fetch()")},
				Outcome: &trace.Outcome{Kind: trace.Raised, Value: "ValueError: boom"}},
			{Name: "fetch", Parent: 2, Start: 0, End: s, Intervals: []trace.Interval{iv(trace.Waiting, 0, s, "sleep 1 s")},
				Outcome: &trace.Outcome{Kind: trace.Raised, Value: "ValueError: boom"}},
		},
		Error: "ValueError: boom",
	}
	return &trace.Trace{Title: "Exceptions and forgotten awaits", Runs: []*trace.Run{caught, uncaught}}
}

package render

import (
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

const (
	ms = time.Millisecond
	us = time.Microsecond
)

// fullTrace is a hand-built trace with every state, every lane kind, every
// outcome, printed and stderr lines, warnings, an error and a task far
// shorter than a pixel.
func fullTrace() *trace.Trace {
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

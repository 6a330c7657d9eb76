package runner

import (
	"strconv"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// laneRec records one lane's state changes into the lane it was made
// with (the trace's lane, r.lane).
type laneRec struct {
	*laneStore
	// mem is the run's memory estimate, which intervals add to.
	mem    *int64
	id     trace.LaneID // while the run runs: lanes in order of creation
	state  trace.State
	detail string
	since  time.Duration
	open   bool
}

// set changes the lane's state at time now, closing the previous interval.
// Zero-length intervals are not recorded.
func (r *laneRec) set(now time.Duration, s trace.State, detail string) {
	if r.open && r.state == s && r.detail == detail {
		return
	}
	r.close(now)
	r.state, r.detail, r.since, r.open = s, detail, now, true
}

func (r *laneRec) close(now time.Duration) {
	if r.open && now > r.since {
		ivs := r.lane.Intervals
		if cap(ivs) == 0 {
			ivs = r.ivs[:0:len(r.ivs)]
		}
		// An interval continues the previous one across a zero-length
		// change, unless it says what it waits on: two sleeps in a row
		// are two awaits, drawn as two bars.
		if n := len(ivs); n > 0 && ivs[n-1].End == r.since && ivs[n-1].State == r.state && r.detail == "" && ivs[n-1].Detail == "" {
			ivs[n-1].End = now
		} else {
			if len(ivs) >= len(r.ivs) {
				*r.mem += intervalCost // past the room kept in the lane's store
			}
			r.lane.Intervals = append(ivs, trace.Interval{State: r.state, Start: r.since, End: now, Detail: r.detail})
		}
	}
	r.open = false
}

// end ends the lane's life at now, with no outcome (a loop or thread
// lane, or a task that did not finish).
func (r *laneRec) end(now time.Duration) {
	r.close(now)
	r.lane.End = now
}

// finish ends a task's or coroutine's lane at now with an outcome.
func (r *laneRec) finish(now time.Duration, kind trace.OutcomeKind, value string) {
	r.end(now)
	r.out = trace.Outcome{Kind: kind, Value: value}
	r.lane.Outcome = &r.out
}

// laneStore is what the trace keeps of a lane, allocated together: the
// lane, room for its first intervals (most lanes have one or two) and its
// outcome.
type laneStore struct {
	lane trace.Lane
	ivs  [2]trace.Interval
	out  trace.Outcome
}

// newLane adds a lane to the run, named after name; a name used before
// gets a number: "A", "A #2".
func (l *loop) newLane(name string, kind trace.LaneKind, parent trace.LaneID) *laneRec {
	r := l.laneRecSlab.alloc()
	l.initLane(r, name, kind, parent)
	return r
}

// initLane sets up r as the record of a new lane (see newLane).
func (l *loop) initLane(r *laneRec, name string, kind trace.LaneKind, parent trace.LaneID) {
	l.names[name]++
	if n := l.names[name]; n > 1 {
		b := append(l.nameBuf[:0], name...)
		b = append(b, " #"...)
		b = strconv.AppendInt(b, int64(n), 10)
		l.nameBuf = b
		name = string(b)
	}
	now := l.clk.now()
	st := l.laneSlab.alloc()
	st.lane = trace.Lane{Name: name, Kind: kind, Parent: parent, Start: now, End: now}
	l.run.Lanes = append(l.run.Lanes, &st.lane) // put in order at the end (laneOrder)
	r.laneStore, r.id, r.mem = st, trace.LaneID(len(l.run.Lanes)), &l.mem
	l.mem += laneCost
}

// warn writes a warning to stderr, once per site as Python's default
// warning filter does.
func (l *loop) warn(site warnSite) {
	if l.ex.warned[site] {
		return
	}
	l.ex.warned[site] = true
	l.run.Warnings = append(l.run.Warnings, site.msg)
	l.stderr(site.msg, trace.NoLane)
}

func (l *loop) stderr(text string, lane trace.LaneID) {
	l.mem += logCost + int64(len(text))
	l.logs.add(trace.Log{At: l.clk.now(), Lane: lane, Text: text, Stderr: true})
}

func (l *loop) print(lane *laneRec, text string) {
	l.mem += logCost + int64(len(text))
	l.logs.add(trace.Log{At: l.clk.now(), Lane: lane.id, Text: text})
	if l.stdout != nil {
		l.stdout.Write([]byte(text + "\n"))
	}
}

// laneOrder orders a run's lanes: the event loop, then the worker threads,
// then the tasks, each in order of creation (SortLanes keeps it).
func laneOrder(a, b *trace.Lane) int { return laneRank(a.Kind) - laneRank(b.Kind) }

func laneRank(k trace.LaneKind) int {
	switch k {
	case trace.LoopLane:
		return 0
	case trace.ThreadLane:
		return 1
	}
	return 2
}

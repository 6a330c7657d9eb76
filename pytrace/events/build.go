package events

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// LoopLaneName is the name of a run's event loop lane.
const LoopLaneName = "event loop"

// laneRef is how the run refers to one of its lanes (trace.NoLane for
// nil). Lane references (Lane.Parent, Log.Lane) are made here only.
func (b *builder) laneRef(l *trace.Lane) trace.LaneID {
	if l == nil {
		return trace.NoLane
	}
	return b.ids[l]
}

// builder turns one run of a Program into a trace.Run.
type builder struct {
	p     *Program
	r     *run
	clip  bool
	names map[int]string      // lane id -> unique name in the run
	lanes map[int]*trace.Lane // lane id -> the run's lane
	ids   map[*trace.Lane]trace.LaneID
}

func (p *Program) build(r *run) *trace.Run {
	b := &builder{p: p, r: r, clip: r.root.Kind == Inline || r.root.Creator != 0, names: map[int]string{}, lanes: map[int]*trace.Lane{}}
	if r.root.Kind == Task && r.root.Creator == 0 {
		b.clip = false
	}
	out := &trace.Run{Name: r.name, Total: r.end - r.start}
	sortUnordered(r.members)
	used := map[string]int{}
	for _, l := range r.members {
		name := l.Name
		if l.Kind != Thread && strings.HasSuffix(name, "()") {
			name = strings.TrimSuffix(name, "()")
		}
		used[name]++
		if n := used[name]; n > 1 {
			name += " #" + strconv.Itoa(n)
		}
		b.names[l.ID] = name
	}
	var threads, tasks []*trace.Lane
	for _, l := range r.members {
		tl := b.lane(l)
		b.lanes[l.ID] = tl
		if l.Kind == Thread {
			threads = append(threads, tl)
		} else {
			tasks = append(tasks, tl)
		}
	}
	out.Lanes = append(out.Lanes, b.loopLane())
	out.Lanes = append(out.Lanes, threads...)
	out.Lanes = append(out.Lanes, tasks...)
	b.ids = make(map[*trace.Lane]trace.LaneID, len(out.Lanes))
	for i, l := range out.Lanes {
		b.ids[l] = trace.LaneID(i + 1)
	}
	for _, l := range r.members {
		if l.Kind == Inline && l != r.root {
			if parent := b.lanes[l.Parent]; parent != nil {
				b.lanes[l.ID].Parent = b.laneRef(parent)
			}
		}
	}
	out.Logs = b.logs()
	for _, g := range out.Logs {
		if w := warningOf(g); w != "" {
			out.Warnings = append(out.Warnings, w)
		}
	}
	if o := r.root.Outcome; o != nil && o.Kind == trace.Raised {
		out.Error = o.Value
	}
	if p.Stop != nil && p.Stop.At >= r.start && (p.Stop.At <= b.windowEnd() || !r.root.Ended) {
		out.Interrupted = true
		out.Error = b.stopReport()
		out.Total = max(out.Total, p.Stop.At-r.start)
	}
	return out
}

// sortUnordered puts each row of unordered sibling tasks (created by one
// lane at one time from a set) in the order of their names.
func sortUnordered(ls []*Lane) {
	for i := 0; i < len(ls); {
		j := i + 1
		if ls[i].Unordered {
			for j < len(ls) && ls[j].Unordered && ls[j].Creator == ls[i].Creator && ls[j].Start == ls[i].Start {
				j++
			}
			slices.SortStableFunc(ls[i:j], func(a, b *Lane) int { return cmp.Compare(a.Name, b.Name) })
		}
		i = j
	}
}

// windowEnd is the end of what a run shows: its root's end for a call,
// the loop's close for an asyncio.run (shutdown prints count).
func (b *builder) windowEnd() time.Duration {
	if b.clip {
		return b.r.end
	}
	return max(b.r.end, b.r.loop.End)
}

// rel converts a program time to the run's time, clipped to the run.
func (b *builder) rel(t time.Duration) time.Duration {
	t -= b.r.start
	if t < 0 {
		t = 0
	}
	if b.clip {
		t = min(t, b.r.end-b.r.start)
	}
	return t
}

func (b *builder) loopLane() *trace.Lane {
	r := b.r
	end := r.end - r.start
	ll := &trace.Lane{Name: LoopLaneName, Kind: trace.LoopLane, Start: 0, End: end}
	cur := time.Duration(0)
	for _, h := range r.loop.Holds {
		s, e := h.Start-r.start, h.End-r.start
		if e <= 0 || s >= end {
			continue
		}
		s, e = max(s, 0), min(e, end)
		if s > cur {
			ll.Intervals = append(ll.Intervals, trace.Interval{State: trace.Idle, Start: cur, End: s})
		}
		if e > s {
			ll.Intervals = append(ll.Intervals, trace.Interval{State: trace.Busy, Start: s, End: e, Detail: b.holderName(h.Task)})
		}
		cur = max(cur, e)
	}
	if end > cur {
		ll.Intervals = append(ll.Intervals, trace.Interval{State: trace.Idle, Start: cur, End: end})
	}
	return ll
}

// holderName names the task holding the loop: its lane, or the run's root
// when the task is the one the root coroutine runs in.
func (b *builder) holderName(task int) string {
	if n, ok := b.names[task]; ok {
		return n
	}
	if b.r.root.Task == task {
		return b.names[b.r.root.ID]
	}
	return b.p.Lanes[task-1].Name
}

func (b *builder) refName(r Ref) string {
	if r.Lane == 0 {
		return strings.TrimSuffix(r.Name, "()")
	}
	return b.name(r.Lane)
}

func (b *builder) name(id int) string {
	if n, ok := b.names[id]; ok {
		return n
	}
	if id >= 1 && id <= len(b.p.Lanes) {
		return strings.TrimSuffix(b.p.Lanes[id-1].Name, "()")
	}
	return "?"
}

func (b *builder) lane(l *Lane) *trace.Lane {
	tl := &trace.Lane{Name: b.names[l.ID], Kind: trace.TaskLane, Start: b.rel(l.Start), End: b.rel(l.End)}
	if l.Kind == Thread {
		tl.Kind = trace.ThreadLane
		tl.Start, tl.End = 0, b.r.end-b.r.start
	}
	for _, iv := range l.Intervals {
		s, e := b.rel(iv.Start), b.rel(iv.End)
		if l.Kind == Thread {
			s, e = min(max(iv.Start-b.r.start, 0), tl.End), min(max(iv.End-b.r.start, 0), tl.End)
		}
		if e <= s {
			continue
		}
		detail := iv.Text
		if iv.State == trace.Waiting {
			detail = b.waitText(iv.Wait)
		}
		tl.Intervals = append(tl.Intervals, trace.Interval{State: iv.State, Start: s, End: e, Detail: detail})
	}
	if l.Kind != Thread && l.Ended && (!b.clip || l.End <= b.r.end) {
		if l.Outcome != nil {
			o := *l.Outcome
			tl.Outcome = &o
		} else if task := b.p.Lanes[l.Task-1]; l.Kind == Inline && task.Outcome != nil && task.End == l.End {
			// An inline coroutine that ended with its task ended the
			// same way (the exception went through it).
			o := *task.Outcome
			tl.Outcome = &o
		} else {
			tl.Outcome = &trace.Outcome{Kind: trace.Raised}
		}
		if tl.Outcome.Kind == trace.Raised && tl.Outcome.Value == "" {
			if task := b.p.Lanes[l.Task-1]; task.Outcome != nil && task.End == l.End && task.Outcome.Kind != trace.Returned {
				tl.Outcome = &trace.Outcome{Kind: task.Outcome.Kind, Value: task.Outcome.Value}
			}
		}
	}
	return tl
}

// waitText is the detail of a waiting interval, e.g. "sleep 2 s".
func (b *builder) waitText(w Wait) string {
	switch w.Kind {
	case "sleep":
		return "sleep " + w.Seconds + " s"
	case "await":
		n := b.refName(w.Refs[0])
		if raw := b.p.Lanes[w.Refs[0].Lane-1].Name; strings.HasSuffix(raw, "()") {
			n += "()"
		}
		return "await " + n
	case "task":
		return b.refName(w.Refs[0])
	case "gather":
		return "gather(" + b.nameList(w.Refs) + ")"
	case "wait":
		// asyncio.wait takes a set: its order is not the program's.
		refs := slices.Clone(w.Refs)
		slices.SortStableFunc(refs, func(a, b Ref) int { return cmp.Or(cmp.Compare(a.Lane, b.Lane), cmp.Compare(a.Name, b.Name)) })
		return "wait(" + b.nameList(refs) + ")"
	case "wait_for":
		return "wait_for(" + b.refName(w.Refs[0]) + ", " + w.Seconds + " s)"
	}
	return w.Text
}

// nameList names lanes, the first six and then their number.
func (b *builder) nameList(refs []Ref) string {
	var parts []string
	for i, r := range refs {
		if i == 6 && len(refs) > 7 {
			parts = append(parts, "… "+strconv.Itoa(len(refs))+" tasks")
			break
		}
		parts = append(parts, b.refName(r))
	}
	return strings.Join(parts, ", ")
}

// warningRE matches the first line Python's warnings module writes for a
// warning: "FILE:LINE: CATEGORY: MESSAGE".
var warningRE = regexp.MustCompile(`^.*:[0-9]+: ([A-Za-z_][A-Za-z0-9_]*Warning): (.*)$`)

// warningOf returns the warning a line of standard error shows, as
// "RuntimeWarning: coroutine 'a' was never awaited", or "".
func warningOf(g trace.Log) string {
	if !g.Stderr {
		return ""
	}
	m := warningRE.FindStringSubmatch(g.Text)
	if m == nil {
		return ""
	}
	return m[1] + ": " + m[2]
}

func (b *builder) logs() []trace.Log {
	r := b.r
	var logs []trace.Log
	last := time.Duration(0)
	for _, g := range b.p.Logs {
		mine := false
		if g.Lane != 0 {
			_, mine = b.lanes[g.Lane]
		} else {
			mine = g.Loop == r.loop.ID && g.At >= r.start && g.At <= b.windowEnd()
		}
		if !mine {
			continue
		}
		at := max(b.rel(g.At), last)
		last = at
		logs = append(logs, trace.Log{At: at, Lane: b.laneRef(b.lanes[g.Lane]), Text: g.Text, Stderr: g.Stderr})
	}
	return logs
}

// stopReport says why the probe stopped the program and what each task of
// the run was doing then, e.g. "deadlock at t=0 s: A waits for ev.wait()
// (Python would hang here)".
func (b *builder) stopReport() string {
	st := b.p.Stop
	at := trimSeconds(b.rel(st.At))
	var head string
	switch st.Reason {
	case "deadlock":
		head = "deadlock at t=" + at + " s"
	case "duration":
		head = "stopped at t=" + at + " s: the run lasts longer than --max-duration"
	case "events":
		head = "stopped at t=" + at + " s: " + st.Detail + " (--max-events)"
	case "interrupt":
		head = "stopped by an interrupt (Ctrl-C) at t=" + at + " s"
	default:
		head = "stopped at t=" + at + " s: " + st.Reason
	}
	var clauses []string
	for _, l := range b.r.members {
		if l.Kind == Thread || (l.Ended && l.End <= st.At) {
			continue
		}
		if !l.hasTail {
			continue
		}
		name := b.names[l.ID]
		switch l.tail.State {
		case trace.Waiting:
			if l.tail.Wait.Kind == "await" {
				continue // its inline coroutine says what it waits for
			}
			clauses = append(clauses, name+" waits for "+b.waitText(l.tail.Wait))
		case trace.Ready:
			clauses = append(clauses, name+" is ready to run")
		case trace.Running, trace.Blocked:
			clauses = append(clauses, name+" is running and never gives the loop back")
		}
	}
	if len(clauses) > 8 {
		n := len(clauses)
		clauses = append(clauses[:7], "and "+strconv.Itoa(n-7)+" more tasks")
	}
	msg := head
	if len(clauses) > 0 {
		msg += ": " + strings.Join(clauses, "; ")
	}
	if st.Reason == "deadlock" {
		msg += " (Python would hang here)"
	}
	return msg
}

// trimSeconds writes a duration in seconds, e.g. "2", "0.5".
func trimSeconds(d time.Duration) string {
	s := strconv.FormatFloat(d.Round(time.Millisecond).Seconds(), 'f', 3, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

package chrome

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// ownState collects the runs of a file written by Write.
type ownState struct {
	trace *trace.Trace
	runs  map[string]*ownRun
}

// ownRun collects one run (a process) of a file written by Write.
type ownRun struct {
	id    eventID
	sort  int64
	run   *trace.Run
	lanes map[string]*ownLane
	// logLanes are the lanes named by the run's logs, resolved at the end.
	logLanes []ownRef
}

// ownLane collects one lane (a thread) of a file written by Write.
type ownLane struct {
	id     eventID
	sort   int64
	lane   *trace.Lane
	parent ownRef // the name of the lane's parent, resolved at the end
	// caughtBy is the name of the lane that caught the lane's exception,
	// resolved at the end.
	caughtBy ownRef
}

// ownRef is a reference to a lane by name, as the file writes it: the
// name and where it was read, for an error if it names no lane.
type ownRef struct {
	name  string
	log   int   // for a log's lane: the log's index in its run
	event int   // the event's number in the file, from 1
	off   int64 // the event's offset in the file
}

func newOwnState(other map[string]json.RawMessage) *ownState {
	var o otherData
	get := func(key string, dst *string) { _ = json.Unmarshal(other[key], dst) }
	get("title", &o.Title)
	get("description", &o.Description)
	get("clock", &o.Clock)
	_ = json.Unmarshal(other["independent"], &o.Independent)
	t := &trace.Trace{Title: o.Title, Description: o.Description, Independent: o.Independent}
	if o.Clock == trace.Measured.String() {
		t.Clock = trace.Measured
	}
	return &ownState{trace: t, runs: map[string]*ownRun{}}
}

func (o *ownState) run(pid eventID) *ownRun {
	r := o.runs[pid.text]
	if r == nil {
		r = &ownRun{id: pid, sort: math.MaxInt64, run: &trace.Run{Name: fallbackName("pid", pid)}, lanes: map[string]*ownLane{}}
		o.runs[pid.text] = r
	}
	return r
}

func (r *ownRun) lane(tid eventID) *ownLane {
	l := r.lanes[tid.text]
	if l == nil {
		l = &ownLane{id: tid, sort: math.MaxInt64, lane: &trace.Lane{Name: fallbackName("tid", tid)}}
		r.lanes[tid.text] = l
	}
	return l
}

func parseLaneKind(s string) (trace.LaneKind, bool) {
	for _, k := range []trace.LaneKind{trace.TaskLane, trace.LoopLane, trace.ThreadLane} {
		if k.String() == s {
			return k, true
		}
	}
	return 0, false
}

// ownEvent reads one event of a file written by Write; n is its number
// in the file and off its offset, kept for errors found at the end.
func (p *parser) ownEvent(ev *inEvent, n int, off int64) error {
	switch {
	case ev.Ph == "M" && ev.Name == "process_name":
		return p.ownProcess(ev)
	case ev.Ph == "M" && ev.Name == "thread_name":
		return p.ownThread(ev, ownRef{event: n, off: off})
	case ev.Ph == "M" && (ev.Name == "process_sort_index" || ev.Name == "thread_sort_index"):
		var a sortArgs
		if err := json.Unmarshal(ev.Args, &a); err != nil {
			return badArgs(ev, err)
		}
		if ev.Name == "process_sort_index" {
			p.own.run(ev.Pid).sort = int64(a.SortIndex)
		} else {
			p.own.run(ev.Pid).lane(ev.Tid).sort = int64(a.SortIndex)
		}
	case ev.Ph == "X" && ev.Cat == "lane":
		// The lane's life is in its thread_name args.
	case ev.Ph == "X" && ev.Cat == "state":
		return p.ownState(ev)
	case ev.Ph == "i" && ev.Cat == "log":
		return p.ownLog(ev, ownRef{event: n, off: off})
	case ev.Ph == "i" && ev.Cat == "outcome":
		return p.ownOutcome(ev, ownRef{event: n, off: off})
	default:
		p.stats.Ignored[ev.Ph]++
	}
	return nil
}

// badArgs says that an event's args could not be decoded.
func badArgs(ev *inEvent, err error) error {
	return fmt.Errorf("%s %q: bad args: %v", ev.Ph, ev.Name, err)
}

// needTime reads the time n, the value of the field what of the event ev.
func needTime(ev *inEvent, n json.Number, what string) (time.Duration, error) {
	d, ok := parseMicros(n)
	if !ok {
		return 0, fmt.Errorf("%s %q: %s %q is not a number of microseconds", ev.Ph, ev.Name, what, n)
	}
	return d, nil
}

// ownProcess reads a process_name event: a run's name, total and ending.
func (p *parser) ownProcess(ev *inEvent) error {
	var a runArgs
	if err := json.Unmarshal(ev.Args, &a); err != nil {
		return badArgs(ev, err)
	}
	total, err := needTime(ev, a.Total, "total_us")
	if err != nil {
		return err
	}
	r := p.own.run(ev.Pid)
	r.run.Name, r.run.Total, r.run.Error, r.run.Warnings, r.run.Interrupted = a.Name, total, a.Error, a.Warnings, a.Interrupted
	return nil
}

// ownThread reads a thread_name event: a lane's name, kind, parent and
// life. The parent, a name, is resolved once every lane is known.
func (p *parser) ownThread(ev *inEvent, ref ownRef) error {
	var a laneArgs
	if err := json.Unmarshal(ev.Args, &a); err != nil {
		return badArgs(ev, err)
	}
	kind, ok := parseLaneKind(a.Kind)
	if !ok {
		return fmt.Errorf("thread_name: unknown lane kind %q, expected task, loop or thread", a.Kind)
	}
	start, err := needTime(ev, a.Start, "start_us")
	if err != nil {
		return err
	}
	end, err := needTime(ev, a.End, "end_us")
	if err != nil {
		return err
	}
	ol := p.own.run(ev.Pid).lane(ev.Tid)
	l := ol.lane
	l.Name, l.Kind, l.Start, l.End = a.Name, kind, start, end
	ref.name = a.Parent
	ol.parent = ref
	return nil
}

// ownState reads a state slice: one interval of a lane.
func (p *parser) ownState(ev *inEvent) error {
	s, ok := trace.ParseState(ev.Name)
	if !ok {
		return fmt.Errorf("%s: unknown state %q, expected one of %v", ev.Ph, ev.Name, trace.States()) // ev.Ph is "X"
	}
	start, err := needTime(ev, ev.Ts, "ts")
	if err != nil {
		return err
	}
	dur, err := needTime(ev, ev.Dur, "dur")
	if err != nil {
		return err
	}
	var a detailArgs
	if d, ok := p.quickDetail(ev.Args); ok {
		a.Detail = d
	} else if len(ev.Args) > 0 {
		if err := json.Unmarshal(ev.Args, &a); err != nil {
			return badArgs(ev, err)
		}
	}
	l := p.own.run(ev.Pid).lane(ev.Tid).lane
	l.Intervals = append(l.Intervals, trace.Interval{State: s, Start: start, End: start + dur, Detail: a.Detail})
	return nil
}

// ownLog reads a log instant. The lane that printed it, a name, is
// resolved once every lane is known.
func (p *parser) ownLog(ev *inEvent, ref ownRef) error {
	at, err := needTime(ev, ev.Ts, "ts")
	if err != nil {
		return err
	}
	var a logArgs
	if err := json.Unmarshal(ev.Args, &a); err != nil {
		return badArgs(ev, err)
	}
	r := p.own.run(ev.Pid)
	if a.Lane != "" {
		ref.name, ref.log = a.Lane, len(r.run.Logs)
		r.logLanes = append(r.logLanes, ref)
	}
	r.run.Logs = append(r.run.Logs, trace.Log{At: at, Text: a.Text, Stderr: a.Stream == "stderr"})
	return nil
}

// ownOutcome reads an outcome instant: how a task ended. The lane that
// caught its exception, a name, is resolved once every lane is known.
func (p *parser) ownOutcome(ev *inEvent, ref ownRef) error {
	var a map[string]string
	if err := json.Unmarshal(ev.Args, &a); err != nil {
		return badArgs(ev, err)
	}
	out, ok := parseOutcome(ev.Name, a)
	if !ok {
		return fmt.Errorf("i: unknown outcome %q, expected returned, raised, cancelled or never awaited", ev.Name)
	}
	ol := p.own.run(ev.Pid).lane(ev.Tid)
	ol.lane.Outcome = out
	ref.name = a["caught_by"]
	ol.caughtBy = ref
	return nil
}

// parseOutcome reads an outcome instant named name with the args a.
func parseOutcome(name string, a map[string]string) (*trace.Outcome, bool) {
	for _, k := range trace.OutcomeKinds() {
		if k.String() == name {
			return &trace.Outcome{Kind: k, Value: a[outcomeKeys[k]]}, true
		}
	}
	return nil, false
}

// ownTrace assembles the trace of a file written by Write, resolving the
// names by which lanes and logs refer to lanes.
func (p *parser) ownTrace() (*trace.Trace, error) {
	o := p.own
	runs := make([]*ownRun, 0, len(o.runs))
	for _, r := range o.runs {
		runs = append(runs, r)
	}
	slices.SortFunc(runs, func(a, b *ownRun) int { return cmp.Or(cmp.Compare(a.sort, b.sort), compareIDs(a.id, b.id)) })
	for _, r := range runs {
		lanes := make([]*ownLane, 0, len(r.lanes))
		for _, l := range r.lanes {
			lanes = append(lanes, l)
		}
		slices.SortFunc(lanes, func(a, b *ownLane) int { return cmp.Or(cmp.Compare(a.sort, b.sort), compareIDs(a.id, b.id)) })
		for _, l := range lanes {
			slices.SortStableFunc(l.lane.Intervals, func(a, b trace.Interval) int { return cmp.Compare(a.Start, b.Start) })
			r.run.Lanes = append(r.run.Lanes, l.lane)
		}
		if err := p.resolveOwn(r, lanes); err != nil {
			return nil, err
		}
		o.trace.Runs = append(o.trace.Runs, r.run)
	}
	return o.trace, nil
}

// resolveOwn sets the LaneIDs of a run whose lanes are in place, from the
// names the file gives: each lane's parent, the lane that caught its
// exception, and each log's lane. A name
// that two lanes share refers to the first; Validate then reports the
// names that are not unique.
func (p *parser) resolveOwn(r *ownRun, lanes []*ownLane) error {
	ids := make(map[string]trace.LaneID, len(lanes))
	for i, l := range lanes {
		if _, dup := ids[l.lane.Name]; !dup {
			ids[l.lane.Name] = trace.LaneID(i + 1)
		}
	}
	resolve := func(ref ownRef, what string) (trace.LaneID, error) {
		if ref.name == "" {
			return trace.NoLane, nil
		}
		id, ok := ids[ref.name]
		if !ok {
			return 0, p.fail(ref.off, "event %d: %s %q is not the name of a lane of run %q", ref.event, what, ref.name, r.run.Name)
		}
		return id, nil
	}
	for _, l := range lanes {
		id, err := resolve(l.parent, "thread_name: parent")
		if err != nil {
			return err
		}
		l.lane.Parent = id
		if l.lane.Outcome != nil {
			if l.lane.Outcome.CaughtBy, err = resolve(l.caughtBy, "outcome: caught_by"); err != nil {
				return err
			}
		}
	}
	for _, ref := range r.logLanes {
		id, err := resolve(ref, "log: lane")
		if err != nil {
			return err
		}
		r.run.Logs[ref.log].Lane = id
	}
	r.logLanes = nil
	return nil
}

package trace

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Validate checks the invariants every trace must hold, and returns all
// violations joined, or nil:
//   - every interval has End >= Start and lies within [0, run span];
//   - a lane's intervals are sorted and do not overlap, and lie within
//     [lane.Start, lane.End] once the lane has ended;
//   - at most one task lane is Running or Blocked at any instant within a
//     run whose lanes share one event loop (checked when the run has a
//     LoopLane);
//   - logs are in time order;
//   - lane names are unique within a run;
//   - every reference to a lane resolves: a Log.Lane is NoLane or one of
//     the run's lanes, and a Lane.Parent is NoLane or another lane of the
//     run, a task lane; an Outcome.CaughtBy is NoLane or another task lane
//     of the run, and only an outcome that Raised has one;
//   - a lane whose outcome is NeverAwaited is a task lane with no
//     intervals that starts and ends at the same moment.
func Validate(t *Trace) error {
	var errs []error
	for _, r := range t.Runs {
		errs = append(errs, validateRun(r)...)
		errs = append(errs, validateLanes(r)...)
	}
	return errors.Join(errs...)
}

func validateRun(r *Run) []error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("run %q: "+format, append([]any{r.Name}, a...)...))
	}
	if r.Total < 0 {
		bad("negative total %v", r.Total)
	}
	span := r.Span()
	hasLoop := false
	type holding struct {
		lane       string
		start, end int64
	}
	var holds []holding
	for _, l := range r.Lanes {
		if l.Kind == LoopLane {
			hasLoop = true
		}
		if l.End < l.Start {
			bad("lane %q ends at %v before it starts at %v", l.Name, l.End, l.Start)
		}
		for i, iv := range l.Intervals {
			if iv.End < iv.Start {
				bad("lane %q interval %d (%s) ends at %v before it starts at %v", l.Name, i, iv.State, iv.End, iv.Start)
			}
			if iv.Start < 0 || iv.End > span {
				bad("lane %q interval %d (%s) [%v, %v] lies outside the run [0, %v]", l.Name, i, iv.State, iv.Start, iv.End, span)
			}
			if i > 0 && iv.Start < l.Intervals[i-1].End {
				bad("lane %q interval %d (%s) starts at %v before the previous one ends at %v", l.Name, i, iv.State, iv.Start, l.Intervals[i-1].End)
			}
			if l.Outcome != nil && (iv.Start < l.Start || iv.End > l.End) {
				bad("lane %q interval %d (%s) [%v, %v] lies outside the lane's life [%v, %v]", l.Name, i, iv.State, iv.Start, iv.End, l.Start, l.End)
			}
			if l.Kind == TaskLane && l.Parent == NoLane && (iv.State == Running || iv.State == Blocked) && iv.End > iv.Start {
				holds = append(holds, holding{l.Name, int64(iv.Start), int64(iv.End)})
			}
		}
	}
	if hasLoop {
		slices.SortStableFunc(holds, func(a, b holding) int { return cmp.Compare(a.start, b.start) })
		for i := 1; i < len(holds); i++ {
			// holds[i-1] carries the latest end seen so far (see below).
			if a, b := holds[i-1], holds[i]; b.start < a.end {
				bad("tasks %q and %q both hold the event loop between %v and %v", a.lane, b.lane, time.Duration(b.start), time.Duration(min(a.end, b.end)))
			}
			if holds[i].end < holds[i-1].end {
				holds[i].end, holds[i].lane = holds[i-1].end, holds[i-1].lane
			}
		}
	}
	for i := 1; i < len(r.Logs); i++ {
		if r.Logs[i].At < r.Logs[i-1].At {
			bad("log %d at %v comes before log %d at %v", i, r.Logs[i].At, i-1, r.Logs[i-1].At)
		}
	}
	return errs
}

// validateLanes checks that a run's lane names are unique and that its lane
// references resolve.
func validateLanes(r *Run) []error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("run %q: "+format, append([]any{r.Name}, a...)...))
	}
	first := make(map[string]int, len(r.Lanes)) // a name's first lane, by index
	for i, l := range r.Lanes {
		if j, dup := first[l.Name]; dup {
			bad("lanes %d and %d are both named %q: lane names must be unique within a run", j+1, i+1, l.Name)
		} else {
			first[l.Name] = i
		}
		switch p := r.LaneByID(l.Parent); {
		case l.Parent == NoLane:
		case p == nil:
			bad("lane %q has parent lane %d, but the run has lanes 1 to %d", l.Name, l.Parent, len(r.Lanes))
		case p == l:
			bad("lane %q is its own parent", l.Name)
		case p.Kind != TaskLane:
			bad("lane %q has parent %q, a %s lane: a parent must be a task lane", l.Name, p.Name, p.Kind)
		}
	}
	for _, l := range r.Lanes {
		errs = append(errs, validateOutcome(r, l)...)
	}
	for i, g := range r.Logs {
		if g.Lane != NoLane && r.LaneByID(g.Lane) == nil {
			bad("log %d is printed by lane %d, but the run has lanes 1 to %d", i, g.Lane, len(r.Lanes))
		}
	}
	return errs
}

// validateOutcome checks what a lane's outcome says: the lane that caught
// an exception, and the shape of a never-awaited coroutine's lane.
func validateOutcome(r *Run, l *Lane) []error {
	o := l.Outcome
	if o == nil {
		return nil
	}
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("run %q: lane %q: "+format, append([]any{r.Name, l.Name}, a...)...))
	}
	switch c := r.LaneByID(o.CaughtBy); {
	case o.CaughtBy == NoLane:
	case o.Kind != Raised:
		bad("a %s outcome is caught by lane %d: only an exception (raised) is caught", o.Kind, o.CaughtBy)
	case c == nil:
		bad("exception caught by lane %d, but the run has lanes 1 to %d", o.CaughtBy, len(r.Lanes))
	case c == l:
		bad("exception caught by the lane itself: the catcher is its caller, an ancestor or an awaiting task")
	case c.Kind != TaskLane:
		bad("exception caught by %q, a %s lane: only a task lane catches", c.Name, c.Kind)
	}
	if o.Kind == NeverAwaited {
		if l.Kind != TaskLane {
			bad("a %s lane is never awaited: only a coroutine (a task lane) is", l.Kind)
		}
		if l.End != l.Start {
			bad("never awaited, yet it lasts from %v to %v: it is a moment (Start == End)", l.Start, l.End)
		}
		if len(l.Intervals) > 0 {
			bad("never awaited, yet it has intervals (from %v): a coroutine never awaited never runs", l.Intervals[0].Start)
		}
	}
	return errs
}
